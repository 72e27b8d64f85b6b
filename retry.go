package multicloud

import (
	"errors"
	"math/rand/v2"
	"sync"
	"time"
)

// RetryPolicy says how often and how patiently a failed call is retried.
// Backoff is full jitter (a uniform delay between 0 and the exponential
// bound), with a separate, larger base after throttling, after
// aws-sdk-go-v2's retry package.
type RetryPolicy struct {
	// MaxAttempts is how many times a request may be sent in all; 1 means
	// no retries. Default 3.
	MaxAttempts int
	// BaseDelay is the backoff base after a transient failure. The bound
	// for retry n (1-based) is BaseDelay * 2^(n-1). Default 100ms.
	BaseDelay time.Duration
	// ThrottleBaseDelay is the backoff base after the server throttled the
	// request. Default 1s.
	ThrottleBaseDelay time.Duration
	// MaxDelay caps the backoff bound. Default 20s.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest server-requested delay (Retry-After or the
	// provider's hint) the client will wait. A longer one ends the call at
	// once with the error, its RetryAfter set, so the caller can decide.
	// Default 30s.
	MaxRetryAfter time.Duration
	// Budget stops retry storms: every retry spends from it and successes
	// refill it. Nil means a budget of DefaultRetryBudget tokens owned by
	// the client; share one *RetryBudget between clients to bound them
	// together.
	Budget *RetryBudget
	// Jitter returns a uniform random duration in [0, max). Nil means
	// math/rand/v2. Tests inject a deterministic one.
	Jitter func(max time.Duration) time.Duration
}

// DefaultRetryPolicy is the policy a client uses unless WithRetry replaces
// it.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts:       3,
		BaseDelay:         100 * time.Millisecond,
		ThrottleBaseDelay: time.Second,
		MaxDelay:          20 * time.Second,
		MaxRetryAfter:     30 * time.Second,
	}
}

// NoRetry is a policy that sends every request once.
func NoRetry() RetryPolicy { return RetryPolicy{MaxAttempts: 1} }

// withDefaults fills the zero fields of p from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.ThrottleBaseDelay <= 0 {
		p.ThrottleBaseDelay = d.ThrottleBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	if p.Budget == nil {
		p.Budget = NewRetryBudget(DefaultRetryBudget)
	}
	if p.Jitter == nil {
		p.Jitter = func(max time.Duration) time.Duration {
			if max <= 0 {
				return 0
			}
			return rand.N(max)
		}
	}
	return p
}

// backoff returns the delay before retry number retry (1 for the first
// retry): full jitter under an exponential bound capped at MaxDelay.
func (p RetryPolicy) backoff(retry int, throttled bool) time.Duration {
	base := p.BaseDelay
	if throttled {
		base = p.ThrottleBaseDelay
	}
	bound := p.MaxDelay
	if shift := retry - 1; shift < 32 {
		if b := base << shift; b > 0 && b < bound {
			bound = b
		}
	}
	return p.Jitter(bound)
}

// DefaultRetryBudget is the capacity of a client's own retry budget.
const DefaultRetryBudget = 500

// Retry costs, after aws-sdk-go-v2: a retry spends retryCost tokens, one
// after a timeout spends timeoutRetryCost, and a call that succeeds at once
// earns successRefund back. With the default budget a client that sees only
// failures stops retrying after 100 retries, and recovers as calls succeed.
const (
	retryCost        = 5
	timeoutRetryCost = 10
	successRefund    = 1
)

// ErrRetryBudgetExhausted is joined to a call's last error when it could
// have been retried but the retry budget was empty: too many recent calls
// failed, and more retries would only add load.
var ErrRetryBudgetExhausted = errors.New("multicloud: retry budget exhausted")

// RetryBudget is a token bucket that limits retries across calls. It is safe
// for concurrent use.
type RetryBudget struct {
	mu       sync.Mutex
	tokens   int
	capacity int
}

// NewRetryBudget returns a full budget of capacity tokens.
func NewRetryBudget(capacity int) *RetryBudget {
	if capacity < 0 {
		capacity = 0
	}
	return &RetryBudget{tokens: capacity, capacity: capacity}
}

// Available reports the tokens left.
func (b *RetryBudget) Available() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens
}

// spend takes cost tokens if there are that many.
func (b *RetryBudget) spend(cost int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < cost {
		return false
	}
	b.tokens -= cost
	return true
}

// refund returns n tokens, up to the capacity.
func (b *RetryBudget) refund(n int) {
	b.mu.Lock()
	b.tokens = min(b.capacity, b.tokens+n)
	b.mu.Unlock()
}
