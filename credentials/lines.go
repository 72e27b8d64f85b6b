package credentials

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// line is one line of a text file, without its line ending.
type line struct {
	n    int // 1-based
	text string
}

// splitLines splits a config file into lines for the INI and YAML parsers. It
// drops a leading UTF-8 byte order mark and accepts LF and CRLF endings. It
// rejects what no hand-written config file contains: invalid UTF-8, and control
// characters other than tab (a lone CR included).
func splitLines(path string, data []byte) ([]line, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []line
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		raw = strings.TrimSuffix(raw, "\r")
		if !utf8.ValidString(raw) {
			return nil, &ParseError{Path: path, Line: n, Reason: "not valid UTF-8"}
		}
		for j := 0; j < len(raw); j++ {
			if c := raw[j]; (c < 0x20 && c != '\t') || c == 0x7f {
				return nil, &ParseError{Path: path, Line: n, Reason: "control character in line"}
			}
		}
		out = append(out, line{n: n, text: raw})
	}
	return out, nil
}

// isBlank reports whether s holds only spaces and tabs.
func isBlank(s string) bool { return strings.TrimLeft(s, " \t") == "" }

// startsIndented reports whether s begins with a space or a tab.
func startsIndented(s string) bool { return s != "" && (s[0] == ' ' || s[0] == '\t') }

// validKeyName reports whether k is a plain key name: ASCII letters, digits,
// '_', '-' and '.'. Every key the three clouds' files use is one.
func validKeyName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// nameKey returns k if it is one of the known keys, which may appear in error
// messages, and "" otherwise: an unknown "key" could be a secret pasted on
// the wrong line.
func nameKey(k string, known []string) string {
	if slices.Contains(known, k) {
		return k
	}
	return ""
}
