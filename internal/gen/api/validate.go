package api

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// PackageName is the generated Go package's name: Package, or Name when
// Package is empty.
func (s *Service) PackageName() string {
	if s.Package != "" {
		return s.Package
	}
	return s.Name
}

// Type returns the Type with the given GoName, or nil.
func (s *Service) Type(goName string) *Type {
	i, ok := slices.BinarySearchFunc(s.Types, goName, func(t Type, n string) int { return strings.Compare(t.GoName, n) })
	if !ok {
		return nil
	}
	return &s.Types[i]
}

// Operation returns the Operation with the given Name, or nil.
func (s *Service) Operation(name string) *Operation {
	i, ok := slices.BinarySearchFunc(s.Operations, name, func(o Operation, n string) int { return strings.Compare(o.Name, n) })
	if !ok {
		return nil
	}
	return &s.Operations[i]
}

// OutputPath resolves a dotted path of wire names ("pagination.numberRecords")
// from an operation's Output through single (not list) object fields, and
// returns the fields along it, the last being the one named; nil when the
// path does not resolve.
func (s *Service) OutputPath(o *Operation, path string) []*Field {
	fields := o.Output
	var chain []*Field
	for i, name := range strings.Split(path, ".") {
		f := findField(fields, name)
		if f == nil {
			return nil
		}
		chain = append(chain, f)
		if i == len(strings.Split(path, "."))-1 {
			return chain
		}
		t := s.Type(f.Type.Ref)
		if f.Type.Kind != KindObject || t == nil {
			return nil
		}
		fields = t.Fields
	}
	return nil
}

// InputField returns the top-level Input field with the given wire name, or nil.
func (o *Operation) InputField(wire string) *Field { return findField(o.Input, wire) }

// OutputField returns the Output field with the given wire name, or nil.
func (o *Operation) OutputField(wire string) *Field { return findField(o.Output, wire) }

func findField(fs []Field, wire string) *Field {
	for i := range fs {
		if fs[i].WireName == wire {
			return &fs[i]
		}
	}
	return nil
}

var (
	methods       = []string{"DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"}
	providers     = []string{ProviderJDCloud, ProviderQingCloud, ProviderVolcengine}
	encodings     = []string{BodyForm, BodyJSON, BodyNone}
	locations     = []string{LocationBody, LocationHeader, LocationPath, LocationQuery}
	styles        = []string{StyleOffset, StylePage, StyleToken}
	scalarKinds   = []string{KindAny, KindBool, KindFloat, KindInt64, KindString, KindTime}
	serviceName   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	pkgName       = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	pathParameter = regexp.MustCompile(`\{([^{}]+)\}`)
)

// Validate checks the invariants the emitter relies on: names are exported
// Go identifiers and unique where they must be, operations and types are
// sorted, every enumerated value (method, location, kind, style) is known,
// path placeholders match path fields, every Ref resolves, every type is
// reachable, and paging names real fields. It reports all problems found.
func (s *Service) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if !slices.Contains(providers, s.Provider) {
		bad("unknown provider %q", s.Provider)
	}
	if !serviceName.MatchString(s.Name) {
		bad("service name %q is not lower-case letters, digits and underscores", s.Name)
	}
	if !pkgName.MatchString(s.PackageName()) || s.Package == s.Name {
		bad("package name %q (of service %q) is not a lower-case Go package name, or repeats the service name", s.PackageName(), s.Name)
	}
	if s.Version == "" || s.Endpoint == "" {
		bad("service %s: version and endpoint are required", s.Name)
	}

	types := make(map[string]*Type, len(s.Types))
	for i := range s.Types {
		t := &s.Types[i]
		if !IsExportedIdent(t.GoName) {
			bad("type %q: not an exported Go identifier", t.GoName)
		}
		if i > 0 && s.Types[i-1].GoName >= t.GoName {
			bad("types not sorted or not unique at %q", t.GoName)
		}
		if slices.Contains(ReservedTypeNames, t.GoName) {
			bad("type %q: reserved name", t.GoName)
		}
		types[t.GoName] = t
	}

	reached := make(map[string]bool)
	var checkRef func(where string, r *TypeRef)
	checkRef = func(where string, r *TypeRef) {
		switch {
		case r.Kind == KindList || r.Kind == KindMap:
			if r.Elem == nil || r.Ref != "" {
				bad("%s: %s needs elem and no ref", where, r.Kind)
				return
			}
			checkRef(where, r.Elem)
		case r.Kind == KindObject:
			if r.Elem != nil || types[r.Ref] == nil {
				bad("%s: object ref %q does not resolve", where, r.Ref)
				return
			}
			if !reached[r.Ref] {
				reached[r.Ref] = true
				checkFields(where+" > "+r.Ref, types[r.Ref].Fields, false, bad, checkRef)
			}
		case slices.Contains(scalarKinds, r.Kind):
			if r.Elem != nil || r.Ref != "" {
				bad("%s: scalar kind %s with elem or ref", where, r.Kind)
			}
		default:
			bad("%s: unknown kind %q", where, r.Kind)
		}
	}

	for i := range s.Operations {
		o := &s.Operations[i]
		where := s.Name + "." + o.Name
		if !IsExportedIdent(o.Name) {
			bad("%s: operation name is not an exported Go identifier", where)
		}
		if i > 0 && s.Operations[i-1].Name >= o.Name {
			bad("%s: operations not sorted or not unique", where)
		}
		for _, suffix := range []string{"Input", "Output"} {
			if types[o.Name+suffix] != nil {
				bad("%s: type %s clashes with the operation's %s type", where, o.Name+suffix, suffix)
			}
		}
		if !slices.Contains(methods, o.HTTPMethod) {
			bad("%s: unknown HTTP method %q", where, o.HTTPMethod)
		}
		if !strings.HasPrefix(o.Path, "/") {
			bad("%s: path %q does not start with /", where, o.Path)
		}
		if !slices.Contains(encodings, o.BodyEncoding) {
			bad("%s: unknown body encoding %q", where, o.BodyEncoding)
		}
		checkFields(where+".Input", o.Input, true, bad, checkRef)
		checkFields(where+".Output", o.Output, false, bad, checkRef)

		var placeholders, pathFields []string
		for _, m := range pathParameter.FindAllStringSubmatch(o.Path, -1) {
			placeholders = append(placeholders, m[1])
		}
		hasBody := false
		for _, f := range o.Input {
			switch f.Location {
			case LocationPath:
				pathFields = append(pathFields, f.WireName)
				if !f.Required {
					bad("%s: path field %s is not required", where, f.WireName)
				}
			case LocationBody:
				hasBody = true
			}
		}
		slices.Sort(placeholders)
		slices.Sort(pathFields)
		if !slices.Equal(placeholders, pathFields) {
			bad("%s: path placeholders %v do not match path fields %v", where, placeholders, pathFields)
		}
		if hasBody && o.BodyEncoding == BodyNone {
			bad("%s: body fields without a body encoding", where)
		}
		if (o.HTTPMethod == "GET" || o.HTTPMethod == "DELETE" || o.HTTPMethod == "HEAD") && o.BodyEncoding != BodyNone {
			bad("%s: %s with body encoding %s", where, o.HTTPMethod, o.BodyEncoding)
		}
		if o.Paging != nil {
			checkPaging(s, where, o, bad)
		}
	}

	for name := range types {
		if !reached[name] {
			bad("type %s is not reachable from any operation", name)
		}
	}
	return errors.Join(errs...)
}

func checkFields(where string, fs []Field, input bool, bad func(string, ...any), checkRef func(string, *TypeRef)) {
	goNames := make(map[string]bool, len(fs))
	wireNames := make(map[string]bool, len(fs))
	for i := range fs {
		f := &fs[i]
		w := where + "." + f.WireName
		if f.WireName == "" {
			bad("%s: empty wire name", where)
		}
		if !IsExportedIdent(f.GoName) {
			bad("%s: Go name %q is not an exported Go identifier", w, f.GoName)
		}
		if goNames[f.GoName] || wireNames[f.WireName] {
			bad("%s: duplicate name (Go %s)", w, f.GoName)
		}
		goNames[f.GoName], wireNames[f.WireName] = true, true
		for _, n := range []string{f.Min, f.Max} {
			if _, err := strconv.ParseFloat(n, 64); n != "" && err != nil {
				bad("%s: range bound %q is not a number", w, n)
			}
		}
		if input != (f.Location != "") {
			bad("%s: location %q (set on top-level inputs only)", w, f.Location)
		} else if input && !slices.Contains(locations, f.Location) {
			bad("%s: unknown location %q", w, f.Location)
		}
		checkRef(w, &f.Type)
	}
}

func checkPaging(s *Service, where string, o *Operation, bad func(string, ...any)) {
	p := o.Paging
	in := func(name, role string, required bool) {
		if name == "" {
			if required {
				bad("%s: paging %s field missing", where, role)
			}
			return
		}
		if o.InputField(name) == nil {
			bad("%s: paging %s field %q is not an input", where, role, name)
		}
	}
	out := func(name, role string, required bool) {
		if name == "" {
			if required {
				bad("%s: paging %s field missing", where, role)
			}
			return
		}
		if o.OutputField(name) == nil {
			bad("%s: paging %s field %q is not an output", where, role, name)
		}
	}
	all := append([]string{p.Style}, p.AlsoAccepts...)
	for _, st := range all {
		if !slices.Contains(styles, st) {
			bad("%s: unknown paging style %q", where, st)
		}
	}
	in(p.PageNumber, "pageNumber", slices.Contains(all, StylePage))
	in(p.PageSize, "pageSize", slices.Contains(all, StylePage))
	in(p.Offset, "offset", slices.Contains(all, StyleOffset))
	in(p.Limit, "limit", slices.Contains(all, StyleOffset))
	in(p.Token, "token", slices.Contains(all, StyleToken))
	in(p.MaxResults, "maxResults", slices.Contains(all, StyleToken))
	out(p.NextToken, "nextToken", slices.Contains(all, StyleToken))
	in(p.TotalRequires, "totalRequires", false)
	if p.Total != "" && s.OutputPath(o, p.Total) == nil {
		bad("%s: paging total %q is not an output field or a path through single objects to one", where, p.Total)
	}
	out(p.TotalPages, "totalPages", false)
	out(p.Items, "items", true)
	if f := o.OutputField(p.Items); f != nil {
		if f.Type.Kind != KindList || f.Type.Elem == nil || !sameType(*f.Type.Elem, p.ItemType) {
			bad("%s: paging items %q is not a list of the item type", where, p.Items)
		}
	}
	if (p.MaxPageSize == 0) != (p.MaxPageSizeFrom == "") ||
		(p.MaxPageSizeFrom != "" && p.MaxPageSizeFrom != PageSizeFromSpec && p.MaxPageSizeFrom != PageSizeFromProvider) {
		bad("%s: max page size %d from %q", where, p.MaxPageSize, p.MaxPageSizeFrom)
	}
}

func sameType(a, b TypeRef) bool {
	if a.Kind != b.Kind || a.Ref != b.Ref || a.Format != b.Format || (a.Elem == nil) != (b.Elem == nil) {
		return false
	}
	return a.Elem == nil || sameType(*a.Elem, *b.Elem)
}
