package ratelimit_test

import (
	"context"
	"math"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// sendEvery sends through a, one request per interval (or as fast as a allows if that
// is slower) for d, observing every answer as not throttled.
func sendEvery(t *testing.T, a *ratelimit.Adaptive, interval, d time.Duration) {
	t.Helper()
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		require.NoError(t, a.Wait(t.Context()))
		a.Observe(false)
		time.Sleep(interval)
	}
}

func TestAdaptiveDoesNotLimitBeforeThrottle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		start := time.Now()
		for range 10_000 {
			require.NoError(t, a.Wait(t.Context()))
			a.Observe(false)
		}
		assertElapsed(t, start, 0)
		sendEvery(t, a, time.Millisecond, 10*time.Second) // 1000 per second
		assert.Equal(t, rate.Inf, a.Rate())
	})
}

func TestAdaptiveCutsRateOnThrottle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		sendEvery(t, a, 50*time.Millisecond, 5*time.Second) // 20 per second
		a.Observe(true)
		assert.InDelta(t, 0.7*20, float64(a.Rate()), 0.01, "Beta times the measured send rate")

		// From now on requests are paced: the bucket holds one second's worth (14), the
		// next 70 follow at 14 per second.
		start := time.Now()
		for range 84 {
			require.NoError(t, a.Wait(t.Context()))
		}
		assert.InDelta(t, 5*time.Second, time.Since(start), float64(time.Millisecond))
	})
}

func TestAdaptiveRepeatedThrottlesCompound(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		sendEvery(t, a, 50*time.Millisecond, 5*time.Second) // 20 per second
		for _, want := range []float64{14, 9.8, 6.86} {
			a.Observe(true)
			assert.InDelta(t, want, float64(a.Rate()), 0.01, "each throttle cuts the lower of send and fill rate")
		}
	})
}

func TestAdaptiveNeverBelowFloor(t *testing.T) {
	for _, floor := range []rate.Limit{ratelimit.DefaultAdaptiveMinRate, 2} {
		synctest.Test(t, func(t *testing.T) {
			a := ratelimit.NewAdaptive(func(o *ratelimit.AdaptiveOptions) { o.MinRate = floor })
			sendEvery(t, a, 50*time.Millisecond, 5*time.Second)
			end := time.Now().Add(time.Minute)
			for time.Now().Before(end) { // every answer throttled
				require.NoError(t, a.Wait(t.Context()))
				a.Observe(true)
				require.GreaterOrEqual(t, a.Rate(), floor)
			}
			assert.Equal(t, floor, a.Rate())
		})
	}
}

func TestAdaptiveThrottleBeforeAnyMeasurement(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		a.Observe(true)
		assert.Equal(t, ratelimit.DefaultAdaptiveMinRate, a.Rate(), "no measured rate yet: start from the floor")
	})
}

func TestAdaptiveRecoversAlongCubic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		sendEvery(t, a, 50*time.Millisecond, 5*time.Second) // 20 per second
		a.Observe(true)
		require.InDelta(t, 14, float64(a.Rate()), 0.01)

		// K = ∛(Rmax·(1-Beta)/C) is when the curve is back at Rmax.
		k := time.Duration(math.Cbrt(20*(1-0.7)/0.4) * float64(time.Second))
		throttled := time.Now()
		var rates []rate.Limit
		for time.Since(throttled) < 2*k {
			sendEvery(t, a, 0, 100*time.Millisecond) // as fast as allowed
			rates = append(rates, a.Rate())
		}
		assert.IsNonDecreasing(t, rates, "no throttle: the rate only rises")
		assert.Greater(t, float64(rates[0]), 14.0, "recovery starts at once")
		assert.Less(t, float64(rates[len(rates)/4]), 20.0, "and is gradual")
		assert.InDelta(t, 20, float64(rates[len(rates)/2-1]), 0.5, "back near Rmax at K")
		assert.Greater(t, float64(rates[len(rates)-1]), 20.0, "then it probes above Rmax")
	})
}

func TestAdaptiveRecoveryFollowsDemand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		sendEvery(t, a, 50*time.Millisecond, 5*time.Second)
		a.Observe(true)
		sendEvery(t, a, time.Second, time.Minute) // demand drops to 1 per second
		assert.InDelta(t, 2, float64(a.Rate()), 0.1, "the rate never runs past twice the send rate")
	})
}

func TestAdaptiveWaitHonoursContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := ratelimit.NewAdaptive()
		a.Observe(true) // at the floor: one request per 2 s
		require.NoError(t, a.Wait(t.Context()))

		start := time.Now()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		require.ErrorIs(t, a.Wait(ctx), context.DeadlineExceeded)
		assertElapsed(t, start, 0)

		ctx, cancel = context.WithCancel(t.Context())
		time.AfterFunc(time.Second, cancel)
		require.ErrorIs(t, a.Wait(ctx), context.Canceled)
		assertElapsed(t, start, time.Second)
	})
}

func TestAdaptiveOptions(t *testing.T) {
	defaults := ratelimit.AdaptiveOptions{
		Beta:      ratelimit.DefaultAdaptiveBeta,
		Scale:     ratelimit.DefaultAdaptiveScale,
		Smoothing: ratelimit.DefaultAdaptiveSmoothing,
		MinRate:   ratelimit.DefaultAdaptiveMinRate,
	}
	assert.Equal(t, defaults, ratelimit.NewAdaptive().Options())

	bad := ratelimit.NewAdaptive(func(o *ratelimit.AdaptiveOptions) {
		*o = ratelimit.AdaptiveOptions{Beta: 1, Scale: math.Inf(1), Smoothing: 1.5, MinRate: rate.Inf}
	})
	assert.Equal(t, defaults, bad.Options(), "out-of-range values take the defaults")
	nan := ratelimit.NewAdaptive(func(o *ratelimit.AdaptiveOptions) {
		*o = ratelimit.AdaptiveOptions{Beta: math.NaN(), Scale: math.NaN(), Smoothing: math.NaN(), MinRate: rate.Limit(math.NaN())}
	})
	assert.Equal(t, defaults, nan.Options())

	custom := ratelimit.AdaptiveOptions{Beta: 0.5, Scale: 1, Smoothing: 1, MinRate: 0.01}
	got := ratelimit.NewAdaptive(
		func(o *ratelimit.AdaptiveOptions) { o.Beta, o.Scale = 0.5, 1 },
		func(o *ratelimit.AdaptiveOptions) { o.Smoothing, o.MinRate = 1, 0.01 },
	)
	assert.Equal(t, custom, got.Options())
}
