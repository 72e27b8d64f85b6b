// Package percent is the one strict RFC 3986 percent-encoder that every
// multicloud signer uses for its canonical forms.
//
// Only the unreserved bytes A-Z a-z 0-9 - _ . ~ stay as they are; every other
// byte becomes %XX with upper-case hex, so a space is %20 and never +. The
// standard library's url.QueryEscape and url.Values.Encode differ on exactly
// those points, which is why no canonical form may use them.
package percent

import (
	"errors"
	"fmt"
)

// ErrMalformed is wrapped by every decoding error: a % not followed by two
// hex digits.
var ErrMalformed = errors.New("percent: malformed percent-encoding")

const upperHex = "0123456789ABCDEF"

// unreserved marks the bytes that RFC 3986 section 2.3 leaves unescaped.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['_'], t['.'], t['~'] = true, true, true, true
	return t
}()

// Unreserved reports whether c is left as it is by Encode.
func Unreserved(c byte) bool { return unreserved[c] }

// Encode returns s with every byte outside the unreserved set written as %XX.
func Encode(s string) string {
	n := encodedLen(s)
	if n == len(s) {
		return s
	}
	return string(appendEncode(make([]byte, 0, n), s))
}

// AppendEncode appends the encoding of s to dst and returns the extended
// slice. s may be a string or a byte slice.
func AppendEncode[T string | []byte](dst []byte, s T) []byte {
	return appendEncode(dst, s)
}

func appendEncode[T string | []byte](dst []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
	}
	return dst
}

func encodedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved[s[i]] {
			n += 2
		}
	}
	return n
}

// Decode reverses percent-encoding. When plusIsSpace is true a raw '+' means a
// space, as in a form-encoded query; otherwise it is kept. A '%' that is not
// followed by two hex digits is an error wrapping ErrMalformed. Decode does
// not allocate when s holds nothing to decode.
func Decode(s string, plusIsSpace bool) (string, error) {
	special := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", malformed(s, i)
			}
			special = true
			i += 2
		} else if c == '+' && plusIsSpace {
			special = true
		}
	}
	if !special {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		case c == '+' && plusIsSpace:
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return string(b), nil
}

// malformed describes the bad escape by position only: the input may be a
// signed query, and its values are not ours to print.
func malformed(s string, i int) error {
	return fmt.Errorf("%w at byte %d of %d", ErrMalformed, i, len(s))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
