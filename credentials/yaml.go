package credentials

import (
	"strconv"
	"strings"
)

// The YAML subset of QingCloud's ~/.qingcloud/config.yaml: one flat mapping of
// scalars, one per line, as the SDK's default file (qingcloud-sdk-go
// config/contract.go) and its documentation show it:
//
//	# QingCloud services configuration
//	qy_access_key_id: 'ACCESS_KEY_ID'
//	qy_secret_access_key: "SECRET"      # a comment
//	host: api.qingcloud.com
//	port: 443
//
// Accepted: blank lines, comment lines, an optional leading "---", and
// "key: value" lines whose key is a plain name and whose value is empty, plain,
// 'single-quoted' ('' is a quote) or "double-quoted" (escapes \\ \" \t \n \r
// only), each optionally followed by a " # comment". Plain null (~, null) is
// the empty string. Everything else YAML allows is rejected with the file and
// line: indentation (nesting), sequences, flow collections, anchors, aliases,
// tags, block scalars, multi-line or unterminated quoted values, other escapes,
// quoted keys, duplicate keys, several documents.

type yamlValue struct {
	value string
	line  int
}

// parseFlatYAML parses data, read from path. known lists the keys that may be
// named in error messages.
func parseFlatYAML(path string, data []byte, known []string) (map[string]yamlValue, error) {
	lines, err := splitLines(path, data)
	if err != nil {
		return nil, err
	}
	out := map[string]yamlValue{}
	seenContent := false
	for _, l := range lines {
		text := l.text
		if isBlank(text) {
			continue
		}
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed[0] == '#' {
			continue
		}
		perr := func(key, reason string) error {
			return &ParseError{Path: path, Line: l.n, Key: key, Reason: reason}
		}
		if text == "---" || strings.HasPrefix(text, "--- #") || strings.HasPrefix(text, "---\t#") {
			if seenContent {
				return nil, perr("", "several YAML documents are not supported")
			}
			seenContent = true
			continue
		}
		seenContent = true
		if startsIndented(text) {
			return nil, perr("", "indented line (nested values are not supported)")
		}
		colon := keyEnd(text)
		if colon < 0 {
			return nil, perr("", `expected "key: value"`)
		}
		key := text[:colon]
		if !validKeyName(key) || key[0] == '-' {
			return nil, perr("", "unsupported key (only plain names are)")
		}
		named := nameKey(key, known)
		if prev, dup := out[key]; dup {
			return nil, perr(named, "duplicate key (first on line "+strconv.Itoa(prev.line)+")")
		}
		v, reason := yamlScalar(text[colon+1:])
		if reason != "" {
			return nil, perr(named, reason)
		}
		out[key] = yamlValue{value: v, line: l.n}
	}
	return out, nil
}

// keyEnd returns the index of the ':' that ends the key: the first one
// followed by a space, a tab or the end of the line; -1 if there is none.
func keyEnd(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return i
		}
	}
	return -1
}

// yamlScalar parses what follows "key:" on a line. It returns the value, or a
// reason the value is not accepted; the reason never quotes the value.
func yamlScalar(s string) (value, reason string) {
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] == '#' {
		return "", ""
	}
	switch s[0] {
	case '\'':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] != '\'' {
				b.WriteByte(s[i])
				continue
			}
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			if !commentOrEnd(s[i+1:]) {
				return "", "text after the closing quote"
			}
			return b.String(), ""
		}
		return "", "unterminated single-quoted value (multi-line values are not supported)"
	case '"':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '"':
				if !commentOrEnd(s[i+1:]) {
					return "", "text after the closing quote"
				}
				return b.String(), ""
			case '\\':
				if i+1 == len(s) {
					return "", "unterminated double-quoted value (multi-line values are not supported)"
				}
				i++
				switch s[i] {
				case '\\', '"':
					b.WriteByte(s[i])
				case 't':
					b.WriteByte('\t')
				case 'n':
					b.WriteByte('\n')
				case 'r':
					b.WriteByte('\r')
				default:
					return "", `unsupported escape sequence (only \\ \" \t \n \r are supported)`
				}
			default:
				b.WriteByte(s[i])
			}
		}
		return "", "unterminated double-quoted value (multi-line values are not supported)"
	case '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`':
		return "", "unsupported value (flow collections, anchors, aliases, tags and block scalars are not supported)"
	case '-', '?':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return "", "unsupported value (sequences and complex keys are not supported)"
		}
	}
	// A plain scalar: up to a comment, which needs whitespace before '#'.
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			s = s[:i]
			break
		}
	}
	s = strings.TrimRight(s, " \t")
	if keyEnd(s) >= 0 {
		return "", `unsupported value (": " is not allowed in a plain value; quote it)`
	}
	switch s {
	case "~", "null", "Null", "NULL":
		return "", ""
	}
	return s, ""
}

// commentOrEnd reports whether s, the rest of a line after a quoted value, is
// empty or a comment.
func commentOrEnd(s string) bool {
	t := strings.TrimLeft(s, " \t")
	return t == "" || (t[0] == '#' && len(t) < len(s))
}
