// Package typed is the provider-neutral half of what the generated service
// packages call: the operation facts they pass, the check that refuses an
// input before anything is sent, and the call extras (secrets, idempotency
// token, per-call options) an encoded input yields. It imports no provider
// package; each provider's half, which builds that provider's request and
// calls it, is <provider>/internal/typedcall, so that a typed package
// compiles its own cloud and no other.
package typed

import (
	"slices"
	"strings"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/wire"
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

// Input encodes an input with enc into e and returns the error for an input
// that must not be sent: a required field missing (unless defaulted says the
// client supplies it), or a value that cannot be encoded.
func Input(provider, service, action string, e *wire.Encoder, enc Encode, defaulted func(string) bool) error {
	enc(e)
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

// Extras are the call extras of an encoded input: the values of its secret
// fields, its idempotency token and who chose it, and the call's options.
func Extras(e *wire.Encoder, opts []multicloud.CallOption) multicloud.CallExtras {
	token, callerChose := e.IdempotencyToken()
	return multicloud.CallExtras{
		Secrets:          e.Secrets(),
		IdempotencyToken: token,
		CallerToken:      token != "" && callerChose,
		Options:          opts,
	}
}

// ZeroClient is the error of a method called on a typed Client that New did
// not make (a zero value or a nil pointer): there is no configuration to
// call with.
func ZeroClient(provider, service, action string) error {
	return &mcerrors.Error{
		Provider: provider, Service: service, Action: action, Kind: mcerrors.KindInvalidArgument,
		Message: "the " + service + " Client is not initialized: make it with " + service + ".New",
	}
}
