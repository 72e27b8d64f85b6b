package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// decodeObject decodes a JSON object, keeping numbers as json.Number so
// that large integers keep every digit.
func decodeObject(b []byte, what string) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, usageError("%s: not a JSON object: %v", what, err)
	}
	if dec.More() {
		return nil, usageError("%s: more than one JSON value", what)
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// decodeValue decodes one JSON value.
func decodeValue(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, io.ErrUnexpectedEOF
	}
	return v, nil
}

// baseParams reads --cli-input-json and --params, in that order, into one
// object; later keys replace earlier ones.
func baseParams(o *options, stdin io.Reader) (map[string]any, error) {
	params := map[string]any{}
	if o.inputJSON != "" {
		var (
			b   []byte
			err error
		)
		if o.inputJSON == "-" {
			b, err = io.ReadAll(stdin)
		} else {
			b, err = os.ReadFile(o.inputJSON)
		}
		if err != nil {
			return nil, usageError("--cli-input-json: %v", err)
		}
		m, err := decodeObject(b, "--cli-input-json")
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			params[k] = v
		}
	}
	if o.params != "" {
		m, err := decodeObject([]byte(o.params), "--params")
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			params[k] = v
		}
	}
	return params, nil
}

// actionFlags sets params from the action's own flags: --name value or
// --name=value for each input field by wire name. A list takes the flag
// again for each element (or a JSON array); objects, maps and lists of
// objects take JSON; a boolean may stand alone for true.
func actionFlags(op *catalog.Operation, args []string, params map[string]any) error {
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		name, value, inline, isFlag := splitFlag(args[i])
		if !isFlag {
			return usageError("unexpected argument %q (flags are --name value)", args[i])
		}
		f := op.InputField(name)
		if f == nil {
			return usageError("%s has no flag --%s%s; see %s --help", op.Name, name, suggest(name, op.Input), op.Name)
		}
		if !inline {
			switch {
			case f.Type.Kind == catalog.KindBool && (i+1 >= len(args) || !isBoolWord(args[i+1])):
				value = "true"
			case i+1 >= len(args):
				return usageError("--%s needs a value (%s)", name, f.Type)
			default:
				i++
				value = args[i]
			}
		}
		v, err := flagValue(f, value)
		if err != nil {
			return err
		}
		if f.Type.Kind == catalog.KindList {
			// The first use of a flag replaces what --params gave; later uses add.
			var list []any
			if seen[name] {
				list, _ = params[name].([]any)
			}
			if items, ok := v.([]any); ok {
				list = append(list, items...)
			} else {
				list = append(list, v)
			}
			params[name] = list
		} else {
			if seen[name] {
				return usageError("--%s given twice; it takes one value", name)
			}
			params[name] = v
		}
		seen[name] = true
	}
	return nil
}

func isBoolWord(s string) bool { return s == "true" || s == "false" }

// flagValue turns a flag's text into the JSON value the encoder takes:
// text for scalars (the encoder converts and checks it), decoded JSON for
// structured values. A list element of scalars may also be given as a JSON
// array.
func flagValue(f *catalog.Field, text string) (any, error) {
	t := f.Type
	if t.Kind == catalog.KindList && t.Elem != nil {
		t = *t.Elem
		if strings.HasPrefix(strings.TrimSpace(text), "[") {
			v, err := decodeValue(text)
			if err != nil {
				return nil, usageError("--%s: not a JSON array: %v", f.WireName, err)
			}
			return v, nil
		}
	}
	if t.Scalar() {
		return text, nil
	}
	v, err := decodeValue(text)
	if err != nil {
		if t.Kind == catalog.KindAny {
			return text, nil // an untyped field takes plain text too
		}
		return nil, usageError("--%s: want JSON (%s): %v", f.WireName, t, err)
	}
	return v, nil
}
