package main

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/internal/wire"
)

// encoder writes an operation's parameters, held as generic JSON values
// (from flags, --params or --cli-input-json), through package wire, the
// encoder of the typed packages: the same flattening, dialects and
// required-field bookkeeping, driven by the catalog instead of generated
// code. Values are checked against the fields' kinds on the way; problems
// are collected, not returned one at a time.
type encoder struct {
	svc      *catalog.Service
	problems []string
	secrets  []string
}

// encode writes params as op's input into e. It returns the values of the
// fields marked secret, for the core to scrub, and an error listing every
// value that does not fit its field.
func encode(svc *catalog.Service, op *catalog.Operation, params map[string]any, e *wire.Encoder) (secrets []string, err error) {
	x := &encoder{svc: svc}
	x.fields(e, op.Input, params, "", true)
	if len(x.problems) > 0 {
		return nil, usageError("%s", strings.Join(x.problems, "; "))
	}
	return x.secrets, nil
}

// fields writes the members of one object. top is set for the operation's
// own inputs, whose path fields go to the path.
func (x *encoder) fields(e *wire.Encoder, fields []catalog.Field, m map[string]any, where string, top bool) {
	for name := range m {
		if !slices.ContainsFunc(fields, func(f catalog.Field) bool { return f.WireName == name }) {
			x.problem(where+name, "no such field"+suggest(name, fields))
		}
	}
	for i := range fields {
		f := &fields[i]
		v, set := m[f.WireName]
		if v == nil {
			set = false
		}
		if top && f.Location == catalog.LocationPath {
			text := ""
			if set {
				text = x.text(where+f.WireName, v)
			}
			e.Path(f.WireName, text) // an empty value is noted as missing
			continue
		}
		if !set {
			e.Require(f.WireName, !f.Required)
			continue
		}
		x.value(e, f, v, where+f.WireName)
	}
}

// value writes one set field.
func (x *encoder) value(e *wire.Encoder, f *catalog.Field, v any, where string) {
	name := f.WireName
	t := f.Type
	if f.Secret {
		x.collectSecrets(v)
	}
	switch t.Kind {
	case catalog.KindString, catalog.KindTime:
		s := x.text(where, v)
		if t.Kind == catalog.KindTime && s != "" {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				x.problem(where, "want a time such as 2006-01-02T15:04:05Z, got "+strconv.Quote(s))
			}
		}
		e.String(name, &s)
	case catalog.KindInt64:
		if n, ok := x.integer(where, v); ok {
			e.Int(name, &n)
		}
	case catalog.KindFloat:
		if n, ok := x.float(where, v); ok {
			e.Float(name, &n)
		}
	case catalog.KindBool:
		if b, ok := x.boolean(where, v); ok {
			e.Bool(name, &b)
		}
	case catalog.KindObject:
		obj, ok := v.(map[string]any)
		if !ok {
			x.problem(where, "want a JSON object")
			return
		}
		fields := x.svc.Fields(t)
		wire.Object(e, name, &obj, func(m *map[string]any, e *wire.Encoder) {
			x.fields(e, fields, *m, where+".", false)
		})
	case catalog.KindList:
		x.list(e, f, v, where)
	case catalog.KindMap:
		m, ok := v.(map[string]any)
		if !ok {
			x.problem(where, "want a JSON object")
			return
		}
		wire.Map(e, name, m)
	default: // KindAny
		e.Any(name, v)
	}
}

// list writes a list field: scalars as numbered parameters or a JSON
// array, objects item by item.
func (x *encoder) list(e *wire.Encoder, f *catalog.Field, v any, where string) {
	items, ok := v.([]any)
	if !ok {
		items = []any{v} // one value given for a list
	}
	elem := catalog.TypeRef{Kind: catalog.KindAny}
	if f.Type.Elem != nil {
		elem = *f.Type.Elem
	}
	name := f.WireName
	switch elem.Kind {
	case catalog.KindString, catalog.KindTime:
		out := make([]string, 0, len(items))
		for i, it := range items {
			out = append(out, x.text(fmt.Sprintf("%s[%d]", where, i), it))
		}
		e.Strings(name, out)
	case catalog.KindInt64:
		out := make([]int64, 0, len(items))
		for i, it := range items {
			if n, ok := x.integer(fmt.Sprintf("%s[%d]", where, i), it); ok {
				out = append(out, n)
			}
		}
		e.Ints(name, out)
	case catalog.KindFloat:
		out := make([]float64, 0, len(items))
		for i, it := range items {
			if n, ok := x.float(fmt.Sprintf("%s[%d]", where, i), it); ok {
				out = append(out, n)
			}
		}
		e.Floats(name, out)
	case catalog.KindBool:
		out := make([]bool, 0, len(items))
		for i, it := range items {
			if b, ok := x.boolean(fmt.Sprintf("%s[%d]", where, i), it); ok {
				out = append(out, b)
			}
		}
		e.Bools(name, out)
	case catalog.KindObject:
		objs := make([]map[string]any, 0, len(items))
		for i, it := range items {
			obj, ok := it.(map[string]any)
			if !ok {
				x.problem(fmt.Sprintf("%s[%d]", where, i), "want a JSON object")
				continue
			}
			objs = append(objs, obj)
		}
		fields := x.svc.Fields(elem)
		n := 0
		wire.List(e, name, objs, func(m *map[string]any, e *wire.Encoder) {
			x.fields(e, fields, *m, fmt.Sprintf("%s[%d].", where, n), false)
			n++
		})
	default: // lists of lists, maps or untyped values
		if f.Secret {
			x.collectSecrets(v)
		}
		e.Any(name, items)
	}
}

// text is a scalar's text: strings as they are, numbers and booleans as
// JSON writes them.
func (x *encoder) text(where string, v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	x.problem(where, "want a single value, not a list or an object")
	return ""
}

func (x *encoder) integer(where string, v any) (int64, bool) {
	s := x.text(where, v)
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		x.problem(where, "want an integer, got "+strconv.Quote(s))
		return 0, false
	}
	return n, true
}

func (x *encoder) float(where string, v any) (float64, bool) {
	s := x.text(where, v)
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		x.problem(where, "want a number, got "+strconv.Quote(s))
		return 0, false
	}
	return n, true
}

func (x *encoder) boolean(where string, v any) (bool, bool) {
	switch x.text(where, v) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	x.problem(where, "want true or false")
	return false, false
}

func (x *encoder) problem(where, msg string) {
	x.problems = append(x.problems, "--"+where+": "+msg)
}

// collectSecrets records every string inside a secret value.
func (x *encoder) collectSecrets(v any) {
	switch v := v.(type) {
	case string:
		if v != "" {
			x.secrets = append(x.secrets, v)
		}
	case json.Number:
		x.secrets = append(x.secrets, v.String())
	case []any:
		for _, it := range v {
			x.collectSecrets(it)
		}
	case map[string]any:
		for _, it := range v {
			x.collectSecrets(it)
		}
	}
}

// suggest names the field the user probably meant: one with the same name
// in another case.
func suggest(name string, fields []catalog.Field) string {
	for _, f := range fields {
		if strings.EqualFold(f.WireName, name) {
			return " (did you mean " + f.WireName + "?)"
		}
	}
	return ""
}
