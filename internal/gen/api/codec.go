package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Marshal encodes s as JSON laid out for review and diffs: one line per
// field, type, operation member and note, with a trailing newline and
// without HTML escaping. Encoding the same Service always gives the same
// bytes.
func Marshal(s *Service) ([]byte, error) {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	dec := json.NewDecoder(&compact)
	dec.UseNumber()
	if err := layout(&out, dec, "", 0); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// expanded lists the paths (member names, "[]" for array elements) of the
// objects and arrays Marshal spreads over several lines; every other value
// is written on one line.
var expanded = map[string]bool{
	"":                      true,
	"/sources":              true,
	"/notes":                true,
	"/operations":           true,
	"/operations/[]":        true,
	"/operations/[]/input":  true,
	"/operations/[]/output": true,
	"/operations/[]/paging": true,
	"/types":                true,
	"/types/[]":             true,
	"/types/[]/fields":      true,
}

// layout copies one JSON value from dec to out, indenting the values at the
// expanded paths by depth.
func layout(out *bytes.Buffer, dec *json.Decoder, path string, depth int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		b, err := marshalNoEscape(tok)
		out.Write(b)
		return err
	}
	isObject := delim == '{'
	multi := expanded[path]
	out.WriteByte(byte(delim))
	n := 0
	for dec.More() {
		if n > 0 {
			out.WriteByte(',')
		}
		if multi {
			out.WriteByte('\n')
			out.WriteString(strings.Repeat(" ", depth+1))
		}
		child := path + "/[]"
		if isObject {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			b, err := marshalNoEscape(key)
			if err != nil {
				return err
			}
			out.Write(b)
			out.WriteByte(':')
			if multi {
				out.WriteByte(' ')
			}
			child = path + "/" + key.(string)
		}
		if err := layout(out, dec, child, depth+1); err != nil {
			return err
		}
		n++
	}
	end, err := dec.Token()
	if err != nil {
		return err
	}
	if multi && n > 0 {
		out.WriteByte('\n')
		out.WriteString(strings.Repeat(" ", depth))
	}
	out.WriteByte(byte(end.(json.Delim)))
	return nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Decode reads one Service from r. Unknown members are an error, and the
// result must pass Validate.
func Decode(r io.Reader) (*Service, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var s Service
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("api: trailing data after the service description")
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Load reads and validates the description in the named file.
func Load(path string) (*Service, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// LoadFS reads and validates the description at path in fsys.
func LoadFS(fsys fs.FS, path string) (*Service, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
