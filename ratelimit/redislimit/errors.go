package redislimit

import (
	"errors"
	"fmt"
)

// ErrUnavailable is matched (errors.Is) by the error Wait returns when Redis
// failed or did not answer within the Redis timeout, or is in its cool-down
// after such a failure, and the Group has no fallback (see WithFallback).
var ErrUnavailable = errors.New("redislimit: redis unavailable")

// ErrRedisTimeout is the cause inside an *UnavailableError when Redis did
// not answer within the Redis timeout (WithRedisTimeout). It is deliberately
// not context.DeadlineExceeded: the caller's context had not ended, and a
// caller testing errors.Is(err, context.DeadlineExceeded) must not take a
// slow Redis for its own deadline.
var ErrRedisTimeout = errors.New("redislimit: redis did not answer in time")

// UnavailableError is the error Wait returns when it cannot ask Redis and
// the Group fails closed. It matches ErrUnavailable and wraps the Redis
// error that caused it (for example a *net.OpError, or
// ErrRedisTimeout for a Redis that did not answer in time), so
// errors.Is and errors.As reach both.
type UnavailableError struct {
	// Key is the Redis key of the quota. It holds the hash of the access key
	// id, never the id.
	Key string
	// Err is the Redis failure: the one that just happened, or during the
	// cool-down the one that started it.
	Err error
}

// Error describes the failure: the Redis key and the cause.
func (e *UnavailableError) Error() string {
	return fmt.Sprintf("redislimit: redis unavailable for %s: %v", e.Key, e.Err)
}

// Unwrap returns ErrUnavailable and the cause, for errors.Is and errors.As.
func (e *UnavailableError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUnavailable}
	}
	return []error{ErrUnavailable, e.Err}
}
