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
	return ParseQueryExcept(dst, raw, nil)
}

// ParseQueryExcept is ParseQuery leaving out the parameters whose decoded
// key skip reports, without decoding their values. A nil skip keeps all.
func ParseQueryExcept(dst []Pair, raw string, skip func(key string) bool) ([]Pair, error) {
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
		if skip != nil && skip(key) {
			continue
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

// IsCanonical reports whether raw is already the canonical form of itself,
// so that parsing, sorting and re-encoding it would give it back: every pair
// has a '=', keys and values hold only unreserved bytes (nothing to decode,
// so encoded and decoded order agree), and pairs are sorted by key and,
// when sortValues is set, by value within a key. A query built by this
// package usually is; checking is much cheaper than rebuilding it.
func IsCanonical(raw string, sortValues bool) bool {
	var prevKey, prevValue string
	for i := 0; raw != ""; i++ {
		seg, rest, more := strings.Cut(raw, "&")
		k, v, ok := strings.Cut(seg, "=")
		if !ok || !allUnreserved(k) || !allUnreserved(v) || more && rest == "" {
			return false
		}
		if i > 0 {
			if c := strings.Compare(k, prevKey); c < 0 || c == 0 && sortValues && v < prevValue {
				return false
			}
		}
		prevKey, prevValue, raw = k, v, rest
	}
	return true
}

func allUnreserved(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreserved[s[i]] {
			return false
		}
	}
	return true
}
