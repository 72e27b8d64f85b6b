package errors

import (
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
	if msg := clean(Redact(e.Message)); msg != "" {
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

// Retryable reports whether sending the request again later may succeed:
// true for KindThrottled and KindUnavailable. Whether a retry is safe (a POST
// that may have been processed) is for the caller to decide.
func (e *Error) Retryable() bool {
	return e != nil && (e.Kind == KindThrottled || e.Kind == KindUnavailable)
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
	return slog.GroupValue(attrs...)
}
