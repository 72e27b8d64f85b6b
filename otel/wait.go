package mcotel

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/multicloud-go/multicloud"
)

// wait is one waiter's recording: a span for the wait, a child span per
// poll.
type wait struct {
	o    *Observer
	info multicloud.WaitInfo
	span trace.Span
	ids  metric.MeasurementOption
}

var _ multicloud.WaitObserver = (*wait)(nil)

// StartPoll starts a poll's span under the wait's.
func (w *wait) StartPoll(ctx context.Context, n int) context.Context {
	w.o.metrics.polls.Add(ctx, 1, w.ids)
	ctx, _ = w.o.tracer.Start(ctx, spanName(w.info.Provider, w.info.Service, w.info.Name)+" poll",
		trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(PollKey.Int(n)))
	return ctx
}

// EndPoll ends the poll's span.
func (w *wait) EndPoll(ctx context.Context, _ int, done bool, err error) {
	span := trace.SpanFromContext(ctx)
	span.SetAttributes(PollDoneKey.Bool(done))
	if err != nil {
		kind := semconv.ErrorTypeKey.String(errorType(err))
		span.SetAttributes(kind)
		span.SetStatus(codes.Error, kind.Value.AsString())
	}
	span.End()
}

// EndWait ends the wait's span.
func (w *wait) EndWait(_ context.Context, polls int, err error) {
	attrs := []attribute.KeyValue{PollsKey.Int(polls)}
	if err != nil {
		kind := semconv.ErrorTypeKey.String(errorType(err))
		attrs = append(attrs, kind)
		w.span.SetStatus(codes.Error, kind.Value.AsString())
	}
	w.span.SetAttributes(attrs...)
	w.span.End()
}
