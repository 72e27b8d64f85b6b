package credentials

import (
	"context"
	"errors"

	"github.com/multicloud-go/multicloud/signer"
)

// ChainProvider asks a list of providers in order and returns the credentials
// of the first that has some. Build one with Chain.
type ChainProvider struct {
	providers []Provider
}

// Chain returns a provider that tries providers in order:
//
//   - a provider that returns credentials ends the search;
//   - a provider whose error wraps ErrNotFound is skipped;
//   - a file that lacks the profile selected by name is skipped too, so that
//     the profile may come from a later file (a user with both Volcengine
//     files keeps profiles in either); when no provider has credentials,
//     the first such error is returned, not a *NotFoundError, so a
//     misspelt profile is still reported as one (ErrInvalid);
//   - any other error (ErrInvalid: a malformed file, half-set variables; a
//     failed STS call; a cancelled context) ends the search and is returned,
//     so broken configuration is reported instead of silently replaced by
//     credentials from somewhere else.
//
// When no provider has credentials, the error is a *NotFoundError (it
// matches ErrNotFound) that lists every place looked at, in order.
//
// The chain passes the expiry of the provider that answered through
// RetrieveExpiring, so a Cache around a chain refreshes expiring credentials.
// Nil providers are ignored.
func Chain(providers ...Provider) *ChainProvider {
	c := &ChainProvider{}
	for _, p := range providers {
		if p != nil {
			c.providers = append(c.providers, p)
		}
	}
	return c
}

// Retrieve returns the credentials of the first provider that has some.
func (c *ChainProvider) Retrieve(ctx context.Context) (signer.Credentials, error) {
	e, err := c.RetrieveExpiring(ctx)
	return e.Credentials, err
}

// RetrieveExpiring is Retrieve with the expiry of the provider that answered;
// zero if it does not report one.
func (c *ChainProvider) RetrieveExpiring(ctx context.Context) (Expiring, error) {
	if err := checkContext(ctx); err != nil {
		return Expiring{}, err
	}
	var (
		places  []string
		missing error // the first file that lacked the named profile
	)
	for _, p := range c.providers {
		if err := ctx.Err(); err != nil {
			return Expiring{}, contextError(err)
		}
		e, err := retrieve(ctx, p)
		if err == nil {
			return e, nil
		}
		if isMissingProfile(err) {
			if missing == nil {
				missing = err
			}
			places = append(places, err.Error())
			continue
		}
		if !errors.Is(err, ErrNotFound) {
			return Expiring{}, err
		}
		var nf *NotFoundError
		if errors.As(err, &nf) {
			places = append(places, nf.Places...)
		} else {
			places = append(places, err.Error())
		}
	}
	if missing != nil {
		return Expiring{}, missing
	}
	return Expiring{}, &NotFoundError{Places: places}
}
