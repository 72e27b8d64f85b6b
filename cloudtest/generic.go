package cloudtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// The generic answer: an operation the emulator keeps no state for is
// checked against its description and answered with a body of the output's
// shape. Every field is present with its zero value (lists empty, so a list
// operation returns one empty page with a zero total); a mutation's
// identifier fields (fooId, foo_id, FooIds) get a fresh id, so a caller
// that creates something receives an id to use, and a delayed QingCloud
// action gets a job that completes like any other.

// genericOutput builds the output of so: zero values, with fresh ids on
// mutations, and the request's own value for an output field of the same
// wire name as a top-level scalar input (a Describe that names its
// resource gets that name back).
func (s *Server) genericOutput(so specOp, params flat, now time.Time) map[string]any {
	out := make(map[string]any, len(so.op.Output))
	for i := range so.op.Output {
		f := &so.op.Output[i]
		if v := params.str(f.WireName); v != "" && f.Type.Scalar() {
			out[f.WireName] = scalarValue(f.Type, v)
			continue
		}
		if !so.op.ReadOnly && idField(f.WireName) {
			switch {
			case f.Type.Kind == catalog.KindString:
				out[f.WireName] = s.newID(idPrefix(f.WireName), 12)
				continue
			case f.Type.Kind == catalog.KindList && f.Type.Elem != nil && f.Type.Elem.Kind == catalog.KindString:
				out[f.WireName] = []string{s.newID(idPrefix(f.WireName), 12)}
				continue
			}
		}
		out[f.WireName] = zeroValue(so.svc, f.Type, now, 0)
	}
	return out
}

// zeroValue is the zero value of a type as its JSON: "", 0, false, [],
// {}, and an object with every field at its zero value.
func zeroValue(svc *catalog.Service, t catalog.TypeRef, now time.Time, depth int) any {
	switch t.Kind {
	case catalog.KindString:
		return ""
	case catalog.KindInt64, catalog.KindFloat:
		return 0
	case catalog.KindBool:
		return false
	case catalog.KindTime:
		return isoTime(now)
	case catalog.KindList:
		return []any{}
	case catalog.KindMap, catalog.KindAny:
		return map[string]any{}
	case catalog.KindObject:
		obj := map[string]any{}
		if depth >= maxDepth {
			return obj
		}
		for _, f := range svc.Fields(t) {
			obj[f.WireName] = zeroValue(svc, f.Type, now, depth+1)
		}
		return obj
	}
	return nil
}

// scalarValue converts a request's text to the JSON value of type t.
func scalarValue(t catalog.TypeRef, v string) any {
	switch t.Kind {
	case catalog.KindInt64, catalog.KindFloat:
		if n, err := parseNumber(v); err == nil {
			return n
		}
		return 0
	case catalog.KindBool:
		return v == "true" || v == "1"
	}
	return v
}

// idField reports whether a wire name holds resource ids: instanceId,
// instance_id, InstanceIds, diskIds, AllocationId.
func idField(wire string) bool {
	l := strings.ToLower(wire)
	return strings.HasSuffix(l, "id") || strings.HasSuffix(l, "ids")
}

// idPrefix is the prefix of ids made for an output field: "i-" for
// instances, the first letters of the resource otherwise.
func idPrefix(wire string) string {
	l := strings.ToLower(strings.ReplaceAll(wire, "_", ""))
	l = strings.TrimSuffix(strings.TrimSuffix(l, "s"), "id")
	switch {
	case strings.HasPrefix(l, "instance"):
		return "i-"
	case strings.HasPrefix(l, "disk"), strings.HasPrefix(l, "volume"):
		return "vol-"
	case strings.HasPrefix(l, "elasticip"), strings.HasPrefix(l, "eip"), strings.HasPrefix(l, "allocation"):
		return "eip-"
	case strings.HasPrefix(l, "job"):
		return "j-"
	case l == "":
		return "id-"
	}
	return l[:min(len(l), 4)] + "-"
}

// parseNumber returns v as a JSON number when it is one.
func parseNumber(v string) (json.Number, error) {
	if _, err := strconv.ParseFloat(v, 64); err != nil {
		return "", err
	}
	return json.Number(v), nil
}
