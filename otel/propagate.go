package mcotel

import (
	"net/http"

	"go.opentelemetry.io/otel/propagation"

	"github.com/multicloud-go/multicloud"
)

// Propagate returns a middleware that writes the attempt's trace context
// into its request headers with p (for example propagation.TraceContext{},
// the W3C traceparent and tracestate headers). Install it with
// multicloud.WithMiddleware, next to multicloud.WithObserver, only for an
// endpoint that reads those headers: a gateway or proxy of your own, or a
// test server. None of JD Cloud, Volcengine or QingCloud documents accepting
// trace context on its API endpoints, so by default none is sent.
//
// The headers are added after signing and are not signed: all three
// providers' signatures cover the headers they list (JD Cloud, Volcengine)
// or the query alone (QingCloud), so an unsigned header leaves them valid.
func Propagate(p propagation.TextMapPropagator) multicloud.Middleware {
	return func(next multicloud.Handler) multicloud.Handler {
		if p == nil {
			return next
		}
		return func(r *http.Request) (*http.Response, error) {
			p.Inject(r.Context(), propagation.HeaderCarrier(r.Header))
			return next(r)
		}
	}
}
