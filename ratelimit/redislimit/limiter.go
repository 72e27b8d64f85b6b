package redislimit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// minPoll is the shortest sleep between two polls of Redis by one waiter.
const minPoll = time.Millisecond

// A Limiter is the ratelimit.Limiter of one key of a Group. Get one with
// Group.For. It is safe for concurrent use.
type Limiter struct {
	g        *Group
	key      string // the key given to redis_rate
	limit    Limit
	gcra     redis_rate.Limit
	gate     chan struct{}          // held by the one Wait of this process that polls Redis
	fallback *ratelimit.TokenBucket // nil: fail closed
}

// Key returns the Redis key of the Limiter's quota.
func (l *Limiter) Key() string { return redisRatePrefix + l.key }

// Limit returns the Limiter's limit.
func (l *Limiter) Limit() Limit { return l.limit }

// Wait blocks until Redis admits one request under the Limiter's quota, or
// until ctx ends. It returns an error wrapping ctx's error if ctx ends first,
// one wrapping context.DeadlineExceeded at once if the request could not be
// admitted before ctx's deadline, and one wrapping ratelimit.ErrNilContext
// for a nil ctx. When Redis fails, is slow or is in its cool-down it returns
// an *UnavailableError (matching ErrUnavailable) or, with WithFallback, waits
// on the in-process fallback.
func (l *Limiter) Wait(ctx context.Context) error {
	if ctx == nil {
		return fmt.Errorf("redislimit: Wait: %w", ratelimit.ErrNilContext)
	}
	if ctx.Err() != nil {
		return contextError(ctx)
	}
	queued := false // whether this Wait holds l.gate
	release := func() {
		if queued {
			<-l.gate
			queued = false
		}
	}
	defer release()
	for {
		if o := l.g.health.down(time.Now()); o != nil {
			release()
			return l.degraded(ctx, o.cause)
		}
		res, err := l.allow(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return contextError(ctx)
			}
			l.g.health.fail(ctx, time.Now(), err)
			release()
			return l.degraded(ctx, err)
		}
		now := time.Now()
		l.g.health.ok(ctx, now)
		if res.Allowed > 0 {
			return nil
		}
		delay := max(res.RetryAfter, minPoll)
		if deadline, ok := ctx.Deadline(); ok && !now.Add(delay).Before(deadline) {
			return fmt.Errorf("redislimit: next request for %s due in %v, past the context deadline: %w",
				l.Key(), delay, context.DeadlineExceeded)
		}
		if !queued {
			select {
			case l.gate <- struct{}{}: // nobody polls: sleep the delay Redis gave
				queued = true
			default: // queue; once through, time has passed: ask again
				select {
				case l.gate <- struct{}{}:
					queued = true
					continue
				case <-ctx.Done():
					return contextError(ctx)
				}
			}
		}
		if err := sleep(ctx, delay); err != nil {
			return err
		}
	}
}

// allow asks Redis for one request, giving up after the Redis timeout even
// if the client would wait longer (go-redis ignores context deadlines on
// reads unless ContextTimeoutEnabled is set).
func (l *Limiter) allow(ctx context.Context) (*redis_rate.Result, error) {
	timeout := l.g.cfg.redisTimeout
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type answer struct {
		res *redis_rate.Result
		err error
	}
	done := make(chan answer, 1)
	go func() {
		res, err := l.g.store.AllowN(ctx, l.key, l.gcra, 1)
		done <- answer{res, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-ctx.Done():
		a.err = ctx.Err()
	}
	if errors.Is(a.err, context.DeadlineExceeded) {
		// Not the caller's deadline: wrapping context.DeadlineExceeded
		// would make the call look ended by its own context.
		return nil, fmt.Errorf("no answer from redis within %v: %w", timeout, ErrRedisTimeout)
	}
	if a.err == nil && a.res == nil {
		a.err = errors.New("empty answer from redis")
	}
	return a.res, a.err
}

// degraded is Wait while Redis cannot be asked: the fallback, or an
// *UnavailableError.
func (l *Limiter) degraded(ctx context.Context, cause error) error {
	if l.fallback == nil {
		return &UnavailableError{Key: l.Key(), Err: cause}
	}
	return l.fallback.Wait(ctx)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return contextError(ctx)
	}
}

// contextError wraps ctx's error, and its cause when that says more.
func contextError(ctx context.Context) error {
	err := ctx.Err()
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, err) {
		return fmt.Errorf("redislimit: %w: %w", err, cause)
	}
	return fmt.Errorf("redislimit: %w", err)
}
