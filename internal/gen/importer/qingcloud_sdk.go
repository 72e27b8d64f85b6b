package importer

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// The QingCloud Swagger document is older than the official Go SDK
// (yunify/qingcloud-sdk-go service/*.go, staged beside it): the SDK has 26
// actions the document lacks and many more fields (DescribeInstances alone
// about 40). Its service files are regular generator output, so their
// facts are read with go/parser, never compiled or copied:
//
//   - an action: a method whose body builds a data.Operation literal with
//     APIName (the action) and RequestMethod, taking *<X>Input and returning
//     *<X>Output;
//   - a field: a struct field with a name:"<wire>" tag; inputs carry
//     default:"<value>" and a trailing "// Required" comment, outputs
//     location:"elements";
//   - allowed values: the "<field>ValidValues := []string{...}" lists of
//     the input's Validate method.
//
// The Swagger document stays the authority for what it describes; the SDK
// adds only what is missing: whole actions, and fields of actions, inputs,
// outputs and models by wire name.

type sdkField struct {
	goName, wire, def string
	typ               ast.Expr
	required          bool
	elements          bool // location:"elements": a response member
}

type sdkAction struct {
	name, method, input, output string
}

type qcSDK struct {
	structs map[string][]sdkField
	enums   map[string]map[string][]string // input type → lower-case Go field name → values
	actions []sdkAction
}

func readQingCloudSDK(fsys fs.FS, dir string) (*qcSDK, error) {
	files, err := fs.Glob(fsys, joinPath(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sdk := &qcSDK{structs: map[string][]sdkField{}, enums: map[string]map[string][]string{}}
	fset := token.NewFileSet()
	for _, p := range files {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				sdk.structDecls(fset, f, d)
			case *ast.FuncDecl:
				sdk.funcDecl(d)
			}
		}
	}
	slices.SortFunc(sdk.actions, func(a, b sdkAction) int { return strings.Compare(a.name, b.name) })
	return sdk, nil
}

func (sdk *qcSDK) structDecls(fset *token.FileSet, f *ast.File, d *ast.GenDecl) {
	for _, spec := range d.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok {
			continue
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		var fields []sdkField
		for _, fl := range st.Fields.List {
			if fl.Tag == nil || len(fl.Names) != 1 {
				continue
			}
			tag := reflect.StructTag(strings.Trim(fl.Tag.Value, "`"))
			wire := tag.Get("name")
			if wire == "" {
				continue
			}
			sf := sdkField{goName: fl.Names[0].Name, wire: wire, def: tag.Get("default"), typ: fl.Type, elements: tag.Get("location") == "elements"}
			if fl.Comment != nil && strings.Contains(fl.Comment.Text(), "Required") {
				sf.required = true
			}
			fields = append(fields, sf)
		}
		sdk.structs[ts.Name.Name] = fields
	}
}

func (sdk *qcSDK) funcDecl(d *ast.FuncDecl) {
	if d.Recv == nil || d.Body == nil {
		return
	}
	if d.Name.Name == "Validate" {
		sdk.validValues(d)
		return
	}
	var act sdkAction
	ast.Inspect(d.Body, func(n ast.Node) bool {
		cl, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		if sel, ok := cl.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Operation" {
			return true
		}
		for _, e := range cl.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, _ := kv.Key.(*ast.Ident)
			lit, _ := kv.Value.(*ast.BasicLit)
			if key == nil || lit == nil {
				continue
			}
			v, _ := strconv.Unquote(lit.Value)
			switch key.Name {
			case "APIName":
				act.name = v
			case "RequestMethod":
				act.method = v
			}
		}
		return false
	})
	if act.name == "" || d.Type.Params.NumFields() != 1 || d.Type.Results.NumFields() != 2 {
		return
	}
	act.input = starIdent(d.Type.Params.List[0].Type)
	act.output = starIdent(d.Type.Results.List[0].Type)
	if act.input != "" && act.output != "" {
		sdk.actions = append(sdk.actions, act)
	}
}

// validValues reads "<field>ValidValues := []string{...}" in a Validate
// method.
func (sdk *qcSDK) validValues(d *ast.FuncDecl) {
	recv := starIdent(d.Recv.List[0].Type)
	ast.Inspect(d.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		name, found := strings.CutSuffix(id.Name, "ValidValues")
		if !ok || !found {
			return true
		}
		cl, ok := as.Rhs[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		var vals []string
		for _, e := range cl.Elts {
			if lit, ok := e.(*ast.BasicLit); ok {
				if v, err := strconv.Unquote(lit.Value); err == nil {
					vals = append(vals, v)
				}
			}
		}
		if sdk.enums[recv] == nil {
			sdk.enums[recv] = map[string][]string{}
		}
		sdk.enums[recv][strings.ToLower(name)] = vals
		return true
	})
}

func starIdent(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// qcSDKMerge adds the SDK's facts to the service being built from the
// Swagger document.
type qcSDKMerge struct {
	q     *qcImport
	sdk   *qcSDK
	types map[string]string // SDK model name → Type GoName
}

func (q *qcImport) mergeSDK(sdk *qcSDK, dir string) error {
	m := &qcSDKMerge{q: q, sdk: sdk, types: map[string]string{}}
	have := map[string]int{}
	for i, o := range q.b.svc.Operations {
		have[o.Action] = i
	}
	var added, fields int
	var newOps []api.Operation
	for _, a := range sdk.actions {
		if i, ok := have[a.name]; ok {
			n, err := m.extend(&q.b.svc.Operations[i], a)
			if err != nil {
				return fmt.Errorf("%s: %w", a.name, err)
			}
			fields += n
			continue
		}
		if slices.ContainsFunc(newOps, func(o api.Operation) bool { return o.Action == a.name }) {
			continue
		}
		o, err := m.operation(a)
		if err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
		newOps = append(newOps, o)
		added++
	}
	// Models the Swagger document already reaches get the SDK's extra
	// members too (Instance, LoadBalancer, ...): visit every model the SDK's
	// actions name.
	for _, a := range sdk.actions {
		for _, st := range []string{a.input, a.output} {
			for _, sf := range sdk.structs[st] {
				if _, err := m.typeRef(sf.typ); err != nil {
					return fmt.Errorf("%s: %w", a.name, err)
				}
			}
		}
	}
	names := make([]string, 0, len(newOps))
	for _, o := range newOps {
		names = append(names, o.Name)
	}
	q.b.reserveOperationNames(names)
	for _, o := range newOps {
		q.b.addOperation(o)
	}
	q.b.notef("the official Go SDK (%s) adds %d actions and %d fields of existing actions that the Swagger document lacks", dir, added, fields)
	return nil
}

// extend adds the SDK fields an operation lacks, returning how many.
func (m *qcSDKMerge) extend(o *api.Operation, a sdkAction) (int, error) {
	n := 0
	loc := api.LocationQuery
	if o.HTTPMethod == "POST" {
		loc = api.LocationBody
	}
	for _, sf := range m.sdk.structs[a.input] {
		if hasField(o.Input, sf.wire) {
			continue
		}
		f, err := m.field(sf, a.input)
		if err != nil {
			return n, err
		}
		f.Location = loc
		f.GoName = uniqueGoName(o.Input, f.WireName)
		o.Input = append(o.Input, f)
		n++
	}
	for _, sf := range m.sdk.structs[a.output] {
		if !sf.elements || slices.Contains(qcEnvelope, sf.wire) || hasField(o.Output, sf.wire) {
			continue
		}
		f, err := m.field(sf, "")
		if err != nil {
			return n, err
		}
		f.GoName = uniqueGoName(o.Output, f.WireName)
		o.Output = append(o.Output, f)
		n++
	}
	slices.SortStableFunc(o.Input, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })
	slices.SortStableFunc(o.Output, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })
	if o.Paging == nil {
		o.Paging = m.q.paging(o)
	}
	return n, nil
}

func uniqueGoName(fs []api.Field, wire string) string {
	want := api.GoName(wire)
	name := want
	for i := 2; slices.ContainsFunc(fs, func(f api.Field) bool { return f.GoName == name }); i++ {
		name = want + strconv.Itoa(i)
	}
	return name
}

// operation builds an action the Swagger document lacks. Like every
// QingCloud action it takes the zone (the SDK keeps it on the service).
func (m *qcSDKMerge) operation(a sdkAction) (api.Operation, error) {
	o := api.Operation{
		Name:     a.name,
		Path:     "/" + m.q.b.svc.Name + "/",
		Action:   a.name,
		ReadOnly: readOnlyName(a.name),
	}
	o.HTTPMethod, o.BodyEncoding = "GET", api.BodyNone
	loc := api.LocationQuery
	if a.method == "POST" {
		o.HTTPMethod, o.BodyEncoding, loc = "POST", api.BodyForm, api.LocationBody
	}
	if _, ok := m.sdk.structs[a.input]; !ok {
		return o, fmt.Errorf("input type %s not found", a.input)
	}
	o.Input = append(o.Input, api.Field{WireName: "zone", Location: loc, Type: scalar(api.KindString, ""), Required: true})
	for _, sf := range m.sdk.structs[a.input] {
		if sf.wire == "zone" {
			continue
		}
		f, err := m.field(sf, a.input)
		if err != nil {
			return o, err
		}
		f.Location = loc
		o.Input = append(o.Input, f)
	}
	for _, sf := range m.sdk.structs[a.output] {
		if !sf.elements || slices.Contains(qcEnvelope, sf.wire) {
			continue
		}
		f, err := m.field(sf, "")
		if err != nil {
			return o, err
		}
		o.Output = append(o.Output, f)
	}
	slices.SortStableFunc(o.Input, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })
	slices.SortStableFunc(o.Output, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })
	o.Paging = m.q.paging(&o)
	return o, nil
}

// field converts one SDK field; owner is the input type whose Validate
// lists allowed values, "" for outputs and models.
func (m *qcSDKMerge) field(sf sdkField, owner string) (api.Field, error) {
	t, err := m.typeRef(sf.typ)
	if err != nil {
		return api.Field{}, fmt.Errorf("field %s: %w", sf.wire, err)
	}
	f := api.Field{WireName: sf.wire, Type: t, Default: sf.def}
	if owner != "" {
		f.Required = sf.required
		f.Enum = m.sdk.enums[owner][strings.ToLower(sf.goName)]
	}
	return f, nil
}

func (m *qcSDKMerge) typeRef(e ast.Expr) (api.TypeRef, error) {
	switch e := e.(type) {
	case *ast.StarExpr:
		return m.typeRef(e.X)
	case *ast.ArrayType:
		el, err := m.typeRef(e.Elt)
		return listOf(el), err
	case *ast.MapType:
		el, err := m.typeRef(e.Value)
		return mapOf(el), err
	case *ast.InterfaceType:
		return scalar(api.KindAny, ""), nil
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && x.Name == "time" && e.Sel.Name == "Time" {
			return scalar(api.KindTime, "date-time"), nil
		}
	case *ast.Ident:
		switch e.Name {
		case "string":
			return scalar(api.KindString, ""), nil
		case "int", "int64", "int32":
			return scalar(api.KindInt64, ""), nil
		case "float64", "float32":
			return scalar(api.KindFloat, ""), nil
		case "bool":
			return scalar(api.KindBool, ""), nil
		}
		return m.model(e.Name)
	}
	return api.TypeRef{}, fmt.Errorf("unknown Go type %T", e)
}

// model maps an SDK model to a Type: the Swagger definition of the same Go
// name when there is one (extended by the SDK's extra fields), else a new
// Type from the SDK struct.
func (m *qcSDKMerge) model(name string) (api.TypeRef, error) {
	if goName, ok := m.types[name]; ok {
		return object(goName), nil
	}
	fields, ok := m.sdk.structs[name]
	if !ok {
		return api.TypeRef{}, fmt.Errorf("model %s not found", name)
	}
	goName := api.GoName(name)
	t := m.q.b.types[goName]
	if t == nil {
		goName = m.q.b.claim(goName, "sdk "+name)
		t = m.q.b.types[goName]
	}
	m.types[name] = goName
	var add []api.Field
	for _, sf := range fields {
		if hasField(t.Fields, sf.wire) || hasField(add, sf.wire) {
			continue
		}
		f, err := m.field(sf, "")
		if err != nil {
			return api.TypeRef{}, fmt.Errorf("model %s: %w", name, err)
		}
		add = append(add, f)
	}
	if len(add) > 0 {
		all := slices.Concat(t.Fields, add)
		for i := range all {
			all[i].GoName = ""
		}
		slices.SortStableFunc(all, func(a, b api.Field) int { return strings.Compare(a.WireName, b.WireName) })
		m.q.b.setFields(goName, all)
	}
	return object(goName), nil
}
