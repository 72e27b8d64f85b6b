package mcotel

import (
	"context"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/multicloud-go/multicloud"
)

// ScopeName is the instrumentation scope of the tracer and meter.
const ScopeName = "github.com/multicloud-go/multicloud/otel"

// Observer records traces and metrics of multicloud clients. It implements
// multicloud.Observer; install it with multicloud.WithObserver. One Observer
// may serve any number of clients, and is safe for concurrent use.
type Observer struct {
	tracer  trace.Tracer
	metrics instruments
	apis    staticsCache
}

// An Option configures New.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider records spans through tp instead of the global
// provider (otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) {
		if tp != nil {
			c.tp = tp
		}
	}
}

// WithMeterProvider records metrics through mp instead of the global
// provider (otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) {
		if mp != nil {
			c.mp = mp
		}
	}
}

// New returns an Observer recording through the providers given, or the
// global ones. It fails only when the meter refuses an instrument.
func New(opts ...Option) (*Observer, error) {
	var c config
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	o := &Observer{tracer: c.tp.Tracer(ScopeName,
		trace.WithInstrumentationVersion(multicloud.Version), trace.WithSchemaURL(semconv.SchemaURL))}
	meter := c.mp.Meter(ScopeName,
		metric.WithInstrumentationVersion(multicloud.Version), metric.WithSchemaURL(semconv.SchemaURL))
	if err := o.metrics.init(meter); err != nil {
		return nil, err
	}
	return o, nil
}

// StartCall starts a call's span; see multicloud.Observer.
func (o *Observer) StartCall(ctx context.Context, info multicloud.CallInfo) (context.Context, multicloud.CallObserver) {
	c := &call{o: o, api: o.apis.get(info), start: time.Now()}
	ctx, c.span = o.tracer.Start(ctx, c.api.callName, c.api.callStart...)
	o.metrics.active.Add(ctx, 1, c.api.idSet)
	return ctx, c
}

// StartWait starts a waiter's span; see multicloud.Observer.
func (o *Observer) StartWait(ctx context.Context, info multicloud.WaitInfo) (context.Context, multicloud.WaitObserver) {
	w := &wait{o: o, info: info}
	w.ids = metric.WithAttributes(rpcSystem(info.Provider), semconv.RPCService(info.Service), WaiterKey.String(info.Name))
	ctx, w.span = o.tracer.Start(ctx, spanName(info.Provider, info.Service, info.Name),
		trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(
			rpcSystem(info.Provider), semconv.RPCService(info.Service), WaiterKey.String(info.Name)))
	return ctx, w
}

// spanName is "<provider>.<service>/<name>".
func spanName(provider, service, name string) string {
	return provider + "." + service + "/" + name
}
