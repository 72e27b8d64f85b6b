package mcotel

import (
	"context"
	"errors"
	"net"
	"strconv"
	"time"

	"go.opentelemetry.io/otel/attribute"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Attribute keys of this package, beside the semantic conventions'.
const (
	// AttemptKey is an attempt's number, 1 for the first send.
	AttemptKey = attribute.Key("multicloud.attempt")
	// AttemptsKey is how many attempts a call made.
	AttemptsKey = attribute.Key("multicloud.attempts")
	// RequestIDKey is the provider's request id of the answer.
	RequestIDKey = attribute.Key("multicloud.request_id")
	// ErrorCodeKey is the provider's own error code (JD Cloud status,
	// Volcengine Error.Code, QingCloud ret_code).
	ErrorCodeKey = attribute.Key("multicloud.error.code")
	// RetryReasonKey is why an attempt was retried: multicloud.RetryReason.
	RetryReasonKey = attribute.Key("multicloud.retry.reason")
	// RetryDelayKey is the wait before the next attempt, in seconds.
	RetryDelayKey = attribute.Key("multicloud.retry.delay")
	// RetryAfterKey is the server's Retry-After hint, in seconds.
	RetryAfterKey = attribute.Key("multicloud.retry.after")
	// RateLimitWaitKey is a rate-limiter wait, in seconds.
	RateLimitWaitKey = attribute.Key("multicloud.ratelimit.wait")
	// CredentialsDurationKey is a credentials retrieval's duration, in
	// seconds.
	CredentialsDurationKey = attribute.Key("multicloud.credentials.duration")
	// PollKey is a waiter poll's number, 1 for the first.
	PollKey = attribute.Key("multicloud.poll")
	// PollsKey is how many polls a wait made.
	PollsKey = attribute.Key("multicloud.polls")
	// PollDoneKey reports whether a poll found the state wanted.
	PollDoneKey = attribute.Key("multicloud.poll.done")
	// WaiterKey is the waiter's method name, such as "WaitJob".
	WaiterKey = attribute.Key("multicloud.waiter")
)

// otherValue replaces a value that is not a bounded, code-like string, as
// the semantic conventions do for unknown values.
const otherValue = "_OTHER"

// rpcSystem is the rpc.system of a provider: "jdcloud-api", after
// aws-sdk-go's "aws-api".
func rpcSystem(provider string) attribute.KeyValue {
	return semconv.RPCSystemKey.String(provider + "-api")
}

// serverAttrs splits host[:port] into server.address and server.port.
func serverAttrs(host string) []attribute.KeyValue {
	h, p, err := net.SplitHostPort(host)
	if err != nil {
		return []attribute.KeyValue{semconv.ServerAddress(host)}
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		return []attribute.KeyValue{semconv.ServerAddress(h)}
	}
	return []attribute.KeyValue{semconv.ServerAddress(h), semconv.ServerPort(port)}
}

// errorType is the error.type of err: the kind of a multicloud error
// ("Throttled", "NotFound", ...), "timeout" or "canceled" for a context's
// end, "transport" for a failed connection, "_OTHER" for anything else.
func errorType(err error) string {
	var e *mcerrors.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Kind.String()
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	var te *multicloud.TransportError
	if errors.As(err, &te) || errors.As(err, &ne) {
		return "transport"
	}
	if k := mcerrors.KindOf(err); k != mcerrors.KindUnknown {
		return k.String()
	}
	return otherValue
}

// codeLike returns s when it looks like an identifier a provider hands out
// (an error code, a request id): at most 64 bytes of letters, digits and
// ".-_:/". Anything else, which a hostile or broken server might fill with
// echoed input, becomes "_OTHER".
func codeLike(s string) string {
	if len(s) > 64 {
		return otherValue
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '.' || c == '-' || c == '_' || c == ':' || c == '/':
		default:
			return otherValue
		}
	}
	return s
}

// seconds is d in seconds, the unit of OpenTelemetry durations.
func seconds(d time.Duration) float64 { return d.Seconds() }

// errorAttrs are the attributes of an attempt's failure: error.type, and
// the provider's code and request id as the client vetted them.
func errorAttrs(err error, code, requestID string) []attribute.KeyValue {
	attrs := []attribute.KeyValue{semconv.ErrorTypeKey.String(errorType(err))}
	if code != "" {
		attrs = append(attrs, ErrorCodeKey.String(codeLike(code)))
	}
	if requestID != "" {
		attrs = append(attrs, RequestIDKey.String(codeLike(requestID)))
	}
	return attrs
}
