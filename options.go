package multicloud

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// An Option configures a Client. Every provider constructor (jdcloud.New,
// volcengine.New, qingcloud.New and the typed services' New) accepts the same
// options.
type Option func(*options)

type options struct {
	httpClient     *http.Client
	retry          RetryPolicy
	limiter        ratelimit.Limiter
	logger         *slog.Logger
	endpoint       string
	userAgent      string
	middleware     []Middleware
	maxBodyBytes   int64
	attemptTimeout time.Duration
	allowHTTP      bool
	now            func() time.Time
	logAllow       logAllowList
	observer       Observer
}

// DefaultMaxResponseBytes is the largest response body a client reads by
// default: far above any documented list page, small enough that a runaway
// or hostile answer cannot exhaust memory.
const DefaultMaxResponseBytes = 16 << 20

// DefaultAttemptTimeout bounds one attempt (connect, send and read) when the
// caller's context has no earlier deadline, so that a server that never
// answers cannot hang a call that was given no deadline.
const DefaultAttemptTimeout = 60 * time.Second

// DefaultUserAgent is the User-Agent sent unless WithUserAgent replaces it.
const DefaultUserAgent = "multicloud-go/" + Version

// Version is the SDK's version, reported in the default User-Agent.
const Version = "0.1.0"

// WithHTTPClient sends requests through hc instead of the client's own
// http.Client. Its Timeout, if any, applies to each attempt. New takes a
// shallow copy of hc that never follows a redirect (a signed call must not
// carry its token or body elsewhere; a 3xx is an error of kind
// InvalidResponse): hc itself is not changed, and changes made to it after
// New are not seen, except through its Transport and Jar, which are shared.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) {
		if hc != nil {
			o.httpClient = hc
		}
	}
}

// WithRetry replaces the retry policy. Zero fields take the defaults of
// DefaultRetryPolicy; use NoRetry to send every request once.
func WithRetry(p RetryPolicy) Option { return func(o *options) { o.retry = p } }

// WithRateLimiter replaces the provider's default limiter. A limiter that
// implements ratelimit.Keyed gets one bucket per request's LimitKey; one that
// implements ratelimit.Observer hears whether each answer was throttled. Pass
// ratelimit.Unlimited{} to disable client-side limiting.
func WithRateLimiter(l ratelimit.Limiter) Option {
	return func(o *options) {
		if l != nil {
			o.limiter = l
		}
	}
}

// WithLogger logs requests and responses through l. Requests are logged at
// Debug, retries at Info and final failures at Warn; headers and query
// parameters outside the allow-lists, bodies, credentials and signatures
// are never logged. The default logger discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithLogAllowList adds header names and query parameter names whose values
// may be logged. Names that carry credentials or signatures (Authorization,
// signature, access_key_id, token, secret, password, ...) are never logged,
// even if listed.
func WithLogAllowList(headers, queryParams []string) Option {
	return func(o *options) { o.logAllow = o.logAllow.with(headers, queryParams) }
}

// WithEndpoint sends requests to endpoint (for example
// "https://vm.internal.cn-north-1.jdcloud-api.com" or a cloudtest server's
// URL) instead of the provider's public one. It must be https unless
// WithInsecureHTTP is also given.
func WithEndpoint(endpoint string) Option { return func(o *options) { o.endpoint = endpoint } }

// WithInsecureHTTP allows plain-http endpoints, for VPC-internal endpoints
// and local test servers. Without it a client refuses them.
func WithInsecureHTTP() Option { return func(o *options) { o.allowHTTP = true } }

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option { return func(o *options) { o.userAgent = ua } }

// WithMiddleware wraps every attempt's round trip, after signing, in m. The
// first middleware given is the outermost. A middleware sees the signed
// request and must not change what was signed.
func WithMiddleware(m ...Middleware) Option {
	return func(o *options) { o.middleware = append(o.middleware, m...) }
}

// WithMaxResponseBytes limits how much of a response body is read; a larger
// body is an error of kind InvalidResponse. The default is
// DefaultMaxResponseBytes.
func WithMaxResponseBytes(n int64) Option {
	return func(o *options) {
		if n > 0 {
			o.maxBodyBytes = n
		}
	}
}

// WithAttemptTimeout bounds each attempt; the caller's context still bounds
// the whole call. The default is DefaultAttemptTimeout; 0 or less means no
// per-attempt bound.
func WithAttemptTimeout(d time.Duration) Option { return func(o *options) { o.attemptTimeout = d } }

// WithClock replaces the clock that signing times come from, for tests and
// for hosts whose clock is known to be off.
func WithClock(now func() time.Time) Option {
	return func(o *options) {
		if now != nil {
			o.now = now
		}
	}
}

// Handler sends one signed attempt and returns its response.
type Handler func(*http.Request) (*http.Response, error)

// Middleware wraps the Handler of every attempt: for tracing, metrics or
// tests. See WithMiddleware.
type Middleware func(next Handler) Handler
