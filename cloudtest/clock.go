package cloudtest

import (
	"sync"
	"time"
)

// Clock is a manual clock for tests: time stands still until Advance or Set
// moves it. Give its Now method to WithClock; a client built with the
// server's ClientOptions signs with the same clock, so signatures stay
// valid while the test moves time. It is safe for concurrent use.
//
// testing/synctest cannot drive a Server: the server's goroutines wait on
// real sockets, which a synctest bubble does not count as blocked, so the
// bubble's clock never advances. A Clock does the same job.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock standing at start.
func NewClock(start time.Time) *Clock { return &Clock{now: start} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d and returns the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Set moves the clock to t, forward or back.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}
