package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// fakeSTS hands out numbered credentials that live for ttl. While gate is
// non-nil, each call waits for it to close (or for its context to end).
type fakeSTS struct {
	ttl   time.Duration
	calls atomic.Int32

	mu        sync.Mutex
	gate      chan struct{}
	err       error
	cancelled atomic.Int32 // calls whose context ended while waiting
}

func (s *fakeSTS) fn(ctx context.Context) (signer.Credentials, time.Time, error) {
	n := s.calls.Add(1)
	s.mu.Lock()
	gate, err := s.gate, s.err
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			s.cancelled.Add(1)
			return signer.Credentials{}, time.Time{}, ctx.Err()
		}
	}
	if err != nil {
		return signer.Credentials{}, time.Time{}, err
	}
	return gen(int(n)), time.Now().Add(s.ttl), nil
}

func (s *fakeSTS) block() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = make(chan struct{})
	return s.gate
}

func (s *fakeSTS) unblock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = nil
}

func (s *fakeSTS) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
}

func gen(n int) signer.Credentials {
	return signer.Credentials{AccessKeyID: fmt.Sprintf("AK%d", n), SecretAccessKey: fmt.Sprintf("SK%d", n), SessionToken: fmt.Sprintf("T%d", n)}
}

func newCache(s *fakeSTS, opts ...credentials.CacheOption) *credentials.Cache {
	return credentials.NewCache(credentials.ExpiringFunc(s.fn), append([]credentials.CacheOption{credentials.WithRefreshJitter(0)}, opts...)...)
}

func mustGet(t *testing.T, c *credentials.Cache) signer.Credentials {
	t.Helper()
	got, err := c.Retrieve(t.Context())
	require.NoError(t, err)
	return got
}

func TestCacheKeepsNonExpiringCredentials(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		c := credentials.NewCache(credentials.Func(func(context.Context) (signer.Credentials, error) {
			calls.Add(1)
			return good, nil
		}))
		for range 100 {
			assert.Equal(t, good, mustGet(t, c))
			time.Sleep(1000 * time.Hour)
		}
		assert.Equal(t, int32(1), calls.Load())

		c.Invalidate()
		assert.Equal(t, good, mustGet(t, c))
		assert.Equal(t, int32(2), calls.Load())
	})
}

func TestCacheRefreshesAheadOfExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		c := newCache(s, credentials.WithRefreshWindow(5*time.Minute))
		start := time.Now()

		e, err := c.RetrieveExpiring(t.Context())
		require.NoError(t, err)
		assert.Equal(t, gen(1), e.Credentials)
		assert.Equal(t, start.Add(time.Hour), e.Expires)

		time.Sleep(55*time.Minute - time.Nanosecond) // just before the window
		assert.Equal(t, gen(1), mustGet(t, c))
		assert.Equal(t, int32(1), s.calls.Load())

		time.Sleep(time.Nanosecond) // window opens: 5 minutes before expiry
		assert.Equal(t, gen(2), mustGet(t, c))
		assert.Equal(t, int32(2), s.calls.Load())

		time.Sleep(30 * time.Minute)
		assert.Equal(t, gen(2), mustGet(t, c))
		assert.Equal(t, int32(2), s.calls.Load())
	})
}

func TestCacheJitterWidensTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		var asked []int64
		c := credentials.NewCache(credentials.ExpiringFunc(s.fn),
			credentials.WithRefreshWindow(5*time.Minute),
			credentials.WithRefreshJitter(30*time.Second),
			credentials.WithJitterSource(func(n int64) int64 { asked = append(asked, n); return n - 1 }), // the most jitter
		)
		mustGet(t, c)
		require.Equal(t, []int64{int64(30 * time.Second)}, asked)

		// Refresh at expiry - 5m - (30s - 1ns) = 54m30s + 1ns.
		time.Sleep(54*time.Minute + 30*time.Second)
		assert.Equal(t, gen(1), mustGet(t, c))
		time.Sleep(time.Nanosecond)
		assert.Equal(t, gen(2), mustGet(t, c))
	})
}

// Credentials shorter-lived than the window are refreshed at half their
// lifetime, not on every call.
func TestCacheWindowCappedAtHalfLifetime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: 2 * time.Minute}
		c := newCache(s, credentials.WithRefreshWindow(5*time.Minute))
		mustGet(t, c)
		time.Sleep(time.Minute - time.Nanosecond)
		assert.Equal(t, gen(1), mustGet(t, c))
		time.Sleep(time.Nanosecond)
		assert.Equal(t, gen(2), mustGet(t, c))
	})
}

func TestCacheConcurrentCallersShareOneRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		gate := s.block()
		c := newCache(s)

		const n = 100
		results := make([]signer.Credentials, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { results[i], errs[i] = c.Retrieve(t.Context()) })
		}
		synctest.Wait() // every caller is waiting on the one refresh
		assert.Equal(t, int32(1), s.calls.Load())
		close(gate)
		wg.Wait()
		for i := range n {
			require.NoError(t, errs[i])
			assert.Equal(t, gen(1), results[i])
		}
		assert.Equal(t, int32(1), s.calls.Load())

		// After expiry, again one refresh for everyone.
		time.Sleep(2 * time.Hour)
		gate = s.block()
		for i := range n {
			wg.Go(func() { results[i], errs[i] = c.Retrieve(t.Context()) })
		}
		synctest.Wait()
		close(gate)
		wg.Wait()
		for i := range n {
			require.NoError(t, errs[i])
			assert.Equal(t, gen(2), results[i])
		}
		assert.Equal(t, int32(2), s.calls.Load())
	})
}

// Inside the refresh window, one caller refreshes and the others keep using
// the current credentials without waiting.
func TestCacheRefreshAheadDoesNotBlockOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		c := newCache(s, credentials.WithRefreshWindow(10*time.Minute))
		mustGet(t, c)
		time.Sleep(55 * time.Minute)

		gate := s.block()
		var refresher signer.Credentials
		done := make(chan struct{})
		go func() { refresher = mustGet(t, c); close(done) }()
		synctest.Wait()
		assert.Equal(t, int32(2), s.calls.Load())

		for range 10 {
			assert.Equal(t, gen(1), mustGet(t, c)) // immediately, from memory
		}
		assert.Equal(t, int32(2), s.calls.Load())

		close(gate)
		<-done
		assert.Equal(t, gen(2), refresher)
		assert.Equal(t, gen(2), mustGet(t, c))
	})
}

// A failed refresh ahead of expiry is not the caller's problem while the
// current credentials still work; after expiry, it is.
func TestCacheRefreshFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		c := newCache(s, credentials.WithRefreshWindow(5*time.Minute))
		mustGet(t, c)

		time.Sleep(56 * time.Minute)
		sts500 := errors.New("sts: InternalError")
		s.fail(sts500)
		assert.Equal(t, gen(1), mustGet(t, c))
		assert.Equal(t, int32(2), s.calls.Load())
		assert.Equal(t, gen(1), mustGet(t, c)) // tried again
		assert.Equal(t, int32(3), s.calls.Load())

		time.Sleep(4 * time.Minute) // expired
		_, err := c.Retrieve(t.Context())
		require.ErrorIs(t, err, sts500)

		s.fail(nil) // errors are not cached
		got := mustGet(t, c)
		assert.Equal(t, gen(5), got)
	})
}

func TestCacheHonoursContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		s.block()
		c := newCache(s)

		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Retrieve(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Second, time.Since(start))

		// The only waiter gave up, so the refresh was cancelled too.
		synctest.Wait()
		assert.Equal(t, int32(1), s.cancelled.Load())

		// The next caller starts afresh.
		s.unblock()
		assert.Equal(t, gen(2), mustGet(t, c))
	})
}

func TestCacheOneWaiterLeavingDoesNotCancelOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		gate := s.block()
		c := newCache(s)

		ctx1, cancel1 := context.WithCancel(t.Context())
		var err1, err2 error
		var got2 signer.Credentials
		var wg sync.WaitGroup
		wg.Go(func() { _, err1 = c.Retrieve(ctx1) })
		wg.Go(func() { got2, err2 = c.Retrieve(t.Context()) })
		synctest.Wait()
		cancel1()
		synctest.Wait()
		require.ErrorIs(t, err1, context.Canceled)
		assert.Zero(t, s.cancelled.Load())

		close(gate)
		wg.Wait()
		require.NoError(t, err2)
		assert.Equal(t, gen(1), got2)
		assert.Equal(t, int32(1), s.calls.Load())
	})
}

// The refresh runs with the values of the context of the caller that started
// it, e.g. a trace id.
func TestCacheRefreshKeepsContextValues(t *testing.T) {
	t.Parallel()
	type key struct{}
	var seen any
	c := credentials.NewCache(credentials.Func(func(ctx context.Context) (signer.Credentials, error) {
		seen = ctx.Value(key{})
		return good, nil
	}))
	_, err := c.Retrieve(context.WithValue(t.Context(), key{}, "trace-1"))
	require.NoError(t, err)
	assert.Equal(t, "trace-1", seen)
}

func TestCacheRejectsExpiredCredentials(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := credentials.NewCache(credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) {
			return good, time.Now().Add(-time.Second), nil
		}))
		_, err := c.Retrieve(t.Context())
		require.ErrorIs(t, err, credentials.ErrInvalid)
		assert.Contains(t, err.Error(), "expired at")
		assert.NotContains(t, err.Error(), secretSK)
	})
}

func TestCacheEmptyCredentialsAreAnError(t *testing.T) {
	t.Parallel()
	c := credentials.NewCache(emptyProvider{})
	_, err := c.Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrInvalid)
	_, err = credentials.NewCache(nil).Retrieve(t.Context())
	require.Error(t, err)
}

type emptyProvider struct{}

func (emptyProvider) Retrieve(context.Context) (signer.Credentials, error) {
	return signer.Credentials{}, nil
}

// Many goroutines on one cache with real time, for the race detector.
func TestCacheRace(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	c := credentials.NewCache(credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) {
		n := calls.Add(1)
		return gen(int(n)), time.Now().Add(2 * time.Millisecond), nil
	}), credentials.WithRefreshWindow(time.Millisecond), credentials.WithRefreshJitter(time.Millisecond))
	var wg sync.WaitGroup
	for range 256 {
		wg.Go(func() {
			for range 50 {
				got, err := c.Retrieve(t.Context())
				if assert.NoError(t, err) {
					assert.NotEmpty(t, got.AccessKeyID)
				}
				if calls.Load()%7 == 0 {
					c.Invalidate()
				}
				_ = c.String()
			}
		})
	}
	wg.Wait()
}

// A jitter source that breaks its contract cannot push the refresh outside
// [window, window+jitter).
func TestCacheJitterSourceClamped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		c := credentials.NewCache(credentials.ExpiringFunc(s.fn),
			credentials.WithRefreshWindow(5*time.Minute),
			credentials.WithRefreshJitter(time.Minute),
			credentials.WithJitterSource(func(int64) int64 { return -1 << 62 }))
		mustGet(t, c)
		time.Sleep(55*time.Minute - time.Nanosecond)
		assert.Equal(t, gen(1), mustGet(t, c))
		time.Sleep(time.Nanosecond)
		assert.Equal(t, gen(2), mustGet(t, c))
	})
}

// A refresh started ahead of expiry that fails after the credentials expired
// returns the error, not the expired credentials.
func TestCacheRefreshFailingPastExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &fakeSTS{ttl: time.Hour}
		c := newCache(s, credentials.WithRefreshWindow(5*time.Minute))
		mustGet(t, c)
		time.Sleep(58 * time.Minute)
		gate := s.block()
		sts500 := errors.New("sts: InternalError")
		s.fail(sts500)
		var err error
		done := make(chan struct{})
		go func() { _, err = c.Retrieve(t.Context()); close(done) }()
		synctest.Wait()
		time.Sleep(5 * time.Minute) // the credentials expire while STS hangs
		close(gate)
		<-done
		require.ErrorIs(t, err, sts500)
	})
}
