package errors

import (
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Error is the one type every failure reported by a provider becomes.
//
// The provider packages' DecodeError functions fill Provider, Kind,
// StatusCode, Code, Message, RequestID and RetryAfter from the response; the
// core client adds Service, Action and Attempts. Message is stored redacted
// (see Redact), so printing any field never reveals a credential.
type Error struct {
	Provider   string        // "jdcloud", "volcengine", "qingcloud"
	Service    string        // e.g. "vm", "billing", "iaas"
	Action     string        // e.g. "DescribeInstances"
	Kind       Kind          // the provider-independent class of failure
	StatusCode int           // HTTP status
	Code       string        // the provider's own code, verbatim (JD status, Volcengine Error.Code, QingCloud ret_code)
	Message    string        // the provider's message, or an excerpt of an answer that could not be understood
	RequestID  string        // the provider's request id, "" if none
	RetryAfter time.Duration // from Retry-After or the provider's hint, 0 if none
	Attempts   int           // how many times the request was sent

	// MayHaveSucceeded is set on the error of a mutation that may have been
	// applied although the call failed: the request reached the server and
	// the answer was lost, or the server failed (5xx, an internal error, an
	// answer that could not be read) after it may have acted. Calling again
	// may then apply the mutation twice; see Retryable and Idempotent.
	MayHaveSucceeded bool
	// Idempotent is set when calling again with the same input cannot apply
	// the mutation twice: the call carried an idempotency token that the
	// caller chose (Volcengine ClientToken, JD Cloud clientToken), or the
	// mutation leaves the same state however often it is applied (an object
	// storage PUT or DELETE of one key).
	Idempotent bool
	// Err is the cause of a failure that did not come from a provider's
	// answer (credentials that could not be retrieved, a rate limiter that
	// failed, a waiter that gave up), nil otherwise. Unwrap returns it.
	Err error
}

// Error formats the error on one line:
//
//	jdcloud vm/DescribeInstances: RATE_LIMIT: too frequent (HTTP 429, request id abc, 3 attempts)
//
// The provider's code is replaced by the Kind when empty. The message is
// redacted again and stripped of control characters, so the text is safe to
// log even if Message was set by hand.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Provider != "" {
		b.WriteString(clean(e.Provider))
	} else {
		b.WriteString("multicloud")
	}
	if e.Service != "" || e.Action != "" {
		b.WriteByte(' ')
		b.WriteString(clean(e.Service))
		if e.Action != "" {
			if e.Service != "" {
				b.WriteByte('/')
			}
			b.WriteString(clean(e.Action))
		}
	}
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString(clean(e.Code))
	} else {
		b.WriteString(e.Kind.String())
	}
	msg := e.Message
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if msg := clean(Redact(msg)); msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	sep := " ("
	if e.StatusCode != 0 {
		b.WriteString(sep + "HTTP " + strconv.Itoa(e.StatusCode))
		sep = ", "
	}
	if e.RequestID != "" {
		b.WriteString(sep + "request id " + clean(e.RequestID))
		sep = ", "
	}
	if e.Attempts > 1 {
		b.WriteString(sep + strconv.Itoa(e.Attempts) + " attempts")
		sep = ", "
	}
	if e.MayHaveSucceeded {
		b.WriteString(sep + "may have been applied")
		sep = ", "
	}
	if sep == ", " {
		b.WriteByte(')')
	}
	return b.String()
}

// Is reports whether target is the sentinel of e's Kind, so that
// errors.Is(err, ErrThrottled) holds for any *Error of KindThrottled in err's
// chain. KindUnknown has no sentinel and matches nothing.
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	s, ok := target.(*sentinel)
	return ok && s.kind == e.Kind
}

// Unwrap returns the cause, Err.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// Retryable reports whether calling again later, with the same input, may
// succeed and is safe: the kind is KindThrottled or KindUnavailable, and
// the call either cannot have been applied or carried the caller's own
// idempotency token (MayHaveSucceeded is false, or Idempotent is true).
func (e *Error) Retryable() bool {
	return e != nil && (e.Kind == KindThrottled || e.Kind == KindUnavailable) &&
		(!e.MayHaveSucceeded || e.Idempotent)
}

// MayHaveSucceeded reports whether err, or any error in its chain, is the
// failure of a mutation that may have been applied: an *Error with
// MayHaveSucceeded set, or an error with a MayHaveSucceeded() bool method
// that returns true (the core client's *multicloud.TransportError, a
// QingCloud job that ended "done with failure"). A caller that sees true
// must find out whether the change happened (describe the resource) before
// calling again, unless it passed its own idempotency token.
func MayHaveSucceeded(err error) bool {
	for err != nil {
		switch e := err.(type) {
		case *Error:
			if e != nil && e.MayHaveSucceeded {
				return true
			}
		case interface{ MayHaveSucceeded() bool }:
			if e.MayHaveSucceeded() {
				return true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if MayHaveSucceeded(inner) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// IsRetryable reports whether the first error in err's chain that can say
// so (an *Error, or any error with a Retryable() bool method such as the
// core client's *multicloud.TransportError) says that calling again later
// may succeed and is safe. Anything else is not retryable.
func IsRetryable(err error) bool {
	var r interface{ Retryable() bool }
	return errors.As(err, &r) && r.Retryable()
}

// LogValue implements slog.LogValuer: the error becomes a group of its
// non-empty fields (provider, service, action, kind, status, code, message,
// request_id, retry_after, attempts), with the message redacted.
func (e *Error) LogValue() slog.Value {
	if e == nil {
		return slog.StringValue("<nil>")
	}
	attrs := make([]slog.Attr, 0, 10)
	add := func(key, v string) {
		if v != "" {
			attrs = append(attrs, slog.String(key, v))
		}
	}
	add("provider", e.Provider)
	add("service", e.Service)
	add("action", e.Action)
	attrs = append(attrs, slog.String("kind", e.Kind.String()))
	if e.StatusCode != 0 {
		attrs = append(attrs, slog.Int("status", e.StatusCode))
	}
	add("code", e.Code)
	add("message", clean(Redact(e.Message)))
	add("request_id", e.RequestID)
	if e.RetryAfter > 0 {
		attrs = append(attrs, slog.Duration("retry_after", e.RetryAfter))
	}
	if e.Attempts > 0 {
		attrs = append(attrs, slog.Int("attempts", e.Attempts))
	}
	if e.MayHaveSucceeded {
		attrs = append(attrs, slog.Bool("may_have_succeeded", true))
	}
	return slog.GroupValue(attrs...)
}
