package credentials

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud/signer"
)

// Defaults for NewCache.
const (
	// DefaultRefreshWindow is how long before expiry a Cache starts refreshing.
	DefaultRefreshWindow = 5 * time.Minute
	// DefaultRefreshJitter is the most a Cache adds, at random, to the refresh
	// window, so that a fleet started together does not refresh together.
	DefaultRefreshJitter = 30 * time.Second
)

// Cache wraps a Provider and keeps the credentials it returns until they are
// about to expire. It is safe for concurrent use and is what the core client
// should hold: most calls to Retrieve return from memory.
//
//   - Credentials without an expiry (the provider is not an ExpiringProvider,
//     or it reported a zero time) are kept until Invalidate.
//   - Expiring credentials are refreshed ahead of time. Once inside the refresh
//     window (window plus a random jitter, chosen once per set of credentials,
//     and at most half the credentials' lifetime), one caller refreshes while
//     concurrent callers keep getting the current credentials. If that refresh
//     fails, the caller still gets the current credentials, which are still
//     valid, and a later call tries again.
//   - With no credentials, or expired ones, callers wait for one refresh that
//     they all share (single flight): N concurrent callers cause one call to
//     the provider.
//   - Errors are not cached: the next call asks the provider again.
//   - Every wait honours the caller's context. The shared refresh runs with a
//     context that keeps the values of the context of the caller that started
//     it; it is cancelled when every caller waiting for it has given up.
type Cache struct {
	provider Provider
	window   time.Duration
	jitter   time.Duration
	randN    func(n int64) int64

	mu        sync.Mutex
	valid     bool
	cur       Expiring
	refreshAt time.Time // zero: never refresh
	flight    *flight
}

// flight is one call to the provider that several callers may wait for.
type flight struct {
	done    chan struct{}
	res     Expiring
	err     error
	waiters int
	cancel  context.CancelFunc
}

// CacheOption configures a Cache.
type CacheOption func(*Cache)

// WithRefreshWindow sets how long before expiry the Cache refreshes
// credentials (default DefaultRefreshWindow). Negative values count as zero:
// refresh at expiry.
func WithRefreshWindow(d time.Duration) CacheOption {
	return func(c *Cache) { c.window = max(d, 0) }
}

// WithRefreshJitter sets the most that is added, at random, to the refresh
// window of each set of credentials (default DefaultRefreshJitter). Zero
// disables jitter.
func WithRefreshJitter(d time.Duration) CacheOption {
	return func(c *Cache) { c.jitter = max(d, 0) }
}

// WithJitterSource replaces the random source of the jitter: randN(n) must
// return a value in [0, n). Tests use it to make refresh times exact. The
// default is math/rand/v2's Int64N.
func WithJitterSource(randN func(n int64) int64) CacheOption {
	return func(c *Cache) {
		if randN != nil {
			c.randN = randN
		}
	}
}

// NewCache returns a Cache around p.
func NewCache(p Provider, opts ...CacheOption) *Cache {
	c := &Cache{
		provider: p,
		window:   DefaultRefreshWindow,
		jitter:   DefaultRefreshJitter,
		randN:    rand.Int64N,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Retrieve returns the cached credentials, refreshing them when needed.
func (c *Cache) Retrieve(ctx context.Context) (signer.Credentials, error) {
	e, err := c.RetrieveExpiring(ctx)
	return e.Credentials, err
}

// RetrieveExpiring is Retrieve with the expiry of the credentials.
func (c *Cache) RetrieveExpiring(ctx context.Context) (Expiring, error) {
	if err := checkContext(ctx); err != nil {
		return Expiring{}, err
	}
	c.mu.Lock()
	now := time.Now()
	if c.valid && (c.refreshAt.IsZero() || now.Before(c.refreshAt)) {
		cur := c.cur
		c.mu.Unlock()
		return cur, nil
	}
	soft := c.valid && now.Before(c.cur.Expires) // inside the refresh window, still valid
	if soft && c.flight != nil {
		// Someone is already refreshing; the current credentials still work.
		cur := c.cur
		c.mu.Unlock()
		return cur, nil
	}
	f := c.flight
	if f == nil {
		f = c.start(ctx)
	}
	f.waiters++
	cur := c.cur
	c.mu.Unlock()

	select {
	case <-f.done:
		if f.err != nil && soft && time.Now().Before(cur.Expires) {
			return cur, nil // the refresh failed; keep using what still works
		}
		return f.res, f.err
	case <-ctx.Done():
		c.leave(f)
		return Expiring{}, contextError(ctx.Err())
	}
}

// Invalidate drops the cached credentials, so the next Retrieve asks the
// provider. Use it when the cloud rejects the credentials (they were rotated
// or revoked before their expiry).
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.valid = false
	c.cur = Expiring{}
	c.refreshAt = time.Time{}
	c.mu.Unlock()
}

// start begins a refresh; c.mu is held.
func (c *Cache) start(ctx context.Context) *flight {
	fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f := &flight{done: make(chan struct{}), cancel: cancel}
	c.flight = f
	go func() {
		defer cancel()
		res, err := retrieve(fctx, c.provider)
		if err == nil && !res.Expires.IsZero() && !time.Now().Before(res.Expires) {
			res, err = Expiring{}, invalidf("provider returned credentials that expired at %s", res.Expires.UTC().Format(time.RFC3339))
		}
		c.mu.Lock()
		if err == nil {
			c.store(res)
		}
		if c.flight == f {
			c.flight = nil
		}
		f.res, f.err = res, err
		c.mu.Unlock()
		close(f.done)
	}()
	return f
}

// leave records that a waiter gave up on f; the last one to leave cancels it,
// and a later caller starts a fresh refresh. c.mu is not held.
func (c *Cache) leave(f *flight) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f.waiters--
	if f.waiters == 0 && c.flight == f {
		c.flight = nil
		f.cancel()
	}
}

// store keeps fresh credentials and picks when to refresh them; c.mu is held.
func (c *Cache) store(e Expiring) {
	c.valid = true
	c.cur = e
	c.refreshAt = time.Time{}
	if e.Expires.IsZero() {
		return
	}
	ahead := c.window
	if c.jitter > 0 {
		j := c.randN(int64(c.jitter))
		ahead += time.Duration(min(max(j, 0), int64(c.jitter)-1))
	}
	// Never spend more than half the lifetime refreshing, so that short-lived
	// credentials are not refreshed on every call.
	if half := time.Until(e.Expires) / 2; ahead > half {
		ahead = half
	}
	c.refreshAt = e.Expires.Add(-ahead)
}
