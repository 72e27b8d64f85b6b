package credentials

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jsonReader reads a JSON config file token by token, so that every error
// has a line and none quotes the input (encoding/json's messages can).
type jsonReader struct {
	path string
	data []byte
	dec  *json.Decoder
}

func newJSONReader(path string, data []byte) *jsonReader {
	return &jsonReader{path: path, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
}

// errAt is a *ParseError at the line of byte offset.
func (d *jsonReader) errAt(offset int64, key, reason string) error {
	return &ParseError{Path: d.path, Line: lineAt(d.data, offset), Key: key, Reason: reason}
}

// jsonErr is the *ParseError for an error of the decoder.
func (d *jsonReader) jsonErr(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return d.errAt(se.Offset, "", "invalid JSON")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return d.errAt(int64(len(d.data)), "", "unexpected end of JSON")
	default:
		return d.errAt(d.dec.InputOffset(), "", "invalid JSON")
	}
}

// object reads a JSON object, calling member for each key with the decoder
// placed before its value; member must consume the value. When nullOK, a null
// is accepted and reported. Duplicate keys are an error.
func (d *jsonReader) object(key string, nullOK bool, member func(name string) error) (isNull bool, err error) {
	start := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		return false, d.jsonErr(err)
	}
	if tok == nil && nullOK {
		return true, nil
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return false, d.errAt(start, key, "expected a JSON object")
	}
	seen := map[string]bool{}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return false, d.jsonErr(err)
		}
		name, _ := tok.(string) // object keys are always strings
		if seen[name] {
			return false, d.errAt(d.dec.InputOffset(), key, "duplicate key in object")
		}
		seen[name] = true
		if err := member(name); err != nil {
			return false, err
		}
	}
	if _, err := d.dec.Token(); err != nil { // the closing '}'
		return false, d.jsonErr(err)
	}
	return false, nil
}

// skip consumes one value of any kind.
func (d *jsonReader) skip() error {
	var v json.RawMessage
	if err := d.dec.Decode(&v); err != nil {
		return d.jsonErr(err)
	}
	return nil
}

// str reads a string value into f, named key. When nullOK, null reads as
// "" (as encoding/json reads it into a string field); otherwise it is not a
// string.
func (d *jsonReader) str(key string, nullOK bool, f *field) error {
	start := d.dec.InputOffset()
	tok, err := d.dec.Token()
	if err != nil {
		return d.jsonErr(err)
	}
	if tok == nil && nullOK {
		f.key, f.line = key, lineAt(d.data, d.dec.InputOffset())
		return nil
	}
	s, ok := tok.(string)
	if !ok {
		return d.errAt(start, key, "value is not a string")
	}
	f.key, f.value, f.line = key, s, lineAt(d.data, d.dec.InputOffset())
	return nil
}

// end checks that nothing but white space follows the value read.
func (d *jsonReader) end() error {
	if _, err := d.dec.Token(); err != io.EOF {
		return d.errAt(d.dec.InputOffset(), "", "text after the JSON object")
	}
	return nil
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}
