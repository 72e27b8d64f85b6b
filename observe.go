package multicloud

import (
	"context"
	"net/http"
	"strings"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// An Observer hears what a Client does: every call, each attempt of it, the
// rate-limiter waits, the credentials retrievals and the retries, and the
// polls of the typed packages' waiters. It is the neutral hook that tracing
// and metrics plug into; package github.com/multicloud-go/multicloud/otel
// implements it with OpenTelemetry. Install one with WithObserver. A client
// without one skips all of this: no clock reads, no allocations.
//
// Implementations must be safe for concurrent use. The events of one call
// (or one wait) come from the goroutine that made it, in order. They carry
// no request or response bodies and no credentials; errors are the values
// the call itself returns.
type Observer interface {
	// StartCall begins a call that passed Do's checks, before its first
	// rate-limiter wait. The context it returns is the call's from then on:
	// the limiter, credentials providers, attempts and the HTTP requests see
	// it. The CallObserver hears the rest of the call; it must not be nil.
	StartCall(ctx context.Context, call CallInfo) (context.Context, CallObserver)
	// StartWait begins a waiter (WaitJob, WaitInstanceStatus, ...). The
	// context it returns is the wait's: every poll, and the calls it makes,
	// start from it. The WaitObserver must not be nil.
	StartWait(ctx context.Context, wait WaitInfo) (context.Context, WaitObserver)
}

// CallInfo names a call. Every field is bounded by the API's description
// except Host, which is the endpoint's.
type CallInfo struct {
	// Provider, Service and Action are as in Request: "qingcloud", "iaas",
	// "DescribeInstances".
	Provider, Service, Action string
	// Method is the HTTP method.
	Method string
	// Host is the endpoint's host, with its port if the URL has one.
	Host string
	// ReadOnly is Request.ReadOnly: the call has no side effects.
	ReadOnly bool
}

// A CallObserver hears one call's events, in this order: for every attempt
// a CredentialsRetrieved (on the call's context: the limiter's bucket is
// the account's, so the keys come first), a LimiterWaited, StartAttempt and
// EndAttempt, the last two unless the call ended before them, then Retrying
// when another attempt follows; EndCall last, whatever happened.
type CallObserver interface {
	// LimiterWaited reports one wait on the rate limiter: how long it took
	// and its error, when the context ended first (no attempt follows).
	LimiterWaited(ctx context.Context, waited time.Duration, err error)
	// StartAttempt begins attempt n (1 for the first send). The context it
	// returns is the attempt's: signing and the HTTP request see it.
	StartAttempt(ctx context.Context, n int) context.Context
	// CredentialsRetrieved reports the credentials retrieval made before
	// an attempt's limiter wait: how long it took and its error. Never the
	// credentials.
	CredentialsRetrieved(ctx context.Context, took time.Duration, err error)
	// EndAttempt reports how the attempt ended.
	EndAttempt(ctx context.Context, a AttemptResult)
	// Retrying reports that the attempt that just ended is followed by
	// another one, after r.Delay.
	Retrying(ctx context.Context, r RetryInfo)
	// EndCall ends the call; err is what Do returns (nil on success).
	EndCall(ctx context.Context, err error)
}

// AttemptResult is how one attempt ended.
type AttemptResult struct {
	// Attempt is the attempt's number, 1 for the first send.
	Attempt int
	// StatusCode is the HTTP status, 0 when no answer came.
	StatusCode int
	// RequestID is the provider's request id for the answer ("" if none
	// was found): the error's, or on a success the documented request-id
	// header's (JD Cloud's X-Jdcloud-Request-Id).
	RequestID string
	// ErrorCode is the provider's own error code, "" on success.
	//
	// RequestID and ErrorCode are what the server sent, vetted by the
	// client: a value that contains one of the call's secrets (its
	// credentials, or CallExtras.Secrets) is left out, so a server that
	// echoes them cannot pass them on.
	ErrorCode string
	// Err is the attempt's failure: an *errors.Error when the provider
	// answered with one, the transport's error otherwise; nil on success.
	// Record its kind, not its text.
	Err error
}

// RetryReason says why a failed attempt is sent again.
type RetryReason string

// The reasons the client retries.
const (
	// RetryThrottled: the provider refused the request for its rate.
	RetryThrottled RetryReason = "throttled"
	// RetryUnavailable: the provider answered that it is unavailable.
	RetryUnavailable RetryReason = "unavailable"
	// RetrySigningTime: the provider refused the request's signing time; it
	// is signed afresh.
	RetrySigningTime RetryReason = "signing_time"
	// RetryTimeout: the attempt timed out.
	RetryTimeout RetryReason = "timeout"
	// RetryTransport: the connection failed.
	RetryTransport RetryReason = "transport"
)

// RetryInfo describes a retry.
type RetryInfo struct {
	// Attempt is the number of the attempt that failed.
	Attempt int
	// Reason is why it is retried.
	Reason RetryReason
	// Delay is the wait before the next attempt: the backoff, or the
	// server's RetryAfter when that is longer.
	Delay time.Duration
	// RetryAfter is the server's own hint (Retry-After), 0 if none.
	RetryAfter time.Duration
}

// WaitInfo names a wait: the waiter's method and the API it polls.
type WaitInfo struct {
	// Provider and Service are the polled API's: "qingcloud", "iaas".
	Provider, Service string
	// Name is the waiter's method, such as "WaitJob".
	Name string
}

// A WaitObserver hears one wait: StartPoll and EndPoll for every poll, then
// EndWait.
type WaitObserver interface {
	// StartPoll begins poll n (1 for the first). The context it returns is
	// the poll's: the calls it makes start from it.
	StartPoll(ctx context.Context, n int) context.Context
	// EndPoll reports whether poll n found the state wanted, or its error.
	EndPoll(ctx context.Context, n int, done bool, err error)
	// EndWait ends the wait after polls polls; err is what the waiter
	// returns.
	EndWait(ctx context.Context, polls int, err error)
}

// WithObserver installs an Observer that hears every call, attempt, wait and
// retry of the client, and the polls of the typed packages' waiters. See
// package github.com/multicloud-go/multicloud/otel for OpenTelemetry traces
// and metrics.
func WithObserver(o Observer) Option { return func(opts *options) { opts.observer = o } }

// Observer returns the Observer installed with WithObserver, or nil. The
// typed packages' waiters report their polls to it.
func (c *Client) Observer() Observer {
	if c == nil {
		return nil
	}
	return c.observer
}

// The helpers below are the client's side of the hooks. Each does nothing
// more than the unobserved path when the call is not observed (o is nil).

// observation is an observed call's hook state.
type observation struct {
	CallObserver
	secrets []string           // the request's CallExtras.Secrets
	creds   signer.Credentials // the last attempt's, to vet what the server sends back
}

// startCall begins observing a call, when the client has an observer.
func (c *Client) startCall(ctx context.Context, req *Request) (context.Context, *observation) {
	if c.observer == nil {
		return ctx, nil
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	o := &observation{secrets: req.Secrets}
	ctx, o.CallObserver = c.observer.StartCall(ctx, CallInfo{
		Provider: req.Provider, Service: req.Service, Action: req.Action,
		Method: method, Host: req.URL.Host, ReadOnly: req.ReadOnly,
	})
	return ctx, o
}

// endCall ends observing a call.
func endCall(ctx context.Context, o *observation, err error) {
	if o != nil {
		o.EndCall(ctx, err)
	}
}

// waitLimiter waits on l, timing the wait for o.
func waitLimiter(ctx context.Context, l ratelimit.Limiter, o *observation) error {
	if o == nil {
		return l.Wait(ctx)
	}
	start := time.Now()
	err := l.Wait(ctx)
	o.LimiterWaited(ctx, time.Since(start), err)
	return err
}

// startAttempt begins observing attempt n.
func startAttempt(ctx context.Context, o *observation, n int) context.Context {
	if o == nil {
		return ctx
	}
	return o.StartAttempt(ctx, n)
}

// retrieveCredentials retrieves an attempt's credentials, timing the
// retrieval for o.
func retrieveCredentials(ctx context.Context, p CredentialsProvider, o *observation) (creds signer.Credentials, err error) {
	if o == nil {
		return p.Retrieve(ctx)
	}
	start := time.Now()
	creds, err = p.Retrieve(ctx)
	o.creds = creds
	o.CredentialsRetrieved(ctx, time.Since(start), err)
	return creds, err
}

// successRequestIDHeaders are the response headers that carry a request id
// on a success, whose body the core does not read: JD Cloud's.
var successRequestIDHeaders = [...]string{"X-Jdcloud-Request-Id"}

// endAttempt reports how attempt n ended.
func endAttempt(ctx context.Context, o *observation, n int, out *outcome) {
	if o == nil {
		return
	}
	r := AttemptResult{Attempt: n, Err: out.err}
	switch {
	case out.resp != nil:
		r.StatusCode = out.resp.StatusCode
		for _, h := range successRequestIDHeaders {
			if id := out.resp.Header.Get(h); id != "" {
				r.RequestID = o.vetted(id)
				break
			}
		}
	case out.apiErr != nil:
		r.StatusCode = out.apiErr.StatusCode
		r.RequestID, r.ErrorCode = o.vetted(out.apiErr.RequestID), o.vetted(out.apiErr.Code)
	}
	o.EndAttempt(ctx, r)
}

// vetted returns s, or "" when s contains one of the call's secrets.
func (o *observation) vetted(s string) string {
	if s == "" {
		return ""
	}
	for _, secret := range [...]string{o.creds.AccessKeyID, o.creds.SecretAccessKey, o.creds.SessionToken} {
		if secret != "" && strings.Contains(s, secret) {
			return ""
		}
	}
	for _, secret := range o.secrets {
		if secret != "" && strings.Contains(s, secret) {
			return ""
		}
	}
	return s
}

// observeRetry reports that attempt n is retried after delay.
func observeRetry(ctx context.Context, o *observation, n int, delay time.Duration, out *outcome) {
	if o == nil {
		return
	}
	r := RetryInfo{Attempt: n, Delay: delay, Reason: RetryTransport}
	switch e := out.apiErr; {
	case e != nil && e.Kind == mcerrors.KindThrottled:
		r.Reason, r.RetryAfter = RetryThrottled, e.RetryAfter
	case e != nil && e.Kind == mcerrors.KindUnavailable:
		r.Reason, r.RetryAfter = RetryUnavailable, e.RetryAfter
	case e != nil:
		r.Reason = RetrySigningTime // the only other answer shouldRetry sends again
	case out.timeout:
		r.Reason = RetryTimeout
	}
	o.Retrying(ctx, r)
}
