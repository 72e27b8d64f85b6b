package ratelimit_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// Compile-time checks of what each limiter implements.
var (
	_ ratelimit.Limiter  = ratelimit.Unlimited{}
	_ ratelimit.Limiter  = (*ratelimit.TokenBucket)(nil)
	_ ratelimit.Limiter  = (*ratelimit.PerKey)(nil)
	_ ratelimit.Keyed    = (*ratelimit.PerKey)(nil)
	_ ratelimit.Limiter  = (*ratelimit.Adaptive)(nil)
	_ ratelimit.Observer = (*ratelimit.Adaptive)(nil)
)

// everyLimiter returns one of each limiter, in states that make Wait go its
// different ways.
func everyLimiter() map[string]ratelimit.Limiter {
	throttled := ratelimit.NewAdaptive()
	throttled.Observe(true)
	empty := ratelimit.NewTokenBucket(1, 1)
	_ = empty.Wait(context.Background())
	return map[string]ratelimit.Limiter{
		"Unlimited":         ratelimit.Unlimited{},
		"TokenBucket":       ratelimit.NewTokenBucket(10, 5),
		"TokenBucket/empty": empty,
		"ZeroTokenBucket":   &ratelimit.TokenBucket{},
		"PerKey":            ratelimit.JDCloudDefault(),
		"ZeroPerKey":        &ratelimit.PerKey{},
		"Adaptive/idle":     ratelimit.NewAdaptive(),
		"Adaptive/limiting": throttled,
	}
}

func TestWaitNilContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var nilCtx context.Context
		for name, l := range everyLimiter() {
			require.ErrorIs(t, l.Wait(nilCtx), ratelimit.ErrNilContext, name)
		}
	})
}

func TestWaitEndedContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		canceled, cancel := context.WithCancel(t.Context())
		cancel()
		expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
		defer cancel2()
		for name, l := range everyLimiter() {
			start := time.Now()
			require.ErrorIs(t, l.Wait(canceled), context.Canceled, name)
			require.ErrorIs(t, l.Wait(expired), context.DeadlineExceeded, name)
			assert.Zero(t, time.Since(start), name)
		}
	})
}

func TestWaitKeepsCancelCause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := errors.New("shutting down")
		b := ratelimit.NewTokenBucket(1, 1)
		require.NoError(t, b.Wait(t.Context()))

		ctx, cancel := context.WithCancelCause(t.Context())
		time.AfterFunc(time.Millisecond, func() { cancel(cause) })
		err := b.Wait(ctx)
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorIs(t, err, cause)
	})
}

func TestUnlimitedNeverWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		for range 10_000 {
			require.NoError(t, ratelimit.Unlimited{}.Wait(t.Context()))
		}
		assert.Zero(t, time.Since(start))
	})
}

// assertElapsed checks that time.Since(start) is want, to within a microsecond (the
// token bucket computes in float64 seconds).
func assertElapsed(t *testing.T, start time.Time, want time.Duration, msgAndArgs ...any) {
	t.Helper()
	assert.InDelta(t, want, time.Since(start), float64(time.Microsecond), msgAndArgs...)
}
