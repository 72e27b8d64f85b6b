package waiter

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
)

var defaults = Options{MinDelay: 2 * time.Second, MaxDelay: 10 * time.Second, MaxWait: time.Minute}

func fixed(f float64) func() float64 { return func() float64 { return f } }

func TestPollSchedule(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var at []time.Duration
		state, err := Poll(t.Context(), Options{Rand: fixed(0.999999)}, defaults, func(context.Context) (int, bool, error) {
			at = append(at, time.Since(start).Round(time.Millisecond))
			return len(at), len(at) == 6, nil
		})
		require.NoError(t, err)
		assert.Equal(t, 6, state)
		// The first poll at once, then delays of 2, 4, 8, 10, 10 s (no jitter taken off).
		assert.Equal(t, []time.Duration{0, 2 * time.Second, 6 * time.Second, 14 * time.Second, 24 * time.Second, 34 * time.Second}, at)
	})
}

func TestPollJitterBounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var at []time.Duration
		_, err := Poll(t.Context(), Options{Rand: fixed(0)}, defaults, func(context.Context) (int, bool, error) {
			at = append(at, time.Since(start))
			return 0, len(at) == 4, nil
		})
		require.NoError(t, err)
		// The least jitter halves each delay: 1, 2, 4 s.
		assert.Equal(t, []time.Duration{0, time.Second, 3 * time.Second, 7 * time.Second}, at)
	})
}

func TestPollRandomJitterStaysInBounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		last := time.Now()
		delay := defaults.MinDelay
		n := 0
		_, err := Poll(t.Context(), Options{}, defaults, func(context.Context) (int, bool, error) {
			if n > 0 {
				gap := time.Since(last)
				assert.GreaterOrEqual(t, gap, delay/2)
				assert.LessOrEqual(t, gap, delay)
				delay = min(2*delay, defaults.MaxDelay)
			}
			last = time.Now()
			n++
			return 0, n == 8, nil
		})
		require.NoError(t, err)
	})
}

func TestPollMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		polls := 0
		state, err := Poll(t.Context(), Options{MaxWait: 25 * time.Second, Rand: fixed(0.999999)}, defaults, func(context.Context) (string, bool, error) {
			polls++
			return "pending", false, nil
		})
		require.ErrorIs(t, err, ErrTimeout)
		assert.Equal(t, "pending", state)
		assert.Equal(t, 25*time.Second, time.Since(start).Round(time.Millisecond), "the last delay is cut to the time left")
		assert.Equal(t, 6, polls) // 0, 2, 6, 14, 24, 25
	})
}

func TestPollCheckErrorAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		boom := errors.New("1200 auth failure")
		start := time.Now()
		_, err := Poll(t.Context(), Options{}, defaults, func(context.Context) (int, bool, error) {
			return 0, false, boom
		})
		assert.Equal(t, boom, err)
		assert.Zero(t, time.Since(start))
	})
}

func TestPollContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, err := Poll(ctx, Options{MaxWait: time.Hour}, defaults, func(context.Context) (int, bool, error) {
			return 0, false, nil
		})
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 5*time.Second, time.Since(start))

		canceled, cancelNow := context.WithCancel(t.Context())
		cancelNow()
		polls := 0
		_, err = Poll(canceled, Options{}, defaults, func(context.Context) (int, bool, error) {
			polls++
			return 0, false, nil
		})
		require.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, polls)
	})
}

func TestDefaultsFill(t *testing.T) {
	o := Options{}.withDefaults(Options{})
	assert.Equal(t, time.Millisecond, o.MinDelay)
	assert.Equal(t, time.Millisecond, o.MaxDelay)
	assert.NotNil(t, o.Rand)
	o = Options{MinDelay: time.Minute, MaxDelay: time.Second}.withDefaults(defaults)
	assert.Equal(t, time.Minute, o.MaxDelay, "MaxDelay is at least MinDelay")
}

// pollRecorder is a multicloud.Observer that records a wait's events and
// marks the contexts it hands out.
type pollRecorder struct{ events []string }

type pollMark struct{}

func (r *pollRecorder) StartCall(ctx context.Context, _ multicloud.CallInfo) (context.Context, multicloud.CallObserver) {
	panic("the waiter makes no calls itself")
}

func (r *pollRecorder) StartWait(ctx context.Context, w multicloud.WaitInfo) (context.Context, multicloud.WaitObserver) {
	r.events = append(r.events, fmt.Sprintf("wait %s.%s/%s", w.Provider, w.Service, w.Name))
	return context.WithValue(ctx, pollMark{}, "wait"), r
}

func (r *pollRecorder) StartPoll(ctx context.Context, n int) context.Context {
	r.events = append(r.events, fmt.Sprintf("poll %d in %v", n, ctx.Value(pollMark{})))
	return context.WithValue(ctx, pollMark{}, fmt.Sprint("poll", n))
}

func (r *pollRecorder) EndPoll(ctx context.Context, n int, done bool, err error) {
	r.events = append(r.events, fmt.Sprintf("end poll %d in %v done=%v err=%v", n, ctx.Value(pollMark{}), done, err))
}

func (r *pollRecorder) EndWait(ctx context.Context, polls int, err error) {
	r.events = append(r.events, fmt.Sprintf("end wait in %v polls=%d err=%v", ctx.Value(pollMark{}), polls, err != nil))
}

func TestPollReportsToObserver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &pollRecorder{}
		opts := Options{Rand: fixed(0), Observer: rec, Wait: multicloud.WaitInfo{Provider: "qingcloud", Service: "iaas", Name: "WaitJob"}}
		n := 0
		state, err := Poll(t.Context(), opts, defaults, func(ctx context.Context) (int, bool, error) {
			n++
			assert.Equal(t, fmt.Sprint("poll", n), ctx.Value(pollMark{}), "the check runs in the poll's context")
			return n, n == 3, nil
		})
		require.NoError(t, err)
		assert.Equal(t, 3, state)
		assert.Equal(t, []string{
			"wait qingcloud.iaas/WaitJob",
			"poll 1 in wait", "end poll 1 in poll1 done=false err=<nil>",
			"poll 2 in wait", "end poll 2 in poll2 done=false err=<nil>",
			"poll 3 in wait", "end poll 3 in poll3 done=true err=<nil>",
			"end wait in wait polls=3 err=false",
		}, rec.events)
	})
}

func TestPollReportsTimeoutToObserver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &pollRecorder{}
		opts := Options{MaxWait: 3 * time.Second, Rand: fixed(0), Observer: rec, Wait: multicloud.WaitInfo{Name: "WaitJob"}}
		_, err := Poll(t.Context(), opts, defaults, func(context.Context) (int, bool, error) { return 0, false, nil })
		require.ErrorIs(t, err, ErrTimeout)
		assert.Equal(t, "end wait in wait polls=3 err=true", rec.events[len(rec.events)-1])
	})
}

func TestApplySkipsNilOptions(t *testing.T) {
	type opts struct{ a, b int }
	o := Apply([]func(*opts){func(o *opts) { o.a = 1 }, nil, func(o *opts) { o.b = o.a + 1 }})
	assert.Equal(t, opts{a: 1, b: 2}, o)
	assert.Equal(t, opts{}, Apply[opts](nil))
}
