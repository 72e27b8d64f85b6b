package cloudtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// flat holds decoded request parameters in the providers' flattened form:
// name, name.1, name.1.field. A query, a form body and a JSON body all
// become one.
type flat map[string][]string

// parseFlatQuery decodes a raw query or form body.
func parseFlatQuery(raw string) (flat, error) {
	pairs, err := percent.ParseQuery(nil, raw)
	if err != nil {
		return nil, invalidf("the query string is not valid percent-encoding")
	}
	f := make(flat, len(pairs))
	for _, p := range pairs {
		f[p.Key] = append(f[p.Key], p.Value)
	}
	return f, nil
}

// flattenJSON decodes a JSON object body: objects become name.field, lists
// name.1, name.2, numbers their text.
func flattenJSON(body []byte) (flat, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, invalidf("the request body is not valid JSON")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, invalidf("the request body is not a JSON object")
	}
	f := make(flat)
	f.add("", obj)
	return f, nil
}

func (f flat) add(name string, v any) {
	join := func(k string) string {
		if name == "" {
			return k
		}
		return name + "." + k
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 && name != "" {
			f[name] = []string{} // present, with nothing in it
		}
		for k, e := range x {
			f.add(join(k), e)
		}
	case []any:
		if len(x) == 0 && name != "" {
			f[name] = []string{}
		}
		for i, e := range x {
			f.add(join(strconv.Itoa(i+1)), e)
		}
	case string:
		f[name] = append(f[name], x)
	case json.Number:
		f[name] = append(f[name], x.String())
	case bool:
		f[name] = append(f[name], strconv.FormatBool(x))
	}
}

// merge adds g's parameters to f.
func (f flat) merge(g flat) {
	for k, vs := range g {
		f[k] = append(f[k], vs...)
	}
}

// str returns the first value of name, "" if none.
func (f flat) str(name string) string {
	if vs := f[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// has reports whether name was given.
func (f flat) has(name string) bool { return len(f[name]) > 0 }

// list returns the values of a repeated name and of name.1, name.2, ... in
// index order.
func (f flat) list(name string) []string {
	type item struct {
		i int
		v string
	}
	var items []item
	for k, vs := range f {
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok || len(vs) == 0 {
			continue
		}
		if i, err := strconv.Atoi(rest); err == nil && i > 0 {
			items = append(items, item{i, vs[0]})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return a.i - b.i })
	out := append([]string(nil), f[name]...)
	for _, it := range items {
		out = append(out, it.v)
	}
	return out
}

// objects returns the groups name.N.field as one flat per N (keyed by
// field), in index order.
func (f flat) objects(name string) []flat {
	groups := map[int]flat{}
	for k, vs := range f {
		rest, ok := strings.CutPrefix(k, name+".")
		if !ok {
			continue
		}
		idx, field, ok := strings.Cut(rest, ".")
		i, err := strconv.Atoi(idx)
		if !ok || err != nil || i < 1 {
			continue
		}
		if groups[i] == nil {
			groups[i] = flat{}
		}
		groups[i][field] = vs
	}
	keys := make([]int, 0, len(groups))
	for i := range groups {
		keys = append(keys, i)
	}
	slices.Sort(keys)
	out := make([]flat, len(keys))
	for j, i := range keys {
		out[j] = groups[i]
	}
	return out
}

// integer returns name as an integer, def when it is absent.
func (f flat) integer(name string, def int) (int, error) {
	s := f.str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, invalidf("the value of %s is not an integer", name)
	}
	return n, nil
}

// failKind classifies why an API call failed, for the provider to answer
// with its own code.
type failKind int

const (
	failInvalid       failKind = iota + 1 // a parameter's value is not valid
	failMissing                           // a required parameter is absent
	failNotFound                          // a named resource does not exist
	failState                             // a resource's state forbids the operation
	failUnknownAction                     // the API does not exist
	failQuota                             // a resource quota is exhausted
	failBalance                           // the account's balance is insufficient
)

// failure is an API call's error before the provider renders it.
type failure struct {
	kind failKind
	msg  string
	// code, when set, is the provider's own error code for the failure,
	// in place of the one its kind maps to.
	code string
}

func (f *failure) Error() string { return f.msg }

func invalidf(format string, args ...any) *failure {
	return &failure{kind: failInvalid, msg: fmt.Sprintf(format, args...)}
}

func missingParam(name string) *failure {
	return &failure{kind: failMissing, msg: name}
}

func notFoundf(format string, args ...any) *failure {
	return &failure{kind: failNotFound, msg: fmt.Sprintf(format, args...)}
}

func statef(format string, args ...any) *failure {
	return &failure{kind: failState, msg: fmt.Sprintf(format, args...)}
}

// asFailure returns err as a *failure, wrapping any other error as an
// invalid argument.
func asFailure(err error) *failure {
	var f *failure
	if errors.As(err, &f) {
		return f
	}
	return invalidf("%s", err.Error())
}
