// Package wiretest exercises every operation of a generated service package
// against its API description: for each operation it builds an input by
// reflection, twice (the required fields only, then every field, with lists,
// nested objects and maps), calls the typed method through a recording fake
// endpoint, and checks the request on the wire against what the description
// says it must be: method, path, action, version, parameter names and
// flattening, and the JSON or form body.
//
// The expected wire form is computed here from the description's rules
// (package internal/gen/api), independently of the encoder the generated
// code uses, so that a mistake in either shows as a difference.
package wiretest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/gen/api"
	"github.com/multicloud-go/multicloud/internal/typedtest"
)

// NewClient makes the typed client under test with the options that route
// it to the fake endpoint.
type NewClient func(opts ...multicloud.Option) (any, error)

// Fixed values the fake answers and the driver sends.
const (
	RequestID = "wire-request-id"
	Region    = "cn-wire-1"
	Zone      = "wire1a"
	token     = "<token>" // stands for an SDK-filled idempotency token
)

var (
	tokenForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	timeValue = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
)

// Run checks every operation of the description "provider/service" (as
// under internal/gen/apis) with the client newClient makes, and returns how
// many operations it exercised.
func Run(t *testing.T, description string, newClient NewClient) int {
	t.Helper()
	svc := load(t, description)
	srv, opts := typedtest.New(typedtest.Reply(successBody(svc.Provider)))
	client, err := newClient(opts...)
	require.NoError(t, err)
	cv := reflect.ValueOf(client)
	n := 0
	for i := range svc.Operations {
		op := &svc.Operations[i]
		for _, all := range []bool{false, true} {
			name := op.Name + "/required"
			if all {
				name = op.Name + "/all"
			}
			b := &builder{svc: svc, all: all}
			m := cv.MethodByName(op.Name)
			if !m.IsValid() {
				t.Errorf("%s: the client has no method %s", description, op.Name)
				break
			}
			in := reflect.New(m.Type().In(1).Elem())
			want := b.fill(in.Elem(), op.Input, 0)
			res := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), in})
			if err, _ := res[1].Interface().(error); err != nil {
				t.Errorf("%s %s: %v", description, name, err)
				continue
			}
			got := srv.Last()
			if got == nil {
				t.Errorf("%s %s: nothing was sent", description, name)
				continue
			}
			ok := check(t, svc, op, want, got, name)
			if svc.Provider != api.ProviderQingCloud {
				md := res[0].Elem().FieldByName("ResultMetadata").Interface().(multicloud.Metadata)
				ok = assert.Equal(t, RequestID, md.RequestID, "%s: ResultMetadata.RequestID", name) && ok
			}
			if !ok {
				t.Logf("%s: request %s %s?%s body %s", name, got.Method, got.Path, got.Query.Encode(), got.Body)
			}
		}
		n++
	}
	srv.Forget()
	return n
}

// load reads the description from the module's internal/gen/apis.
func load(t *testing.T, description string) *api.Service {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, parent, dir, "no go.mod above the test")
		dir = parent
	}
	svc, err := api.Load(filepath.Join(dir, "internal", "gen", "apis", description+".json"))
	require.NoError(t, err)
	return svc
}

func successBody(provider string) string {
	switch provider {
	case api.ProviderJDCloud:
		return `{"requestId":"` + RequestID + `","result":{}}`
	case api.ProviderVolcengine:
		return `{"ResponseMetadata":{"RequestId":"` + RequestID + `"},"Result":{}}`
	}
	return `{"ret_code":0}`
}

// Nodes of the expected value tree: what each field was set to.
type (
	object map[string]any // an API object, by wire name
	dict   map[string]any // a map field, by key
	list   []any
)

// builder fills an input and records the values as a tree.
type builder struct {
	svc *api.Service
	all bool // every field, not only the required ones
	// tokenField is the wire name of a top-level idempotency-token field
	// left empty, whose value the SDK fills.
}

// fill sets the fields of the struct v that the builder chooses and returns
// them as an object tree. Nested objects stop at depth 3.
func (b *builder) fill(v reflect.Value, fields []api.Field, depth int) object {
	out := object{}
	for _, f := range fields {
		if !f.Required && !b.all {
			continue
		}
		fv := v.FieldByName(f.GoName)
		if !fv.IsValid() {
			panic(fmt.Sprintf("wiretest: %s has no field %s", v.Type(), f.GoName))
		}
		if val, ok := b.value(fv, f.Type, f.WireName, f.Location == api.LocationPath, depth); ok {
			out[f.WireName] = val
		}
	}
	return out
}

// value sets fv, of type t, and returns its tree node.
func (b *builder) value(fv reflect.Value, t api.TypeRef, wire string, path bool, depth int) (any, bool) {
	if fv.Kind() == reflect.Pointer && t.Kind != api.KindObject {
		p := reflect.New(fv.Type().Elem())
		node, ok := b.value(p.Elem(), t, wire, path, depth)
		if ok {
			fv.Set(p)
		}
		return node, ok
	}
	switch t.Kind {
	case api.KindString:
		s := "v-" + wire
		if path {
			s = "p-" + wire
		}
		switch wire {
		case "regionId":
			s = Region
		case "zone":
			s = Zone
		}
		fv.SetString(s)
		return s, true
	case api.KindInt64:
		fv.SetInt(7)
		return int64(7), true
	case api.KindFloat:
		fv.SetFloat(1.5)
		return 1.5, true
	case api.KindBool:
		fv.SetBool(true)
		return true, true
	case api.KindTime:
		fv.Set(reflect.ValueOf(timeValue))
		return timeValue.Format("2006-01-02T15:04:05Z"), true
	case api.KindAny:
		fv.Set(reflect.ValueOf("any-" + wire))
		return "any-" + wire, true
	case api.KindObject:
		if depth >= 3 {
			return nil, false
		}
		typ := b.svc.Type(t.Ref)
		p := reflect.New(fv.Type().Elem())
		node := b.fill(p.Elem(), typ.Fields, depth+1)
		fv.Set(p)
		return node, true
	case api.KindList:
		el := *t.Elem
		n := 2
		if el.Kind == api.KindObject {
			if depth >= 3 {
				return nil, false
			}
			n = 1
		}
		s := reflect.MakeSlice(fv.Type(), n, n)
		var nodes list
		for i := range n {
			var node any
			var ok bool
			if el.Kind == api.KindObject {
				node, ok = b.fill(s.Index(i), b.svc.Type(el.Ref).Fields, depth+1), true
			} else {
				node, ok = b.value(s.Index(i), el, wire, false, depth+1)
			}
			if !ok {
				return nil, false
			}
			nodes = append(nodes, node)
		}
		fv.Set(s)
		return nodes, true
	case api.KindMap:
		switch t.Elem.Kind {
		case api.KindString, api.KindInt64, api.KindFloat, api.KindBool:
		default:
			return nil, false // maps of objects and lists: not exercised
		}
		m := reflect.MakeMap(fv.Type())
		ev := reflect.New(fv.Type().Elem()).Elem()
		node, _ := b.value(ev, *t.Elem, wire, false, depth+1)
		m.SetMapIndex(reflect.ValueOf("k"), ev)
		fv.Set(m)
		return dict{"k": node}, true
	}
	return nil, false
}

// check compares the request with the description and the values sent.
func check(t *testing.T, svc *api.Service, op *api.Operation, want object, got *typedtest.Request, name string) bool {
	t.Helper()
	tokenLeft := op.IdempotencyToken != "" && want[op.IdempotencyToken] == nil
	if tokenLeft {
		want[op.IdempotencyToken] = token
	}
	switch svc.Provider {
	case api.ProviderJDCloud:
		return checkJDCloud(t, op, want, got, name)
	case api.ProviderVolcengine:
		return checkVolcengine(t, op, want, got, name)
	}
	return checkQingCloud(t, op, want, got, name)
}

func checkJDCloud(t *testing.T, op *api.Operation, want object, got *typedtest.Request, name string) bool {
	path := "/" + op.Version + expandPath(op.Path, want)
	for _, f := range op.Input {
		if f.Location == api.LocationPath {
			delete(want, f.WireName)
		}
	}
	ok := assert.Equal(t, op.HTTPMethod, got.Method, "%s: method", name)
	ok = assert.Equal(t, path, got.Path, "%s: path", name) && ok
	switch op.HTTPMethod {
	case http.MethodGet, http.MethodDelete, http.MethodHead:
		ok = equalQuery(t, flatten(want, false), got.Query, name) && ok
		ok = assert.Empty(t, got.Body, "%s: no body", name) && ok
	default:
		ok = assert.Empty(t, got.Query, "%s: no query", name) && ok
		ok = equalJSON(t, want, got.Body, false, name) && ok
	}
	return ok
}

func checkVolcengine(t *testing.T, op *api.Operation, want object, got *typedtest.Request, name string) bool {
	ok := assert.Equal(t, op.HTTPMethod, got.Method, "%s: method", name)
	ok = assert.Equal(t, "/", got.Path, "%s: path", name) && ok
	q := cloneValues(got.Query)
	action := op.Action
	if action == "" {
		action = op.Name
	}
	ok = assert.Equal(t, []string{action}, q["Action"], "%s: Action", name) && ok
	ok = assert.Equal(t, []string{op.Version}, q["Version"], "%s: Version", name) && ok
	delete(q, "Action")
	delete(q, "Version")
	switch {
	case op.BodyEncoding == api.BodyJSON:
		ok = assert.True(t, strings.HasPrefix(got.Header.Get("Content-Type"), "application/json"), "%s: content type %q", name, got.Header.Get("Content-Type")) && ok
		ok = assert.Empty(t, q, "%s: nothing else in the query", name) && ok
		ok = equalJSON(t, want, got.Body, false, name) && ok
	case op.HTTPMethod == http.MethodGet:
		ok = equalQuery(t, flatten(want, false), q, name) && ok
	default:
		ok = assert.Empty(t, q, "%s: nothing else in the query", name) && ok
		ok = assert.True(t, len(got.Body) == 0 || strings.HasPrefix(got.Header.Get("Content-Type"), "application/x-www-form-urlencoded"),
			"%s: content type %q", name, got.Header.Get("Content-Type")) && ok
		form, err := url.ParseQuery(string(got.Body))
		ok = assert.NoError(t, err, "%s: form body", name) && ok
		ok = equalQuery(t, flatten(want, false), form, name) && ok
	}
	return ok
}

func checkQingCloud(t *testing.T, op *api.Operation, want object, got *typedtest.Request, name string) bool {
	ok := assert.Equal(t, http.MethodGet, got.Method, "%s: method", name)
	ok = assert.Equal(t, op.Path, got.Path, "%s: path", name) && ok
	q := got.Params()
	action := op.Action
	if action == "" {
		action = op.Name
	}
	ok = assert.Equal(t, []string{action}, q["action"], "%s: action", name) && ok
	ok = assert.Equal(t, []string{"1"}, q["version"], "%s: version", name) && ok
	delete(q, "action")
	delete(q, "version")
	delete(q, "signature_method")
	delete(q, "signature_version")
	if _, ok := want["zone"]; !ok {
		want["zone"] = Zone // the client's Config.Zone
	}
	return equalQuery(t, flatten(want, true), q, name) && ok
}

// expandPath fills a JD Cloud path template and percent-encodes its
// literal characters other than '/', as the gateway expects.
func expandPath(template string, values object) string {
	var b strings.Builder
	for rest := template; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(escapeLiteral(rest))
			break
		}
		b.WriteString(escapeLiteral(rest[:open]))
		end := strings.IndexByte(rest[open:], '}')
		name := rest[open+1 : open+end]
		b.WriteString(url.PathEscape(fmt.Sprint(values[name])))
		rest = rest[open+end+1:]
	}
	return b.String()
}

func escapeLiteral(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// flatten is the query form of a value tree. Dotted (JD Cloud,
// Volcengine): lists k.N, objects k.f, maps k.key. QingCloud: booleans 1
// and 0, an object as JSON text, and inside a list item a list of scalars
// joined with commas and a list of objects as JSON text.
func flatten(tree object, qingcloud bool) url.Values {
	out := url.Values{}
	var walk func(prefix string, v any, inItem bool)
	walk = func(prefix string, v any, inItem bool) {
		switch v := v.(type) {
		case object:
			if qingcloud && prefix != "" {
				out.Add(prefix, jsonText(v, true))
				return
			}
			for k, x := range v {
				walk(join(prefix, k), x, inItem)
			}
		case dict:
			if qingcloud {
				out.Add(prefix, jsonText(v, false))
				return
			}
			for k, x := range v {
				walk(prefix+"."+k, x, inItem)
			}
		case list:
			if qingcloud && inItem {
				if _, objects := v[0].(object); objects {
					out.Add(prefix, jsonText(v, true))
				} else {
					parts := make([]string, len(v))
					for i, x := range v {
						parts[i] = text(x, true)
					}
					out.Add(prefix, strings.Join(parts, ","))
				}
				return
			}
			for i, x := range v {
				if o, ok := x.(object); ok {
					for k, y := range o {
						walk(prefix+"."+strconv.Itoa(i+1)+"."+k, y, true)
					}
					continue
				}
				walk(prefix+"."+strconv.Itoa(i+1), x, inItem)
			}
		default:
			out.Add(prefix, text(v, qingcloud))
		}
	}
	walk("", tree, false)
	return out
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func text(v any, qingcloud bool) string {
	switch v := v.(type) {
	case bool:
		if qingcloud {
			if v {
				return "1"
			}
			return "0"
		}
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// jsonText is the JSON text of a tree; boolsAsInts writes QingCloud's 1
// and 0 inside objects and lists it sends as JSON text.
func jsonText(v any, boolsAsInts bool) string {
	b, err := json.Marshal(plain(v, boolsAsInts))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// plain turns a tree into values encoding/json writes as the wire has them.
func plain(v any, boolsAsInts bool) any {
	switch v := v.(type) {
	case object:
		m := map[string]any{}
		for k, x := range v {
			m[k] = plain(x, boolsAsInts)
		}
		return m
	case dict:
		m := map[string]any{}
		for k, x := range v {
			m[k] = plain(x, false)
		}
		return m
	case list:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x, boolsAsInts)
		}
		return out
	case bool:
		if boolsAsInts {
			if v {
				return 1
			}
			return 0
		}
	}
	return v
}

func equalQuery(t *testing.T, want, got url.Values, name string) bool {
	t.Helper()
	got = cloneValues(got)
	for k, vs := range got {
		for i, v := range vs {
			if tokenForm.MatchString(v) && slices.Contains(want[k], token) {
				got[k][i] = token
			}
		}
	}
	return assert.Equal(t, want, got, "%s: parameters", name)
}

func equalJSON(t *testing.T, want object, body []byte, boolsAsInts bool, name string) bool {
	t.Helper()
	var got map[string]any
	if !assert.NoError(t, json.Unmarshal(body, &got), "%s: JSON body %s", name, body) {
		return false
	}
	for k, v := range got {
		if s, ok := v.(string); ok && tokenForm.MatchString(s) && want[k] == token {
			got[k] = token
		}
	}
	wantJSON, err := json.Marshal(plain(want, boolsAsInts))
	if err != nil {
		panic(err)
	}
	gotJSON, _ := json.Marshal(got)
	return assert.JSONEq(t, string(wantJSON), string(gotJSON), "%s: JSON body", name)
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
