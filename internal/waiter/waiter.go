// Package waiter polls until a long operation reaches a wanted state: the
// polling the generated service packages' waiters (QingCloud jobs, instance
// status on the three clouds) share.
//
// The first poll is made at once. Later polls wait a delay that doubles from
// MinDelay up to MaxDelay, each jittered to a uniformly random length between
// half and all of it, and never longer than the time left. Polling ends when
// the check is done or fails, when ctx ends, or after MaxWait.
package waiter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Options bound the polling. Zero fields take the defaults of the caller.
type Options struct {
	// MinDelay is the delay before the second poll.
	MinDelay time.Duration
	// MaxDelay caps the delay between polls.
	MaxDelay time.Duration
	// MaxWait bounds the whole wait; 0 means only ctx bounds it.
	MaxWait time.Duration
	// Rand returns a number in [0, 1) for the jitter; nil uses math/rand/v2.
	Rand func() float64
	// Observer, when set (the client's multicloud.Observer), hears the wait,
	// named by Wait, and each poll. Defaults do not supply it.
	Observer multicloud.Observer
	// Wait names the wait for the Observer.
	Wait multicloud.WaitInfo
}

// withDefaults fills zero fields from d.
func (o Options) withDefaults(d Options) Options {
	if o.MinDelay <= 0 {
		o.MinDelay = d.MinDelay
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = d.MaxDelay
	}
	if o.MaxWait <= 0 {
		o.MaxWait = d.MaxWait
	}
	if o.Rand == nil {
		o.Rand = d.Rand
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	o.MinDelay = max(o.MinDelay, time.Millisecond)
	o.MaxDelay = max(o.MaxDelay, o.MinDelay)
	return o
}

// ErrTimeout is wrapped by the error of a wait that ran out of MaxWait: the
// exported errors.ErrWaitTimeout, which callers can import. That error is an
// *errors.Error of KindUnavailable.
var ErrTimeout = mcerrors.ErrWaitTimeout

// Check polls once. It returns the state it saw, whether that state is the
// one wanted, and an error that ends the wait at once.
type Check[T any] func(ctx context.Context) (state T, done bool, err error)

// Poll runs check until it is done or fails, ctx ends, or opts.MaxWait
// passes; opts' zero fields take the values of defaults. It returns the last
// state seen and, unless the check was done, an error: the check's, or one
// wrapping ctx's error (context.Canceled, context.DeadlineExceeded) or
// ErrTimeout.
func Poll[T any](ctx context.Context, opts, defaults Options, check Check[T]) (T, error) {
	if opts.Observer == nil {
		return poll(ctx, opts.withDefaults(defaults), check)
	}
	ctx, w := opts.Observer.StartWait(ctx, opts.Wait)
	polls := 0
	state, err := poll(ctx, opts.withDefaults(defaults), func(ctx context.Context) (T, bool, error) {
		polls++
		pctx := w.StartPoll(ctx, polls)
		s, done, err := check(pctx)
		w.EndPoll(pctx, polls, done, err)
		return s, done, err
	})
	w.EndWait(ctx, polls, err)
	return state, err
}

// poll is Poll's loop, with o's defaults filled in.
func poll[T any](ctx context.Context, o Options, check Check[T]) (T, error) {
	var deadline time.Time
	if o.MaxWait > 0 {
		deadline = time.Now().Add(o.MaxWait)
	}
	delay := o.MinDelay
	var (
		state T
		timer *time.Timer
	)
	for attempt := 1; ; attempt++ {
		if err := context.Cause(ctx); err != nil {
			return state, fmt.Errorf("waiter: stopped after %d polls: %w", attempt-1, err)
		}
		s, done, err := check(ctx)
		state = s
		if err != nil || done {
			return state, err
		}
		wait := delay/2 + time.Duration(o.Rand()*float64(delay-delay/2))
		if !deadline.IsZero() {
			left := time.Until(deadline)
			if left <= 0 {
				return state, &mcerrors.Error{Kind: mcerrors.KindUnavailable, Err: ErrTimeout,
					Message: fmt.Sprintf("gave up waiting after %d polls in %v", attempt, o.MaxWait)}
			}
			wait = min(wait, left)
		}
		delay = min(delay*2, o.MaxDelay)
		if timer == nil {
			timer = time.NewTimer(wait)
			defer timer.Stop()
		} else {
			timer.Reset(wait)
		}
		select {
		case <-timer.C:
		case <-ctx.Done():
			return state, fmt.Errorf("waiter: stopped after %d polls: %w", attempt, context.Cause(ctx))
		}
	}
}

// Observed returns o with its polls reported to obs (nil: to no one) as the
// waiter name of the provider's service.
func (o Options) Observed(obs multicloud.Observer, provider, service, name string) Options {
	o.Observer = obs
	o.Wait = multicloud.WaitInfo{Provider: provider, Service: service, Name: name}
	return o
}

// Apply returns a zero T with each of opts applied in turn, skipping nil
// ones: how a waiter reads its functional options (func(*WaitOptions)).
func Apply[T any](opts []func(*T)) T {
	var o T
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}
