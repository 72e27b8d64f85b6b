package redislimit

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/ratelimit"
)

const testAccessKey = "AKIDtestACCESSkeyID0123456789"

// newTestGroup returns a Group on st for a made-up provider and account.
func newTestGroup(t *testing.T, st store, l Limit, opts ...Option) *Group {
	t.Helper()
	g, err := newGroup(st, "test", testAccessKey, l, opts...)
	require.NoError(t, err)
	return g
}

// Compile-time checks: a Group is a Keyed limiter and a Limiter, and For
// gives Limiters.
var (
	_ ratelimit.Keyed   = (*Group)(nil)
	_ ratelimit.Limiter = (*Group)(nil)
	_ ratelimit.Limiter = (*Limiter)(nil)
)

func TestWaitAdmitsBurstThenPaces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		lim := newTestGroup(t, st, Limit{Rate: 10, Period: time.Second, Burst: 2}).For("k")
		ctx := t.Context()
		start := time.Now()
		var at []time.Duration
		for range 6 {
			require.NoError(t, lim.Wait(ctx))
			at = append(at, time.Since(start))
		}
		ms := time.Millisecond
		assert.Equal(t, []time.Duration{0, 0, 100 * ms, 200 * ms, 300 * ms, 400 * ms}, at)
	})
}

func TestWaitConcurrentWaitersShareOnePoller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		lim := newTestGroup(t, st, Limit{Rate: 10, Period: time.Second, Burst: 2}).For("k")
		const goroutines, each = 8, 5
		start := time.Now()
		var mu sync.Mutex
		var admitted []time.Duration
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range each {
					if !assert.NoError(t, lim.Wait(t.Context())) {
						return
					}
					mu.Lock()
					admitted = append(admitted, time.Since(start))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Len(t, admitted, goroutines*each)
		// 2 at once, then one every 100ms: the last at 3.8s.
		assert.Equal(t, 3800*time.Millisecond, time.Since(start))
		perWindow := map[time.Duration]int{}
		for _, d := range admitted {
			perWindow[d.Truncate(time.Second)]++
		}
		for w, n := range perWindow {
			assert.LessOrEqual(t, n, 10+2, "admitted in the second from %v", w)
		}
		// Without the per-process gate every waiter would poll for every slot
		// (about 8 calls per admission); with it, about 3.
		calls := st.calls.Load()
		t.Logf("%d store calls for %d admissions", calls, goroutines*each)
		assert.Less(t, calls, int64(4*goroutines*each))
	})
}

func TestWaitDeadlineBeforeNextSlotFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		lim := newTestGroup(t, newFakeStore(), Limit{Rate: 10, Period: time.Second, Burst: 1}).For("k")
		require.NoError(t, lim.Wait(t.Context()))
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := lim.Wait(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Zero(t, time.Since(start), "should not sleep for a slot it cannot use")
		assert.NotErrorIs(t, err, ErrUnavailable)
	})
}

func TestWaitCanceledWhileSleeping(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		lim := newTestGroup(t, newFakeStore(), Limit{Rate: 1, Period: time.Minute, Burst: 1}).For("k")
		require.NoError(t, lim.Wait(t.Context()))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(3*time.Second, cancel)
		start := time.Now()
		err := lim.Wait(ctx)
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 3*time.Second, time.Since(start))
	})
}

func TestWaitNilAndDoneContext(t *testing.T) {
	lim := newTestGroup(t, newFakeStore(), Limit{Rate: 1, Period: time.Second, Burst: 1}).For("k")
	//lint:ignore SA1012 a nil context is what is being tested
	require.ErrorIs(t, lim.Wait(nil), ratelimit.ErrNilContext)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, lim.Wait(ctx), context.Canceled)
}

func TestSlowRedisFailsClosedAfterTimeoutThenCoolsDown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		var logs syncBuffer
		g := newTestGroup(t, st, Limit{Rate: 100, Period: time.Second, Burst: 10},
			WithRedisTimeout(200*time.Millisecond), WithCooldown(time.Second),
			WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
		lim := g.For("k")
		ctx := t.Context()
		require.NoError(t, lim.Wait(ctx))

		st.mode.Store(fakeHang)
		start := time.Now()
		err := lim.Wait(ctx)
		assert.Equal(t, 200*time.Millisecond, time.Since(start), "bounded by the Redis timeout")
		require.ErrorIs(t, err, ErrUnavailable)
		require.ErrorIs(t, err, ErrRedisTimeout, "the cause is wrapped")
		require.NotErrorIs(t, err, context.DeadlineExceeded, "a slow Redis is not the caller's deadline")
		var ue *UnavailableError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, g.RedisKey("k"), ue.Key)
		assert.Contains(t, err.Error(), "no answer from redis within 200ms")

		// In the cool-down: fail at once, without asking Redis.
		calls := st.calls.Load()
		start = time.Now()
		require.ErrorIs(t, lim.Wait(ctx), ErrUnavailable)
		require.ErrorIs(t, g.For("other").Wait(ctx), ErrUnavailable, "the outage is the Group's")
		assert.Zero(t, time.Since(start))
		assert.Equal(t, calls, st.calls.Load())

		// After it, Redis is asked again, and is back.
		st.mode.Store(fakeOK)
		time.Sleep(time.Second)
		require.NoError(t, lim.Wait(ctx))
		assert.Equal(t, calls+1, st.calls.Load())

		out := logs.String()
		assert.Equal(t, 1, strings.Count(out, "redis unavailable, failing closed"), out)
		assert.Equal(t, 1, strings.Count(out, "redis available again"), out)
		assert.Contains(t, out, "down_for=1s")
		assert.Contains(t, out, hashID(testAccessKey))
		assert.NotContains(t, out, testAccessKey)
	})
}

func TestDownRedisFallsBackToFractionOfLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		var logs syncBuffer
		g := newTestGroup(t, st, Limit{Rate: 10, Period: time.Second, Burst: 4},
			WithFallback(0.5), WithCooldown(time.Minute),
			WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
		lim := g.For("k")
		ctx := t.Context()

		st.mode.Store(fakeFail)
		start := time.Now()
		var at []time.Duration
		for range 5 {
			require.NoError(t, lim.Wait(ctx))
			at = append(at, time.Since(start).Round(time.Millisecond))
		}
		// Half the limit: 5 per second, burst 2.
		ms := time.Millisecond
		assert.Equal(t, []time.Duration{0, 0, 200 * ms, 400 * ms, 600 * ms}, at)
		assert.Equal(t, int64(1), st.calls.Load(), "Redis is left alone during the cool-down")
		assert.Contains(t, logs.String(), "redis unavailable, using in-process fallback")
		assert.Contains(t, logs.String(), errFakeRedis.Error())
	})
}

func TestCallerContextEndingDuringRedisCallIsNotAnOutage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		g := newTestGroup(t, st, Limit{Rate: 10, Period: time.Second, Burst: 10},
			WithRedisTimeout(time.Second))
		st.mode.Store(fakeHang)
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		err := g.For("k").Wait(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.NotErrorIs(t, err, ErrUnavailable)

		st.mode.Store(fakeOK)
		require.NoError(t, g.For("k").Wait(t.Context()))
		assert.Equal(t, int64(2), st.calls.Load())
	})
}

func TestForKeys(t *testing.T) {
	st := newFakeStore()
	g := newTestGroup(t, st, Limit{Rate: 10, Period: time.Second, Burst: 1},
		WithKeyLimit("volcengine/billing/ListBill", Limit{Rate: 2, Period: time.Second, Burst: 3}))
	account := hashID(testAccessKey)

	vm := g.For("jdcloud/vm")
	assert.Same(t, vm, g.For("jdcloud/vm"))
	assert.NotSame(t, vm, g.For("jdcloud/vpc"))
	assert.Equal(t, "rate:multicloud:test:"+account+":jdcloud/vm", vm.(*Limiter).Key())
	assert.Equal(t, vm.(*Limiter).Key(), g.RedisKey("jdcloud/vm"))
	assert.Equal(t, Limit{Rate: 10, Period: time.Second, Burst: 1}, vm.(*Limiter).Limit())
	assert.Equal(t, Limit{Rate: 2, Period: time.Second, Burst: 3},
		g.For("volcengine/billing/ListBill").(*Limiter).Limit())

	// A key segment that is the access key id is hashed.
	qc := g.For("qingcloud/" + testAccessKey).(*Limiter)
	assert.Equal(t, "rate:multicloud:test:"+account+":qingcloud/"+account, qc.Key())
	assert.NotContains(t, qc.Key(), testAccessKey)

	// Keys are independent.
	ctx := context.Background()
	require.NoError(t, vm.Wait(ctx))
	require.NoError(t, g.For("jdcloud/vpc").Wait(ctx))
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, vm.Wait(short), context.DeadlineExceeded)
}

func TestAccountWideIgnoresKey(t *testing.T) {
	st := newFakeStore()
	g := newTestGroup(t, st, QingCloudLimit(), AccountWide(), WithPrefix("p:"))
	a := g.For("qingcloud/" + testAccessKey)
	assert.Same(t, a, g.For("anything"))
	assert.Equal(t, "rate:p:test:"+hashID(testAccessKey)+":account", a.(*Limiter).Key())
	assert.Equal(t, a.(*Limiter).Key(), g.RedisKey("whatever"))
	require.NoError(t, g.Wait(context.Background()))
}

func TestProviderDefaults(t *testing.T) {
	assert.Equal(t, Limit{Rate: 950, Period: time.Minute, Burst: 50}, JDCloudLimit())
	assert.Equal(t, Limit{Rate: 1980, Period: time.Hour, Burst: 20}, QingCloudLimit())
	assert.Equal(t, Limit{Rate: 4, Period: time.Second, Burst: 10}, VolcengineLimit())
	assert.Equal(t, Limit{Rate: 1, Period: time.Second, Burst: 1}, Quota(1, time.Second, 5))
	assert.Equal(t, Limit{Rate: 1, Period: time.Second, Burst: 9}, Quota(10, time.Second, 50))
	assert.Equal(t, "950 per 1m0s, burst 50", JDCloudLimit().String())

	// The defaults match package ratelimit's in-process ones.
	for name, c := range map[string]struct {
		l      Limit
		bucket *ratelimit.TokenBucket
	}{
		"jdcloud":    {JDCloudLimit(), ratelimit.JDCloudDefault().For("jdcloud/vm").(*ratelimit.TokenBucket)},
		"qingcloud":  {QingCloudLimit(), ratelimit.QingCloudDefault().For("qingcloud/x").(*ratelimit.TokenBucket)},
		"volcengine": {VolcengineLimit(), ratelimit.VolcengineDefault().For("volcengine/a/B").(*ratelimit.TokenBucket)},
	} {
		assert.Equal(t, c.bucket.Burst(), c.l.Burst, name)
		assert.InEpsilon(t, float64(c.bucket.Limit()), c.l.perSecond(), 1e-9, name)
	}
}

func TestProviderConstructors(t *testing.T) {
	rdb := newUnusedClient(t)
	for name, c := range map[string]struct {
		new   func() (*Group, error)
		limit Limit
		key   string
	}{
		"jdcloud":    {func() (*Group, error) { return JDCloud(rdb, testAccessKey) }, JDCloudLimit(), "jdcloud/vm"},
		"qingcloud":  {func() (*Group, error) { return QingCloud(rdb, testAccessKey) }, QingCloudLimit(), "account"},
		"volcengine": {func() (*Group, error) { return Volcengine(rdb, testAccessKey) }, VolcengineLimit(), "volcengine/billing/ListBill"},
	} {
		g, err := c.new()
		require.NoError(t, err, name)
		lim := g.For(c.key).(*Limiter)
		assert.Equal(t, c.limit, lim.Limit(), name)
		assert.Equal(t, "rate:multicloud:"+name+":"+hashID(testAccessKey)+":"+c.key, lim.Key(), name)
	}
}

func TestNewGroupRejectsBadInput(t *testing.T) {
	rdb := newUnusedClient(t)
	ok := Limit{Rate: 1, Period: time.Second, Burst: 1}
	for name, c := range map[string]struct {
		provider, ak string
		l            Limit
		opts         []Option
	}{
		"empty provider":   {"", "ak", ok, nil},
		"colon provider":   {"a:b", "ak", ok, nil},
		"empty access key": {"p", "", ok, nil},
		"zero rate":        {"p", "ak", Limit{Period: time.Second, Burst: 1}, nil},
		"zero period":      {"p", "ak", Limit{Rate: 1, Burst: 1}, nil},
		"zero burst":       {"p", "ak", Limit{Rate: 1, Period: time.Second}, nil},
		"fallback 0":       {"p", "ak", ok, []Option{WithFallback(0)}},
		"fallback 1.5":     {"p", "ak", ok, []Option{WithFallback(1.5)}},
		"timeout 0":        {"p", "ak", ok, []Option{WithRedisTimeout(0)}},
		"cooldown -1":      {"p", "ak", ok, []Option{WithCooldown(-1)}},
		"max keys 0":       {"p", "ak", ok, []Option{WithMaxKeys(0)}},
		"bad key limit":    {"p", "ak", ok, []Option{WithKeyLimit("k", Limit{})}},
	} {
		_, err := NewGroup(rdb, c.provider, c.ak, c.l, c.opts...)
		assert.Error(t, err, name)
		if err != nil {
			assert.NotContains(t, err.Error(), "ak:", name)
		}
	}
	_, err := NewGroup(nil, "p", "ak", ok)
	assert.Error(t, err)
}

func TestUnavailableError(t *testing.T) {
	cause := errors.New("boom")
	err := error(&UnavailableError{Key: "rate:k", Err: cause})
	assert.ErrorIs(t, err, ErrUnavailable)
	assert.ErrorIs(t, err, cause)
	assert.Equal(t, "redislimit: redis unavailable for rate:k: boom", err.Error())
	assert.ErrorIs(t, &UnavailableError{Key: "k"}, ErrUnavailable)
}

// TestCoreAccountSuffix: the core client's keys carry the account; a Group
// drops its own account's suffix (so Redis keys and WithKeyLimit stay the
// provider's) and keeps another account's apart.
func TestCoreAccountSuffix(t *testing.T) {
	st := newFakeStore()
	g := newTestGroup(t, st, Limit{Rate: 100, Period: time.Second, Burst: 10},
		WithKeyLimit("volcengine/billing/ListBill", Limit{Rate: 2, Period: time.Second, Burst: 3}))
	own := g.For(ratelimit.AccountKey("volcengine/billing/ListBill", testAccessKey)).(*Limiter)
	assert.Equal(t, g.RedisKey("volcengine/billing/ListBill"), own.Key())
	assert.Equal(t, 3, own.Limit().Burst, "the key limit applies")
	other := g.For(ratelimit.AccountKey("volcengine/billing/ListBill", "AKSOMEONEELSE")).(*Limiter)
	assert.NotEqual(t, own.Key(), other.Key())
	assert.NotContains(t, other.Key(), "AKSOMEONEELSE")
}
