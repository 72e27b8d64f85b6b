package multicloud

import (
	"context"
	"errors"
	"net"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// callState is what Do remembers across the attempts of one call.
type callState struct {
	// last is the last attempt's error.
	last error
	// scrub holds the secrets of the last attempt that was signed.
	scrub *scrubber
	// mayHaveSucceeded is set once any attempt of a mutation may have been
	// processed, and stays set: a later attempt refused before processing
	// does not undo an earlier one that may have been applied.
	mayHaveSucceeded bool
	// body is the last attempt's Stream body, closed before the next
	// attempt opens its own (see Stream.attachBody).
	body *attemptBody
}

// record notes a failed attempt.
func (st *callState) record(req *Request, out outcome) {
	st.last = out.err
	if out.scrub != nil {
		st.scrub = out.scrub
	}
	if mayHaveBeenProcessed(req, out) {
		st.mayHaveSucceeded = true
	}
}

// complete fills a provider's error with what the core knows of the call.
func (st *callState) complete(req *Request, e *mcerrors.Error, attempts int) {
	e.Provider = req.Provider
	e.Service, e.Action = req.Service, req.Action
	e.Attempts = attempts
	e.MayHaveSucceeded = e.MayHaveSucceeded || st.mayHaveSucceeded
	e.Idempotent = repeatSafe(req)
	st.scrub.Error(e)
}

// mayHaveBeenProcessed reports whether a failed attempt of a mutation may
// have been applied by the server: it was written and the answer was lost
// (reset, timeout, a body that broke off), or the server answered that it
// failed in a way that does not say the request was refused before
// processing (5xx, the provider's internal-error codes, an answer that
// could not be read). A throttled, refused or rejected request (4xx) was
// not processed, nor was one never written. Reads are never ambiguous.
func mayHaveBeenProcessed(req *Request, out outcome) bool {
	if req.ReadOnly {
		return false
	}
	if e := out.apiErr; e != nil {
		switch e.Kind {
		case mcerrors.KindUnavailable:
			return true
		case mcerrors.KindInvalidResponse:
			return e.StatusCode < 300 || e.StatusCode >= 500
		}
		return false
	}
	return out.written
}

// repeatSafe reports whether calling again with the same input is safe:
// the caller chose the request's idempotency token, or the mutation is
// idempotent by nature.
func repeatSafe(req *Request) bool {
	return req.Idempotent || req.IdempotencyToken != "" && req.CallerToken
}

// callerEnded reports whether err, from waiting on credentials or the
// limiter, means the caller's own context ended or its deadline could not
// be met, rather than a failure of what was waited on.
func callerEnded(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	_, hasDeadline := ctx.Deadline()
	return hasDeadline && errors.Is(err, context.DeadlineExceeded)
}

// credentialsError is the error of a call whose credentials could not be
// retrieved: KindUnauthenticated (none found, invalid, refused), or
// KindUnavailable when fetching them failed in transit. A kind the cause
// already has is kept.
func credentialsError(req *Request, err error) *mcerrors.Error {
	kind := mcerrors.KindOf(err)
	if kind == mcerrors.KindUnknown {
		kind = mcerrors.KindUnauthenticated
		var ne net.Error
		if errors.As(err, &ne) {
			kind = mcerrors.KindUnavailable
		}
	}
	return &mcerrors.Error{Provider: req.Provider, Service: req.Service, Action: req.Action, Kind: kind,
		Message: "retrieving credentials: " + err.Error(), Err: err}
}

// signingError is the error of a request that could not be signed: missing
// credentials are KindUnauthenticated, anything else the signer refuses
// KindInvalidArgument.
func signingError(req *Request, err error) *mcerrors.Error {
	kind := mcerrors.KindInvalidArgument
	if errors.Is(err, signer.ErrMissingCredentials) {
		kind = mcerrors.KindUnauthenticated
	}
	return &mcerrors.Error{Provider: req.Provider, Service: req.Service, Action: req.Action, Kind: kind,
		Message: "signing: " + err.Error(), Err: err}
}

// limiterError is the error of a call whose rate limiter failed, other than
// by the caller's context ending (a shared limiter's store that is down):
// KindUnavailable, nothing was sent.
//
// The cause is kept for errors.As (a *redislimit.UnavailableError), unless
// it claims to be a context error: the caller's context did not end, and
// errors.Is(err, context.DeadlineExceeded) must not say it did.
func limiterError(req *Request, err error) *mcerrors.Error {
	e := &mcerrors.Error{Provider: req.Provider, Service: req.Service, Action: req.Action,
		Kind: mcerrors.KindUnavailable, Message: "rate limiter: " + err.Error()}
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		e.Err = err
	}
	return e
}

// accountMemo remembers the AccountTag of the access key id last used: a
// client nearly always signs with one account, and the tag is a SHA-256.
type accountMemo struct{ id, tag string }

// limitKey is ratelimit.AccountKey(limitKey, accessKeyID), with the tag
// remembered.
func (c *Client) limitKey(limitKey, accessKeyID string) string {
	m := c.account.Load()
	if m == nil || m.id != accessKeyID {
		m = &accountMemo{id: accessKeyID, tag: ratelimit.AccountTag(accessKeyID)}
		c.account.Store(m)
	}
	return limitKey + "@" + m.tag
}

// joinedErrors is errors.Join on one line: the texts are separated by "; ".
type joinedErrors []error

// joinErrors joins the non-nil errors.
func joinErrors(errs ...error) error {
	var j joinedErrors
	for _, e := range errs {
		if e != nil {
			j = append(j, e)
		}
	}
	if len(j) == 1 {
		return j[0]
	}
	return j
}

func (j joinedErrors) Error() string {
	parts := make([]string, len(j))
	for i, e := range j {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

func (j joinedErrors) Unwrap() []error { return j }
