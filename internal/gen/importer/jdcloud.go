package importer

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// JD Cloud spec file (specs/jdcloud/<service>.json); see its SOURCE.md.
type jdFile struct {
	Provider   string             `json:"provider"`
	Service    string             `json:"service"`
	Version    string             `json:"version"`
	Endpoint   string             `json:"endpoint"`
	Operations []jdOperation      `json:"operations"`
	Models     map[string]jdModel `json:"models"`
}

type jdOperation struct {
	Name    string    `json:"name"`
	Method  string    `json:"method"`
	Path    string    `json:"path"`
	Version string    `json:"version"`
	Request []jdField `json:"request"`
	Result  []jdField `json:"result"`
}

type jdModel struct {
	Fields []jdField `json:"fields"`
}

type jdType struct {
	Type   string  `json:"type"`
	Ref    string  `json:"ref"`
	Items  *jdType `json:"items"`
	Values *jdType `json:"values"`
}

type jdField struct {
	jdType
	Name     string `json:"name"`
	Required bool   `json:"required"`
	In       string `json:"in"`
	Doc      string `json:"doc"` // read only for the pageSize range
}

// JD Cloud paging, from providers/jdcloud.md §4: pageNumber (1-based) and
// pageSize, answered with totalCount (iam: total; monitor: numberRecords).
// Page sizes are at most 100 unless the operation documents another range.
const jdMaxPageSize = 100

var (
	jdTotalFields      = []string{"totalCount", "total", "numberRecords"}
	jdTotalPagesFields = []string{"totalPage", "numberPages"}
	// A documented range such as "[10, 100]", "[10,100]" or "[10~100]".
	jdRange = regexp.MustCompile(`[\[［]\s*(\d+)\s*[,，~～]\s*(\d+)\s*[\]］]`)
)

// ImportJDCloud reads one JD Cloud service spec (e.g. "jdcloud/vm.json").
func ImportJDCloud(fsys fs.FS, path string) (*api.Service, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, err
	}
	var f jdFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if f.Provider != api.ProviderJDCloud || f.Service == "" || f.Version == "" || f.Endpoint == "" {
		return nil, fmt.Errorf("%s: missing provider, service, version or endpoint", path)
	}
	b := newBuilder(api.Service{
		Provider:    api.ProviderJDCloud,
		Name:        f.Service,
		Version:     f.Version,
		Endpoint:    f.Endpoint,
		SigningName: f.Service,
		ResultField: "result",
		Sources:     []string{path},
	})
	j := &jdImport{b: b, file: &f, names: make(map[string]string)}
	var opNames []string
	for _, op := range f.Operations {
		opNames = append(opNames, op.Name)
	}
	b.reserveOperationNames(opNames)
	if err := j.nameModels(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, op := range f.Operations {
		o, err := j.operation(op)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, op.Name, err)
		}
		b.addOperation(o)
	}
	return b.finish()
}

type jdImport struct {
	b     *builder
	file  *jdFile
	names map[string]string // model ref ("vm.Instance") → Go type name
}

// nameModels names every model the operations reach. A model is named by its
// own name without the package ("vm.Instance" → Instance). When two reached
// models share that name (vm.Tag, disk.Tag), the one from the service's own
// package keeps it and the others take their package as a prefix (DiskTag).
func (j *jdImport) nameModels() error {
	reached := make(map[string]bool)
	var visit func(t *jdType) error
	visit = func(t *jdType) error {
		if t == nil {
			return nil
		}
		if t.Ref != "" && !reached[t.Ref] {
			m, ok := j.file.Models[t.Ref]
			if !ok {
				return fmt.Errorf("model %s is not defined", t.Ref)
			}
			reached[t.Ref] = true
			for i := range m.Fields {
				if err := visit(&m.Fields[i].jdType); err != nil {
					return err
				}
			}
		}
		if err := visit(t.Items); err != nil {
			return err
		}
		return visit(t.Values)
	}
	for _, op := range j.file.Operations {
		for _, fs := range [][]jdField{op.Request, op.Result} {
			for i := range fs {
				if err := visit(&fs[i].jdType); err != nil {
					return err
				}
			}
		}
	}
	refs := make([]string, 0, len(reached))
	for r := range reached {
		refs = append(refs, r)
	}
	slices.Sort(refs)
	byBare := make(map[string][]string)
	for _, r := range refs {
		_, bare, _ := strings.Cut(r, ".")
		byBare[bare] = append(byBare[bare], r)
	}
	// Own-package models first, so they claim the bare names.
	slices.SortStableFunc(refs, func(x, y string) int {
		return boolCmp(!strings.HasPrefix(x, j.file.Service+"."), !strings.HasPrefix(y, j.file.Service+"."))
	})
	for _, r := range refs {
		pkg, bare, _ := strings.Cut(r, ".")
		want := api.GoName(bare)
		if len(byBare[bare]) > 1 && pkg != j.file.Service {
			want = api.GoName(pkg) + want
			j.b.notef("model %s is named %s: %s is also the name of a model of package %s", r, want, bare, j.file.Service)
		}
		j.names[r] = j.b.claim(want, r)
	}
	for _, r := range refs {
		fields, err := j.fields(j.file.Models[r].Fields, "")
		if err != nil {
			return fmt.Errorf("model %s: %w", r, err)
		}
		j.b.setFields(j.names[r], fields)
	}
	return nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func (j *jdImport) typeRef(t *jdType) (api.TypeRef, error) {
	switch t.Type {
	case "string":
		return scalar(api.KindString, ""), nil
	case "integer", "long":
		return scalar(api.KindInt64, ""), nil
	case "number":
		return scalar(api.KindFloat, ""), nil
	case "boolean":
		return scalar(api.KindBool, ""), nil
	case "any":
		return scalar(api.KindAny, ""), nil
	case "object":
		name, ok := j.names[t.Ref]
		if !ok {
			return api.TypeRef{}, fmt.Errorf("unresolved model %q", t.Ref)
		}
		return object(name), nil
	case "array", "map":
		sub := t.Items
		if t.Type == "map" {
			sub = t.Values
		}
		if sub == nil {
			return api.TypeRef{}, fmt.Errorf("%s without element type", t.Type)
		}
		e, err := j.typeRef(sub)
		if err != nil {
			return api.TypeRef{}, err
		}
		if t.Type == "map" {
			return mapOf(e), nil
		}
		return listOf(e), nil
	}
	return api.TypeRef{}, fmt.Errorf("unknown type %q", t.Type)
}

// fields converts spec fields in spec order; location is set on request
// fields only.
func (j *jdImport) fields(in []jdField, method string) ([]api.Field, error) {
	out := make([]api.Field, 0, len(in))
	for i := range in {
		f := &in[i]
		t, err := j.typeRef(&f.jdType)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.Name, err)
		}
		af := api.Field{WireName: f.Name, Type: t, Required: f.Required}
		if t.Kind == api.KindInt64 {
			af.Min, af.Max, af.Default = jdDocFacts(f.Doc)
		}
		if method != "" {
			af.Location, err = jdLocation(f.In, method)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.Name, err)
			}
			if af.Location == api.LocationPath && !af.Required {
				// The SDK marks a few path parameters (Optional), but a
				// placeholder without a value is an error in its own
				// request builder: the path needs it.
				j.b.notef("path parameter %s is marked optional in the source; it is required, since the path cannot be built without it", f.Name)
				af.Required = true
			}
		}
		out = append(out, af)
	}
	return out, nil
}

func jdLocation(in, method string) (string, error) {
	switch in {
	case "path":
		return api.LocationPath, nil
	case "query":
		return api.LocationQuery, nil
	case "body":
		return api.LocationBody, nil
	case "header":
		return api.LocationHeader, nil
	}
	return "", fmt.Errorf("unknown location %q for %s", in, method)
}

func (j *jdImport) operation(op jdOperation) (api.Operation, error) {
	method := strings.ToUpper(op.Method)
	in, err := j.fields(op.Request, method)
	if err != nil {
		return api.Operation{}, err
	}
	out, err := j.fields(op.Result, "")
	if err != nil {
		return api.Operation{}, err
	}
	for i := range out {
		out[i].Required = false // result fields carry no required marker
	}
	enc := api.BodyNone
	switch method {
	case "POST", "PUT", "PATCH":
		enc = api.BodyJSON
	}
	o := api.Operation{
		Name:         op.Name,
		HTTPMethod:   method,
		Path:         op.Path,
		Version:      op.Version,
		BodyEncoding: enc,
		ReadOnly:     readOnly(api.ProviderJDCloud, op.Name, method),
		DocURL:       jdDocURL(j.file.Service, op.Name),
		Input:        in,
		Output:       out,
	}
	o.Paging = j.paging(op, &o)
	return o, nil
}

// jdPageFields are the names JD Cloud gives the 1-based page number: most
// services pageNumber, billing and a few others pageIndex, some pageNo.
var jdPageFields = []string{"pageNumber", "pageIndex", "pageNo"}

// paging detects JD Cloud's page-number convention: a page-number field and
// pageSize, exactly one list in the result, and a total field, at the top of
// the result or in a single nested object (billing's
// pagination.numberRecords).
func (j *jdImport) paging(op jdOperation, o *api.Operation) *api.Paging {
	page := firstField(o.Input, jdPageFields...)
	if page == "" || !hasField(o.Input, "pageSize") {
		return nil
	}
	lists := listFields(o.Output)
	total := firstField(o.Output, jdTotalFields...)
	pages := firstField(o.Output, jdTotalPagesFields...)
	if total == "" {
		for _, f := range o.Output {
			if f.Type.Kind != api.KindObject {
				continue
			}
			t := j.b.types[f.Type.Ref]
			if t == nil {
				continue
			}
			if w := firstField(t.Fields, jdTotalFields...); w != "" {
				total = f.WireName + "." + w
				if pw := firstField(t.Fields, jdTotalPagesFields...); pw != "" && pages == "" {
					pages = f.WireName + "." + pw
				}
				break
			}
		}
	}
	item, ok := pickList(op.Name, lists)
	if !ok || total == "" {
		j.b.notef("%s has %s and pageSize but %d result lists and total field %q: not treated as a list operation", op.Name, page, len(lists), total)
		return nil
	}
	p := &api.Paging{
		Style:           api.StylePage,
		PageNumber:      page,
		PageSize:        "pageSize",
		Total:           total,
		Items:           item.WireName,
		ItemType:        *item.Type.Elem,
		MaxPageSize:     jdMaxPageSize,
		MaxPageSizeFrom: api.PageSizeFromProvider,
	}
	if !strings.Contains(pages, ".") {
		p.TotalPages = pages
	}
	for _, f := range op.Request {
		if f.Name != "pageSize" {
			continue
		}
		if m := jdRange.FindStringSubmatch(f.Doc); m != nil {
			if hi, err := strconv.ParseInt(m[2], 10, 64); err == nil && hi > 0 {
				p.MaxPageSize, p.MaxPageSizeFrom = hi, api.PageSizeFromSpec
			}
		}
	}
	return p
}
