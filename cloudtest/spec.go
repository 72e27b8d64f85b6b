package cloudtest

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// specs is the description of every typed operation (package
// internal/catalog, generated from the same descriptions as the typed
// packages). It is read-only embedded data that decodes each service once,
// so every server shares it.
var specs = catalog.New()

// specOp is an operation of the catalog with the service it belongs to.
type specOp struct {
	svc *catalog.Service
	op  *catalog.Operation
}

// specServices returns the decoded services of a provider, skipping any
// that do not decode (the catalog's own tests catch those).
func specServices(provider string) []*catalog.Service {
	var out []*catalog.Service
	for _, info := range specs.Services(provider) {
		if svc, err := specs.Service(provider, info.Name); err == nil {
			out = append(out, svc)
		}
	}
	return out
}

// volcSpecs maps Volcengine's signing service names to their services;
// qcSpec is QingCloud's iaas. Both are built once.
var (
	volcSpecs = sync.OnceValue(func() map[string]*catalog.Service {
		m := map[string]*catalog.Service{}
		for _, svc := range specServices(catalog.Volcengine) {
			m[svc.Signing()] = svc
		}
		return m
	})
	qcSpec = sync.OnceValue(func() *catalog.Service {
		svc, _ := specs.Service(catalog.QingCloud, "iaas")
		return svc
	})
)

// volcOp finds a Volcengine operation by signing service, version and
// action. It reports whether the service exists at all.
func volcOp(service, version, action string) (specOp, bool) {
	svc := volcSpecs()[service]
	if svc == nil {
		return specOp{}, false
	}
	op := svc.Operation(action)
	if op == nil || (op.Version != "" && op.Version != version) {
		return specOp{svc: svc}, true
	}
	return specOp{svc: svc, op: op}, true
}

// qcOp finds a QingCloud iaas operation by action.
func qcOp(action string) specOp {
	svc := qcSpec()
	if svc == nil {
		return specOp{}
	}
	return specOp{svc: svc, op: svc.Operation(action)}
}

// jdTemplate is one JD Cloud operation's path, split into segments.
type jdTemplate struct {
	specOp
	version string
	segs    []string
	literal int // how many literal characters; more is more specific
}

// jdTemplates are every JD Cloud operation's path templates, the most
// specific first, so that "/instances/{id}:startInstance" is tried before
// "/instances/{id}".
var jdTemplates = sync.OnceValue(func() []jdTemplate {
	var out []jdTemplate
	for _, svc := range specServices(catalog.JDCloud) {
		for i := range svc.Operations {
			op := &svc.Operations[i]
			t := jdTemplate{specOp: specOp{svc: svc, op: op}, version: op.Version, segs: splitPath(op.Path)}
			if t.version == "" {
				t.version = svc.Version
			}
			for _, s := range t.segs {
				t.literal += len(s) - placeholderLen(s)
			}
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b jdTemplate) int { return b.literal - a.literal })
	return out
})

// splitPath splits a path into its segments without the empty ones that
// leading and trailing slashes make.
func splitPath(p string) []string {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		return nil
	}
	return segs
}

// placeholderLen is the length of the {name} in a template segment, 0 if
// none.
func placeholderLen(seg string) int {
	i, j := strings.IndexByte(seg, '{'), strings.IndexByte(seg, '}')
	if i < 0 || j < i {
		return 0
	}
	return j - i + 1
}

// matchSegment matches one decoded path segment against a template
// segment: literal text, or "{name}" with optional literal text around it.
// A placeholder never takes a '/'; it may be empty, which validation then
// reports as a missing parameter.
func matchSegment(tmpl, got string, params map[string]string) bool {
	i, j := strings.IndexByte(tmpl, '{'), strings.IndexByte(tmpl, '}')
	if i < 0 || j < i {
		return tmpl == got
	}
	pre, name, post := tmpl[:i], tmpl[i+1:j], tmpl[j+1:]
	if len(got) < len(pre)+len(post) || !strings.HasPrefix(got, pre) || !strings.HasSuffix(got, post) {
		return false
	}
	params[name] = got[len(pre) : len(got)-len(post)]
	return true
}

// jdFindOp finds the JD Cloud operation for a method and decoded path
// segments (version first), preferring one of the service the signature
// names. It returns the path parameters.
func jdFindOp(method string, segs []string, service string) (specOp, map[string]string, bool) {
	if len(segs) == 0 {
		return specOp{}, nil, false
	}
	var found *jdTemplate
	var foundParams map[string]string
	for i := range jdTemplates() {
		t := &jdTemplates()[i]
		if t.version != segs[0] || len(t.segs) != len(segs)-1 || !strings.EqualFold(t.op.Method, method) {
			continue
		}
		params := map[string]string{}
		ok := true
		for k, s := range t.segs {
			if !matchSegment(s, segs[k+1], params) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if found == nil || (found.svc.Signing() != service && t.svc.Signing() == service && t.literal == found.literal) {
			found, foundParams = t, params
		}
	}
	if found == nil {
		return specOp{}, nil, false
	}
	return found.specOp, foundParams, true
}

// checkInput validates params against an operation's inputs: required
// fields present, values of the declared type, enumerated values among
// those documented. It returns the first problem as a failure that names
// the parameter by its flattened wire name (instanceSpec.az, Tags.1.Key).
// boolDigits accepts 1 and 0 for booleans, as QingCloud sends them.
func checkInput(so specOp, params flat, skip func(string) bool) *failure {
	return checkFields(so.svc, "", so.op.Input, params, skip, 0)
}

// maxDepth bounds the nesting validation and zero values follow, so that a
// type that refers to itself cannot loop.
const maxDepth = 6

func checkFields(svc *catalog.Service, prefix string, fields []catalog.Field, params flat, skip func(string) bool, depth int) *failure {
	if depth > maxDepth {
		return nil
	}
	for i := range fields {
		f := &fields[i]
		name := prefix + f.WireName
		if skip != nil && skip(name) {
			continue
		}
		if err := checkField(svc, name, f, f.Type, params, skip, depth); err != nil {
			return err
		}
	}
	return nil
}

func checkField(svc *catalog.Service, name string, f *catalog.Field, t catalog.TypeRef, params flat, skip func(string) bool, depth int) *failure {
	present := params.present(name)
	if !present {
		if f != nil && f.Required {
			return missingParam(name)
		}
		return nil
	}
	switch {
	case t.Scalar():
		for _, v := range params[name] {
			if err := checkScalar(name, t, v); err != nil {
				return err
			}
			if enumChecked(f, name) && !slices.Contains(f.Enum, v) {
				return invalidf("the value [%s] of %s is not one of %s", v, name, strings.Join(f.Enum, ", "))
			}
		}
	case t.Kind == catalog.KindList && t.Elem != nil:
		for _, idx := range params.indices(name) {
			item := name + "." + idx
			if t.Elem.Scalar() {
				for _, v := range params[item] {
					if err := checkScalar(item, *t.Elem, v); err != nil {
						return err
					}
					if enumChecked(f, item) && !slices.Contains(f.Enum, v) {
						return invalidf("the value [%s] of %s is not one of %s", v, item, strings.Join(f.Enum, ", "))
					}
				}
				continue
			}
			if err := checkField(svc, item, nil, *t.Elem, params, skip, depth+1); err != nil {
				return err
			}
		}
		// A repeated name (name=a&name=b) is a list of scalars too.
		if t.Elem.Scalar() {
			for _, v := range params[name] {
				if err := checkScalar(name, *t.Elem, v); err != nil {
					return err
				}
			}
		}
	case t.Kind == catalog.KindObject:
		return checkFields(svc, name+".", svc.Fields(t), params, skip, depth+1)
	}
	return nil
}

// enumChecked reports whether a field's values must be among its
// documented ones: regions and zones are checked against the server's
// known codes instead, which a test may extend.
func enumChecked(f *catalog.Field, name string) bool {
	return f != nil && len(f.Enum) > 0 && !zoneField(name) && f.WireName != "regionId" && f.WireName != "zone"
}

// checkScalar reports a value that is not of type t.
func checkScalar(name string, t catalog.TypeRef, v string) *failure {
	var ok bool
	switch t.Kind {
	case catalog.KindInt64:
		_, err := strconv.ParseInt(v, 10, 64)
		ok = err == nil
	case catalog.KindFloat:
		_, err := strconv.ParseFloat(v, 64)
		ok = err == nil
	case catalog.KindBool:
		ok = v == "true" || v == "false" || v == "1" || v == "0"
	case catalog.KindTime:
		_, err := time.Parse(time.RFC3339, v)
		ok = err == nil
	default:
		ok = true
	}
	if !ok {
		return invalidf("the value [%s] of %s is not a valid %s", v, name, t.Kind)
	}
	return nil
}

// present reports whether name, or anything under it (name.1,
// name.field), was sent.
func (f flat) present(name string) bool {
	if _, ok := f[name]; ok {
		return true
	}
	for k := range f {
		if strings.HasPrefix(k, name+".") {
			return true
		}
	}
	return false
}

// indices returns the list indices N sent as name.N or name.N.field,
// sorted numerically.
func (f flat) indices(name string) []string {
	seen := map[int]bool{}
	for k := range f {
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(idx); err == nil && n > 0 {
			seen[n] = true
		}
	}
	keys := make([]int, 0, len(seen))
	for n := range seen {
		keys = append(keys, n)
	}
	slices.Sort(keys)
	out := make([]string, len(keys))
	for i, n := range keys {
		out[i] = strconv.Itoa(n)
	}
	return out
}
