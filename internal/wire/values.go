package wire

import (
	"encoding/json"
	"strconv"
)

// Values writes a list whose elements have no fixed scalar type: a list of
// any (JD Cloud billing tags, Volcengine rows and filter conditions) or a
// list of lists (JD Cloud dts mongoShards). In JSON mode it is the list's
// JSON encoding; in a query each element goes as name.N, written as Any
// writes a value (a string as is, anything else as JSON text).
func Values[T any](e *Encoder, name string, v []T) {
	if len(v) == 0 {
		return
	}
	if e.mode == JSON {
		b, err := json.Marshal(v)
		if err != nil {
			e.fail(name, err)
			return
		}
		e.member(name)
		e.buf = append(e.buf, b...)
		return
	}
	for i := range v {
		e.Any(name+"."+strconv.Itoa(i+1), any(v[i]))
	}
}
