// Package typedcall is what the generated QingCloud service package
// (qingcloud/iaas) calls: it encodes a typed input with package wire in
// QingCloud's dialect, refuses it before anything is sent when a required
// field is missing, hands the query and the call extras to
// qingcloud.Client, and decodes the answer leniently into the typed output.
// It imports no other cloud's code.
package typedcall

import (
	"context"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/internal/typed"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/qingcloud"
)

// Op and Encode are the neutral types, named here so that generated code
// imports one package.
type (
	Op     = typed.Op
	Encode = typed.Encode
)

// Do calls a QingCloud IaaS action and decodes the response into out.
// Every action goes as a signed GET query, including the two the spec gives
// as POST forms: QingCloud's signature covers the query only. The zone
// parameter becomes the call's zone; left empty it is the client's
// Config.Zone. A nil c (a typed Client that New did not make) is an error,
// not a panic.
func Do(ctx context.Context, c *qingcloud.Client, service string, op Op, enc Encode, out any, opts []multicloud.CallOption) (multicloud.Metadata, error) {
	if c == nil {
		return multicloud.Metadata{}, typed.ZeroClient(qingcloud.Provider, service, op.Action)
	}
	e := wire.New(wire.Query, wire.QingCloud)
	defaulted := func(name string) bool { return name == "zone" }
	if err := typed.Input(qingcloud.Provider, service, op.Action, e, enc, defaulted); err != nil {
		return multicloud.Metadata{}, err
	}
	values := e.Values()
	req := &qingcloud.Request{Action: op.Action, Zone: values.Get("zone"), Params: values, CallExtras: typed.Extras(e, opts)}
	values.Del("zone")
	return c.CallWithMetadata(ctx, req, lenient.Into(out))
}
