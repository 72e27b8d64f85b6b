// Package wire encodes the typed inputs of the generated service packages
// without reflection: every generated input type has an encode method that
// hands its fields, by wire name, to an Encoder, which writes them as
// flattened query parameters or as a JSON object body, collects path
// parameters, and notes required fields that are not set.
//
// Flattening follows the rule shared by the three clouds (see package
// internal/gen/api): a list k is sent as k.1, k.2, ...; a list of objects as
// k.1.f; a list inside such an item as k.1.f.1; a single object as k.f.
// The QingCloud dialect differs where its official SDKs do: booleans are 1
// and 0, a single object is sent as JSON text (as the Python SDK does), and
// inside a list item a list of scalars is joined with commas (as the Go SDK
// does) and a list of objects is sent as JSON text.
package wire

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Mode is where an Encoder writes the non-path fields.
type Mode int

const (
	// Query flattens fields into url.Values (query string or form body).
	Query Mode = iota
	// JSON writes fields as the members of one JSON object.
	JSON
)

// Dialect adjusts query flattening to a provider.
type Dialect int

const (
	// Dotted is JD Cloud's and Volcengine's flattening: k.N, k.N.f,
	// k.N.f.M, k.f; booleans as true and false.
	Dotted Dialect = iota
	// QingCloud flattens as its SDKs do; see the package documentation.
	QingCloud
)

// TimeLayout is how timestamps are sent: UTC, to the second.
const TimeLayout = "2006-01-02T15:04:05Z"

// Encoder collects one call's parameters. The zero value is not usable;
// call New.
type Encoder struct {
	mode    Mode
	dialect Dialect
	values  url.Values
	path    map[string]string
	buf     []byte // JSON mode: the object written so far
	comma   bool   // JSON mode: the current object or array has a member
	prefix  string // key prefix of the current object: "filters.1."
	depth   int    // list items entered
	missing []string
	err     error
	extras  // secrets and the idempotency token: see extras.go
}

// New returns an Encoder that writes in mode, flattening queries in dialect d.
func New(mode Mode, d Dialect) *Encoder {
	e := &Encoder{mode: mode, dialect: d}
	if mode == JSON {
		e.buf = append(make([]byte, 0, 256), '{')
	} else {
		e.values = url.Values{}
	}
	return e
}

// Values returns the flattened parameters (Query mode).
func (e *Encoder) Values() url.Values { return e.values }

// Body returns the JSON object (JSON mode). Call it once, after encoding.
func (e *Encoder) Body() []byte {
	return append(e.buf, '}')
}

// PathParams returns the path parameters by wire name, nil if there are none.
func (e *Encoder) PathParams() map[string]string { return e.path }

// Missing lists the required fields that were not set, by their flattened
// wire names ("zone", "filters.2.name"), in encoding order.
func (e *Encoder) Missing() []string { return e.missing }

// Err reports a value that cannot be encoded (a NaN, an `any` that does not
// marshal), or nil.
func (e *Encoder) Err() error { return e.err }

// Require notes the field name as missing unless set is true.
func (e *Encoder) Require(name string, set bool) {
	if !set {
		e.missing = append(e.missing, e.prefix+name)
	}
}

// Path sets a required path parameter.
func (e *Encoder) Path(name, v string) {
	if v == "" {
		e.missing = append(e.missing, name)
		return
	}
	if e.path == nil {
		e.path = make(map[string]string, 2)
	}
	e.path[name] = v
}

// PathInt sets a required integer path parameter.
func (e *Encoder) PathInt(name string, v *int64) {
	if v == nil {
		e.missing = append(e.missing, name)
		return
	}
	e.Path(name, strconv.FormatInt(*v, 10))
}

// String writes an optional string.
func (e *Encoder) String(name string, v *string) {
	if v != nil {
		e.scalar(name, *v, true)
	}
}

// RequiredString writes a required string; "" counts as not set.
func (e *Encoder) RequiredString(name, v string) {
	if v == "" {
		e.missing = append(e.missing, e.prefix+name)
		return
	}
	e.scalar(name, v, true)
}

// Int writes an optional integer.
func (e *Encoder) Int(name string, v *int64) {
	if v != nil {
		e.scalar(name, strconv.FormatInt(*v, 10), false)
	}
}

// Float writes an optional number.
func (e *Encoder) Float(name string, v *float64) {
	if v != nil {
		e.scalar(name, e.floatText(name, *v), false)
	}
}

// Bool writes an optional boolean.
func (e *Encoder) Bool(name string, v *bool) {
	if v != nil {
		e.scalar(name, e.boolText(*v), false)
	}
}

// Time writes an optional timestamp as TimeLayout, in UTC.
func (e *Encoder) Time(name string, v *time.Time) {
	if v != nil {
		e.scalar(name, v.UTC().Format(TimeLayout), true)
	}
}

// Any writes a value of unspecified shape: in JSON mode as its JSON
// encoding; in a query a string goes as is and anything else as JSON text.
func (e *Encoder) Any(name string, v any) {
	if v == nil {
		return
	}
	if s, ok := v.(string); ok && e.mode == Query {
		e.scalar(name, s, true)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		e.fail(name, err)
		return
	}
	if e.mode == Query {
		e.scalar(name, string(b), true)
		return
	}
	e.member(name)
	e.buf = append(e.buf, b...)
}

// Strings writes a list of strings.
func (e *Encoder) Strings(name string, v []string) {
	scalars(e, name, v, func(s string) string { return s }, true)
}

// Ints writes a list of integers.
func (e *Encoder) Ints(name string, v []int64) {
	scalars(e, name, v, func(n int64) string { return strconv.FormatInt(n, 10) }, false)
}

// Floats writes a list of numbers.
func (e *Encoder) Floats(name string, v []float64) {
	scalars(e, name, v, func(f float64) string { return e.floatText(name, f) }, false)
}

// Bools writes a list of booleans.
func (e *Encoder) Bools(name string, v []bool) {
	scalars(e, name, v, e.boolText, false)
}

// Object writes an optional nested object whose fields enc writes.
func Object[T any](e *Encoder, name string, v *T, enc func(*T, *Encoder)) {
	if v == nil {
		return
	}
	switch {
	case e.mode == JSON:
		e.member(name)
		objectBody(e, e.prefix+name+".", v, enc)
	case e.dialect == QingCloud:
		sub := e.sub(e.prefix + name + ".")
		objectBody(sub, sub.prefix, v, enc)
		e.adopt(sub)
		e.scalar(name, string(sub.buf), true)
	default:
		saved := e.prefix
		e.prefix += name + "."
		enc(v, e)
		e.prefix = saved
	}
}

// List writes a list of objects whose fields enc writes. An empty list is
// not sent.
func List[T any](e *Encoder, name string, v []T, enc func(*T, *Encoder)) {
	if len(v) == 0 {
		return
	}
	switch {
	case e.mode == JSON:
		e.member(name)
		listBody(e, e.prefix+name+".", v, enc)
	case e.dialect == QingCloud && e.depth > 0:
		sub := e.sub(e.prefix + name + ".")
		listBody(sub, sub.prefix, v, enc)
		e.adopt(sub)
		e.scalar(name, string(sub.buf), true)
	default:
		saved := e.prefix
		e.depth++
		for i := range v {
			e.prefix = saved + name + "." + strconv.Itoa(i+1) + "."
			enc(&v[i], e)
		}
		e.depth--
		e.prefix = saved
	}
}

// objectBody appends {members} in JSON mode.
func objectBody[T any](e *Encoder, prefix string, v *T, enc func(*T, *Encoder)) {
	savedPrefix, savedComma := e.prefix, e.comma
	e.prefix, e.comma = prefix, false
	e.buf = append(e.buf, '{')
	enc(v, e)
	e.buf = append(e.buf, '}')
	e.prefix, e.comma = savedPrefix, savedComma
}

// listBody appends [{...},{...}] in JSON mode.
func listBody[T any](e *Encoder, prefix string, v []T, enc func(*T, *Encoder)) {
	e.buf = append(e.buf, '[')
	for i := range v {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		objectBody(e, prefix+strconv.Itoa(i+1)+".", &v[i], enc)
	}
	e.buf = append(e.buf, ']')
}

// scalars writes a list of scalars, each as text (quoted in JSON when quote
// is set).
func scalars[T any](e *Encoder, name string, v []T, text func(T) string, quote bool) {
	if len(v) == 0 {
		return
	}
	switch {
	case e.mode == JSON:
		e.member(name)
		e.buf = append(e.buf, '[')
		for i, x := range v {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendValue(e.buf, text(x), quote)
		}
		e.buf = append(e.buf, ']')
	case e.dialect == QingCloud && e.depth > 0:
		var b []byte
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, text(x)...)
		}
		e.values.Add(e.prefix+name, string(b))
	default:
		key := e.prefix + name + "."
		for i, x := range v {
			e.values.Add(key+strconv.Itoa(i+1), text(x))
		}
	}
}

// scalar writes one value: a query parameter, or a JSON member.
func (e *Encoder) scalar(name, text string, quote bool) {
	if e.mode == Query {
		e.values.Add(e.prefix+name, text)
		return
	}
	e.member(name)
	e.buf = appendValue(e.buf, text, quote)
}

// member starts the JSON member name.
func (e *Encoder) member(name string) {
	if e.comma {
		e.buf = append(e.buf, ',')
	}
	e.comma = true
	e.buf = appendJSONString(e.buf, name)
	e.buf = append(e.buf, ':')
}

// sub returns a JSON-mode encoder for a value sent as JSON text inside a
// query.
func (e *Encoder) sub(prefix string) *Encoder {
	return &Encoder{mode: JSON, dialect: e.dialect, prefix: prefix, depth: e.depth + 1, extras: extras{newToken: e.newToken}}
}

// adopt takes over what a sub-encoder found missing or wrong.
func (e *Encoder) adopt(sub *Encoder) {
	e.missing = append(e.missing, sub.missing...)
	e.secrets = append(e.secrets, sub.secrets...)
	if e.err == nil {
		e.err = sub.err
	}
}

func (e *Encoder) boolText(b bool) string {
	switch {
	case e.dialect == QingCloud && b:
		return "1"
	case e.dialect == QingCloud:
		return "0"
	}
	return strconv.FormatBool(b)
}

func (e *Encoder) floatText(name string, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.fail(name, fmt.Errorf("%v is not a finite number", f))
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (e *Encoder) fail(name string, err error) {
	if e.err == nil {
		e.err = fmt.Errorf("%s%s: %w", e.prefix, name, err)
	}
}

func appendValue(b []byte, text string, quote bool) []byte {
	if quote {
		return appendJSONString(b, text)
	}
	return append(b, text...)
}

// Map writes a map of values keyed by name: in a query as name.key (sorted
// by key; QingCloud: JSON text), in JSON as an object. Values that are not
// strings, integers, numbers or booleans go as JSON text in a query.
func Map[T any](e *Encoder, name string, m map[string]T) {
	if len(m) == 0 {
		return
	}
	if e.mode == JSON || e.dialect == QingCloud {
		b, err := json.Marshal(m)
		if err != nil {
			e.fail(name, err)
			return
		}
		if e.mode == JSON {
			e.member(name)
			e.buf = append(e.buf, b...)
		} else {
			e.scalar(name, string(b), true)
		}
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var text string
		switch v := any(m[k]).(type) {
		case string:
			text = v
		case int64:
			text = strconv.FormatInt(v, 10)
		case float64:
			text = e.floatText(name+"."+k, v)
		case bool:
			text = e.boolText(v)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				e.fail(name+"."+k, err)
				continue
			}
			text = string(b)
		}
		e.values.Add(e.prefix+name+"."+k, text)
	}
}
