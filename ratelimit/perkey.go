package ratelimit

import (
	"container/list"
	"context"
	"sync"
)

// DefaultMaxKeys is how many keys a PerKey remembers when NewPerKey is given no bound.
// At a few hundred bytes per token bucket that is about a megabyte, and it is more than
// the service lines of JD Cloud or the accounts a program uses; for Volcengine, keyed by
// action, it holds the actions of dozens of services at once.
const DefaultMaxKeys = 4096

// PerKey is a Keyed limiter that gives every key its own Limiter, made on first use by
// the function given to NewPerKey. It remembers at most a fixed number of keys; when a
// new key would pass that bound, the key used least recently is forgotten. A forgotten
// key that comes back gets a new Limiter (for a token bucket: a full one), so the bound
// should exceed the number of keys in steady use; it exists so that a program walking
// over many actions or accounts cannot grow memory without end.
//
// PerKey is safe for concurrent use. Its Wait uses the key "". The zero PerKey leaves
// every key unlimited.
type PerKey struct {
	newLimiter func(key string) Limiter
	maxKeys    int

	mu    sync.Mutex
	keys  map[string]*list.Element // values are *entry
	order list.List                // most recently used first
}

type entry struct {
	key string
	lim Limiter
}

// NewPerKey returns a PerKey that calls newLimiter(key) the first time it sees a key and
// keeps at most maxKeys keys (DefaultMaxKeys if maxKeys is 0 or below). newLimiter may
// run more than once for the same key when goroutines race on a new key; one result is
// kept and the others are dropped unused, so newLimiter should only build a limiter. If
// newLimiter is nil or returns nil, the key is not limited (Unlimited).
func NewPerKey(maxKeys int, newLimiter func(key string) Limiter) *PerKey {
	return &PerKey{newLimiter: newLimiter, maxKeys: maxKeys}
}

// For returns the Limiter for key, making it if key is new or was forgotten.
func (p *PerKey) For(key string) Limiter {
	if lim, ok := p.lookup(key); ok {
		return lim
	}
	// Build outside the lock so that a slow or re-entrant newLimiter cannot stall or
	// deadlock other keys.
	var lim Limiter
	if p.newLimiter != nil {
		lim = p.newLimiter(key)
	}
	if lim == nil {
		lim = Unlimited{}
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	if el, ok := p.keys[key]; ok { // another goroutine made it first: use theirs
		p.order.MoveToFront(el)
		return el.Value.(*entry).lim
	}
	if p.keys == nil { // zero PerKey
		p.keys = make(map[string]*list.Element)
	}
	p.keys[key] = p.order.PushFront(&entry{key: key, lim: lim})
	for p.order.Len() > p.bound() {
		oldest := p.order.Back()
		p.order.Remove(oldest)
		delete(p.keys, oldest.Value.(*entry).key)
	}
	return lim
}

// bound returns the most keys p may keep.
func (p *PerKey) bound() int {
	if p.maxKeys <= 0 {
		return DefaultMaxKeys
	}
	return p.maxKeys
}

// lookup returns the Limiter kept for key, marking key as just used.
func (p *PerKey) lookup(key string) (Limiter, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	el, ok := p.keys[key]
	if !ok {
		return nil, false
	}
	p.order.MoveToFront(el)
	return el.Value.(*entry).lim, true
}

// Wait waits on the Limiter for the key "", for callers that do not pick a key.
func (p *PerKey) Wait(ctx context.Context) error {
	return p.For("").Wait(ctx)
}

// Len returns how many keys p remembers now; it never exceeds the bound given to
// NewPerKey.
func (p *PerKey) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.order.Len()
}
