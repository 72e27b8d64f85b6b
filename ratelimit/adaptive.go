package ratelimit

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// AdaptiveOptions tunes an Adaptive limiter. A zero or out-of-range field takes its
// default.
type AdaptiveOptions struct {
	// Beta is the factor applied to the send rate when the server throttles, in (0, 1).
	// Default 0.7.
	Beta float64

	// Scale is the constant C of the cubic recovery curve
	// rate(t) = C·(t-K)³ + Rmax, in requests per second per second cubed; larger values
	// recover faster. Default 0.4.
	Scale float64

	// Smoothing is the weight, in (0, 1], of the newest send-rate sample in the moving
	// average of the measured send rate. Default 0.8.
	Smoothing float64

	// MinRate is the floor of the fill rate, in requests per second; throttling never
	// takes the limiter below it. Default 0.5.
	MinRate rate.Limit
}

// Default values of AdaptiveOptions.
const (
	DefaultAdaptiveBeta      = 0.7
	DefaultAdaptiveScale     = 0.4
	DefaultAdaptiveSmoothing = 0.8
	DefaultAdaptiveMinRate   = rate.Limit(0.5)
)

// sampleEvery is the width of the buckets in which Adaptive counts responses to measure
// the send rate.
const sampleEvery = 500 * time.Millisecond

// Adaptive is a Limiter and Observer that finds the rate the server accepts, in the
// manner of aws-sdk-go-v2's adaptive retry mode (CUBIC congestion control applied to
// request rate).
//
// Until the server first throttles a request, Adaptive does not limit at all; it only
// measures the send rate from the responses it observes. On a throttle it sets its fill
// rate to Beta times the lower of the measured send rate and its current fill rate,
// and starts limiting. On each later response that is not throttled it raises the fill
// rate along the cubic curve C·(t-K)³ + Rmax, where t is the time since the last
// throttle, Rmax the rate at which that throttle happened and K = ∛(Rmax·(1-Beta)/C):
// fast at first, flat near Rmax, then probing above it. The fill rate never exceeds
// twice the measured send rate and never falls below MinRate. The bucket holds one
// second's worth of tokens (at least one).
//
// Adaptive is safe for concurrent use. Use one per quota: per key, wrap it in a PerKey.
// Make one with NewAdaptive; the zero Adaptive is not usable.
type Adaptive struct {
	opts  AdaptiveOptions
	start time.Time // measurement epoch

	// bucket is nil until the first throttle; Wait reads it without taking mu.
	bucket atomic.Pointer[rate.Limiter]

	mu           sync.Mutex
	sample       time.Duration // start of the current measurement bucket, since start
	count        float64       // responses seen since sample
	measuredRate float64       // smoothed send rate, requests per second
	fillRate     float64       // current fill rate, requests per second
	maxRate      float64       // Rmax: the rate in force at the last throttle
	window       float64       // K, seconds
	lastThrottle time.Time
}

// NewAdaptive returns an Adaptive limiter, which does not limit until its first throttle.
// optFns adjust the defaults in AdaptiveOptions.
func NewAdaptive(optFns ...func(*AdaptiveOptions)) *Adaptive {
	var o AdaptiveOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if !(o.Beta > 0 && o.Beta < 1) {
		o.Beta = DefaultAdaptiveBeta
	}
	if !(o.Scale > 0) || math.IsInf(o.Scale, 1) {
		o.Scale = DefaultAdaptiveScale
	}
	if !(o.Smoothing > 0 && o.Smoothing <= 1) {
		o.Smoothing = DefaultAdaptiveSmoothing
	}
	if !(o.MinRate > 0) || o.MinRate == rate.Inf {
		o.MinRate = DefaultAdaptiveMinRate
	}
	return &Adaptive{opts: o, start: time.Now()}
}

// Options returns the options in effect, defaults filled in.
func (a *Adaptive) Options() AdaptiveOptions { return a.opts }

// Wait returns at once until the first throttle; from then on it takes one token from a
// bucket filled at the adapted rate, with the same context handling as TokenBucket.Wait.
func (a *Adaptive) Wait(ctx context.Context) error {
	b := a.bucket.Load()
	if b == nil {
		return checkContext(ctx)
	}
	return waitOn(ctx, b)
}

// Rate returns the current fill rate in requests per second, or rate.Inf before the
// first throttle.
func (a *Adaptive) Rate() rate.Limit {
	if a.bucket.Load() == nil {
		return rate.Inf
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return rate.Limit(a.fillRate)
}

// Observe records the answer to one request and adjusts the fill rate: throttled is
// true when the server throttled it.
func (a *Adaptive) Observe(throttled bool) {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.measure(now)

	b := a.bucket.Load()
	var target float64
	if throttled {
		a.maxRate = a.measuredRate
		if b != nil {
			a.maxRate = min(a.maxRate, a.fillRate)
		}
		a.window = math.Cbrt(a.maxRate * (1 - a.opts.Beta) / a.opts.Scale)
		a.lastThrottle = now
		target = a.maxRate * a.opts.Beta
	} else {
		if b == nil {
			return // not limiting yet: only measure
		}
		dt := now.Sub(a.lastThrottle).Seconds() - a.window
		target = a.opts.Scale*dt*dt*dt + a.maxRate
	}
	a.fillRate = max(min(target, 2*a.measuredRate), float64(a.opts.MinRate))
	burst := max(1, int(math.Round(a.fillRate)))
	if b == nil {
		a.bucket.Store(rate.NewLimiter(rate.Limit(a.fillRate), burst))
		return
	}
	b.SetLimitAt(now, rate.Limit(a.fillRate))
	b.SetBurstAt(now, burst)
}

// measure counts one response and, when a measurement bucket has ended, folds the rate
// since the previous one into the smoothed send rate. mu must be held.
func (a *Adaptive) measure(now time.Time) {
	a.count++
	current := now.Sub(a.start).Truncate(sampleEvery)
	if current <= a.sample {
		return
	}
	sampled := a.count / (current - a.sample).Seconds()
	a.measuredRate = a.opts.Smoothing*sampled + (1-a.opts.Smoothing)*a.measuredRate
	a.count = 0
	a.sample = current
}
