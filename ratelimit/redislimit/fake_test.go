package redislimit

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
)

// fakeStore is an in-memory store with redis_rate's GCRA on the local clock
// (the fake clock inside a synctest bubble), and switchable failures.
type fakeStore struct {
	mode  atomic.Int32 // fakeOK, fakeFail or fakeHang
	calls atomic.Int64

	mu  sync.Mutex
	tat map[string]time.Time // theoretical arrival time per key
}

const (
	fakeOK   = iota // answer
	fakeFail        // fail at once
	fakeHang        // never answer
)

func newFakeStore() *fakeStore { return &fakeStore{tat: make(map[string]time.Time)} }

func (f *fakeStore) AllowN(ctx context.Context, key string, limit redis_rate.Limit, n int) (*redis_rate.Result, error) {
	f.calls.Add(1)
	switch f.mode.Load() {
	case fakeFail:
		return nil, errFakeRedis
	case fakeHang:
		<-ctx.Done()
		return nil, ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := time.Now()
	interval := limit.Period / time.Duration(limit.Rate)
	tat := f.tat[key]
	if tat.Before(now) {
		tat = now
	}
	newTAT := tat.Add(interval * time.Duration(n))
	allowAt := newTAT.Add(-interval * time.Duration(limit.Burst))
	if now.Before(allowAt) {
		return &redis_rate.Result{Limit: limit, RetryAfter: allowAt.Sub(now), ResetAfter: tat.Sub(now)}, nil
	}
	f.tat[key] = newTAT
	return &redis_rate.Result{Limit: limit, Allowed: n, RetryAfter: -1, ResetAfter: newTAT.Sub(now)}, nil
}
