package multicloud

import (
	"net/http"
	"time"
)

// CallOption changes the settings of one call without changing the client's.
// Every typed method takes them after its input, in the manner of
// aws-sdk-go-v2's optFns:
//
//	out, err := vmClient.DescribeInstances(ctx, in, multicloud.WithCallAttemptTimeout(5*time.Second))
type CallOption func(*callSettings)

// callSettings are the per-call values of the settings a CallOption can
// change; nil and zero mean the client's.
type callSettings struct {
	retry          *RetryPolicy
	attemptTimeout *time.Duration
	header         http.Header
	onResponse     []func(*http.Response)
	observer       *observation // set by Do, not by an option: nil when the call is not observed
}

// WithCallRetry replaces the client's retry policy for this call. Zero fields
// take their defaults, as with WithRetry; the client's retry budget is still
// spent when the policy has none of its own.
func WithCallRetry(p RetryPolicy) CallOption {
	return func(s *callSettings) { s.retry = &p }
}

// WithCallAttemptTimeout bounds each attempt of this call to d (0: no bound
// beyond the context's), in place of the client's WithAttemptTimeout.
func WithCallAttemptTimeout(d time.Duration) CallOption {
	return func(s *callSettings) { s.attemptTimeout = &d }
}

// WithCallHeader adds a header to every attempt of this call. The signer's
// own headers (dates, nonces, tokens, Authorization) cannot be replaced this
// way: they are set after the caller's.
func WithCallHeader(key, value string) CallOption {
	return func(s *callSettings) {
		if s.header == nil {
			s.header = make(http.Header)
		}
		s.header.Add(key, value)
	}
}

// WithResponseHook calls hook with the raw HTTP response of every attempt of
// this call that got one, success or failure, after its body was read: the
// hook sees the status and headers, and Body reads the bytes received (up to
// the client's size limit). The hook must not keep the response.
func WithResponseHook(hook func(*http.Response)) CallOption {
	return func(s *callSettings) {
		if hook != nil {
			s.onResponse = append(s.onResponse, hook)
		}
	}
}

// settingsFor applies a request's call options.
func settingsFor(req *Request) callSettings {
	var s callSettings
	for _, opt := range req.Options {
		if opt != nil {
			opt(&s)
		}
	}
	return s
}
