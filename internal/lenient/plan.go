package lenient

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// kind is how the one-pass decoder fills a Go type.
type kind uint8

const (
	kindFallback    kind = iota // handed to encoding/json, value by value
	kindString                  // any type of kind string
	kindInt                     // int, int8, ..., int64 (bits says which)
	kindUint                    // uint, ..., uint64, uintptr
	kindFloat                   // float32 or float64
	kindBool                    // bool
	kindStruct                  // fields by JSON name
	kindSlice                   // []T (not []byte)
	kindMap                     // map[K]T with K of kind string
	kindPointer                 // *T
	kindAny                     // an empty interface
	kindTime                    // time.Time, through its UnmarshalJSON
	kindUnmarshaler             // *T implements json.Unmarshaler
	kindTarget                  // the value Into returns: decode its v leniently
)

// plan is what the decoder knows about one Go type, computed once.
type plan struct {
	kind kind
	typ  reflect.Type
	bits int   // kindInt, kindUint, kindFloat
	elem *plan // kindSlice, kindMap, kindPointer

	// kindStruct
	fields []field
	exact  map[string]*field // the JSON name as written
	folded map[string]*field // ASCII names lowered; first field in order wins
	ascii  bool              // every name is ASCII, so folded is complete for ASCII keys
}

// field is one struct field the decoder fills.
type field struct {
	name   string
	offset uintptr
	plan   *plan
}

var (
	plans           sync.Map // reflect.Type → *plan
	timeType        = reflect.TypeFor[time.Time]()
	rawType         = reflect.TypeFor[json.RawMessage]()
	targetType      = reflect.TypeFor[target]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// planOf returns the plan for t, building it (and those of the types it
// contains) on first use.
func planOf(t reflect.Type) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	building := map[reflect.Type]*plan{}
	p := build(t, building)
	for bt, bp := range building {
		plans.LoadOrStore(bt, bp)
	}
	actual, _ := plans.Load(t)
	if actual == nil {
		return p
	}
	return actual.(*plan)
}

func build(t reflect.Type, building map[reflect.Type]*plan) *plan {
	if p, ok := plans.Load(t); ok {
		return p.(*plan)
	}
	if p, ok := building[t]; ok {
		return p // a recursive type: filled in by the caller up the stack
	}
	p := &plan{typ: t}
	building[t] = p
	pt := reflect.PointerTo(t)
	switch {
	case t == targetType:
		p.kind = kindTarget
		return p
	case t == timeType:
		p.kind = kindTime
		return p
	case t.Kind() != reflect.Pointer && pt.Implements(unmarshalerType):
		p.kind = kindUnmarshaler
		return p
	case t.Kind() != reflect.Pointer && (t.Implements(unmarshalerType) || t.Implements(textType) || pt.Implements(textType)):
		return p // fallback: encoding/json's rules for these are intricate
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = kindString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind, p.bits = kindInt, t.Bits()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.kind, p.bits = kindUint, t.Bits()
	case reflect.Float32, reflect.Float64:
		p.kind, p.bits = kindFloat, t.Bits()
	case reflect.Bool:
		p.kind = kindBool
	case reflect.Interface:
		if t.NumMethod() == 0 {
			p.kind = kindAny
		}
	case reflect.Pointer:
		p.kind = kindPointer
		p.elem = build(t.Elem(), building)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			p.kind = kindSlice
			p.elem = build(t.Elem(), building)
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String && !reflect.PointerTo(t.Key()).Implements(textType) {
			p.kind = kindMap
			p.elem = build(t.Elem(), building)
		}
	case reflect.Struct:
		if buildStruct(p, t, building) {
			p.kind = kindStruct
		}
	}
	return p
}

// buildStruct lists t's fields as encoding/json names them. It reports
// false, leaving t to encoding/json, for what it does not reproduce:
// embedded fields, the string option and names used twice.
func buildStruct(p *plan, t reflect.Type, building map[reflect.Type]*plan) bool {
	p.exact = map[string]*field{}
	p.folded = map[string]*field{}
	p.ascii = true
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return false
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		for opt := range strings.SplitSeq(opts, ",") {
			if opt == "string" {
				return false
			}
		}
		if !validTag(name) {
			name = sf.Name
		}
		if _, dup := p.exact[name]; dup {
			return false
		}
		p.fields = append(p.fields, field{name: name, offset: sf.Offset, plan: build(sf.Type, building)})
		p.exact[name] = nil
	}
	for i := range p.fields {
		f := &p.fields[i]
		p.exact[f.name] = f
		if !isASCII(f.name) {
			p.ascii = false
			continue
		}
		if low := strings.ToLower(f.name); p.folded[low] == nil {
			p.folded[low] = f
		}
	}
	return true
}

// lookup finds the field for a member name as encoding/json does: the exact
// name, else the first field whose name matches it case-insensitively.
func (p *plan) lookup(key []byte) *field {
	if f, ok := p.exact[string(key)]; ok {
		return f
	}
	if p.ascii && len(key) <= 64 && isASCIIBytes(key) {
		var buf [64]byte
		low := buf[:len(key)]
		for i, c := range key {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
		}
		return p.folded[string(low)]
	}
	for i := range p.fields {
		if strings.EqualFold(p.fields[i].name, string(key)) {
			return &p.fields[i]
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// validTag is encoding/json's rule for a usable name in a json tag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
