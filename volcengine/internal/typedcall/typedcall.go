// Package typedcall is what the generated Volcengine service packages
// (volcengine/ecs, volcengine/clb, ...) call: it encodes a typed input with
// package wire, refuses it before anything is sent when a required field is
// missing, hands the wire form and the call extras to volcengine.Client, and
// decodes the answer's Result leniently into the typed output. It imports
// no other cloud's code.
package typedcall

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/internal/typed"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/volcengine"
)

// Op and Encode are the neutral types, named here so that generated code
// imports one package.
type (
	Op     = typed.Op
	Encode = typed.Encode
)

// Do calls a Volcengine action of the service signed as service and decodes
// its Result into out. A nil c (a typed Client that New did not make) is an
// error, not a panic.
func Do(ctx context.Context, c *volcengine.Client, service string, op Op, enc Encode, out any, opts []multicloud.CallOption) (multicloud.Metadata, error) {
	if c == nil {
		return multicloud.Metadata{}, typed.ZeroClient(volcengine.Provider, service, op.Action)
	}
	mode := wire.Query
	if op.JSON {
		mode = wire.JSON
	}
	e := wire.New(mode, wire.Dotted)
	if err := typed.Input(volcengine.Provider, service, op.Action, e, enc, nil); err != nil {
		return multicloud.Metadata{}, err
	}
	req := &volcengine.Request{
		Service: service, Version: op.Version, Action: op.Action, Method: op.Method,
		CallExtras: typed.Extras(e, opts),
	}
	switch {
	case op.JSON:
		req.ContentType, req.Params = volcengine.ContentJSON, json.RawMessage(e.Body())
	case op.Method == http.MethodGet:
		req.Params = e.Values()
	default:
		req.ContentType, req.Params = volcengine.ContentForm, e.Values()
	}
	return c.CallWithMetadata(ctx, req, lenient.Into(out))
}
