package mcotel

import (
	"errors"

	"go.opentelemetry.io/otel/metric"
)

// Metric names; see the package documentation.
const (
	CallDurationMetric    = "multicloud.client.call.duration"
	AttemptDurationMetric = "multicloud.client.attempt.duration"
	RetriesMetric         = "multicloud.client.retries"
	ThrottlesMetric       = "multicloud.client.throttles"
	RateLimitWaitMetric   = "multicloud.client.ratelimit.wait"
	ActiveCallsMetric     = "multicloud.client.calls.active"
	WaiterPollsMetric     = "multicloud.client.waiter.polls"
)

// durationBuckets are the histogram bounds for durations in seconds, those
// the semantic conventions advise for HTTP client durations, extended for
// throttled calls that wait out seconds of backoff.
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60}

// instruments are an Observer's metrics.
type instruments struct {
	callDuration    metric.Float64Histogram
	attemptDuration metric.Float64Histogram
	retries         metric.Int64Counter
	throttles       metric.Int64Counter
	limiterWait     metric.Float64Histogram
	active          metric.Int64UpDownCounter
	polls           metric.Int64Counter
}

func (m *instruments) init(meter metric.Meter) error {
	var errs [7]error
	m.callDuration, errs[0] = meter.Float64Histogram(CallDurationMetric, metric.WithUnit("s"),
		metric.WithDescription("Duration of multicloud calls, retries and waits included."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	m.attemptDuration, errs[1] = meter.Float64Histogram(AttemptDurationMetric, metric.WithUnit("s"),
		metric.WithDescription("Duration of each attempt of a multicloud call."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	m.retries, errs[2] = meter.Int64Counter(RetriesMetric, metric.WithUnit("{retry}"),
		metric.WithDescription("Attempts sent again after a failure."))
	m.throttles, errs[3] = meter.Int64Counter(ThrottlesMetric, metric.WithUnit("{attempt}"),
		metric.WithDescription("Attempts the provider refused for their rate."))
	m.limiterWait, errs[4] = meter.Float64Histogram(RateLimitWaitMetric, metric.WithUnit("s"),
		metric.WithDescription("Time spent waiting on the client's rate limiter before an attempt."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	m.active, errs[5] = meter.Int64UpDownCounter(ActiveCallsMetric, metric.WithUnit("{call}"),
		metric.WithDescription("Calls in flight."))
	m.polls, errs[6] = meter.Int64Counter(WaiterPollsMetric, metric.WithUnit("{poll}"),
		metric.WithDescription("Polls made by waiters."))
	return errors.Join(errs[:]...)
}
