package importer

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// builder accumulates one Service: its operations, its named types and the
// notes about how source inconsistencies were handled.
type builder struct {
	svc     api.Service
	types   map[string]*api.Type // by GoName
	opNames map[string]struct{}  // see reserveOperationNames
	notes   []string
}

func newBuilder(svc api.Service) *builder {
	return &builder{svc: svc, types: make(map[string]*api.Type)}
}

func (b *builder) notef(format string, args ...any) {
	b.notes = append(b.notes, fmt.Sprintf(format, args...))
}

// reserved reports whether a type name is taken by something other than a
// Type: the emitter's own package-level names and the NameInput/NameOutput
// types of the operations passed to reserveOperationNames.
func (b *builder) reserved(name string) bool {
	if slices.Contains(api.ReservedTypeNames, name) {
		return true
	}
	for _, suffix := range []string{"Input", "Output"} {
		if op, ok := strings.CutSuffix(name, suffix); ok && b.hasOperationName(op) {
			return true
		}
	}
	return false
}

func (b *builder) hasOperationName(name string) bool {
	_, ok := b.opNames[name]
	return ok
}

// reserveOperationNames records the service's operation names; it must be
// called before any type is named.
func (b *builder) reserveOperationNames(names []string) {
	if b.opNames == nil {
		b.opNames = make(map[string]struct{}, len(names))
	}
	for _, n := range names {
		b.opNames[n] = struct{}{}
	}
}

// claim reserves a type name for a type whose fields are filled in later
// (needed for recursive source types). It returns the name actually claimed:
// want itself, or want with a numeric suffix when want is taken.
func (b *builder) claim(want, specName string) string {
	name := want
	for i := 2; b.types[name] != nil || b.reserved(name); i++ {
		name = want + strconv.Itoa(i)
	}
	if name != want {
		b.notef("type %s (%s) is named %s because %s is taken", want, specName, name, want)
	}
	b.types[name] = &api.Type{GoName: name, SpecName: specName}
	return name
}

// setFields fills in the fields of a claimed type.
func (b *builder) setFields(name string, fields []api.Field) {
	b.types[name].Fields = b.goNames("type "+name, fields)
}

// shared adds an anonymous source type under one of the candidate names:
// the first candidate that is free, or that already names a type with the
// same fields (which is then reused). Candidates are tried in order; a
// numeric suffix on the last one is the fallback.
func (b *builder) shared(candidates []string, specName string, fields []api.Field) string {
	fields = b.goNames("type "+candidates[0], fields)
	for _, c := range candidates {
		if b.reserved(c) {
			continue
		}
		t := b.types[c]
		if t == nil {
			b.types[c] = &api.Type{GoName: c, SpecName: specName, Fields: fields}
			return c
		}
		if reflect.DeepEqual(t.Fields, fields) {
			return c
		}
	}
	last := candidates[len(candidates)-1]
	for i := 2; ; i++ {
		c := last + strconv.Itoa(i)
		t := b.types[c]
		if t == nil && !b.reserved(c) {
			b.types[c] = &api.Type{GoName: c, SpecName: specName, Fields: fields}
			b.notef("type %s is named %s because the shorter names are taken", specName, c)
			return c
		}
		if t != nil && reflect.DeepEqual(t.Fields, fields) {
			return c
		}
	}
}

// goNames fills in each field's GoName from its WireName and makes the names
// unique within the list, noting any suffix it had to add.
func (b *builder) goNames(where string, fields []api.Field) []api.Field {
	seen := make(map[string]bool, len(fields))
	for i := range fields {
		f := &fields[i]
		want := api.GoName(f.WireName)
		name := want
		for n := 2; seen[name]; n++ {
			name = want + strconv.Itoa(n)
		}
		if name != want {
			b.notef("%s: field %q is named %s because %s is taken", where, f.WireName, name, want)
		}
		seen[name] = true
		f.GoName = name
	}
	return fields
}

// addOperation appends an operation, naming its input and output fields.
func (b *builder) addOperation(op api.Operation) {
	op.Input = b.goNames(op.Name+" input", op.Input)
	op.Output = b.goNames(op.Name+" output", op.Output)
	if op.Input == nil {
		op.Input = []api.Field{}
	}
	if op.Output == nil {
		op.Output = []api.Field{}
	}
	if op.Paging != nil {
		if why := pagingKinds(&op); why != "" {
			b.notef("%s pages, but %s: not treated as a list operation", op.Name, why)
			op.Paging = nil
		}
	}
	b.svc.Operations = append(b.svc.Operations, op)
}

// pagingKinds says why an operation's paging fields have types an iterator
// cannot drive, or "" when they are fine: request counters are integers or
// optional strings holding decimal text (JD Cloud redis pageNumber), a page
// size may also be a required string; tokens are strings; a total is an
// integer or decimal text.
func pagingKinds(o *api.Operation) string {
	p := o.Paging
	counters := []string{p.PageNumber, p.PageSize, p.Offset, p.Limit, p.MaxResults}
	for _, w := range counters {
		if w == "" {
			continue
		}
		f := o.InputField(w)
		switch {
		case f == nil:
		case f.Type.Kind == api.KindInt64:
		case f.Type.Kind == api.KindString && (!f.Required || w == p.PageSize || w == p.Limit || w == p.MaxResults):
		case f.Required:
			return fmt.Sprintf("its %s is a required %s", w, f.Type.Kind)
		default:
			return fmt.Sprintf("its %s is a %s", w, f.Type.Kind)
		}
	}
	if f := o.InputField(p.TotalRequires); f != nil && f.Type.Kind != api.KindInt64 {
		return fmt.Sprintf("its %s is %s", p.TotalRequires, f.Type.Kind)
	}
	if f := o.InputField(p.Token); f != nil && (f.Type.Kind != api.KindString || f.Required) {
		return fmt.Sprintf("its %s is not an optional string", p.Token)
	}
	if f := o.OutputField(p.NextToken); f != nil && f.Type.Kind != api.KindString {
		return fmt.Sprintf("its %s is %s", p.NextToken, f.Type.Kind)
	}
	if f := o.OutputField(p.Total); f != nil && f.Type.Kind != api.KindInt64 && f.Type.Kind != api.KindString {
		return fmt.Sprintf("its total %s is %s", p.Total, f.Type.Kind)
	}
	return ""
}

// finish sorts operations and types, drops types no operation reaches,
// attaches the notes and validates the result.
func (b *builder) finish() (*api.Service, error) {
	s := b.svc
	slices.SortFunc(s.Operations, func(x, y api.Operation) int { return strings.Compare(x.Name, y.Name) })

	reached := make(map[string]bool)
	var walk func(r *api.TypeRef)
	walk = func(r *api.TypeRef) {
		if r.Elem != nil {
			walk(r.Elem)
		}
		if r.Kind == api.KindObject && !reached[r.Ref] {
			reached[r.Ref] = true
			if t := b.types[r.Ref]; t != nil {
				for i := range t.Fields {
					walk(&t.Fields[i].Type)
				}
			}
		}
	}
	for i := range s.Operations {
		for j := range s.Operations[i].Input {
			walk(&s.Operations[i].Input[j].Type)
		}
		for j := range s.Operations[i].Output {
			walk(&s.Operations[i].Output[j].Type)
		}
	}
	s.Types = []api.Type{}
	for name, t := range b.types {
		if reached[name] {
			if t.Fields == nil {
				t.Fields = []api.Field{}
			}
			s.Types = append(s.Types, *t)
		}
	}
	slices.SortFunc(s.Types, func(x, y api.Type) int { return strings.Compare(x.GoName, y.GoName) })

	applyFacts(&s)
	s.Notes = slices.Clone(b.notes)
	slices.Sort(s.Notes)
	s.Notes = slices.Compact(s.Notes)
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s/%s: %w", s.Provider, s.Name, err)
	}
	return &s, nil
}

// readOnlyPrefixes mark operations that only read.
var readOnlyPrefixes = []string{"Describe", "List", "Get", "Query"}

func readOnlyName(name string) bool {
	for _, p := range readOnlyPrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok && (rest == "" || rest[0] >= 'A' && rest[0] <= 'Z') {
			return true
		}
	}
	return false
}

// singular makes the singular of an English plural noun at the end of a Go
// name, the way volcengine-go-sdk names list item types (Tags → Tag,
// Policies → Policy, Addresses → Address); names that are not plural are
// returned unchanged.
func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "ies") && len(name) > 3:
		return name[:len(name)-3] + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "xes"),
		strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "shes"),
		strings.HasSuffix(name, "uses"):
		return name[:len(name)-2]
	case strings.HasSuffix(name, "ss"), strings.HasSuffix(name, "us"), strings.HasSuffix(name, "is"):
		return name
	case strings.HasSuffix(name, "s") && len(name) > 1:
		return name[:len(name)-1]
	}
	return name
}

func scalar(kind, format string) api.TypeRef { return api.TypeRef{Kind: kind, Format: format} }

func listOf(elem api.TypeRef) api.TypeRef { return api.TypeRef{Kind: api.KindList, Elem: &elem} }

func mapOf(elem api.TypeRef) api.TypeRef { return api.TypeRef{Kind: api.KindMap, Elem: &elem} }

func object(ref string) api.TypeRef { return api.TypeRef{Kind: api.KindObject, Ref: ref} }

// listFields returns the fields that are lists.
func listFields(fs []api.Field) []api.Field {
	var out []api.Field
	for _, f := range fs {
		if f.Type.Kind == api.KindList {
			out = append(out, f)
		}
	}
	return out
}

// pickList chooses the list of a list operation's response that holds its
// items: the only list, or, among several, the one the operation's name
// ends with (DescribeAcls → Acls, beside Tags).
func pickList(opName string, lists []api.Field) (api.Field, bool) {
	if len(lists) == 1 {
		return lists[0], true
	}
	noun := opName
	for _, p := range readOnlyPrefixes {
		if rest, ok := strings.CutPrefix(opName, p); ok {
			noun = rest
			break
		}
	}
	var found []api.Field
	for _, l := range lists {
		if strings.EqualFold(l.WireName, noun) || strings.EqualFold(api.GoName(l.WireName), noun) {
			found = append(found, l)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return api.Field{}, false
}

// hasField reports whether fs has a field with the wire name.
func hasField(fs []api.Field, wire string) bool {
	for _, f := range fs {
		if f.WireName == wire {
			return true
		}
	}
	return false
}

// firstField returns the first of the wire names that names a field in fs,
// or "".
func firstField(fs []api.Field, wires ...string) string {
	for _, w := range wires {
		if hasField(fs, w) {
			return w
		}
	}
	return ""
}
