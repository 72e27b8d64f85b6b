package credentials

import (
	"strconv"
	"strings"
)

// The INI subset shared by Volcengine's shared credentials file and the JD
// Cloud CLI config (written by Python's configparser):
//
//	# comment            ; comment       (whole lines; may be indented)
//	[section]                            (not indented; name case-sensitive)
//	key = value                          (not indented; key case-insensitive)
//
// Values are the rest of the line after the first '=', trimmed; nothing in
// them is special (configparser has no inline comments by default, and neither
// has ours). Rejected, with the file and line: keys outside a section, lines
// that are neither, indented keys or sections (configparser reads them as
// continuations of the previous value), "key: value" (configparser accepts it,
// nothing we know of writes it), invalid key names, empty section names,
// duplicate sections and duplicate keys in one section (configparser rejects
// them too).

type iniValue struct {
	value string
	line  int
}

type iniSection struct {
	line   int
	values map[string]iniValue // by lower-cased key
}

type iniFile struct {
	sections map[string]*iniSection
}

// parseINI parses data, read from path. known lists the (lower-case) keys that
// may be named in error messages.
func parseINI(path string, data []byte, known []string) (*iniFile, error) {
	lines, err := splitLines(path, data)
	if err != nil {
		return nil, err
	}
	f := &iniFile{sections: map[string]*iniSection{}}
	var cur *iniSection
	for _, l := range lines {
		text := l.text
		if isBlank(text) {
			continue
		}
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		perr := func(key, reason string) error {
			return &ParseError{Path: path, Line: l.n, Key: key, Reason: reason}
		}
		if startsIndented(text) {
			return nil, perr("", "indented line (continuation lines are not supported)")
		}
		if text[0] == '[' {
			end := strings.IndexByte(text, ']')
			if end < 0 {
				return nil, perr("", "section header without ']'")
			}
			if !isBlank(text[end+1:]) {
				return nil, perr("", "text after the section header")
			}
			name := strings.TrimSpace(text[1:end])
			if name == "" || strings.ContainsAny(name, "[]") {
				return nil, perr("", "invalid section name")
			}
			if prev, dup := f.sections[name]; dup {
				return nil, perr("", "duplicate section (first on line "+strconv.Itoa(prev.line)+")")
			}
			cur = &iniSection{line: l.n, values: map[string]iniValue{}}
			f.sections[name] = cur
			continue
		}
		eq := strings.IndexByte(text, '=')
		if eq < 0 {
			return nil, perr("", `expected "key = value"`)
		}
		key := strings.ToLower(strings.TrimRight(text[:eq], " \t"))
		if !validKeyName(key) {
			return nil, perr("", "invalid key name")
		}
		if cur == nil {
			return nil, perr(nameKey(key, known), "key outside a [section]")
		}
		if prev, dup := cur.values[key]; dup {
			return nil, perr(nameKey(key, known), "duplicate key (first on line "+strconv.Itoa(prev.line)+")")
		}
		cur.values[key] = iniValue{value: strings.Trim(text[eq+1:], " \t"), line: l.n}
	}
	return f, nil
}
