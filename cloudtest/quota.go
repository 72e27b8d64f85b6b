package cloudtest

import (
	"sync"
	"time"
)

// quotaBuckets enforces a Quota per key with token buckets on the server's
// clock.
type quotaBuckets struct {
	q       Quota
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newQuotaBuckets(q Quota) *quotaBuckets {
	return &quotaBuckets{q: q, buckets: make(map[string]*bucket)}
}

// allow takes one token from key's bucket at time now, and reports whether
// there was one.
func (qb *quotaBuckets) allow(key string, now time.Time) bool {
	if qb.q.Requests <= 0 || qb.q.Per <= 0 {
		return true
	}
	qb.mu.Lock()
	defer qb.mu.Unlock()
	capacity := float64(qb.q.Requests)
	b, ok := qb.buckets[key]
	if !ok {
		b = &bucket{tokens: capacity, last: now}
		qb.buckets[key] = b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(capacity, b.tokens+capacity*float64(elapsed)/float64(qb.q.Per))
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
