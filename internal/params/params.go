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
	var tree map[string]any
	if m, ok := v.(map[string]any); ok && plain(m) {
		tree = m // already the shape a JSON round trip would give
	} else {
		var err error
		if tree, err = toTree(v); err != nil || tree == nil {
			return dst, err
		}
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
		// A scan, not a decode: every typed call's body passes here.
		if t := bytes.TrimLeft(raw, " \t\r\n"); len(t) == 0 || t[0] != '{' || !json.Valid(raw) {
			return nil, fmt.Errorf("params: body is not a JSON object")
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

// plain reports whether v holds only values flatten handles as they are:
// strings, booleans, Go integers and floats, string slices and nested
// generic maps and slices. Anything else (a struct, a pointer, a custom
// marshaler) goes through encoding/json first so that its tags apply.
func plain(v any) bool {
	switch v := v.(type) {
	case nil, string, bool, int, int32, int64, uint, uint32, uint64, float64, json.Number, []string:
		return true
	case float32:
		return true
	case map[string]any:
		for _, e := range v {
			if !plain(e) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range v {
			if !plain(e) {
				return false
			}
		}
		return true
	}
	return false
}

func flatten(dst []percent.Pair, name string, v any, opts Options) []percent.Pair {
	switch v := v.(type) {
	case nil:
		return dst
	case int:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.Itoa(v)})
	case int32:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatInt(int64(v), 10)})
	case int64:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatInt(v, 10)})
	case uint:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatUint(uint64(v), 10)})
	case uint32:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatUint(uint64(v), 10)})
	case uint64:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatUint(v, 10)})
	case float32:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatFloat(float64(v), 'f', -1, 32)})
	case float64:
		dst = append(dst, percent.Pair{Key: name, Value: strconv.FormatFloat(v, 'f', -1, 64)})
	case []string:
		for i, e := range v {
			dst = append(dst, percent.Pair{Key: join(name, strconv.Itoa(i+1)), Value: e})
		}
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
