package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/time/rate"
)

// Limiter decides when a request may be sent.
//
// Wait blocks until one request may go, or until ctx ends. When ctx ends first, or when
// the wait could not finish before ctx's deadline, Wait returns an error that wraps
// ctx's error, so errors.Is(err, context.Canceled) and
// errors.Is(err, context.DeadlineExceeded) work. Wait never blocks past ctx, and it
// returns an error wrapping ErrNilContext instead of panicking when ctx is nil.
//
// Every Limiter in this package is safe for concurrent use.
type Limiter interface {
	Wait(ctx context.Context) error
}

// Observer is implemented by limiters that adapt to the server's answers, such as
// Adaptive. The core client calls Observe once after every response to a request it let
// through a Limiter: throttled is true when the server throttled the request (HTTP 429
// or the provider's throttle code) and false for any other answer. When the configured
// limiter is Keyed, the client calls Observe on the Limiter that For returned, if that
// Limiter implements Observer.
type Observer interface {
	Observe(throttled bool)
}

// Keyed is implemented by limiters that keep separate limits per key, such as PerKey.
// When the configured limiter implements Keyed, the core client calls For with a key
// chosen by the provider, followed by "@" and the account (the first 16 hex digits of
// the SHA-256 of the access key id, never the id itself), and waits on the Limiter it
// returns. Every bucket is therefore one account's. The keys are:
//
//   - JD Cloud: the service line, e.g. "jdcloud/vm@<account>";
//   - Volcengine: service and action, e.g. "volcengine/billing/ListBill@<account>";
//   - QingCloud: the account, "qingcloud@<account>".
//
// For must never return nil.
type Keyed interface {
	For(key string) Limiter
}

// ErrNilContext is wrapped by the error that every Wait in this package returns when
// called with a nil context.
var ErrNilContext = errors.New("ratelimit: nil context")

// Unlimited is a Limiter that never delays a request. Use it to turn rate limiting off,
// e.g. multicloud.WithRateLimiter(ratelimit.Unlimited{}).
type Unlimited struct{}

// Wait returns nil at once unless ctx is nil or has already ended.
func (Unlimited) Wait(ctx context.Context) error {
	return checkContext(ctx)
}

// checkContext returns an error if ctx is nil or has already ended.
func checkContext(ctx context.Context) error {
	if ctx == nil {
		return fmt.Errorf("ratelimit: Wait: %w", ErrNilContext)
	}
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	return nil
}

// contextError wraps ctx's error, and its cause when that says more.
func contextError(ctx context.Context) error {
	err := ctx.Err()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, err) {
		return fmt.Errorf("ratelimit: %w: %w", err, cause)
	}
	return fmt.Errorf("ratelimit: %w", err)
}

// waitOn takes one token from l, sleeping until it is due or until ctx ends. Unlike
// rate.Limiter.Wait it wraps ctx's errors, and it returns an error at once when the
// token would not come due before ctx's deadline; in both cases the reservation is given back
// so that other callers are not delayed by a request that never went.
func waitOn(ctx context.Context, l *rate.Limiter) error {
	if err := checkContext(ctx); err != nil {
		return err
	}
	now := time.Now()
	r := l.ReserveN(now, 1)
	delay := r.DelayFrom(now) // rate.InfDuration if the token never comes

	if delay == 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && deadline.Sub(now) <= delay {
		r.CancelAt(now)
		return fmt.Errorf("ratelimit: waiting %v would pass the context deadline: %w",
			delay, context.DeadlineExceeded)
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return contextError(ctx)
	}
}
