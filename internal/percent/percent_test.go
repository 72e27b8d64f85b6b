package percent

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncode(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"AZaz09-_.~":           "AZaz09-_.~",
		"a b":                  "a%20b",
		"a+b":                  "a%2Bb",
		"*":                    "%2A",
		"/":                    "%2F",
		":":                    "%3A",
		"!'()*;@$,?#[]&=%":     "%21%27%28%29%2A%3B%40%24%2C%3F%23%5B%5D%26%3D%25",
		"中文":                   "%E4%B8%AD%E6%96%87",
		"\x00\xff":             "%00%FF",
		"2013-08-27T14:30:10Z": "2013-08-27T14%3A30%3A10Z",
	} {
		assert.Equal(t, want, Encode(in), "Encode(%q)", in)
		assert.Equal(t, want, string(AppendEncode(nil, []byte(in))), "AppendEncode(%q)", in)
	}
	// The standard library's encoders differ exactly where it matters.
	assert.NotEqual(t, url.QueryEscape("a b*"), Encode("a b*"))
}

func TestDecode(t *testing.T) {
	got, err := Decode("a+b%20c%2Bd%e4%b8%ad", true)
	require.NoError(t, err)
	assert.Equal(t, "a b c+d中", got)

	got, err = Decode("a+b", false)
	require.NoError(t, err)
	assert.Equal(t, "a+b", got, "a path keeps its plus")

	for _, bad := range []string{"%", "%4", "%zz", "a%G0", "abc%"} {
		_, err := Decode(bad, true)
		require.ErrorIs(t, err, ErrMalformed, bad)
	}
}

func TestDecodeDoesNotAllocateForPlainText(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := Decode("filters.1.name", true); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestParseAndAppendQuery(t *testing.T) {
	pairs, err := ParseQuery(nil, "b=2&a=x+y&&flag&a=%2A&c=")
	require.NoError(t, err)
	assert.Equal(t, []Pair{{"b", "2"}, {"a", "x y"}, {"flag", ""}, {"a", "*"}, {"c", ""}}, pairs)

	byKey := append([]Pair(nil), pairs...)
	SortByKey(byKey)
	assert.Equal(t, "a=x%20y&a=%2A&b=2&c=&flag=", string(AppendQuery(nil, byKey)), "repeated keys keep their order")

	byKeyValue := append([]Pair(nil), pairs...)
	SortByKeyThenValue(byKeyValue)
	assert.Equal(t, "a=%2A&a=x%20y&b=2&c=&flag=", string(AppendQuery(nil, byKeyValue)))

	SortByKey(pairs[:0])
	_, err = ParseQuery(nil, "a=%x1")
	require.ErrorIs(t, err, ErrMalformed)
}

func TestByteOrderSortsTenBeforeTwo(t *testing.T) {
	pairs, err := ParseQuery(nil, "volumes.2=b&volumes.10=a&volumes.1=c")
	require.NoError(t, err)
	SortByKey(pairs)
	assert.Equal(t, "volumes.1=c&volumes.10=a&volumes.2=b", string(AppendQuery(nil, pairs)))
}

// FuzzEncode checks the encoder's two promises on any input: only unreserved
// bytes appear unescaped, escapes use upper-case hex, and decoding the output
// gives the input back.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "a b", "中文", "~*+/%", "\x00\xff", "%41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := Encode(s)
		for i := 0; i < len(enc); i++ {
			c := enc[i]
			if c == '%' {
				if i+2 >= len(enc) || !strings.ContainsRune("0123456789ABCDEF", rune(enc[i+1])) ||
					!strings.ContainsRune("0123456789ABCDEF", rune(enc[i+2])) {
					t.Fatalf("bad escape in %q", enc)
				}
				i += 2
				continue
			}
			if !Unreserved(c) {
				t.Fatalf("reserved byte %q left unescaped in %q", c, enc)
			}
		}
		for _, plus := range []bool{true, false} {
			dec, err := Decode(enc, plus)
			if err != nil {
				t.Fatalf("decoding our own output: %v", err)
			}
			if dec != s {
				t.Fatalf("round trip: %q -> %q -> %q", s, enc, dec)
			}
		}
	})
}

// FuzzParseQuery feeds arbitrary raw queries: no panic, and a query that
// parses re-encodes into one that parses to the same pairs.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a=%zz", "&&=&", "k=v+w%2B", "x.10=a&x.2=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pairs, err := ParseQuery(nil, raw)
		if err != nil {
			return
		}
		again, err := ParseQuery(nil, string(AppendQuery(nil, pairs)))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v", err)
		}
		if len(again) != len(pairs) {
			t.Fatalf("pairs %v became %v", pairs, again)
		}
		for i := range pairs {
			if pairs[i] != again[i] {
				t.Fatalf("pair %d: %v became %v", i, pairs[i], again[i])
			}
		}
	})
}

func TestIsCanonical(t *testing.T) {
	for raw, want := range map[string]bool{
		"":                               true,
		"a=1":                            true,
		"a=1&b=2":                        true,
		"a=2&a=1":                        false, // values out of order
		"b=1&a=2":                        false,
		"a=1&":                           false,
		"&a=1":                           false,
		"a=1&&b=2":                       false,
		"flag":                           false,
		"a=%2A":                          false, // escapes are rebuilt, not trusted
		"a=x+y":                          false,
		"filters.1.name=id&pageSize=100": true,
	} {
		assert.Equal(t, want, IsCanonical(raw, true), raw)
	}
	assert.True(t, IsCanonical("a=2&a=1", false), "repeated keys keep their order when values are not sorted")
}

// FuzzIsCanonical checks the shortcut against the real thing: whenever
// IsCanonical says yes, parsing, sorting and encoding gives raw back.
func FuzzIsCanonical(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "a=2&a=1", "x.10=a&x.2=b", "a=&b="} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, sortValues bool) {
		if !IsCanonical(raw, sortValues) {
			return
		}
		pairs, err := ParseQuery(nil, raw)
		if err != nil {
			t.Fatalf("canonical but does not parse: %v", err)
		}
		if sortValues {
			SortByKeyThenValue(pairs)
		} else {
			SortByKey(pairs)
		}
		if got := string(AppendQuery(nil, pairs)); got != raw {
			t.Fatalf("IsCanonical(%q) but canonical form is %q", raw, got)
		}
	})
}
