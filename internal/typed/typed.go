// Package typed is what the generated service packages call: it encodes a
// typed input with package wire, refuses it before anything is sent when a
// required field is missing, hands the wire form to the provider's generic
// Call, and decodes the answer leniently into the typed output. One function
// per provider; the generated methods stay a few lines each.
package typed

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// Op is one operation's wire facts, as the generated code passes them.
type Op struct {
	Action  string // the API name, "DescribeInstances"
	Method  string // the HTTP method
	Path    string // JD Cloud: the path template after the version
	Version string // JD Cloud: "v1"/"v2"; Volcengine: the Version query value
	JSON    bool   // the body is a JSON object
}

// Encode is a generated input's encode method.
type Encode func(*wire.Encoder)

// JDCloud calls a JD Cloud operation of service and decodes its result into
// out. A missing regionId is taken from the client's Config.Region when set.
func JDCloud(ctx context.Context, c *jdcloud.Client, service string, op Op, enc Encode, out any) error {
	mode := wire.Query
	if op.JSON {
		mode = wire.JSON
	}
	e := wire.New(mode, wire.Dotted)
	enc(e)
	defaulted := func(name string) bool { return name == "regionId" && c.Config().Region != "" }
	if err := refuse(jdcloud.Provider, service, op.Action, e, defaulted); err != nil {
		return err
	}
	req := &jdcloud.Request{
		Service: service, Version: op.Version, Method: op.Method, Path: op.Path,
		PathParams: e.PathParams(), Action: op.Action,
	}
	if op.JSON {
		req.Params = json.RawMessage(e.Body())
	} else {
		req.Params = e.Values()
	}
	return c.Call(ctx, req, lenient.Into(out))
}

// Volcengine calls a Volcengine action of the service signed as service and
// decodes its Result into out.
func Volcengine(ctx context.Context, c *volcengine.Client, service string, op Op, enc Encode, out any) error {
	mode := wire.Query
	if op.JSON {
		mode = wire.JSON
	}
	e := wire.New(mode, wire.Dotted)
	enc(e)
	if err := refuse(volcengine.Provider, service, op.Action, e, nil); err != nil {
		return err
	}
	req := &volcengine.Request{Service: service, Version: op.Version, Action: op.Action, Method: op.Method}
	switch {
	case op.JSON:
		req.ContentType, req.Params = volcengine.ContentJSON, json.RawMessage(e.Body())
	case op.Method == http.MethodGet:
		req.Params = e.Values()
	default:
		req.ContentType, req.Params = volcengine.ContentForm, e.Values()
	}
	return c.Call(ctx, req, lenient.Into(out))
}

// QingCloud calls a QingCloud IaaS action and decodes the response into out.
// Every action goes as a signed GET query, including the two the spec gives
// as POST forms: QingCloud's signature covers the query only. The zone
// parameter becomes the call's zone; left empty it is the client's
// Config.Zone.
func QingCloud(ctx context.Context, c *qingcloud.Client, op Op, enc Encode, out any) error {
	e := wire.New(wire.Query, wire.QingCloud)
	enc(e)
	defaulted := func(name string) bool { return name == "zone" }
	if err := refuse(qingcloud.Provider, "iaas", op.Action, e, defaulted); err != nil {
		return err
	}
	values := e.Values()
	req := &qingcloud.Request{Action: op.Action, Zone: values.Get("zone"), Params: values}
	values.Del("zone")
	return c.Call(ctx, req, lenient.Into(out))
}

// refuse returns the error for an input that must not be sent: a required
// field missing (unless the client supplies it), or a value that cannot be
// encoded.
func refuse(provider, service, action string, e *wire.Encoder, defaulted func(string) bool) error {
	missing := e.Missing()
	if defaulted != nil {
		missing = slices.DeleteFunc(slices.Clone(missing), defaulted)
	}
	msg := ""
	switch {
	case len(missing) == 1:
		msg = "required field " + missing[0] + " is not set"
	case len(missing) > 1:
		msg = "required fields " + strings.Join(missing, ", ") + " are not set"
	case e.Err() != nil:
		msg = e.Err().Error()
	default:
		return nil
	}
	return &mcerrors.Error{Provider: provider, Service: service, Action: action, Kind: mcerrors.KindInvalidArgument, Message: msg}
}
