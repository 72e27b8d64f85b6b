package credentials

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestYAMLScalar(t *testing.T) {
	t.Parallel()
	ok := map[string]string{
		``:                 "",
		`   `:              "",
		`# only a comment`: "",
		`plain`:            "plain",
		`plain   `:         "plain",
		`a#b`:              "a#b",
		`a #b`:             "a",
		"a\t#b":            "a",
		`'single'`:         "single",
		`'it''s'`:          "it's",
		`'a # b' # c`:      "a # b",
		`''`:               "",
		`"double"`:         "double",
		`"a\"b\\c"`:        `a"b\c`,
		`"t\tn\nr\r"`:      "t\tn\nr\r",
		`"x" # comment`:    "x",
		`~`:                "",
		`null`:             "",
		`NULL`:             "",
		`-not-a-sequence`:  "-not-a-sequence",
		`443`:              "443",
		`/iaas`:            "/iaas",
		`http://a:80/b`:    "http://a:80/b",
	}
	for in, want := range ok {
		got, reason := yamlScalar(in)
		assert.Empty(t, reason, "%q", in)
		assert.Equal(t, want, got, "%q", in)
	}
	bad := []string{
		`'open`, `"open`, `"ends with backslash\`, `'x'y`, `"x"y`, `'x'#c`, `"\x41"`, `"\u0041"`,
		`[a, b]`, `{a: b}`, `&anchor x`, `*alias`, `!!str x`, `|`, `>`, `- item`, `-`, `? key`, `%x`, `@x`, "`x`",
		`a: b`, `a:`,
	}
	for _, in := range bad {
		_, reason := yamlScalar(in)
		assert.NotEmpty(t, reason, "%q", in)
	}
}

func TestParseINI(t *testing.T) {
	t.Parallel()
	f, err := parseINI("f", []byte("\ufeff# c\n ; indented comment\n[ a b ]\nK.e-y_1 = v = w \n\n[c]\nk=\n"), nil)
	require.NoError(t, err)
	require.Contains(t, f.sections, "a b")
	assert.Equal(t, iniValue{value: "v = w", line: 4}, f.sections["a b"].values["k.e-y_1"])
	assert.Equal(t, iniValue{value: "", line: 7}, f.sections["c"].values["k"])

	for in, reason := range map[string]string{
		"[a":            "section header without ']'",
		"[a] x":         "text after the section header",
		"[]":            "invalid section name",
		"[a[b]":         "invalid section name",
		"[a]\n k = v":   "indented line (continuation lines are not supported)",
		"[a]\n= v":      "invalid key name",
		"[a]\nk k = v":  "invalid key name",
		"[a]\nk":        `expected "key = value"`,
		"k = v":         "key outside a [section]",
		"[a]\n[a]":      "duplicate section (first on line 1)",
		"[a]\nk=1\nK=2": "duplicate key (first on line 2)",
		"[a]\r\rk=1":    "control character in line",
	} {
		_, err := parseINI("f", []byte(in), nil)
		var pe *ParseError
		require.ErrorAs(t, err, &pe, "%q", in)
		assert.Equal(t, reason, pe.Reason, "%q", in)
		assert.Empty(t, pe.Key, "unknown keys are never named: %q", in)
		assert.ErrorIs(t, err, ErrInvalid)
	}
}

func TestParseErrorFormat(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "credentials: /p:3: k: bad", (&ParseError{Path: "/p", Line: 3, Key: "k", Reason: "bad"}).Error())
	assert.Equal(t, "credentials: /p: bad", (&ParseError{Path: "/p", Reason: "bad"}).Error())
	assert.True(t, errors.Is(&ParseError{}, ErrInvalid))
	assert.False(t, errors.Is(&ParseError{}, ErrNotFound))
}
