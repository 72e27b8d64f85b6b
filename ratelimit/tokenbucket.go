package ratelimit

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// TokenBucket is a Limiter backed by a golang.org/x/time/rate token bucket: it holds up
// to Burst tokens, gains Limit tokens per second, and each request takes one token. A
// request that finds the bucket empty waits for its token; a wait that is cancelled, or
// that could not finish before its context's deadline, gives the token back.
//
// Build one with NewTokenBucket (a rate and a burst) or NewQuota (a provider's
// "n requests per window" quota). The zero TokenBucket does not limit.
type TokenBucket struct {
	lim *rate.Limiter
}

// NewTokenBucket returns a TokenBucket that refills at limit tokens per second and holds
// at most burst tokens; it starts full. rate.Inf disables the limit. A burst below 1 is
// taken as 1. A limit of 0 or below admits the first burst requests and then none: later
// Waits return only when their context ends (at once if the context has a deadline).
func NewTokenBucket(limit rate.Limit, burst int) *TokenBucket {
	return &TokenBucket{lim: rate.NewLimiter(limit, max(burst, 1))}
}

// NewQuota returns a TokenBucket that never admits more than n requests within any
// span of time of length window, for a provider quota of the form "n requests per
// window". Of the n requests, burst may go at once; the other n-burst are spread over
// the window, so the bucket refills at (n-burst)/window: burst + fill rate × window = n.
// The long-run rate is therefore slightly below n/window; a larger burst trades
// sustained rate for latency of short bursts.
//
// burst is clamped to [1, n-1]; n below 1 is taken as 1, and for n = 1 requests are
// spaced window apart. A window of 0 or below means no limit.
func NewQuota(n int, window time.Duration, burst int) *TokenBucket {
	if window <= 0 {
		return NewTokenBucket(rate.Inf, burst)
	}
	n = max(n, 1)
	if n == 1 {
		return NewTokenBucket(rate.Every(window), 1)
	}
	burst = min(max(burst, 1), n-1)
	return NewTokenBucket(rate.Limit(float64(n-burst)/window.Seconds()), burst)
}

// Wait takes one token, blocking until it is available or ctx ends. If the token would
// come due only at or after ctx's deadline, Wait returns at once with an error wrapping
// context.DeadlineExceeded instead of sleeping for a request that cannot be made in time.
func (b *TokenBucket) Wait(ctx context.Context) error {
	if b.lim == nil {
		return checkContext(ctx)
	}
	return waitOn(ctx, b.lim)
}

// Limit returns the fill rate in tokens (requests) per second; rate.Inf for no limit.
func (b *TokenBucket) Limit() rate.Limit {
	if b.lim == nil {
		return rate.Inf
	}
	return b.lim.Limit()
}

// Burst returns the bucket's capacity: how many requests may go at once.
func (b *TokenBucket) Burst() int {
	if b.lim == nil {
		return 0
	}
	return b.lim.Burst()
}
