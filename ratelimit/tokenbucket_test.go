package ratelimit_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

func TestTokenBucketBurstThenPaces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(10, 5)
		start := time.Now()
		for range 5 {
			require.NoError(t, b.Wait(t.Context()))
		}
		assertElapsed(t, start, 0, "the burst goes at once")
		for i := 1; i <= 20; i++ {
			require.NoError(t, b.Wait(t.Context()))
			assertElapsed(t, start, time.Duration(i)*100*time.Millisecond, "request %d after the burst", i)
		}
	})
}

func TestTokenBucketRefillsWhileIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(10, 5)
		for range 5 {
			require.NoError(t, b.Wait(t.Context()))
		}
		time.Sleep(time.Hour) // fake clock: the bucket refills, but only up to its burst
		start := time.Now()
		for range 5 {
			require.NoError(t, b.Wait(t.Context()))
		}
		assertElapsed(t, start, 0)
		require.NoError(t, b.Wait(t.Context()))
		assertElapsed(t, start, 100*time.Millisecond)
	})
}

func TestTokenBucketCancelGivesTokenBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(1, 1)
		require.NoError(t, b.Wait(t.Context()))

		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		require.ErrorIs(t, b.Wait(ctx), context.Canceled)
		assertElapsed(t, start, 300*time.Millisecond, "Wait returns when ctx is cancelled")

		// The cancelled request gave its token back: the next one goes at 1 s, not 2 s.
		require.NoError(t, b.Wait(t.Context()))
		assertElapsed(t, start, time.Second)
	})
}

func TestTokenBucketDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(1, 1)
		require.NoError(t, b.Wait(t.Context()))
		start := time.Now()

		short, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		err := b.Wait(short)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assertElapsed(t, start, 0, "a wait that cannot end before the deadline fails at once")
		require.NoError(t, short.Err(), "the context itself has not ended")

		long, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		defer cancel()
		require.NoError(t, b.Wait(long))
		assertElapsed(t, start, time.Second, "the failed wait gave its token back")

		exact, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		require.ErrorIs(t, b.Wait(exact), context.DeadlineExceeded, "a token due at the deadline is too late")
	})
}

func TestTokenBucketZeroLimitWaitsForContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(0, 1)
		require.NoError(t, b.Wait(t.Context()), "the burst is admitted")

		start := time.Now()
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(time.Hour, cancel)
		require.ErrorIs(t, b.Wait(ctx), context.Canceled)
		assertElapsed(t, start, time.Hour)

		ctx, cancel = context.WithTimeout(t.Context(), time.Hour)
		defer cancel()
		require.ErrorIs(t, b.Wait(ctx), context.DeadlineExceeded)
		assertElapsed(t, start, time.Hour, "with a deadline it fails at once")
	})
}

func TestTokenBucketInfNeverWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := ratelimit.NewTokenBucket(rate.Inf, 0)
		assert.Equal(t, 1, b.Burst())
		start := time.Now()
		for range 10_000 {
			require.NoError(t, b.Wait(t.Context()))
		}
		assertElapsed(t, start, 0)

		var zero ratelimit.TokenBucket
		assert.Equal(t, rate.Inf, zero.Limit())
		require.NoError(t, zero.Wait(t.Context()), "the zero TokenBucket does not limit")
	})
}

func TestNewQuotaParameters(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		window    time.Duration
		burst     int
		wantLimit rate.Limit
		wantBurst int
	}{
		{"JD Cloud", 1000, time.Minute, 50, 950.0 / 60, 50},
		{"QingCloud", 2000, time.Hour, 20, 1980.0 / 3600, 20},
		{"burst clamped below n", 10, time.Second, 20, 1, 9},
		{"burst clamped to 1", 10, time.Second, 0, 9, 1},
		{"one per window", 1, time.Minute, 5, rate.Every(time.Minute), 1},
		{"n below 1", 0, time.Minute, 0, rate.Every(time.Minute), 1},
		{"no window", 5, 0, 3, rate.Inf, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := ratelimit.NewQuota(tt.n, tt.window, tt.burst)
			assert.InDelta(t, float64(tt.wantLimit), float64(q.Limit()), 1e-9)
			assert.Equal(t, tt.wantBurst, q.Burst())
		})
	}
}

func TestNewQuotaNeverExceedsWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n, window = 100, 10 * time.Second
		q := ratelimit.NewQuota(n, window, 10)
		times := admitGreedily(t, q, 6*window)
		assertAtMostPerWindow(t, times, n, window)
		// 10 at once, then 90 per window.
		assert.InDelta(t, 10+6*90, len(times), 1)
	})
}

// admitGreedily waits on l in a loop for d and returns when each request was admitted.
func admitGreedily(t *testing.T, l ratelimit.Limiter, d time.Duration) []time.Time {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	var times []time.Time
	for l.Wait(ctx) == nil {
		times = append(times, time.Now())
	}
	return times
}

// assertAtMostPerWindow checks that no closed span of length window holds more than n of
// the ascending times.
func assertAtMostPerWindow(t *testing.T, times []time.Time, n int, window time.Duration) {
	t.Helper()
	for i := range times {
		j := i
		for j < len(times) && !times[j].After(times[i].Add(window)) {
			j++
		}
		if !assert.LessOrEqual(t, j-i, n, "requests in [%v, +%v]", times[i], window) {
			return
		}
	}
}
