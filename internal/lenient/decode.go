package lenient

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// The one-pass decoder. It reads the body once, validating as it goes, and
// stores each value straight into its field through a plan cached per Go
// type; it gives the same result as encoding/json for every value
// encoding/json accepts. Leniency is per value: when a value does not fit
// its field, only that value is coerced (coerce, as before) and decoded
// into the field, and the rest of the page is left on the fast path.
//
// What it does not reproduce itself it hands back to encoding/json: types it
// has no plan for are decoded value by value with json.Unmarshal, and any
// error (malformed JSON, a mistyped value in strict mode, a failing
// UnmarshalJSON) makes the whole body go through the previous two-pass path,
// so errors read exactly as before.

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// errFallback stops the one-pass decoder; decode then takes the old path.
var errFallback = errors.New("lenient: fall back")

type decoder struct {
	data    []byte
	pos     int
	depth   int
	lenient bool // coerce mistyped values (inside Into or Unmarshal)
	scratch []byte
}

// Decode decodes data into v (a non-nil pointer) exactly as json.Unmarshal
// does, except that any value wrapped by Into that it meets, v itself
// included, is decoded leniently as Unmarshal does. The whole body is read
// once. On malformed JSON v is reset to its zero value.
func Decode(data []byte, v any) error { return decode(data, v, false) }

func decode(data []byte, v any, lenient bool) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return slow(data, v, lenient)
	}
	d := decoder{data: data, lenient: lenient}
	p := planOf(rv.Type().Elem())
	err := d.top(p, rv.UnsafePointer())
	if err == nil {
		d.skipSpace()
		if d.pos == len(d.data) {
			return nil
		}
		err = errFallback
	}
	if err != errFallback {
		return err
	}
	if !json.Valid(data) {
		rv.Elem().SetZero()
	}
	return slow(data, v, lenient)
}

// slow is the previous path: encoding/json, then (when lenient) a generic
// decode, coercion and a second decode.
func slow(data []byte, v any, lenient bool) error {
	if lenient {
		return twoPass(data, v)
	}
	return json.Unmarshal(data, v)
}

// top decodes the whole body. A mistyped top-level value goes the old way
// in lenient mode, which turns it into an empty object.
func (d *decoder) top(p *plan, ptr unsafe.Pointer) error {
	d.skipSpace()
	ok, err := d.value(p, ptr)
	if err != nil {
		return err
	}
	if !ok {
		return errFallback
	}
	return nil
}

// value decodes the next value into ptr, of p's type. It returns false when
// the value was left out: it does not fit, and coercion dropped it (lenient
// mode) — nothing was stored. In strict mode a misfit is errFallback.
func (d *decoder) value(p *plan, ptr unsafe.Pointer) (bool, error) {
	if d.pos >= len(d.data) {
		return false, errFallback
	}
	c := d.data[d.pos]
	if c == 'n' {
		if err := d.literal("null"); err != nil {
			return false, err
		}
		return true, d.storeNull(p, ptr)
	}
	switch p.kind {
	case kindString:
		if c == '"' {
			s, err := d.str()
			if err != nil {
				return false, err
			}
			*(*string)(ptr) = s
			return true, nil
		}
	case kindInt:
		if c == '-' || '0' <= c && c <= '9' {
			start := d.pos
			if err := d.number(); err != nil {
				return false, err
			}
			if n, ok := parseInt(d.data[start:d.pos], p.bits); ok {
				storeInt(ptr, p.bits, n)
				return true, nil
			}
			return d.misfit(p, ptr, start)
		}
	case kindUint:
		if c >= '0' && c <= '9' {
			start := d.pos
			if err := d.number(); err != nil {
				return false, err
			}
			if n, err := strconv.ParseUint(unsafeString(d.data[start:d.pos]), 10, p.bits); err == nil {
				storeUint(ptr, p.bits, n)
				return true, nil
			}
			return d.misfit(p, ptr, start)
		}
	case kindFloat:
		if c == '-' || '0' <= c && c <= '9' {
			start := d.pos
			if err := d.number(); err != nil {
				return false, err
			}
			f, err := strconv.ParseFloat(unsafeString(d.data[start:d.pos]), p.bits)
			if err == nil {
				if p.bits == 32 {
					*(*float32)(ptr) = float32(f)
				} else {
					*(*float64)(ptr) = f
				}
				return true, nil
			}
			return d.misfit(p, ptr, start)
		}
	case kindBool:
		switch c {
		case 't':
			if err := d.literal("true"); err != nil {
				return false, err
			}
			*(*bool)(ptr) = true
			return true, nil
		case 'f':
			if err := d.literal("false"); err != nil {
				return false, err
			}
			*(*bool)(ptr) = false
			return true, nil
		}
	case kindStruct:
		if c == '{' {
			return true, d.object(p, ptr)
		}
	case kindSlice:
		if c == '[' {
			return true, d.array(p, ptr)
		}
	case kindMap:
		if c == '{' {
			return true, d.mapObject(p, ptr)
		}
	case kindPointer:
		elem := *(*unsafe.Pointer)(ptr)
		fresh := elem == nil
		if fresh {
			elem = reflect.New(p.elem.typ).UnsafePointer()
		}
		ok, err := d.value(p.elem, elem)
		if ok && fresh {
			*(*unsafe.Pointer)(ptr) = elem
		}
		return ok, err
	case kindAny:
		return d.anyValue(ptr)
	case kindTime:
		start := d.pos
		if err := d.skip(); err != nil {
			return false, err
		}
		if (*time.Time)(ptr).UnmarshalJSON(d.data[start:d.pos]) == nil {
			return true, nil
		}
		return d.misfit(p, ptr, start)
	case kindTarget:
		return true, d.into((*target)(ptr).v)
	case kindUnmarshaler:
		start := d.pos
		if err := d.skip(); err != nil {
			return false, err
		}
		u := reflect.NewAt(p.typ, ptr).Interface().(json.Unmarshaler)
		if u.UnmarshalJSON(d.data[start:d.pos]) != nil {
			return false, errFallback
		}
		return true, nil
	case kindFallback:
		start := d.pos
		if err := d.skip(); err != nil {
			return false, err
		}
		v := reflect.NewAt(p.typ, ptr)
		if json.Unmarshal(d.data[start:d.pos], v.Interface()) == nil {
			return true, nil
		}
		v.Elem().SetZero()
		return d.misfit(p, ptr, start)
	}
	// The value is of the wrong JSON kind for the field.
	start := d.pos
	if err := d.skip(); err != nil {
		return false, err
	}
	return d.misfit(p, ptr, start)
}

// into decodes the next value leniently into v, as Into(v) would, in the
// same pass.
func (d *decoder) into(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		sub := decoder{data: d.data, pos: d.pos, lenient: true}
		err := sub.top(planOf(rv.Type().Elem()), rv.UnsafePointer())
		if err == nil {
			d.pos = sub.pos
			return nil
		}
		if err != errFallback {
			return err
		}
	}
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	return twoPass(d.data[start:d.pos], v)
}

// misfit handles the value d.data[start:d.pos], which does not fit p's type:
// coerced into ptr in lenient mode (false when coercion drops it), and
// errFallback in strict mode.
func (d *decoder) misfit(p *plan, ptr unsafe.Pointer, start int) (bool, error) {
	if !d.lenient || d.depth == 0 {
		return false, errFallback
	}
	if done, ok := d.coerceScalar(p, ptr, d.data[start:d.pos]); done {
		return ok, nil
	}
	dec := json.NewDecoder(bytes.NewReader(d.data[start:d.pos]))
	dec.UseNumber()
	var tree any
	if dec.Decode(&tree) != nil {
		return false, errFallback
	}
	c := coerce(tree, p.typ)
	if c == drop {
		return false, nil
	}
	fixed, err := json.Marshal(c)
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(fixed, reflect.NewAt(p.typ, ptr).Interface()); err != nil {
		return false, err
	}
	return true, nil
}

// coerceScalar is misfit's fast path for the common case, a string, number
// or boolean bound for a scalar field: the same coercion, stored directly
// rather than re-encoded and decoded. done is false when it does not apply.
func (d *decoder) coerceScalar(p *plan, ptr unsafe.Pointer, raw []byte) (done, ok bool) {
	var v any
	switch c := raw[0]; {
	case c == '"':
		v = string(unquote(d.scratch[:0], raw[1:len(raw)-1]))
	case c == 't':
		v = true
	case c == 'f':
		v = false
	case c == '-' || '0' <= c && c <= '9':
		v = json.Number(raw)
	default:
		return false, false
	}
	switch p.kind {
	case kindString, kindInt, kindUint, kindBool, kindTime:
	case kindFloat:
		if p.bits != 64 {
			return false, false
		}
	default:
		return false, false
	}
	c := coerce(v, p.typ)
	if c == drop {
		return true, false
	}
	switch p.kind {
	case kindString:
		s, isStr := c.(string)
		if !isStr {
			return false, false
		}
		*(*string)(ptr) = s
	case kindInt:
		n, err := strconv.ParseInt(string(c.(json.Number)), 10, p.bits)
		if err != nil {
			return false, false
		}
		storeInt(ptr, p.bits, n)
	case kindUint:
		n, err := strconv.ParseUint(string(c.(json.Number)), 10, p.bits)
		if err != nil {
			return false, false
		}
		storeUint(ptr, p.bits, n)
	case kindFloat:
		f, err := strconv.ParseFloat(string(c.(json.Number)), 64)
		if err != nil {
			return false, false
		}
		*(*float64)(ptr) = f
	case kindBool:
		*(*bool)(ptr) = c.(bool)
	case kindTime:
		s, isStr := c.(string)
		if !isStr || (*time.Time)(ptr).UnmarshalText([]byte(s)) != nil {
			return false, false
		}
	}
	return true, true
}

// storeNull does what encoding/json does with null: it clears pointers,
// interfaces, maps and slices, passes it to an UnmarshalJSON, and leaves
// anything else as it is.
func (d *decoder) storeNull(p *plan, ptr unsafe.Pointer) error {
	switch p.kind {
	case kindPointer:
		*(*unsafe.Pointer)(ptr) = nil
	case kindAny:
		*(*any)(ptr) = nil
	case kindSlice, kindMap:
		reflect.NewAt(p.typ, ptr).Elem().SetZero()
	case kindTime:
		// time.Time.UnmarshalJSON ignores null.
	case kindTarget:
		return Unmarshal([]byte("null"), (*target)(ptr).v)
	case kindUnmarshaler:
		u := reflect.NewAt(p.typ, ptr).Interface().(json.Unmarshaler)
		if u.UnmarshalJSON([]byte("null")) != nil {
			return errFallback
		}
	case kindFallback:
		if json.Unmarshal([]byte("null"), reflect.NewAt(p.typ, ptr).Interface()) != nil {
			return errFallback
		}
	}
	return nil
}

// object decodes a JSON object into the struct at ptr.
func (d *decoder) object(p *plan, ptr unsafe.Pointer) error {
	if err := d.enter(); err != nil {
		return err
	}
	d.pos++ // {
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		if f := p.lookup(key); f != nil {
			if _, err := d.value(f.plan, unsafe.Add(ptr, f.offset)); err != nil {
				return err
			}
		} else if err := d.skip(); err != nil {
			return err
		}
		done, err := d.next('}')
		if err != nil || done {
			return err
		}
	}
}

// mapObject decodes a JSON object into the map at ptr.
func (d *decoder) mapObject(p *plan, ptr unsafe.Pointer) error {
	if err := d.enter(); err != nil {
		return err
	}
	m := reflect.NewAt(p.typ, ptr).Elem()
	if m.IsNil() {
		m.Set(reflect.MakeMap(p.typ))
	}
	keyType := p.typ.Key()
	var elem reflect.Value // reused for every member, as encoding/json does
	d.pos++
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		key, err := d.key()
		if err != nil {
			return err
		}
		k := reflect.ValueOf(string(key))
		if keyType != k.Type() {
			k = k.Convert(keyType)
		}
		if !elem.IsValid() {
			elem = reflect.New(p.elem.typ)
		} else {
			elem.Elem().SetZero()
		}
		ok, err := d.value(p.elem, elem.UnsafePointer())
		if err != nil {
			return err
		}
		if ok {
			m.SetMapIndex(k, elem.Elem())
		}
		done, err := d.next('}')
		if err != nil || done {
			return err
		}
	}
}

// sliceHeader is the layout of a Go slice.
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// array decodes a JSON array into the slice at ptr, reusing its backing
// array as encoding/json does.
func (d *decoder) array(p *plan, ptr unsafe.Pointer) error {
	if err := d.enter(); err != nil {
		return err
	}
	h := (*sliceHeader)(ptr)
	size := p.elem.typ.Size()
	d.pos++
	i := 0
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
	} else {
		firstLen := 0
		for {
			if i >= h.cap {
				reflect.NewAt(p.typ, ptr).Elem().Grow(d.growth(p, i, firstLen))
			}
			if i >= h.len {
				h.len = i + 1
			}
			elem := unsafe.Add(h.data, uintptr(i)*size)
			start := d.pos
			ok, err := d.value(p.elem, elem)
			if i == 0 {
				firstLen = d.pos - start
			}
			if err != nil {
				return err
			}
			if ok {
				i++
			} else {
				// Left out: encoding/json never saw it.
				reflect.NewAt(p.elem.typ, elem).Elem().SetZero()
			}
			done, err := d.next(']')
			if err != nil {
				return err
			}
			if done {
				break
			}
		}
	}
	if i < h.len {
		h.len = i
	}
	if i == 0 {
		reflect.NewAt(p.typ, ptr).Elem().Set(reflect.MakeSlice(p.typ, 0, 0))
	}
	return nil
}

// maxGuess bounds the guessed length of a page's list.
const maxGuess = 1024

// growth is how many elements to add to a full slice at index i. A page's
// list of objects (near the top of the body) is sized once from the length
// of its first element and what is left of the body, rather than doubled
// from one: the generated item structs are large (a QingCloud instance is
// about 1.5 KiB), and doubling leaves a third to a half of them unused.
// Anywhere else the slice grows by one, as encoding/json does, which
// append doubles.
func (d *decoder) growth(p *plan, i, firstLen int) int {
	if i != 1 || d.depth > 3 || p.elem.kind != kindStruct || firstLen == 0 {
		return 1
	}
	guess := (len(d.data) - d.pos) / (firstLen + 1) // +1: the comma
	return max(1, min(guess, maxGuess))
}

// anyValue decodes the next value into the empty interface at ptr. An
// interface holding a non-nil pointer is decoded through, as encoding/json
// does.
func (d *decoder) anyValue(ptr unsafe.Pointer) (bool, error) {
	if cur := *(*any)(ptr); cur != nil {
		rv := reflect.ValueOf(cur)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			return d.value(planOf(rv.Type().Elem()), rv.UnsafePointer())
		}
	}
	v, ok, err := d.generic()
	if err != nil {
		return false, err
	}
	if !ok {
		if !d.lenient || d.depth == 0 {
			return false, errFallback
		}
		return false, nil
	}
	*(*any)(ptr) = v
	return true, nil
}

// generic decodes the next value as encoding/json does into an empty
// interface. ok is false for a number beyond float64's range, which
// encoding/json refuses and coercion leaves out; inside objects and arrays
// such members are left out (lenient) or stop the decoder (strict).
func (d *decoder) generic() (any, bool, error) {
	if d.pos >= len(d.data) {
		return nil, false, errFallback
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		s, err := d.str()
		return s, true, err
	case c == '{':
		if err := d.enter(); err != nil {
			return nil, false, err
		}
		m := map[string]any{}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			d.depth--
			return m, true, nil
		}
		for {
			key, err := d.key()
			if err != nil {
				return nil, false, err
			}
			k := string(key)
			v, ok, err := d.generic()
			if err != nil {
				return nil, false, err
			}
			if ok {
				m[k] = v
			} else if !d.lenient {
				return nil, false, errFallback
			} else {
				delete(m, k) // coercion keeps the last member of a name
			}
			done, err := d.next('}')
			if err != nil {
				return nil, false, err
			}
			if done {
				return m, true, nil
			}
		}
	case c == '[':
		if err := d.enter(); err != nil {
			return nil, false, err
		}
		list := []any{}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			d.depth--
			return list, true, nil
		}
		for {
			v, ok, err := d.generic()
			if err != nil {
				return nil, false, err
			}
			if ok {
				list = append(list, v)
			} else if !d.lenient {
				return nil, false, errFallback
			}
			done, err := d.next(']')
			if err != nil {
				return nil, false, err
			}
			if done {
				return list, true, nil
			}
		}
	case c == 't':
		return true, true, d.literal("true")
	case c == 'f':
		return false, true, d.literal("false")
	case c == 'n':
		return nil, true, d.literal("null")
	default:
		start := d.pos
		if err := d.number(); err != nil {
			return nil, false, err
		}
		f, err := strconv.ParseFloat(unsafeString(d.data[start:d.pos]), 64)
		if err != nil {
			return nil, false, nil
		}
		return f, true, nil
	}
}

// enter counts one level of nesting.
func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxDepth {
		return errFallback
	}
	return nil
}

// key reads a member name and the colon after it. The returned bytes are
// valid until the next call.
func (d *decoder) key() ([]byte, error) {
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return nil, errFallback
	}
	start := d.pos + 1
	end, plain, err := d.scanString()
	if err != nil {
		return nil, err
	}
	var key []byte
	if plain {
		key = d.data[start:end]
	} else {
		d.scratch = unquote(d.scratch[:0], d.data[start:end])
		key = d.scratch
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return nil, errFallback
	}
	d.pos++
	d.skipSpace()
	return key, nil
}

// next reads a comma (false) or the closing byte (true) after a member or
// element.
func (d *decoder) next(closing byte) (bool, error) {
	d.skipSpace()
	if d.pos >= len(d.data) {
		return false, errFallback
	}
	switch d.data[d.pos] {
	case ',':
		d.pos++
		d.skipSpace()
		return false, nil
	case closing:
		d.pos++
		d.depth--
		return true, nil
	}
	return false, errFallback
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// literal reads the exact word w.
func (d *decoder) literal(w string) error {
	if len(d.data)-d.pos < len(w) || string(d.data[d.pos:d.pos+len(w)]) != w {
		return errFallback
	}
	d.pos += len(w)
	return nil
}

// number reads a JSON number as its grammar says.
func (d *decoder) number() error {
	data, i := d.data, d.pos
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for i++; i < len(data) && '0' <= data[i] && data[i] <= '9'; i++ {
		}
	default:
		return errFallback
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return errFallback
		}
		for i++; i < len(data) && '0' <= data[i] && data[i] <= '9'; i++ {
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			return errFallback
		}
		for i++; i < len(data) && '0' <= data[i] && data[i] <= '9'; i++ {
		}
	}
	d.pos = i
	return nil
}

// str reads a string value.
func (d *decoder) str() (string, error) {
	start := d.pos + 1
	end, plain, err := d.scanString()
	if err != nil {
		return "", err
	}
	if plain {
		return string(d.data[start:end]), nil
	}
	d.scratch = unquote(d.scratch[:0], d.data[start:end])
	return string(d.scratch), nil
}

// scanString checks the string starting at d.pos (its quote) and moves past
// it. end is the offset of the closing quote; plain is true when the
// contents need no unescaping or UTF-8 repair.
func (d *decoder) scanString() (end int, plain bool, err error) {
	data := d.data
	i := d.pos + 1
	plain = true
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return i, plain, nil
		case c == '\\':
			plain = false
			i++
			if i >= len(data) {
				return 0, false, errFallback
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if len(data)-i < 5 || !isHex4(data[i+1:i+5]) {
					return 0, false, errFallback
				}
				i += 5
			default:
				return 0, false, errFallback
			}
		case c < ' ':
			return 0, false, errFallback
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			i += size
		}
	}
	return 0, false, errFallback
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// unquote appends the contents of a checked JSON string (without quotes) to
// buf, as encoding/json reads them: escapes resolved, bad surrogates and
// invalid UTF-8 as U+FFFD.
func unquote(buf, s []byte) []byte {
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			r++
			switch s[r] {
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				rr := hex4(s[r+1 : r+5])
				r += 5
				if utf16.IsSurrogate(rr) {
					if len(s)-r >= 6 && s[r] == '\\' && s[r+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hex4(s[r+2:r+6])); dec != unicode.ReplacementChar {
							r += 6
							buf = utf8.AppendRune(buf, dec)
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				buf = utf8.AppendRune(buf, rr)
				continue
			default: // " \ /
				buf = append(buf, s[r])
			}
			r++
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			buf = utf8.AppendRune(buf, rr)
		}
	}
	return buf
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r*16 + rune(c)
	}
	return r
}

// skip moves past the next value, checking it.
func (d *decoder) skip() error {
	if d.pos >= len(d.data) {
		return errFallback
	}
	switch d.data[d.pos] {
	case '"':
		_, _, err := d.scanString()
		return err
	case '{':
		if err := d.enter(); err != nil {
			return err
		}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			d.depth--
			return nil
		}
		for {
			if _, err := d.key(); err != nil {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
			done, err := d.next('}')
			if err != nil || done {
				return err
			}
		}
	case '[':
		if err := d.enter(); err != nil {
			return err
		}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			d.depth--
			return nil
		}
		for {
			if err := d.skip(); err != nil {
				return err
			}
			done, err := d.next(']')
			if err != nil || done {
				return err
			}
		}
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return d.number()
}

// parseInt reads a JSON number that is an integer of the given size, as
// strconv.ParseInt does, without allocating.
func parseInt(b []byte, bits int) (int64, bool) {
	if len(b) > 0 && len(b) < 19 {
		neg := b[0] == '-'
		digits := b
		if neg {
			digits = b[1:]
		}
		if len(digits) > 0 {
			var n int64
			for _, c := range digits {
				if c < '0' || c > '9' {
					return 0, false
				}
				n = n*10 + int64(c-'0')
			}
			if neg {
				n = -n
			}
			return n, fitsInt(n, bits)
		}
	}
	n, err := strconv.ParseInt(unsafeString(b), 10, 64)
	return n, err == nil && fitsInt(n, bits)
}

func fitsInt(n int64, bits int) bool {
	if bits == 64 {
		return true
	}
	limit := int64(1) << (bits - 1)
	return n >= -limit && n < limit
}

func storeInt(ptr unsafe.Pointer, bits int, n int64) {
	switch bits {
	case 8:
		*(*int8)(ptr) = int8(n)
	case 16:
		*(*int16)(ptr) = int16(n)
	case 32:
		*(*int32)(ptr) = int32(n)
	default:
		*(*int64)(ptr) = n
	}
}

func storeUint(ptr unsafe.Pointer, bits int, n uint64) {
	switch bits {
	case 8:
		*(*uint8)(ptr) = uint8(n)
	case 16:
		*(*uint16)(ptr) = uint16(n)
	case 32:
		*(*uint32)(ptr) = uint32(n)
	default:
		*(*uint64)(ptr) = n
	}
}

// unsafeString views b as a string for parsing; the result must not be kept.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
