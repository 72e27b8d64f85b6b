package mcotel_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcotel "github.com/multicloud-go/multicloud/otel"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// BenchmarkCallQingCloud measures one whole QingCloud call (build, sign,
// send to a loopback server, read, decode) without an observer, with the
// OpenTelemetry observer on no-op providers, and with it on the SDK (every
// span sampled and handed to an exporter that drops it, metrics aggregated
// for a reader): the difference is the observer's cost per call.
func BenchmarkCallQingCloud(b *testing.B) {
	body := []byte(`{"action":"DescribeInstancesResponse","ret_code":0,"total_count":1,"instance_set":[{"instance_id":"i-a","status":"running"}]}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)

	sdkTracing := sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewNoopExporter()))
	sdkMetrics := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() { _ = sdkTracing.Shutdown(context.Background()) })
	for _, bc := range []struct {
		name string
		opts []mcotel.Option // nil: no observer
	}{
		{"without", nil},
		{"with-noop-providers", []mcotel.Option{mcotel.WithTracerProvider(tracenoop.NewTracerProvider()), mcotel.WithMeterProvider(metricnoop.NewMeterProvider())}},
		{"with-sdk", []mcotel.Option{mcotel.WithTracerProvider(sdkTracing), mcotel.WithMeterProvider(sdkMetrics)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			opts := []multicloud.Option{
				multicloud.WithEndpoint(srv.URL + "/iaas/"), multicloud.WithInsecureHTTP(),
				multicloud.WithHTTPClient(srv.Client()), multicloud.WithRateLimiter(ratelimit.Unlimited{}),
			}
			if bc.opts != nil {
				obs, err := mcotel.New(bc.opts...)
				if err != nil {
					b.Fatal(err)
				}
				opts = append(opts, multicloud.WithObserver(obs))
			}
			c, err := qingcloud.New(qingcloud.Config{
				Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AKBENCH", SecretAccessKey: "SKBENCH0123456789"}),
				Zone:        "pek3a",
			}, opts...)
			if err != nil {
				b.Fatal(err)
			}
			req := &qingcloud.Request{Action: "DescribeInstances", Params: map[string]any{"limit": 10}}
			b.ReportAllocs()
			for b.Loop() {
				var out map[string]any
				if err := c.Call(context.Background(), req, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkObserverEvents measures the observer alone: the events of one
// successful single-attempt call, with no network in between, so the
// figure is the observer's own cost per call on the SDK (every span
// sampled) and on no-op providers.
func BenchmarkObserverEvents(b *testing.B) {
	sdkTracing := sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewNoopExporter()))
	sdkMetrics := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	b.Cleanup(func() { _ = sdkTracing.Shutdown(context.Background()) })
	for _, bc := range []struct {
		name string
		opts []mcotel.Option
	}{
		{"noop-providers", []mcotel.Option{mcotel.WithTracerProvider(tracenoop.NewTracerProvider()), mcotel.WithMeterProvider(metricnoop.NewMeterProvider())}},
		{"sdk", []mcotel.Option{mcotel.WithTracerProvider(sdkTracing), mcotel.WithMeterProvider(sdkMetrics)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			obs, err := mcotel.New(bc.opts...)
			if err != nil {
				b.Fatal(err)
			}
			info := multicloud.CallInfo{Provider: "qingcloud", Service: "iaas", Action: "DescribeInstances", Method: "GET", Host: "api.qingcloud.com", ReadOnly: true}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				cctx, c := obs.StartCall(ctx, info)
				c.LimiterWaited(cctx, 50, nil)
				actx := c.StartAttempt(cctx, 1)
				c.CredentialsRetrieved(actx, 20, nil)
				c.EndAttempt(actx, multicloud.AttemptResult{Attempt: 1, StatusCode: 200})
				c.EndCall(cctx, nil)
			}
		})
	}
}
