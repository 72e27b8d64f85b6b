package mcotel

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// call is one call's recording. Its events come from one goroutine, in
// order, so it needs no lock.
type call struct {
	o     *Observer
	api   *apiStatics
	start time.Time
	span  trace.Span

	attempts     int
	attempt      trace.Span // the last attempt's span until it is ended, else nil
	attemptBegan time.Time
	attemptEnd   time.Time // when it ended: its span is closed late, to carry the retry decision
	status       int       // the last attempt's
	requestID    string    // the last attempt's, vetted by the client
	code         string    // the last attempt's provider error code, vetted by the client
}

var _ multicloud.CallObserver = (*call)(nil)

// LimiterWaited records a rate-limiter wait as an event and a measurement.
func (c *call) LimiterWaited(ctx context.Context, waited time.Duration, err error) {
	c.o.metrics.limiterWait.Record(ctx, seconds(waited), c.api.idSet)
	if !c.span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{RateLimitWaitKey.Float64(seconds(waited))}
	if err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(err)))
	}
	c.span.AddEvent("multicloud.ratelimit.wait", trace.WithAttributes(attrs...))
}

// StartAttempt starts an attempt's span under the call's.
func (c *call) StartAttempt(ctx context.Context, n int) context.Context {
	c.closeAttempt()
	c.attempts, c.attemptBegan = n, time.Now()
	var opts []trace.SpanStartOption
	if n > 0 && n < len(attemptStarts) {
		opts = attemptStarts[n]
	} else {
		opts = attemptStart(n)
	}
	ctx, c.attempt = c.o.tracer.Start(ctx, c.api.attemptName, opts...)
	return ctx
}

// CredentialsRetrieved records the retrieval as an event on the span of
// ctx: the call's, since credentials are fetched before the limiter wait.
func (c *call) CredentialsRetrieved(ctx context.Context, took time.Duration, err error) {
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	attrs := []attribute.KeyValue{CredentialsDurationKey.Float64(seconds(took))}
	if err != nil {
		attrs = append(attrs, semconv.ErrorTypeKey.String(errorType(err)))
	}
	span.AddEvent("multicloud.credentials", trace.WithAttributes(attrs...))
}

// EndAttempt records how the attempt ended; its span stays open for
// Retrying, and is closed with this moment as its end.
func (c *call) EndAttempt(ctx context.Context, a multicloud.AttemptResult) {
	c.attemptEnd = time.Now()
	span := trace.SpanFromContext(ctx)
	c.status, c.requestID, c.code = a.StatusCode, codeLike(a.RequestID), codeLike(a.ErrorCode)
	if a.StatusCode != 0 {
		span.SetAttributes(semconv.HTTPResponseStatusCode(a.StatusCode))
	}
	opts := c.api.idSet
	if a.Err == nil {
		if c.requestID != "" {
			span.SetAttributes(RequestIDKey.String(c.requestID))
		}
	} else {
		attrs := errorAttrs(a.Err, c.code, c.requestID)
		span.SetAttributes(attrs...)
		span.SetStatus(codes.Error, attrs[0].Value.AsString())
		if mcerrors.KindOf(a.Err) == mcerrors.KindThrottled {
			c.o.metrics.throttles.Add(ctx, 1, c.api.idSet)
		}
		opts = c.api.idsWith(attrs[0])
	}
	c.o.metrics.attemptDuration.Record(ctx, seconds(c.attemptEnd.Sub(c.attemptBegan)), opts)
}

// Retrying records the retry decision on the attempt that failed.
func (c *call) Retrying(ctx context.Context, r multicloud.RetryInfo) {
	c.o.metrics.retries.Add(ctx, 1, c.api.idsWith(RetryReasonKey.String(string(r.Reason))))
	if c.attempt == nil {
		return
	}
	if !c.attempt.IsRecording() {
		c.closeAttempt()
		return
	}
	attrs := []attribute.KeyValue{RetryReasonKey.String(string(r.Reason)), RetryDelayKey.Float64(seconds(r.Delay))}
	if r.RetryAfter > 0 {
		attrs = append(attrs, RetryAfterKey.Float64(seconds(r.RetryAfter)))
	}
	c.attempt.SetAttributes(attrs...)
	c.closeAttempt()
}

// closeAttempt ends the open attempt span, at the time its attempt ended.
func (c *call) closeAttempt() {
	if c.attempt == nil {
		return
	}
	if c.attemptEnd.IsZero() {
		c.attempt.End()
	} else {
		c.attempt.End(trace.WithTimestamp(c.attemptEnd))
	}
	c.attempt, c.attemptEnd = nil, time.Time{}
}

// EndCall ends the call's span and records its duration.
func (c *call) EndCall(ctx context.Context, err error) {
	c.closeAttempt()
	attrs := []attribute.KeyValue{AttemptsKey.Int(c.attempts)}
	if c.status != 0 {
		attrs = append(attrs, semconv.HTTPResponseStatusCode(c.status))
	}
	if c.requestID != "" {
		attrs = append(attrs, RequestIDKey.String(c.requestID))
	}
	opts := c.api.idSet
	if err != nil {
		kind := semconv.ErrorTypeKey.String(errorType(err))
		attrs = append(attrs, kind)
		if c.code != "" {
			attrs = append(attrs, ErrorCodeKey.String(c.code))
		}
		c.span.SetStatus(codes.Error, kind.Value.AsString())
		opts = c.api.idsWith(kind)
	}
	c.span.SetAttributes(attrs...)
	c.span.End()
	c.o.metrics.active.Add(ctx, -1, c.api.idSet)
	c.o.metrics.callDuration.Record(ctx, seconds(time.Since(c.start)), opts)
}
