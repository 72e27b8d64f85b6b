package credentials

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/multicloud-go/multicloud/signer"
)

// A Provider supplies the credentials requests are signed with. The core
// client calls Retrieve before signing each request (through a Cache, usually),
// so implementations must be safe for concurrent use.
//
// Retrieve returns non-empty credentials or an error. An error wraps
// ErrNotFound when the provider's source holds no credentials (a Chain then
// moves on to its next provider) and ErrInvalid when the source exists but
// cannot be used; other errors (a failed STS call, a cancelled context) are
// returned as they are. Errors never contain a secret.
type Provider interface {
	Retrieve(ctx context.Context) (signer.Credentials, error)
}

// Expiring is a set of credentials with the time they stop working.
type Expiring struct {
	// Credentials are the keys. Printing an Expiring prints them redacted.
	Credentials signer.Credentials
	// Expires is when the credentials stop working; the zero Time means they
	// do not expire.
	Expires time.Time
}

// An ExpiringProvider is a Provider that can also say when the credentials it
// returns expire. A Cache uses RetrieveExpiring to refresh them ahead of time;
// a Chain passes the expiry of the provider that answered through.
type ExpiringProvider interface {
	Provider
	RetrieveExpiring(ctx context.Context) (Expiring, error)
}

// StaticProvider returns fixed credentials. Empty credentials give an error
// wrapping ErrNotFound, and a key id without a secret (or the reverse) an error
// wrapping ErrInvalid, so a zero StaticProvider in a Chain is skipped rather than
// used to sign.
type StaticProvider struct {
	Credentials signer.Credentials
}

// Static returns a StaticProvider for c.
func Static(c signer.Credentials) StaticProvider { return StaticProvider{Credentials: c} }

// Retrieve returns the fixed credentials.
func (p StaticProvider) Retrieve(ctx context.Context) (signer.Credentials, error) {
	if err := checkContext(ctx); err != nil {
		return signer.Credentials{}, err
	}
	if err := checkCredentials("static credentials", "access key id", "secret access key", "session token", p.Credentials); err != nil {
		return signer.Credentials{}, err
	}
	return p.Credentials, nil
}

// Func adapts a function to Provider, for credentials that user code obtains,
// such as keys from a secrets manager. The function's result is checked: empty
// credentials with a nil error become an error wrapping ErrInvalid. For
// credentials that expire, use ExpiringFunc.
type Func func(ctx context.Context) (signer.Credentials, error)

// Retrieve calls f.
func (f Func) Retrieve(ctx context.Context) (signer.Credentials, error) {
	if err := checkContext(ctx); err != nil {
		return signer.Credentials{}, err
	}
	if f == nil {
		return signer.Credentials{}, errNilProvider
	}
	c, err := f(ctx)
	if err != nil {
		return signer.Credentials{}, err
	}
	if err := checkReturned(c); err != nil {
		return signer.Credentials{}, err
	}
	return c, nil
}

// ExpiringFunc adapts a function that returns credentials and their expiry,
// such as an STS AssumeRole call, to ExpiringProvider. A zero expiry means the
// credentials do not expire. Wrap it in a Cache so that it is called once per
// lifetime of the credentials, not once per request:
//
//	p := credentials.NewCache(credentials.ExpiringFunc(assumeRole))
type ExpiringFunc func(ctx context.Context) (signer.Credentials, time.Time, error)

// Retrieve calls f and drops the expiry.
func (f ExpiringFunc) Retrieve(ctx context.Context) (signer.Credentials, error) {
	e, err := f.RetrieveExpiring(ctx)
	return e.Credentials, err
}

// RetrieveExpiring calls f.
func (f ExpiringFunc) RetrieveExpiring(ctx context.Context) (Expiring, error) {
	if err := checkContext(ctx); err != nil {
		return Expiring{}, err
	}
	if f == nil {
		return Expiring{}, errNilProvider
	}
	c, exp, err := f(ctx)
	if err != nil {
		return Expiring{}, err
	}
	if err := checkReturned(c); err != nil {
		return Expiring{}, err
	}
	return Expiring{Credentials: c, Expires: exp}, nil
}

// retrieve asks p for credentials and their expiry, whether or not p is an
// ExpiringProvider, and checks that what came back is usable: a Provider that
// returns empty credentials without an error is treated as broken.
func retrieve(ctx context.Context, p Provider) (Expiring, error) {
	if p == nil {
		return Expiring{}, errNilProvider
	}
	var (
		e   Expiring
		err error
	)
	if ep, ok := p.(ExpiringProvider); ok {
		e, err = ep.RetrieveExpiring(ctx)
	} else {
		e.Credentials, err = p.Retrieve(ctx)
	}
	if err != nil {
		return Expiring{}, err
	}
	if err := checkReturned(e.Credentials); err != nil {
		return Expiring{}, err
	}
	return e, nil
}

var (
	errNilContext  = errors.New("credentials: nil context")
	errNilProvider = fmt.Errorf("%w: nil provider", ErrInvalid)
)

// checkContext rejects a nil or finished context before any work is done.
func checkContext(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	if err := ctx.Err(); err != nil {
		return contextError(err)
	}
	return nil
}
