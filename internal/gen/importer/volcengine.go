package importer

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// Volcengine metadata tiers; see specs/volcengine/SOURCE.md.
//
// metadata/<svc>/<ver>/metadata.json: per action, ApiInfo (Method,
// ContentType; absent means GET with a query string).
type vcMetadata map[string]struct {
	APIInfo *struct {
		Method      string `json:"Method"`
		ContentType string `json:"ContentType"`
	} `json:"ApiInfo"`
}

// metatype/<svc>/<ver>/meta_type.json: per action, the request and response
// trees (TypeName, TypeOf, Required; ChildMetas for nested objects).
type vcMetaTypes map[string]struct {
	Request  vcMeta `json:"Request"`
	Response vcMeta `json:"Response"`
}

type vcMeta struct {
	MetaTypes  map[string]vcMetaType `json:"MetaTypes"`
	ChildMetas map[string]vcMeta     `json:"ChildMetas"`
}

type vcMetaType struct {
	TypeName string `json:"TypeName"`
	TypeOf   string `json:"TypeOf"`
	Required bool   `json:"Required"`
}

// structure/<svc>/<ver>/structure.json: per action, the request fields with
// named nested types ("TagForRunInstancesInput"); a nested type's fields are
// keyed "<Type>.<Field>".
type vcStructure struct {
	Service   string                             `json:"Service"`
	Version   string                             `json:"Version"`
	Structure map[string]map[string]vcStructure1 `json:"Structure"`
}

type vcStructure1 struct {
	Type         string `json:"Type"`
	IsArray      bool   `json:"IsArray"`
	IsMap        bool   `json:"IsMap"`
	IsObject     bool   `json:"IsObject"`
	IsEnum       bool   `json:"IsEnum"`
	IsJSONNumber bool   `json:"IsJsonNumber"`
	Required     bool   `json:"Required"`
	Format       string `json:"Format"`
	ParentType   string `json:"ParentType"`
}

// volcengineEndpoint is the universal endpoint of volcengine-go-sdk
// (providers/volcengine.md §b); the metadata names no host.
const volcengineEndpoint = "open.volcengineapi.com"

// ImportVolcengine reads one Volcengine service version from the three
// metadata tiers under dir. The request side comes from the structure tier
// (it names nested types and keeps int32/int64 formats), the response side
// from the metatype tier, and the HTTP method and content type from the
// metadata tier.
func ImportVolcengine(fsys fs.FS, dir, service, version string) (*api.Service, error) {
	paths := []string{
		joinPath(dir, "metadata", service, version, "metadata.json"),
		joinPath(dir, "metatype", service, version, "meta_type.json"),
		joinPath(dir, "structure", service, version, "structure.json"),
	}
	var md vcMetadata
	var mt vcMetaTypes
	var st vcStructure
	rawMD, err := fs.ReadFile(fsys, paths[0])
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(rawMD, &md); err != nil {
		return nil, fmt.Errorf("%s: %w", paths[0], err)
	}
	_, errMT := fs.Stat(fsys, paths[1])
	_, errST := fs.Stat(fsys, paths[2])
	var donor string
	if errMT != nil || errST != nil {
		ds, dv, err := vcDonor(fsys, dir, service, version)
		if err != nil {
			return nil, err
		}
		donor = ds + " " + dv
		paths = []string{paths[0], joinPath(dir, "metatype", ds, dv, "meta_type.json"), joinPath(dir, "structure", ds, dv, "structure.json")}
	}
	for i, dst := range []any{&mt, &st} {
		data, err := fs.ReadFile(fsys, paths[i+1])
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, dst); err != nil {
			return nil, fmt.Errorf("%s: %w", paths[i+1], err)
		}
	}
	signing := service
	if donor == "" && (st.Service != service || st.Version != version) {
		return nil, fmt.Errorf("%s: service %q version %q, want %q %q", paths[2], st.Service, st.Version, service, version)
	}
	if i := strings.LastIndex(service, "_v"); i > 0 && strings.Trim(service[i+2:], "0123456789") == "" {
		// rds_mysql_v2: a metadata folder for a newer revision of the
		// rds_mysql API of the same version, which is the service name the
		// requests are signed and routed with.
		signing = service[:i]
	}
	actions := make([]string, 0, len(md))
	for a := range md {
		actions = append(actions, a)
	}
	slices.Sort(actions)

	b := newBuilder(api.Service{
		Provider:    api.ProviderVolcengine,
		Name:        service,
		Version:     version,
		Endpoint:    volcengineEndpoint,
		SigningName: signing,
		ResultField: "Result",
		Sources:     paths,
	})
	v := &vcImport{b: b}
	if donor != "" {
		mt, st, err = v.vcSynthesize(rawMD, mt, st, version)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", paths[0], err)
		}
		v.synthesized = true
		b.notef("this version has only the metadata tier; field types come from the tiers of %s where it has the field", donor)
	}
	if pkg := packageName(service); pkg != service {
		b.svc.Package = pkg // ImportEach may rename it (see VolcenginePackages)
	}
	if signing != service {
		b.notef("requests are signed and sent as service %s, version %s (the folder %s is the SDK metadata's name for this revision)", signing, version, service)
	}
	for _, a := range actions {
		if _, ok := mt[a]; !ok {
			return nil, fmt.Errorf("%s: action %s is missing from the metatype tier", paths[1], a)
		}
		if _, ok := st.Structure[a]; !ok {
			return nil, fmt.Errorf("%s: action %s is missing from the structure tier", paths[2], a)
		}
	}
	if len(mt) != len(md) || len(st.Structure) != len(md) {
		return nil, fmt.Errorf("volcengine %s %s: the three tiers list different actions (%d, %d, %d)", service, version, len(md), len(mt), len(st.Structure))
	}
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = vcOperationName(a)
	}
	b.reserveOperationNames(names)
	for _, a := range actions {
		o, err := v.operation(a, md, mt, st)
		if err != nil {
			return nil, fmt.Errorf("volcengine %s %s: %s: %w", service, version, a, err)
		}
		b.addOperation(o)
	}
	return b.finish()
}

type vcImport struct {
	b           *builder
	synthesized bool // tiers built by vcSynthesize: no request-name check
}

// vcDocURL is an action's page in Volcengine's API Explorer. The pattern
// (serviceCode = the service name requests are signed with) is the one
// Volcengine's own documentation links to, e.g. the coze and cv docs:
// https://api.volcengine.com/api-docs/view?serviceCode=coze&version=2025-06-01&action=ListCozeUser
func vcDocURL(service, version, action string) string {
	return "https://api.volcengine.com/api-docs/view?serviceCode=" + url.QueryEscape(service) +
		"&version=" + url.QueryEscape(version) + "&action=" + url.QueryEscape(action)
}

// vcOperationName is the Go name of an action: the action itself, with its
// first letter in upper case (spark's lowerCamel "listApps" → "ListApps").
func vcOperationName(action string) string {
	if action == "" || action[0] < 'a' || action[0] > 'z' {
		return action
	}
	return strings.ToUpper(action[:1]) + action[1:]
}

func (v *vcImport) operation(action string, md vcMetadata, mt vcMetaTypes, st vcStructure) (api.Operation, error) {
	o := api.Operation{
		Name:         vcOperationName(action),
		HTTPMethod:   "GET",
		Path:         "/",
		Action:       action,
		Version:      st.Version,
		BodyEncoding: api.BodyNone,
		ReadOnly:     readOnlyName(action),
		DocURL:       vcDocURL(v.b.svc.SigningName, st.Version, action),
	}
	loc := api.LocationQuery
	if info := md[action].APIInfo; info != nil {
		o.HTTPMethod = strings.ToUpper(info.Method)
		ct, _, _ := strings.Cut(info.ContentType, ";")
		switch strings.TrimSpace(strings.ToLower(ct)) {
		case "application/json":
			o.BodyEncoding, loc = api.BodyJSON, api.LocationBody
		case "application/x-www-form-urlencoded":
			o.BodyEncoding, loc = api.BodyForm, api.LocationBody
		case "":
			if o.HTTPMethod != "GET" {
				return o, fmt.Errorf("%s without a content type", o.HTTPMethod)
			}
		default:
			return o, fmt.Errorf("unknown content type %q", info.ContentType)
		}
		if o.HTTPMethod == "GET" {
			o.BodyEncoding, loc = api.BodyNone, api.LocationQuery
		}
	}

	req := st.Structure[action]
	var top []string
	for k := range req {
		if !strings.Contains(k, ".") {
			top = append(top, k)
		}
	}
	slices.Sort(top)
	if !v.synthesized {
		v.checkRequestNames(action, top, mt[action].Request)
	}
	for _, k := range top {
		t, err := v.structRef(action, req, req[k], map[string]bool{})
		if err != nil {
			return o, fmt.Errorf("request field %s: %w", k, err)
		}
		o.Input = append(o.Input, api.Field{WireName: k, Location: loc, Type: t, Required: req[k].Required})
	}

	out, err := v.metaFields(action, mt[action].Response, nil)
	if err != nil {
		return o, fmt.Errorf("response: %w", err)
	}
	o.Output = out
	o.Paging = v.paging(&o)
	return o, nil
}

// checkRequestNames compares the request's top-level names in the structure
// tier with those of the metatype tier, whose GET names are flattened
// ("Tags.N.Key" → Tags).
func (v *vcImport) checkRequestNames(action string, top []string, m vcMeta) {
	var names []string
	for k := range m.MetaTypes {
		first, _, _ := strings.Cut(k, ".")
		names = append(names, first)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if !slices.Equal(names, top) {
		v.b.notef("%s: request fields differ between the structure tier %v and the metatype tier %v; the structure tier is used", action, top, names)
	}
}

// structRef converts a structure-tier field. Named types become Types named
// after the source (TagForRunInstancesInput).
func (v *vcImport) structRef(action string, req map[string]vcStructure1, f vcStructure1, visiting map[string]bool) (api.TypeRef, error) {
	var t api.TypeRef
	switch f.Type {
	case "string":
		t = scalar(api.KindString, f.Format)
		if f.IsJSONNumber || f.Format == "json_number" {
			// A json.Number in volcengine-go-sdk: an integer count or size
			// (MaxResults, Size) sent as digits in the query.
			t = scalar(api.KindInt64, "json_number")
			v.b.notef("%s: a request field typed string with format json_number (json.Number in volcengine-go-sdk) is imported as int64", action)
		}
	case "integer":
		t = scalar(api.KindInt64, f.Format)
	case "number":
		t = scalar(api.KindFloat, f.Format)
	case "boolean":
		t = scalar(api.KindBool, f.Format)
	case "":
		return t, fmt.Errorf("no type")
	case vcUnknownType:
		t = scalar(api.KindAny, "")
	default:
		if visiting[f.Type] {
			return t, fmt.Errorf("recursive type %s", f.Type)
		}
		visiting[f.Type] = true
		defer delete(visiting, f.Type)
		var keys []string
		for k, sub := range req {
			if p, _, ok := strings.Cut(k, "."); ok && p == f.Type {
				if sub.ParentType != f.Type {
					return t, fmt.Errorf("%s has parent type %q", k, sub.ParentType)
				}
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		if len(keys) == 0 {
			v.b.notef("%s: request type %s has no fields; imported as any", action, f.Type)
			t = scalar(api.KindAny, "")
			break
		}
		var fields []api.Field
		for _, k := range keys {
			st, err := v.structRef(action, req, req[k], visiting)
			if err != nil {
				return t, fmt.Errorf("%s: %w", k, err)
			}
			fields = append(fields, api.Field{WireName: strings.TrimPrefix(k, f.Type+"."), Type: st, Required: req[k].Required})
		}
		t = object(v.b.shared([]string{api.GoName(f.Type)}, f.Type, fields))
	}
	if f.IsEnum && f.Type == "string" {
		v.b.notef("request fields marked IsEnum in the structure tier carry no values; their Enum is empty")
	}
	if f.IsMap {
		t = mapOf(t)
	}
	if f.IsArray {
		t = listOf(t)
	}
	return t, nil
}

// metaFields converts a metatype tree. Objects the source leaves anonymous
// are named the way volcengine-go-sdk names them: the singular of the field
// name for lists, then "For<Action>Output" (InstanceForDescribeInstancesOutput).
func (v *vcImport) metaFields(action string, m vcMeta, path []string) ([]api.Field, error) {
	keys := make([]string, 0, len(m.MetaTypes))
	for k := range m.MetaTypes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []api.Field
	for _, k := range keys {
		e := m.MetaTypes[k]
		t, err := v.metaRef(action, k, e, m.ChildMetas[k], path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", strings.Join(append(path, k), "."), err)
		}
		out = append(out, api.Field{WireName: k, Type: t, Required: e.Required})
	}
	return out, nil
}

func vcScalar(name string) (api.TypeRef, bool) {
	switch name {
	case "string":
		return scalar(api.KindString, ""), true
	case "integer":
		return scalar(api.KindInt64, ""), true
	case "number":
		return scalar(api.KindFloat, ""), true
	case "boolean":
		return scalar(api.KindBool, ""), true
	}
	return api.TypeRef{}, false
}

func (v *vcImport) metaRef(action, key string, e vcMetaType, child vcMeta, path []string) (api.TypeRef, error) {
	if t, ok := vcScalar(e.TypeName); ok {
		return t, nil
	}
	if e.TypeName == vcUnknownType {
		return scalar(api.KindAny, ""), nil
	}
	// "array[string]": the flattened request notation; used for lists too.
	if elem, ok := strings.CutPrefix(e.TypeName, "array["); ok {
		t, ok := vcScalar(strings.TrimSuffix(elem, "]"))
		if !ok {
			return t, fmt.Errorf("unknown type %q", e.TypeName)
		}
		return listOf(t), nil
	}
	switch e.TypeName {
	case "array":
		if t, ok := vcScalar(e.TypeOf); ok {
			return listOf(t), nil
		}
		if e.TypeOf != "object" {
			return api.TypeRef{}, fmt.Errorf("array of %q", e.TypeOf)
		}
		t, err := v.metaObject(action, singular(key), child, path, key+"[]")
		return listOf(t), err
	case "object":
		return v.metaObject(action, key, child, path, key)
	case "map":
		if t, ok := vcScalar(e.TypeOf); ok {
			return mapOf(t), nil
		}
		if e.TypeOf == "array" && len(child.MetaTypes) == 0 {
			// cloudmonitor ListObjectGroups Dimensions: lists of values the
			// tier does not type.
			v.b.notef("%s: response field %s is a map of lists whose element type is not stated; imported as a map of lists of any", action, strings.Join(append(slices.Clone(path), key), "."))
			return mapOf(listOf(scalar(api.KindAny, ""))), nil
		}
		if e.TypeOf != "object" {
			return api.TypeRef{}, fmt.Errorf("map of %q", e.TypeOf)
		}
		// A map of objects (cloudmonitor GetTopData GroupKeys): the value
		// type is the child tree, named like an object field.
		t, err := v.metaObject(action, key, child, path, key+"{}")
		return mapOf(t), err
	}
	return api.TypeRef{}, fmt.Errorf("unknown type %q", e.TypeName)
}

func (v *vcImport) metaObject(action, base string, child vcMeta, path []string, step string) (api.TypeRef, error) {
	sub := append(slices.Clone(path), step)
	if len(child.MetaTypes) == 0 {
		v.b.notef("%s: response object %s has no fields; imported as any", action, strings.Join(sub, "."))
		return scalar(api.KindAny, ""), nil
	}
	fields, err := v.metaFields(action, child, sub)
	if err != nil {
		return api.TypeRef{}, err
	}
	suffix := "For" + action + "Output"
	cands := []string{api.GoName(base) + suffix}
	if len(path) > 0 {
		parent := api.GoName(stepBase(path[len(path)-1]))
		cands = append(cands, parent+api.GoName(base)+suffix)
		// An object nested in one of the same name (List[] in List[]) leaves
		// the plain name to the outer one.
		for _, step := range path {
			if api.GoName(stepBase(step))+suffix == cands[0] {
				cands[0], cands[1] = cands[1], cands[0]
				break
			}
		}
	}
	return object(v.b.shared(cands, action+".Output."+strings.Join(sub, "."), fields)), nil
}

// stepBase is the type-name base of a step of a response path: the field
// name, made singular for a list ("Instances[]" → Instance).
func stepBase(step string) string {
	if name, ok := strings.CutSuffix(step, "[]"); ok {
		return singular(name)
	}
	return strings.TrimSuffix(step, "{}")
}

// paging detects the three Volcengine conventions (providers/volcengine.md
// §e): Offset/Limit with Total (billing), PageNumber/PageSize with
// TotalCount, and NextToken/MaxResults. An operation that takes both
// page-number and token parameters (vpc) pages by token and also accepts
// page numbers. The metadata states no page-size limits.
func (v *vcImport) paging(o *api.Operation) *api.Paging {
	in := func(n string) bool { return hasField(o.Input, n) }
	var styles []string
	if in("NextToken") && in("MaxResults") {
		styles = append(styles, api.StyleToken)
	}
	if in("PageNumber") && in("PageSize") {
		styles = append(styles, api.StylePage)
	}
	if in("Offset") && in("Limit") {
		styles = append(styles, api.StyleOffset)
	}
	if len(styles) == 0 {
		return nil
	}
	if styles[0] == api.StyleToken && !hasField(o.Output, "NextToken") {
		v.b.notef("%s takes NextToken but returns none: it does not page by token", o.Name)
		styles = styles[1:]
		if len(styles) == 0 {
			return nil
		}
	}
	lists := listFields(o.Output)
	item, ok := pickList(o.Name, lists)
	if !ok {
		v.b.notef("%s takes paging parameters but its response has %d lists: not treated as a list operation", o.Name, len(lists))
		return nil
	}
	p := &api.Paging{
		Style:       styles[0],
		AlsoAccepts: styles[1:],
		Items:       item.WireName,
		ItemType:    *item.Type.Elem,
	}
	if len(p.AlsoAccepts) == 0 {
		p.AlsoAccepts = nil
	}
	for _, s := range styles {
		switch s {
		case api.StyleToken:
			p.Token, p.MaxResults, p.NextToken = "NextToken", "MaxResults", "NextToken"
		case api.StylePage:
			p.PageNumber, p.PageSize = "PageNumber", "PageSize"
		case api.StyleOffset:
			p.Offset, p.Limit = "Offset", "Limit"
		}
	}
	p.Total = firstField(o.Output, "TotalCount", "Total")
	if p.Total == "Total" && in("NeedRecordNum") {
		p.TotalRequires = "NeedRecordNum"
	}
	if f := o.InputField(p.MaxResults); f != nil && f.Type.Kind == api.KindString {
		v.b.notef("%s: MaxResults is typed string in the source; kept as string", o.Name)
	}
	return p
}
