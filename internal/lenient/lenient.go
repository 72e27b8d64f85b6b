// Package lenient decodes provider responses into the generated output
// types, which use plain Go types (string, int64, float64, bool, time.Time),
// tolerating the inconsistencies the providers are known for: a number sent
// as a string ("bandwidth":"50"), a string or float where an integer is
// expected ("2040.000000"), an empty or non-RFC 3339 timestamp, a number
// where a string is expected, an object where a list is expected.
//
// Decoding reads the body once (decode.go): each value goes straight into
// its field, as encoding/json would put it there, and only a value that does
// not fit its field is coerced to the field's Go type (per value, so one
// mistyped field does not slow the rest of the page). A value that cannot be
// coerced is left out (its field keeps its zero value, a list loses the
// element) rather than failing the whole response. Unknown members are
// ignored, as encoding/json does. Decode is the same pass for the providers'
// envelopes: strict encoding/json semantics, lenient inside Into.
package lenient

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Into returns a json.Unmarshaler that decodes leniently into v, a non-nil
// pointer. Pass it wherever encoding/json would take v.
func Into(v any) json.Unmarshaler { return &target{v: v} }

type target struct{ v any }

func (t *target) UnmarshalJSON(b []byte) error { return Unmarshal(b, t.v) }

// Unmarshal decodes data into v (a non-nil pointer) leniently, in one pass
// (see decode.go); a value that does not fit its field is coerced on its own.
func Unmarshal(data []byte, v any) error { return decode(data, v, true) }

// twoPass is the whole-value path: encoding/json first, then, when a value
// does not fit, a generic decode of everything, coercion and a second
// decode. The one-pass decoder uses it for what it does not handle itself.
func twoPass(data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if dec.Decode(&tree) != nil {
		return err
	}
	fixed, err := json.Marshal(coerce(tree, rv.Type().Elem()))
	if err != nil {
		return err
	}
	rv.Elem().SetZero()
	return json.Unmarshal(fixed, v)
}

// drop marks a value that cannot become the field's type.
type dropped struct{}

var drop any = dropped{}

// coerce returns v, from a generic decode with UseNumber, reshaped so that it
// decodes into t, or drop.
func coerce(v any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return nil
	}
	switch {
	case t == timeType:
		return coerceTime(v)
	case t == rawType:
		return v
	case t.Kind() == reflect.Interface:
		return fitAny(v)
	case reflect.PointerTo(t).Implements(unmarshalerType):
		return v
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			if s, isStr := v.(string); isStr && strings.HasPrefix(strings.TrimSpace(s), "{") {
				var inner any
				d := json.NewDecoder(strings.NewReader(s))
				d.UseNumber()
				if d.Decode(&inner) == nil {
					return coerce(inner, t)
				}
			}
			return drop
		}
		fields := fieldsOf(t)
		for k, x := range m {
			if ft, ok := fields.lookup(k); ok {
				m[k] = coerce(x, ft)
			}
		}
		return cleaned(m)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return v // []byte: base64 text, left to encoding/json
		}
		list, ok := v.([]any)
		if !ok {
			if s, isStr := v.(string); isStr && strings.TrimSpace(s) == "" {
				return drop
			}
			list = []any{v}
		}
		out := make([]any, 0, len(list))
		for _, x := range list {
			if c := coerce(x, t.Elem()); c != drop {
				out = append(out, c)
			}
		}
		return out
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return drop
		}
		for k, x := range m {
			m[k] = coerce(x, t.Elem())
		}
		return cleaned(m)
	case reflect.String:
		switch x := v.(type) {
		case string:
			return x
		case json.Number:
			return x.String()
		case bool:
			return strconv.FormatBool(x)
		default:
			b, err := json.Marshal(x)
			if err != nil {
				return drop
			}
			return string(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return coerceInt(v, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := coerceInt(v, 64).(json.Number)
		if !ok || strings.HasPrefix(string(n), "-") {
			return drop
		}
		return n
	case reflect.Float32, reflect.Float64:
		f, ok := number(v)
		if !ok {
			return drop
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			return x
		case json.Number:
			f, err := x.Float64()
			if err != nil {
				return drop
			}
			return f != 0
		case string:
			b, err := strconv.ParseBool(strings.TrimSpace(x))
			if err != nil {
				return drop
			}
			return b
		}
		return drop
	}
	return v
}

// fitAny returns v, a generic value bound for an interface, without the
// numbers encoding/json cannot put into one (beyond float64's range, such
// as 1e400), which would otherwise fail the whole response.
func fitAny(v any) any {
	switch x := v.(type) {
	case json.Number:
		if _, err := strconv.ParseFloat(string(x), 64); err != nil {
			return drop
		}
	case map[string]any:
		for k, e := range x {
			x[k] = fitAny(e)
		}
		return cleaned(x)
	case []any:
		out := x[:0]
		for _, e := range x {
			if c := fitAny(e); c != drop {
				out = append(out, c)
			}
		}
		return out
	}
	return v
}

// cleaned removes dropped members.
func cleaned(m map[string]any) map[string]any {
	for k, x := range m {
		if x == drop {
			delete(m, k)
		}
	}
	return m
}

// number reads a JSON number, a numeric string or a boolean as a float64.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err == nil && !math.IsInf(f, 0)
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// coerceInt reads an integer exactly when the text is one, and otherwise
// truncates a number with a fraction toward zero.
func coerceInt(v any, bits int) any {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = string(x)
	case string:
		text = strings.TrimSpace(x)
	}
	if text != "" {
		if n, err := strconv.ParseInt(text, 10, bits); err == nil {
			return json.Number(strconv.FormatInt(n, 10))
		}
	}
	f, ok := number(v)
	if !ok {
		return drop
	}
	f = math.Trunc(f)
	limit := math.Ldexp(1, bits-1)
	if f < -limit || f >= limit {
		return drop
	}
	return json.Number(strconv.FormatInt(int64(f), 10))
}

// timeLayouts are the timestamp forms accepted besides RFC 3339.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
}

// coerceTime turns a timestamp string in any of timeLayouts (UTC unless it
// says otherwise) or Unix seconds into RFC 3339 text; anything else, the
// empty string included, is dropped.
func coerceTime(v any) any {
	switch x := v.(type) {
	case string:
		s := strings.TrimSpace(x)
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t.Format(time.RFC3339Nano)
			}
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return time.Unix(n, 0).UTC().Format(time.RFC3339)
		}
	}
	return drop
}

// fieldSet maps a struct's JSON member names to field types.
type fieldSet struct {
	exact map[string]reflect.Type
	names []string
}

// lookup finds a member as encoding/json does: the exact name first, then a
// case-insensitive match.
func (f *fieldSet) lookup(name string) (reflect.Type, bool) {
	if t, ok := f.exact[name]; ok {
		return t, true
	}
	for _, n := range f.names {
		if strings.EqualFold(n, name) {
			return f.exact[n], true
		}
	}
	return nil, false
}

var fieldCache sync.Map // reflect.Type → *fieldSet

func fieldsOf(t reflect.Type) *fieldSet {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*fieldSet)
	}
	f := &fieldSet{exact: map[string]reflect.Type{}}
	addFields(f, t)
	actual, _ := fieldCache.LoadOrStore(t, f)
	return actual.(*fieldSet)
}

func addFields(f *fieldSet, t reflect.Type) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(f, ft)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if _, dup := f.exact[name]; !dup {
			f.exact[name] = sf.Type
			f.names = append(f.names, name)
		}
	}
}
