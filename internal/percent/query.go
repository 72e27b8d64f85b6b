package percent

import (
	"cmp"
	"slices"
	"strings"
)

// Pair is one decoded query parameter.
type Pair struct {
	Key, Value string
}

// ParseQuery appends the parameters of a raw URL query to dst, decoded, in the
// order they appear. A raw '+' is a space and a literal plus is %2B, as in
// form encoding; empty segments ("a=1&&b=2") are skipped; a key without '='
// has an empty value. Malformed percent-encoding is an error wrapping
// ErrMalformed.
func ParseQuery(dst []Pair, raw string) ([]Pair, error) {
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg == "" {
			continue
		}
		k, v, _ := strings.Cut(seg, "=")
		key, err := Decode(k, true)
		if err != nil {
			return dst, err
		}
		val, err := Decode(v, true)
		if err != nil {
			return dst, err
		}
		dst = append(dst, Pair{Key: key, Value: val})
	}
	return dst, nil
}

// SortByKeyThenValue orders pairs by key, then by value, in byte order.
func SortByKeyThenValue(pairs []Pair) {
	slices.SortFunc(pairs, func(a, b Pair) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}

// SortByKey orders pairs by key in byte order; the values of a repeated key
// keep the order they had.
func SortByKey(pairs []Pair) {
	slices.SortStableFunc(pairs, func(a, b Pair) int { return cmp.Compare(a.Key, b.Key) })
}

// AppendQuery appends pairs to dst as key=value joined by '&', each key and
// value encoded with AppendEncode.
func AppendQuery(dst []byte, pairs []Pair) []byte {
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = appendEncode(dst, p.Key)
		dst = append(dst, '=')
		dst = appendEncode(dst, p.Value)
	}
	return dst
}
