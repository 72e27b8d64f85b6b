package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// QingCloud's customised Swagger 2.0; see specs/qingcloud/SOURCE.md. The root
// document lists the actions as paths ("/DescribeInstances"), each a $ref to
// "./<fragment>.json#/<Action>". A fragment entry is a path item whose
// "parameters" hold the shared zone parameter and whose get or post
// operation has one "in: body" parameter: an object schema of the action's
// parameters, which travel as query parameters (GET) or a form body (POST).

type swRoot struct {
	Info struct {
		Version string `json:"version"`
	} `json:"info"`
	Host     string                     `json:"host"`
	BasePath string                     `json:"basePath"`
	Paths    map[string]json.RawMessage `json:"paths"`
}

type swSchema struct {
	Ref                  string               `json:"$ref"`
	Type                 string               `json:"type"`
	Format               string               `json:"format"`
	Items                *swSchema            `json:"items"`
	Properties           map[string]*swSchema `json:"properties"`
	AdditionalProperties json.RawMessage      `json:"additionalProperties"`
	Required             json.RawMessage      `json:"required"`
	Enum                 []json.RawMessage    `json:"enum"`
	Default              json.RawMessage      `json:"default"`
	Minimum              json.RawMessage      `json:"minimum"`
	Maximum              json.RawMessage      `json:"maximum"`
}

type swParameter struct {
	swSchema
	Name   string    `json:"name"`
	In     string    `json:"in"`
	Schema *swSchema `json:"schema"`
}

type swOperation struct {
	OperationID string        `json:"operationId"`
	Parameters  []swParameter `json:"parameters"`
	Responses   map[string]struct {
		Schema *swSchema `json:"schema"`
	} `json:"responses"`
}

type swPathItem struct {
	Parameters []swParameter `json:"parameters"`
	Get        *swOperation  `json:"get"`
	Post       *swOperation  `json:"post"`
}

// QingCloud paging, from providers/qingcloud.md §d: offset/limit, at most
// 100 items a page, answered with total_count and a "<x>_set" list.
const qcMaxPageSize = 100

// qcEnvelope are response members that belong to the envelope, not to Output.
var qcEnvelope = []string{"action", "ret_code", "message"}

// ImportQingCloud reads the QingCloud Swagger document rooted at rootPath
// (relative to fsys) into one service named after the base path ("iaas").
// When sdkDir is set, the official Go SDK's service files there add the
// operations and fields the Swagger document lacks (see qingcloud_sdk.go).
func ImportQingCloud(fsys fs.FS, rootPath, sdkDir string) (*api.Service, error) {
	q := &qcImport{fsys: fsys, dir: path.Dir(rootPath), rootFile: path.Base(rootPath), docs: make(map[string]map[string]json.RawMessage), defs: make(map[string]string)}
	rootRaw, err := fs.ReadFile(fsys, rootPath)
	if err != nil {
		return nil, err
	}
	var root swRoot
	if err := json.Unmarshal(rootRaw, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", rootPath, err)
	}
	name := strings.Trim(root.BasePath, "/")
	if name == "" || root.Host == "" || root.Info.Version == "" {
		return nil, fmt.Errorf("%s: missing basePath, host or info.version", rootPath)
	}
	q.b = newBuilder(api.Service{
		Provider: api.ProviderQingCloud,
		Name:     name,
		Version:  root.Info.Version,
		Endpoint: root.Host,
	})

	actions := make([]string, 0, len(root.Paths))
	for p := range root.Paths {
		actions = append(actions, strings.TrimPrefix(p, "/"))
	}
	slices.Sort(actions)
	q.b.reserveOperationNames(actions)

	used := make(map[string]bool) // "file#/Action" entries imported
	for _, action := range actions {
		var ref struct {
			Ref string `json:"$ref"`
		}
		if err := json.Unmarshal(root.Paths["/"+action], &ref); err != nil || ref.Ref == "" {
			return nil, fmt.Errorf("%s: path /%s is not a $ref", rootPath, action)
		}
		file, ptr, err := q.splitRef(ref.Ref)
		if err != nil {
			return nil, err
		}
		if ptr != "/"+action {
			// The root's /GetClusterMonitor points at DescribeClusterUsers.
			if _, err := q.lookup(file, "/"+action); err != nil {
				return nil, fmt.Errorf("path /%s refers to %s#%s", action, file, ptr)
			}
			q.b.notef("%s: the root document refers to %s#%s; imported %s#/%s, the fragment entry of that name", action, file, ptr, file, action)
			ptr = "/" + action
		}
		used[file+"#"+ptr] = true
		raw, err := q.lookup(file, ptr)
		if err != nil {
			return nil, err
		}
		o, err := q.operation(action, file, raw)
		if err != nil {
			return nil, fmt.Errorf("qingcloud %s (%s): %w", action, file, err)
		}
		q.b.addOperation(o)
	}
	if err := q.noteUnlisted(used); err != nil {
		return nil, err
	}
	if sdkDir != "" {
		sdk, err := readQingCloudSDK(fsys, sdkDir)
		if err != nil {
			return nil, err
		}
		if err := q.mergeSDK(sdk, sdkDir); err != nil {
			return nil, fmt.Errorf("qingcloud SDK %s: %w", sdkDir, err)
		}
	}

	docs := qcDocIndex(qcDocPages, qcDocPageOf)
	for i := range q.b.svc.Operations {
		o := &q.b.svc.Operations[i]
		o.DocURL = qcDocURL(docs, o.Action)
	}

	srcs := []string{rootPath}
	for f := range q.docs {
		if f != q.rootFile {
			srcs = append(srcs, joinPath(q.dir, f))
		}
	}
	slices.Sort(srcs[1:])
	if sdkDir != "" {
		srcs = append(srcs, joinPath(sdkDir, "*.go"))
	}
	q.b.svc.Sources = srcs
	return q.b.finish()
}

type qcImport struct {
	fsys     fs.FS
	dir      string // directory of the root document, in fsys
	rootFile string
	docs     map[string]map[string]json.RawMessage // loaded documents by file name
	defs     map[string]string                     // "file#pointer" of a definition → GoName
	b        *builder
}

func (q *qcImport) doc(file string) (map[string]json.RawMessage, error) {
	if d, ok := q.docs[file]; ok {
		return d, nil
	}
	data, err := fs.ReadFile(q.fsys, joinPath(q.dir, file))
	if err != nil {
		return nil, err
	}
	var d map[string]json.RawMessage
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	q.docs[file] = d
	return d, nil
}

// splitRef splits a $ref into a document and a JSON pointer. Local refs
// ("#/definitions/x") are resolved against the root document, as the
// source's notes say, whatever document they appear in.
func (q *qcImport) splitRef(ref string) (file, ptr string, err error) {
	f, p, ok := strings.Cut(ref, "#")
	if !ok {
		return "", "", fmt.Errorf("$ref %q has no fragment", ref)
	}
	if f == "" {
		return q.rootFile, p, nil
	}
	f = path.Clean(f)
	if strings.HasPrefix(f, "../") || path.IsAbs(f) {
		return "", "", fmt.Errorf("$ref %q leaves the spec directory", ref)
	}
	return f, p, nil
}

func (q *qcImport) lookup(file, ptr string) (json.RawMessage, error) {
	d, err := q.doc(file)
	if err != nil {
		return nil, err
	}
	tokens := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	raw, ok := d[tokens[0]]
	for _, t := range tokens[1:] {
		if !ok {
			break
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			ok = false
			break
		}
		raw, ok = m[t]
	}
	if !ok {
		return nil, fmt.Errorf("%s#%s: not found", file, ptr)
	}
	return raw, nil
}

// resolve follows a chain of $refs to the object it ends at, returning that
// object's location ("file#pointer") and contents.
func (q *qcImport) resolve(ref string) (string, json.RawMessage, error) {
	for range 8 {
		f, p, err := q.splitRef(ref)
		if err != nil {
			return "", nil, err
		}
		raw, err := q.lookup(f, p)
		if err != nil {
			return "", nil, err
		}
		var next struct {
			Ref string `json:"$ref"`
		}
		if json.Unmarshal(raw, &next) != nil || next.Ref == "" {
			return f + "#" + p, raw, nil
		}
		ref = next.Ref
	}
	return "", nil, fmt.Errorf("$ref %q: chain too long", ref)
}

// noteUnlisted notes fragment entries the root does not list (CloneImages):
// they are not imported, because the root document defines the API.
func (q *qcImport) noteUnlisted(used map[string]bool) error {
	files, err := fs.Glob(q.fsys, joinPath(q.dir, "*.json"))
	if err != nil {
		return err
	}
	for _, p := range files {
		f := path.Base(p)
		if f == q.rootFile {
			continue
		}
		d, err := q.doc(f)
		if err != nil {
			return err
		}
		for k, raw := range d {
			var item swPathItem
			if json.Unmarshal(raw, &item) != nil || (item.Get == nil && item.Post == nil) {
				continue // a definition or a parameter, not an action
			}
			if !used[f+"#/"+k] {
				q.b.notef("%s#/%s is not listed in the root document and is not imported", f, k)
			}
		}
	}
	return nil
}

func (q *qcImport) operation(action, file string, raw json.RawMessage) (api.Operation, error) {
	var item swPathItem
	if err := json.Unmarshal(raw, &item); err != nil {
		return api.Operation{}, err
	}
	o := api.Operation{
		Name:     action,
		Path:     "/" + q.b.svc.Name + "/",
		Action:   action,
		ReadOnly: readOnlyName(action),
	}
	op := item.Get
	o.HTTPMethod, o.BodyEncoding = "GET", api.BodyNone
	loc := api.LocationQuery
	if item.Post != nil {
		if op != nil {
			return o, fmt.Errorf("both get and post")
		}
		op = item.Post
		o.HTTPMethod, o.BodyEncoding, loc = "POST", api.BodyForm, api.LocationBody
	}
	if op == nil {
		return o, fmt.Errorf("neither get nor post")
	}
	if op.OperationID != action {
		q.b.notef("%s: operationId is %q", action, op.OperationID)
	}

	byName := make(map[string]int)
	add := func(f api.Field) {
		if i, ok := byName[f.WireName]; ok {
			prev := &o.Input[i]
			if prev.Type.Kind != f.Type.Kind {
				q.b.notef("%s: parameter %s is declared twice with types %s and %s; the first is kept", action, f.WireName, prev.Type.Kind, f.Type.Kind)
			} else {
				q.b.notef("%s: parameter %s is declared both as a shared parameter and in the body schema; merged", action, f.WireName)
			}
			prev.Required = prev.Required || f.Required
			return
		}
		byName[f.WireName] = len(o.Input)
		o.Input = append(o.Input, f)
	}
	params := slices.Concat(item.Parameters, op.Parameters)
	for _, p := range params {
		if p.Ref != "" {
			_, raw, err := q.resolve(p.Ref)
			if err != nil {
				return o, err
			}
			p = swParameter{}
			if err := json.Unmarshal(raw, &p); err != nil {
				return o, err
			}
		}
		switch {
		case p.In == "body":
			if p.Schema == nil {
				return o, fmt.Errorf("body parameter without schema")
			}
			fields, err := q.objectFields(p.Schema, action, "Input")
			if err != nil {
				return o, err
			}
			for _, f := range fields {
				f.Location = loc
				add(f)
			}
		case p.In == "query" || p.In == "formData":
			f, err := q.field(p.Name, &p.swSchema, action, "Input")
			if err != nil {
				return o, err
			}
			f.Location = loc
			f.Required = requiredBool(p.Required)
			add(f)
		default:
			return o, fmt.Errorf("parameter %s in %q", p.Name, p.In)
		}
	}
	if !hasField(o.Input, "zone") {
		q.b.notef("%s: the spec has no zone parameter", action)
	}
	slices.SortStableFunc(o.Input, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })

	resp, ok := op.Responses["200"]
	if !ok || resp.Schema == nil {
		return o, fmt.Errorf("no 200 response schema")
	}
	out, err := q.objectFields(resp.Schema, action, "Output")
	if err != nil {
		return o, err
	}
	o.Output = slices.DeleteFunc(out, func(f api.Field) bool { return slices.Contains(qcEnvelope, f.WireName) })
	o.Paging = q.paging(&o)
	return o, nil
}

// requiredBool reads a parameter's "required": true.
func requiredBool(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("true"))
}

// objectFields converts the properties of an object schema (following a
// $ref), sorted by name, with the schema's required list applied.
func (q *qcImport) objectFields(s *swSchema, action, side string) ([]api.Field, error) {
	if s.Ref != "" {
		_, raw, err := q.resolve(s.Ref)
		if err != nil {
			return nil, err
		}
		s = &swSchema{}
		if err := json.Unmarshal(raw, s); err != nil {
			return nil, err
		}
	}
	if s.Type != "object" && s.Type != "" {
		return nil, fmt.Errorf("schema of type %q where an object is expected", s.Type)
	}
	var required []string
	if len(s.Required) > 0 {
		if err := json.Unmarshal(s.Required, &required); err != nil {
			return nil, fmt.Errorf("required is not a list of names: %s", s.Required)
		}
	}
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, r := range required {
		if s.Properties[r] == nil {
			q.b.notef("%s %s: required %q is not a property; ignored", action, side, r)
		}
	}
	out := make([]api.Field, 0, len(names))
	for _, n := range names {
		f, err := q.field(n, s.Properties[n], action, side)
		if err != nil {
			return nil, err
		}
		f.Required = slices.Contains(required, n)
		out = append(out, f)
	}
	return out, nil
}

func (q *qcImport) field(name string, s *swSchema, action, side string) (api.Field, error) {
	t, err := q.typeRef(s, action, side, name)
	if err != nil {
		return api.Field{}, fmt.Errorf("%s: %w", name, err)
	}
	f := api.Field{WireName: name, Type: t}
	enum := s.Enum
	if s.Type == "array" && s.Items != nil {
		if len(enum) > 0 {
			q.b.notef("%s: %s has its enum on the list instead of on the items; applied to the items", action, name)
		} else {
			enum = s.Items.Enum
		}
	}
	for _, e := range enum {
		f.Enum = append(f.Enum, jsonText(e))
	}
	if d := jsonText(s.Default); d != "" {
		f.Default = d
	}
	f.Min, f.Max = jsonText(s.Minimum), jsonText(s.Maximum)
	return f, nil
}

// jsonText renders a JSON scalar as text: strings unquoted, others as
// written; null and absent values as "".
func jsonText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	if n, err := strconv.ParseFloat(string(raw), 64); err == nil && n == float64(int64(n)) {
		return strconv.FormatInt(int64(n), 10)
	}
	return string(raw)
}

func (q *qcImport) typeRef(s *swSchema, action, side, field string) (api.TypeRef, error) {
	if s.Ref != "" {
		return q.definition(s.Ref)
	}
	switch s.Type {
	case "string":
		if s.Items != nil {
			q.b.notef("%s: %s is typed string but has items; imported as string", action, field)
		}
		if s.Format == "date-time" {
			return scalar(api.KindTime, s.Format), nil
		}
		return scalar(api.KindString, s.Format), nil
	case "integer":
		return scalar(api.KindInt64, s.Format), nil
	case "number":
		return scalar(api.KindFloat, s.Format), nil
	case "boolean":
		return scalar(api.KindBool, s.Format), nil
	case "array":
		if s.Items == nil {
			return api.TypeRef{}, fmt.Errorf("array without items")
		}
		e, err := q.typeRef(s.Items, action, side, singular(field))
		if err != nil {
			return e, err
		}
		return listOf(e), nil
	case "object":
		if len(s.Properties) > 0 {
			fields, err := q.objectFields(s, action, side)
			if err != nil {
				return api.TypeRef{}, err
			}
			name := q.b.shared([]string{api.GoName(singular(field)) + "For" + action + side}, action+"."+side+"."+field, fields)
			return object(name), nil
		}
		ap := bytes.TrimSpace(s.AdditionalProperties)
		switch {
		case len(ap) > 0 && ap[0] == '{':
			var v swSchema
			if err := json.Unmarshal(ap, &v); err != nil {
				return api.TypeRef{}, err
			}
			e, err := q.typeRef(&v, action, side, field)
			if err != nil {
				return e, err
			}
			return mapOf(e), nil
		case string(ap) == "true":
			return mapOf(scalar(api.KindAny, "")), nil
		}
		return scalar(api.KindAny, ""), nil
	}
	return api.TypeRef{}, fmt.Errorf("unknown type %q", s.Type)
}

// definition names and converts a shared model ("#/definitions/instance" →
// Instance). Models are claimed before their fields are converted, so
// recursive models work.
func (q *qcImport) definition(ref string) (api.TypeRef, error) {
	loc, raw, err := q.resolve(ref)
	if err != nil {
		return api.TypeRef{}, err
	}
	if name, ok := q.defs[loc]; ok {
		return object(name), nil
	}
	var s swSchema
	if err := json.Unmarshal(raw, &s); err != nil {
		return api.TypeRef{}, fmt.Errorf("%s: %w", loc, err)
	}
	defName := loc[strings.LastIndex(loc, "/")+1:]
	if s.Type != "object" || len(s.Properties) == 0 {
		// Not a structure: use its type where it is referenced.
		return q.typeRef(&s, defName, "", defName)
	}
	name := q.b.claim(api.GoName(defName), defName)
	q.defs[loc] = name
	fields, err := q.objectFields(&s, defName, "definition")
	if err != nil {
		return api.TypeRef{}, fmt.Errorf("%s: %w", loc, err)
	}
	q.b.setFields(name, fields)
	return object(name), nil
}

// paging detects offset/limit list operations: both request fields and
// exactly one "<x>_set" list in the response.
func (q *qcImport) paging(o *api.Operation) *api.Paging {
	if !hasField(o.Input, "offset") || !hasField(o.Input, "limit") {
		return nil
	}
	var sets []api.Field
	for _, f := range listFields(o.Output) {
		if strings.HasSuffix(f.WireName, "_set") {
			sets = append(sets, f)
		}
	}
	if len(sets) != 1 {
		q.b.notef("%s takes offset and limit but returns %d \"_set\" lists: not treated as a list operation", o.Name, len(sets))
		return nil
	}
	p := &api.Paging{
		Style:           api.StyleOffset,
		Offset:          "offset",
		Limit:           "limit",
		Total:           firstField(o.Output, "total_count"),
		Items:           sets[0].WireName,
		ItemType:        *sets[0].Type.Elem,
		MaxPageSize:     qcMaxPageSize,
		MaxPageSizeFrom: api.PageSizeFromProvider,
	}
	if p.Total == "" {
		q.b.notef("%s: the response schema has no total_count; iterators stop on a short page", o.Name)
	}
	return p
}
