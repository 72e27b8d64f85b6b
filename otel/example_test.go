package mcotel_test

import (
	"context"
	"fmt"
	"log"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcotel "github.com/multicloud-go/multicloud/otel"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
)

// Traces and metrics of a QingCloud client, against the local emulator. A
// program passes its own providers (an OTLP exporter, Prometheus, ...)
// instead of the in-memory ones here.
func Example() {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))

	obs, err := mcotel.New(mcotel.WithTracerProvider(tp), mcotel.WithMeterProvider(mp))
	if err != nil {
		log.Fatal(err)
	}

	emulator := cloudtest.NewQingCloud()
	defer emulator.Close()
	opts := append(emulator.ClientOptions(), multicloud.WithObserver(obs))
	client, err := iaas.New(qingcloud.Config{Credentials: emulator.CredentialsProvider(), Zone: emulator.Region()}, opts...)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.DescribeInstances(context.Background(), &iaas.DescribeInstancesInput{}); err != nil {
		log.Fatal(err)
	}

	for _, s := range spans.Ended() {
		fmt.Println("span:", s.Name(), s.SpanKind())
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		log.Fatal(err)
	}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		if h, ok := m.Data.(metricdata.Histogram[float64]); ok {
			fmt.Println("histogram:", m.Name, "count", h.DataPoints[0].Count)
		}
	}
	// Output:
	// span: qingcloud.iaas/DescribeInstances attempt internal
	// span: qingcloud.iaas/DescribeInstances client
	// histogram: multicloud.client.call.duration count 1
	// histogram: multicloud.client.attempt.duration count 1
	// histogram: multicloud.client.ratelimit.wait count 1
}
