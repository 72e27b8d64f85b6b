package mcotel_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcotel "github.com/multicloud-go/multicloud/otel"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

const endpoint = "https://api.qingcloud.com/iaas/"

// harness is a QingCloud iaas client on its own httpmock transport,
// observed into an in-memory span recorder and a manual metric reader.
type harness struct {
	client *iaas.Client
	mock   *httpmock.MockTransport
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	creds  signer.Credentials
	opts   []multicloud.Option // the client's options, for more clients on the same recorders
}

func newHarness(t *testing.T, creds signer.Credentials, opts ...multicloud.Option) *harness {
	t.Helper()
	h := &harness{mock: httpmock.NewMockTransport(), spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	h.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(h.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(h.reader))
	obs, err := mcotel.New(mcotel.WithTracerProvider(h.tp), mcotel.WithMeterProvider(mp))
	require.NoError(t, err)
	base := []multicloud.Option{
		multicloud.WithObserver(obs),
		multicloud.WithHTTPClient(&http.Client{Transport: h.mock}),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
		// The jitter takes the whole bound: deterministic delays.
		multicloud.WithRetry(multicloud.RetryPolicy{Jitter: func(max time.Duration) time.Duration { return max }}),
	}
	h.creds, h.opts = creds, append(base, opts...)
	h.client, err = iaas.New(qingcloud.Config{Credentials: credentials.Static(creds), Zone: "pek3a"}, h.opts...)
	require.NoError(t, err)
	return h
}

var testCreds = signer.Credentials{AccessKeyID: "AKTEST", SecretAccessKey: "SKTEST"}

// answer makes the server answer an action with the bodies in turn (the
// last one again when they run out), and returns how many requests came.
func (h *harness) answer(action string, answers ...func() *http.Response) *int {
	var mu sync.Mutex
	n := new(int)
	h.mock.RegisterResponder(http.MethodGet, endpoint, func(r *http.Request) (*http.Response, error) {
		if got := r.URL.Query().Get("action"); got != action {
			return httpmock.NewStringResponse(200, `{"ret_code":1100,"message":"unexpected action `+got+`"}`), nil
		}
		mu.Lock()
		defer mu.Unlock()
		*n++
		return answers[min(*n, len(answers))-1](), nil
	})
	return n
}

func body(status int, s string) func() *http.Response {
	return func() *http.Response { return httpmock.NewStringResponse(status, s) }
}

// byName indexes the ended spans by name.
func (h *harness) byName(t *testing.T) map[string][]sdktrace.ReadOnlySpan {
	t.Helper()
	out := map[string][]sdktrace.ReadOnlySpan{}
	for _, s := range h.spans.Ended() {
		out[s.Name()] = append(out[s.Name()], s)
	}
	return out
}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

func events(s sdktrace.ReadOnlySpan) []string {
	var names []string
	for _, e := range s.Events() {
		names = append(names, e.Name)
	}
	return names
}

// collect reads the metrics and indexes the data points by metric name.
func (h *harness) collect(t *testing.T) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, h.reader.Collect(context.Background(), &rm))
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		assert.Equal(t, mcotel.ScopeName, sm.Scope.Name)
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

// histCounts is each histogram data point's count, keyed by its attributes.
func histCounts(t *testing.T, a metricdata.Aggregation) map[string]uint64 {
	t.Helper()
	hist, ok := a.(metricdata.Histogram[float64])
	require.True(t, ok, "%T is not a float64 histogram", a)
	out := map[string]uint64{}
	for _, dp := range hist.DataPoints {
		out[dp.Attributes.Encoded(attribute.DefaultEncoder())] += dp.Count
	}
	return out
}

// sums is each sum data point's value, keyed by its attributes.
func sums(t *testing.T, a metricdata.Aggregation) map[string]int64 {
	t.Helper()
	sum, ok := a.(metricdata.Sum[int64])
	require.True(t, ok, "%T is not an int64 sum", a)
	out := map[string]int64{}
	for _, dp := range sum.DataPoints {
		out[dp.Attributes.Encoded(attribute.DefaultEncoder())] += dp.Value
	}
	return out
}

// labels encodes metric attributes as the SDK does, for comparison.
func labels(kvs ...attribute.KeyValue) string {
	s := attribute.NewSet(kvs...)
	return s.Encoded(attribute.DefaultEncoder())
}

var describeIDs = []attribute.KeyValue{
	attribute.String("rpc.system", "qingcloud-api"), attribute.String("rpc.service", "iaas"), attribute.String("rpc.method", "DescribeInstances"),
}

func with(base []attribute.KeyValue, more ...attribute.KeyValue) []attribute.KeyValue {
	return append(append([]attribute.KeyValue(nil), base...), more...)
}

const instancesPage = `{"action":"DescribeInstancesResponse","ret_code":0,"total_count":1,"instance_set":[{"instance_id":"i-a","status":"running"}]}`

func TestSuccessfulCall(t *testing.T) {
	h := newHarness(t, testCreds)
	h.answer("DescribeInstances", body(200, instancesPage))
	_, err := h.client.DescribeInstances(t.Context(), &iaas.DescribeInstancesInput{})
	require.NoError(t, err)

	spans := h.byName(t)
	require.Len(t, h.spans.Ended(), 2)
	call := spans["qingcloud.iaas/DescribeInstances"][0]
	attempt := spans["qingcloud.iaas/DescribeInstances attempt"][0]

	assert.Equal(t, trace.SpanKindClient, call.SpanKind())
	assert.False(t, call.Parent().IsValid(), "the call is a root span here")
	assert.Equal(t, call.SpanContext().SpanID(), attempt.Parent().SpanID(), "the attempt is the call's child")
	assert.Equal(t, codes.Unset, call.Status().Code)
	a := attrs(call)
	assert.Equal(t, "qingcloud-api", a["rpc.system"].AsString())
	assert.Equal(t, "iaas", a["rpc.service"].AsString())
	assert.Equal(t, "DescribeInstances", a["rpc.method"].AsString())
	assert.Equal(t, "api.qingcloud.com", a["server.address"].AsString())
	assert.Equal(t, "qingcloud", a["cloud.provider"].AsString())
	assert.Equal(t, int64(200), a["http.response.status_code"].AsInt64())
	assert.Equal(t, int64(1), a["multicloud.attempts"].AsInt64())
	assert.NotContains(t, a, attribute.Key("error.type"))
	assert.Equal(t, []string{"multicloud.credentials", "multicloud.ratelimit.wait"}, events(call))

	aa := attrs(attempt)
	assert.Equal(t, int64(1), aa["multicloud.attempt"].AsInt64())
	assert.Equal(t, int64(200), aa["http.response.status_code"].AsInt64())
	assert.NotContains(t, aa, attribute.Key("http.request.resend_count"), "the first send is no resend")
	assert.Empty(t, events(attempt))
	assert.False(t, attempt.EndTime().After(call.EndTime()))

	m := h.collect(t)
	assert.Equal(t, map[string]uint64{labels(describeIDs...): 1}, histCounts(t, m[mcotel.CallDurationMetric]))
	assert.Equal(t, map[string]uint64{labels(describeIDs...): 1}, histCounts(t, m[mcotel.AttemptDurationMetric]))
	assert.Equal(t, map[string]uint64{labels(describeIDs...): 1}, histCounts(t, m[mcotel.RateLimitWaitMetric]))
	assert.Equal(t, map[string]int64{labels(describeIDs...): 0}, sums(t, m[mcotel.ActiveCallsMetric]), "no call in flight after it ended")
	assert.NotContains(t, m, mcotel.RetriesMetric)
	assert.NotContains(t, m, mcotel.ThrottlesMetric)
}

func TestCallRetriedAfter429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, testCreds)
		throttled := func() *http.Response {
			r := httpmock.NewStringResponse(429, `{"ret_code":2500,"message":"too many requests, please slow down"}`)
			r.Header.Set("Retry-After", "2")
			return r
		}
		calls := h.answer("DescribeInstances", throttled, body(200, instancesPage))
		_, err := h.client.DescribeInstances(t.Context(), &iaas.DescribeInstancesInput{})
		require.NoError(t, err)
		require.Equal(t, 2, *calls)

		spans := h.byName(t)
		require.Len(t, h.spans.Ended(), 3)
		call := spans["qingcloud.iaas/DescribeInstances"][0]
		attempts := spans["qingcloud.iaas/DescribeInstances attempt"]
		require.Len(t, attempts, 2)
		first, second := attempts[0], attempts[1]
		if attrs(first)["multicloud.attempt"].AsInt64() == 2 {
			first, second = second, first
		}
		for _, a := range attempts {
			assert.Equal(t, call.SpanContext().SpanID(), a.Parent().SpanID())
		}
		f := attrs(first)
		assert.Equal(t, int64(429), f["http.response.status_code"].AsInt64())
		assert.Equal(t, "Throttled", f["error.type"].AsString())
		assert.Equal(t, "2500", f["multicloud.error.code"].AsString())
		assert.Equal(t, "throttled", f["multicloud.retry.reason"].AsString())
		assert.Equal(t, 2.0, f["multicloud.retry.after"].AsFloat64())
		// The throttling backoff's bound for the first retry is 1 s; Retry-After's 2 s is longer.
		assert.Equal(t, 2.0, f["multicloud.retry.delay"].AsFloat64())
		assert.Equal(t, codes.Error, first.Status().Code)
		assert.Equal(t, "Throttled", first.Status().Description)

		s := attrs(second)
		assert.Equal(t, int64(2), s["multicloud.attempt"].AsInt64())
		assert.Equal(t, int64(1), s["http.request.resend_count"].AsInt64())
		assert.Equal(t, int64(200), s["http.response.status_code"].AsInt64())
		assert.NotContains(t, s, attribute.Key("multicloud.retry.reason"))
		assert.Equal(t, 2*time.Second, second.StartTime().Sub(first.EndTime()), "the second attempt starts after the throttle wait")

		c := attrs(call)
		assert.Equal(t, int64(2), c["multicloud.attempts"].AsInt64())
		assert.Equal(t, int64(200), c["http.response.status_code"].AsInt64())
		assert.Equal(t, codes.Unset, call.Status().Code, "a call that succeeded in the end")
		assert.Equal(t, []string{"multicloud.credentials", "multicloud.ratelimit.wait", "multicloud.credentials", "multicloud.ratelimit.wait"}, events(call))

		m := h.collect(t)
		assert.Equal(t, map[string]int64{labels(with(describeIDs, attribute.String("multicloud.retry.reason", "throttled"))...): 1},
			sums(t, m[mcotel.RetriesMetric]))
		assert.Equal(t, map[string]int64{labels(describeIDs...): 1}, sums(t, m[mcotel.ThrottlesMetric]))
		assert.Equal(t, map[string]uint64{
			labels(with(describeIDs, attribute.String("error.type", "Throttled"))...): 1,
			labels(describeIDs...): 1,
		}, histCounts(t, m[mcotel.AttemptDurationMetric]))
		assert.Equal(t, map[string]uint64{labels(describeIDs...): 1}, histCounts(t, m[mcotel.CallDurationMetric]))
		hist := m[mcotel.CallDurationMetric].(metricdata.Histogram[float64])
		assert.InDelta(t, 2.0, hist.DataPoints[0].Sum, 0.001, "the call's duration includes the wait")
	})
}

func TestFailedCall(t *testing.T) {
	h := newHarness(t, testCreds)
	h.answer("RunInstances", body(200, `{"action":"RunInstancesResponse","ret_code":1400,"message":"PermissionDenied, you do not have permission"}`))
	_, err := h.client.RunInstances(t.Context(), &iaas.RunInstancesInput{ImageID: "img-1", LoginMode: "keypair"})
	require.Error(t, err)

	spans := h.byName(t)
	require.Len(t, h.spans.Ended(), 2)
	call := spans["qingcloud.iaas/RunInstances"][0]
	attempt := spans["qingcloud.iaas/RunInstances attempt"][0]
	for _, s := range []sdktrace.ReadOnlySpan{call, attempt} {
		a := attrs(s)
		assert.Equal(t, "PermissionDenied", a["error.type"].AsString(), s.Name())
		assert.Equal(t, "1400", a["multicloud.error.code"].AsString(), s.Name())
		assert.Equal(t, codes.Error, s.Status().Code, s.Name())
		assert.Equal(t, "PermissionDenied", s.Status().Description, s.Name())
	}
	assert.Equal(t, int64(1), attrs(call)["multicloud.attempts"].AsInt64())
	assert.NotContains(t, attrs(attempt), attribute.Key("multicloud.retry.reason"), "a permission error is not retried")
	assert.Empty(t, call.Events()[0].Attributes[1:], "the limiter wait succeeded")

	ids := []attribute.KeyValue{attribute.String("rpc.system", "qingcloud-api"), attribute.String("rpc.service", "iaas"), attribute.String("rpc.method", "RunInstances")}
	m := h.collect(t)
	assert.Equal(t, map[string]uint64{labels(with(ids, attribute.String("error.type", "PermissionDenied"))...): 1}, histCounts(t, m[mcotel.CallDurationMetric]))
	assert.Equal(t, map[string]int64{labels(ids...): 0}, sums(t, m[mcotel.ActiveCallsMetric]))
}

func TestIteratorOverThreePages(t *testing.T) {
	h := newHarness(t, testCreds)
	h.mock.RegisterResponder(http.MethodGet, endpoint, func(r *http.Request) (*http.Response, error) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		items := ""
		for i := offset; i < min(offset+2, 5); i++ {
			if items != "" {
				items += ","
			}
			items += fmt.Sprintf(`{"instance_id":"i-%d","status":"running"}`, i)
		}
		return httpmock.NewStringResponse(200, `{"action":"DescribeInstancesResponse","ret_code":0,"total_count":5,"instance_set":[`+items+`]}`), nil
	})
	ctx, parent := h.tp.Tracer("test").Start(t.Context(), "list everything")
	n := 0
	for _, err := range h.client.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{Limit: ptr(int64(2))}) {
		require.NoError(t, err)
		n++
	}
	parent.End()
	assert.Equal(t, 5, n)

	spans := h.byName(t)
	calls := spans["qingcloud.iaas/DescribeInstances"]
	require.Len(t, calls, 3, "one call span per page")
	require.Len(t, spans["qingcloud.iaas/DescribeInstances attempt"], 3)
	root := spans["list everything"][0]
	for _, c := range calls {
		assert.Equal(t, root.SpanContext().SpanID(), c.Parent().SpanID(), "every page's call is a child of the caller's span")
		assert.Equal(t, root.SpanContext().TraceID(), c.SpanContext().TraceID())
	}
	for _, a := range spans["qingcloud.iaas/DescribeInstances attempt"] {
		parentIsACall := false
		for _, c := range calls {
			parentIsACall = parentIsACall || c.SpanContext().SpanID() == a.Parent().SpanID()
		}
		assert.True(t, parentIsACall)
	}
	m := h.collect(t)
	assert.Equal(t, map[string]uint64{labels(describeIDs...): 3}, histCounts(t, m[mcotel.CallDurationMetric]))
}

func ptr[T any](v T) *T { return &v }

func TestWaiterPolls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, testCreds)
		job := func(status string) func() *http.Response {
			return body(200, `{"action":"DescribeJobsResponse","ret_code":0,"total_count":1,"job_set":[{"job_id":"j-1","job_action":"RunInstances","status":"`+status+`"}]}`)
		}
		h.answer("DescribeJobs", job("pending"), job("working"), job("successful"))
		got, err := h.client.WaitJob(t.Context(), "j-1")
		require.NoError(t, err)
		assert.Equal(t, "successful", got.Status)

		spans := h.byName(t)
		wait := spans["qingcloud.iaas/WaitJob"]
		require.Len(t, wait, 1)
		polls := spans["qingcloud.iaas/WaitJob poll"]
		calls := spans["qingcloud.iaas/DescribeJobs"]
		attempts := spans["qingcloud.iaas/DescribeJobs attempt"]
		require.Len(t, polls, 3)
		require.Len(t, calls, 3)
		require.Len(t, attempts, 3)
		assert.Equal(t, int64(3), attrs(wait[0])["multicloud.polls"].AsInt64())
		assert.Equal(t, "WaitJob", attrs(wait[0])["multicloud.waiter"].AsString())
		assert.Equal(t, codes.Unset, wait[0].Status().Code)

		pollByID := map[trace.SpanID]sdktrace.ReadOnlySpan{}
		for _, p := range polls {
			assert.Equal(t, wait[0].SpanContext().SpanID(), p.Parent().SpanID(), "polls are the wait's children")
			pollByID[p.SpanContext().SpanID()] = p
		}
		var done []bool
		for _, c := range calls {
			p, ok := pollByID[c.Parent().SpanID()]
			require.True(t, ok, "every DescribeJobs call is a poll's child")
			done = append(done, attrs(p)["multicloud.poll.done"].AsBool())
		}
		assert.ElementsMatch(t, []bool{false, false, true}, done)

		m := h.collect(t)
		assert.Equal(t, map[string]int64{labels(attribute.String("rpc.system", "qingcloud-api"), attribute.String("rpc.service", "iaas"),
			attribute.String("multicloud.waiter", "WaitJob")): 3}, sums(t, m[mcotel.WaiterPollsMetric]))
	})
}

func TestTraceContextNotSentByDefault(t *testing.T) {
	h := newHarness(t, testCreds)
	var seen http.Header
	h.mock.RegisterResponder(http.MethodGet, endpoint, func(r *http.Request) (*http.Response, error) {
		seen = r.Header.Clone()
		return httpmock.NewStringResponse(200, instancesPage), nil
	})
	_, err := h.client.DescribeInstances(t.Context(), &iaas.DescribeInstancesInput{})
	require.NoError(t, err)
	require.NotNil(t, seen)
	assert.Empty(t, seen.Get("Traceparent"))
}

func TestPropagate(t *testing.T) {
	h := newHarness(t, testCreds, multicloud.WithMiddleware(mcotel.Propagate(propagation.TraceContext{})))
	var traceparent string
	h.mock.RegisterResponder(http.MethodGet, endpoint, func(r *http.Request) (*http.Response, error) {
		traceparent = r.Header.Get("Traceparent")
		return httpmock.NewStringResponse(200, instancesPage), nil
	})
	_, err := h.client.DescribeInstances(t.Context(), &iaas.DescribeInstancesInput{})
	require.NoError(t, err)
	attempt := h.byName(t)["qingcloud.iaas/DescribeInstances attempt"][0]
	sc := attempt.SpanContext()
	assert.Equal(t, fmt.Sprintf("00-%s-%s-01", sc.TraceID(), sc.SpanID()), traceparent, "the attempt's span is the provider's parent")
}

func TestNewUsesGlobalProvidersByDefault(t *testing.T) {
	obs, err := mcotel.New()
	require.NoError(t, err)
	ctx, co := obs.StartCall(t.Context(), multicloud.CallInfo{Provider: "jdcloud", Service: "vm", Action: "DescribeInstances", Host: "vm.jdcloud-api.com"})
	assert.NotNil(t, co)
	co.EndCall(ctx, nil) // the global no-op providers take it without complaint
}
