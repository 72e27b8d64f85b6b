package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// caller sends calls through one provider's generic Call.
type caller interface {
	// operation calls a catalog operation with params checked and encoded
	// as the typed packages do, and returns the result object.
	operation(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (json.RawMessage, error)
	// raw calls any API with params as given (flattened by the provider
	// package), with the wire facts in w.
	raw(ctx context.Context, w rawCall, params map[string]any) (json.RawMessage, error)
}

// rawCall is the wire facts of a call by name: from the catalog when it
// knows the API, else from --method, --path and --version.
type rawCall struct {
	service, action, method, path, version string
	form                                   bool // Volcengine: a form body rather than JSON
	// secrets are the values of the fields the catalog marks secret.
	secrets []string
}

// encodeInput encodes params for op in the provider's wire form and refuses
// input with required fields missing, naming them as flags. defaulted
// reports the missing fields the client fills itself.
func encodeInput(svc *catalog.Service, op *catalog.Operation, params map[string]any, mode wire.Mode, d wire.Dialect, defaulted func(string) bool) (*wire.Encoder, multicloud.CallExtras, error) {
	var extras multicloud.CallExtras
	if tok := op.IdempotencyToken; tok != "" {
		if v, ok := params[tok]; ok && v != nil && v != "" {
			extras.CallerToken = true
		} else {
			params[tok] = newToken()
		}
		extras.IdempotencyToken, _ = params[tok].(string)
	}
	e := wire.New(mode, d)
	secrets, err := encode(svc, op, params, e)
	if err != nil {
		return nil, extras, err
	}
	extras.Secrets = secrets
	missing := slices.DeleteFunc(slices.Clone(e.Missing()), defaulted)
	if len(missing) > 0 {
		return nil, extras, usageError("%s: missing required %s", op.Name, flagList(missing))
	}
	if err := e.Err(); err != nil {
		return nil, extras, usageError("%s: %v", op.Name, err)
	}
	return e, extras, nil
}

// flagList writes wire names as flags: "--zone, --image_id".
func flagList(names []string) string {
	word := "flag "
	if len(names) > 1 {
		word = "flags "
	}
	return word + "--" + strings.Join(names, ", --")
}

// newToken returns a fresh idempotency token: 32 hex digits.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

type jdCaller struct{ c *jdcloud.Client }

func (j *jdCaller) operation(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (json.RawMessage, error) {
	mode := wire.Query
	if op.BodyEncoding == catalog.BodyJSON {
		mode = wire.JSON
	}
	region := j.c.Config().Region
	e, extras, err := encodeInput(svc, op, params, mode, wire.Dotted, func(name string) bool { return name == "regionId" && region != "" })
	if err != nil {
		return nil, err
	}
	req := &jdcloud.Request{
		Service: svc.Signing(), Version: op.Version, Method: op.Method, Path: op.Path,
		PathParams: e.PathParams(), Action: op.Name, CallExtras: extras,
	}
	if mode == wire.JSON {
		req.Params = json.RawMessage(e.Body())
	} else {
		req.Params = e.Values()
	}
	var out json.RawMessage
	err = j.c.Call(ctx, req, &out)
	return out, err
}

func (j *jdCaller) raw(ctx context.Context, w rawCall, params map[string]any) (json.RawMessage, error) {
	if w.path == "" {
		return nil, usageError("jdcloud call: %s/%s is not in the catalog; give its --path (and --method, --version)", w.service, w.action)
	}
	path := map[string]string{}
	for _, name := range pathNames(w.path) {
		if v, ok := params[name]; ok {
			path[name] = scalarText(v)
			delete(params, name)
		}
	}
	req := &jdcloud.Request{Service: w.service, Version: w.version, Method: w.method, Path: w.path,
		PathParams: path, Action: w.action, Params: params, CallExtras: multicloud.CallExtras{Secrets: w.secrets}}
	var out json.RawMessage
	err := j.c.Call(ctx, req, &out)
	return out, err
}

// pathNames lists the {name} placeholders of a path template.
func pathNames(template string) []string {
	var out []string
	for {
		i := strings.IndexByte(template, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(template[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, template[i+1:i+j])
		template = template[i+j+1:]
	}
}

func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

type volcCaller struct{ c *volcengine.Client }

func (v *volcCaller) operation(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (json.RawMessage, error) {
	mode := wire.Query
	if op.BodyEncoding == catalog.BodyJSON {
		mode = wire.JSON
	}
	e, extras, err := encodeInput(svc, op, params, mode, wire.Dotted, func(string) bool { return false })
	if err != nil {
		return nil, err
	}
	req := &volcengine.Request{Service: svc.Signing(), Version: op.Version, Action: op.Name, Method: op.Method, CallExtras: extras}
	switch {
	case mode == wire.JSON:
		req.ContentType, req.Params = volcengine.ContentJSON, json.RawMessage(e.Body())
	case op.Method == http.MethodGet:
		req.Params = e.Values()
	default:
		req.ContentType, req.Params = volcengine.ContentForm, e.Values()
	}
	var out json.RawMessage
	err = v.c.Call(ctx, req, &out)
	return out, err
}

func (v *volcCaller) raw(ctx context.Context, w rawCall, params map[string]any) (json.RawMessage, error) {
	if w.version == "" {
		return nil, usageError("volcengine call: %s/%s is not in the catalog; give its --version", w.service, w.action)
	}
	req := &volcengine.Request{Service: w.service, Version: w.version, Action: w.action, Method: w.method, Params: params,
		CallExtras: multicloud.CallExtras{Secrets: w.secrets}}
	if w.form {
		req.ContentType = volcengine.ContentForm
	}
	var out json.RawMessage
	err := v.c.Call(ctx, req, &out)
	return out, err
}

type qcCaller struct{ c *qingcloud.Client }

// qcEnvelope are the members of every QingCloud answer that are not the
// action's output.
var qcEnvelope = []string{"action", "ret_code"}

func (q *qcCaller) operation(ctx context.Context, svc *catalog.Service, op *catalog.Operation, params map[string]any) (json.RawMessage, error) {
	e, extras, err := encodeInput(svc, op, params, wire.Query, wire.QingCloud, func(name string) bool { return name == "zone" })
	if err != nil {
		return nil, err
	}
	values := e.Values()
	req := &qingcloud.Request{Action: op.Name, Zone: values.Get("zone"), Params: values, CallExtras: extras}
	values.Del("zone")
	var out json.RawMessage
	if err := q.c.Call(ctx, req, &out); err != nil {
		return nil, err
	}
	return dropMembers(out, qcEnvelope), nil
}

func (q *qcCaller) raw(ctx context.Context, w rawCall, params map[string]any) (json.RawMessage, error) {
	zone, _ := params["zone"].(string)
	req := &qingcloud.Request{Action: w.action, Zone: zone, Params: params, CallExtras: multicloud.CallExtras{Secrets: w.secrets}}
	var out json.RawMessage
	if err := q.c.Call(ctx, req, &out); err != nil {
		return nil, err
	}
	return dropMembers(out, qcEnvelope), nil
}

// dropMembers removes members from a JSON object, keeping the others'
// text; anything that is not an object is returned as is.
func dropMembers(raw json.RawMessage, names []string) json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return raw
	}
	for _, n := range names {
		delete(m, n)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return b
}
