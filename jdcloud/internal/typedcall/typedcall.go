// Package typedcall is what the generated JD Cloud service packages
// (jdcloud/vm, jdcloud/lb, ...) call: it encodes a typed input with package
// wire, refuses it before anything is sent when a required field is
// missing, hands the wire form and the call extras to jdcloud.Client, and
// decodes the answer leniently into the typed output. It imports no other
// cloud's code.
package typedcall

import (
	"context"
	"encoding/json"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/internal/typed"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// Op and Encode are the neutral types, named here so that generated code
// imports one package.
type (
	Op     = typed.Op
	Encode = typed.Encode
)

// Do calls a JD Cloud operation of service and decodes its result into out.
// A missing regionId is taken from the client's Config.Region when set. A
// nil c (a typed Client that New did not make) is an error, not a panic.
func Do(ctx context.Context, c *jdcloud.Client, service string, op Op, enc Encode, out any, opts []multicloud.CallOption) (multicloud.Metadata, error) {
	if c == nil {
		return multicloud.Metadata{}, typed.ZeroClient(jdcloud.Provider, service, op.Action)
	}
	mode := wire.Query
	if op.JSON {
		mode = wire.JSON
	}
	e := wire.New(mode, wire.Dotted)
	defaulted := func(name string) bool { return name == "regionId" && c.Config().Region != "" }
	if err := typed.Input(jdcloud.Provider, service, op.Action, e, enc, defaulted); err != nil {
		return multicloud.Metadata{}, err
	}
	req := &jdcloud.Request{
		Service: service, Version: op.Version, Method: op.Method, Path: op.Path,
		PathParams: e.PathParams(), Action: op.Action,
		CallExtras: typed.Extras(e, opts),
	}
	if op.JSON {
		req.Params = json.RawMessage(e.Body())
	} else {
		req.Params = e.Values()
	}
	return c.CallWithMetadata(ctx, req, lenient.Into(out))
}
