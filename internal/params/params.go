// Package params turns a call's parameters, given as a struct with json tags
// or as a map, into the flattened wire parameters the three clouds take in a
// query string or form body, and into JSON bodies without nulls.
//
// Flattening follows the providers' shared convention: a list is numbered
// from 1 (name.1, name.2), an object's fields are joined with a dot
// (name.1.field), and the two nest (filters.1.values.2). Numbers keep the
// exact text encoding/json gives them, so integers never appear in exponent
// form.
package params

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// Options adjust flattening to a provider.
type Options struct {
	// BoolAsInt sends true and false as 1 and 0, as QingCloud expects.
	BoolAsInt bool
}

// Flatten appends the flattened parameters of v to dst, sorted by name.
// v must encode as a JSON object (a struct, a map, or a pointer to either),
// or be url.Values, whose names are taken as already flattened; nil appends
// nothing. Null values and empty lists are left out.
func Flatten(dst []percent.Pair, v any, opts Options) ([]percent.Pair, error) {
	if vals, ok := v.(url.Values); ok {
		start := len(dst)
		for k, vs := range vals {
			for _, s := range vs {
				dst = append(dst, percent.Pair{Key: k, Value: s})
			}
		}
		percent.SortByKey(dst[start:])
		return dst, nil
	}
	tree, err := toTree(v)
	if err != nil || tree == nil {
		return dst, err
	}
	start := len(dst)
	dst = flatten(dst, "", tree, opts)
	percent.SortByKey(dst[start:])
	return dst, nil
}

// JSONBody encodes v as a JSON object with every null member left out, at
// any depth. nil gives "{}". A json.RawMessage is taken as the body itself,
// unchanged, after a check that it is a JSON object.
func JSONBody(v any) ([]byte, error) {
	if raw, ok := v.(json.RawMessage); ok {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(raw, &probe); err != nil {
			return nil, fmt.Errorf("params: body is not a JSON object: %w", err)
		}
		return raw, nil
	}
	tree, err := toTree(v)
	if err != nil {
		return nil, err
	}
	if tree == nil {
		return []byte("{}"), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(dropNulls(tree)); err != nil {
		return nil, fmt.Errorf("params: encoding body: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// toTree encodes v through encoding/json, so json tags and custom
// marshalers apply, and decodes it back as a generic map.
func toTree(v any) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	if m, ok := v.(map[string]any); ok && m == nil {
		return nil, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("params: encoding %T: %w", v, err)
	}
	if bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree map[string]any
	if err := dec.Decode(&tree); err != nil {
		return nil, fmt.Errorf("params: %T does not encode as a JSON object", v)
	}
	return tree, nil
}

func flatten(dst []percent.Pair, name string, v any, opts Options) []percent.Pair {
	switch v := v.(type) {
	case nil:
		return dst
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			dst = flatten(dst, join(name, k), v[k], opts)
		}
	case []any:
		for i, e := range v {
			dst = flatten(dst, join(name, strconv.Itoa(i+1)), e, opts)
		}
	case string:
		dst = append(dst, percent.Pair{Key: name, Value: v})
	case json.Number:
		dst = append(dst, percent.Pair{Key: name, Value: v.String()})
	case bool:
		s := strconv.FormatBool(v)
		if opts.BoolAsInt {
			s = "0"
			if v {
				s = "1"
			}
		}
		dst = append(dst, percent.Pair{Key: name, Value: s})
	}
	return dst
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func dropNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
				continue
			}
			v[k] = dropNulls(e)
		}
	case []any:
		for i, e := range v {
			v[i] = dropNulls(e)
		}
	}
	return v
}
