// Package mcotel records OpenTelemetry traces and metrics for multicloud
// clients: every call, each attempt of it, the rate-limiter waits, the
// credentials retrievals, the retries and the polls of the typed packages'
// waiters. It implements multicloud.Observer; install it on any client with
// multicloud.WithObserver:
//
//	obs, err := mcotel.New(mcotel.WithTracerProvider(tp), mcotel.WithMeterProvider(mp))
//	...
//	client, err := iaas.New(cfg, multicloud.WithObserver(obs))
//
// # Traces
//
// A call is one span of kind client named "<provider>.<service>/<Action>"
// ("qingcloud.iaas/DescribeInstances") with the attributes rpc.system
// ("qingcloud-api"), rpc.service, rpc.method, server.address, server.port,
// cloud.provider, and at its end http.response.status_code,
// multicloud.request_id, multicloud.attempts and, for a failure, error.type
// (the error's kind, such as "Throttled"), multicloud.error.code (the
// provider's code) and an error status. Each attempt is a child span named
// "<provider>.<service>/<Action> attempt" with multicloud.attempt,
// http.request.resend_count, the status, request id and error attributes of
// that attempt, and, when it is retried, multicloud.retry.reason,
// multicloud.retry.delay and multicloud.retry.after (seconds). Rate-limiter
// waits and credentials retrievals (each made before the attempt's limiter
// wait, since the limiter's bucket is the account's) are events named
// "multicloud.ratelimit.wait" and "multicloud.credentials" on the call span. A waiter is a span named "<provider>.<service>/<Waiter>"
// ("qingcloud.iaas/WaitJob") with a child span per poll, under which the
// poll's calls nest.
//
// No attribute carries a secret: names, counts, durations, HTTP status,
// error kinds, provider codes and request ids only, never an error message,
// a header, a query or a body. The client drops a request id or code that
// contains one of the call's secrets before the observer hears it; codes
// and request ids that do not look like codes (longer than 64 bytes, or
// outside letters, digits and ".-_:/") are replaced by "_OTHER".
//
// # Metrics
//
// Instruments (all attributes bounded: provider as rpc.system, service as
// rpc.service, action as rpc.method, error.type, multicloud.retry.reason;
// never a host, a resource id or a request id):
//
//	multicloud.client.call.duration       histogram, s: whole calls, retries and waits included
//	multicloud.client.attempt.duration    histogram, s: each attempt (credentials, signing, send, read)
//	multicloud.client.retries             counter: retries, by multicloud.retry.reason
//	multicloud.client.throttles           counter: attempts the provider refused as throttled
//	multicloud.client.ratelimit.wait      histogram, s: time spent waiting on the client's rate limiter
//	multicloud.client.calls.active        up-down counter: calls in flight
//	multicloud.client.waiter.polls        counter: waiter polls, by multicloud.waiter
//
// # Propagation
//
// Trace context is not sent to the providers: none of JD Cloud,
// Volcengine or QingCloud documents accepting a W3C traceparent header on
// its API endpoints. For an endpoint that does (a gateway or proxy of your
// own), install Propagate as a middleware.
package mcotel
