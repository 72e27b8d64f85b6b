package multicloud

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// TransportError is a call that ended without a provider's answer: the
// connection was refused or reset, the attempt timed out, the body broke off,
// or the context ended. It wraps the cause, so errors.Is(err,
// context.DeadlineExceeded) and errors.As(err, &opErr) with a *net.OpError
// work. URLs inside the cause are redacted: no signature or key appears in
// its text.
type TransportError struct {
	Provider, Service, Action string
	// Attempts is how many times the request was sent.
	Attempts int
	// Err is the cause.
	Err error

	// callerEnded is set when the caller's own context ended the call, as
	// opposed to an attempt timing out or the network failing.
	callerEnded bool
	// mayHaveSucceeded: a mutation was written and its answer lost (see
	// MayHaveSucceeded); idempotent: the caller's own idempotency token,
	// or the mutation's nature (Request.Idempotent), makes a repeat safe.
	mayHaveSucceeded, idempotent bool
	// scrub removes the secrets of the last attempt from the text.
	scrub *scrubber
}

// Error describes the failure on one line, without secrets.
func (e *TransportError) Error() string {
	s := fmt.Sprintf("%s %s/%s: transport failure after %d attempt(s): %v",
		e.Provider, e.Service, e.Action, e.Attempts, e.Err)
	if e.mayHaveSucceeded {
		s += " (the mutation may have been applied)"
	}
	return strings.ReplaceAll(e.scrub.String(s), "\n", " ")
}

// MayHaveSucceeded reports whether the call was a mutation that may have
// been applied although no answer said so: the request was written and the
// connection broke or the attempt timed out before the answer. See
// errors.MayHaveSucceeded.
func (e *TransportError) MayHaveSucceeded() bool { return e.mayHaveSucceeded }

// Retryable reports whether calling again later, with the same input, may
// succeed and is safe: the transport failed (not the caller's own context),
// and either the request cannot have been applied or a repeat is harmless
// (the caller's own idempotency token, or an idempotent mutation).
func (e *TransportError) Retryable() bool {
	return !e.callerEnded && (!e.mayHaveSucceeded || e.idempotent)
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// Is makes a transport failure match errors.ErrUnavailable, the kind a
// caller retries later, unless the caller's own context ended it. An attempt
// cut short by WithAttemptTimeout is unavailability: the server was too
// slow, while the caller still waited.
func (e *TransportError) Is(target error) bool {
	return target == mcerrors.ErrUnavailable && !e.callerEnded
}

// isTimeout reports whether err is a timeout of the attempt.
func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
