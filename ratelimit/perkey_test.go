package ratelimit_test

import (
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/ratelimit"
)

func TestPerKeyIsolatesKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := ratelimit.NewPerKey(0, func(string) ratelimit.Limiter { return ratelimit.NewTokenBucket(1, 1) })
		vm := p.For("jdcloud/vm")
		assert.Same(t, vm, p.For("jdcloud/vm"), "one limiter per key")
		assert.NotSame(t, vm, p.For("jdcloud/vpc"))

		start := time.Now()
		require.NoError(t, p.For("jdcloud/vm").Wait(t.Context()))
		require.NoError(t, p.For("jdcloud/vpc").Wait(t.Context()))
		assertElapsed(t, start, 0, "each key has its own burst")
		require.NoError(t, p.For("jdcloud/vm").Wait(t.Context()))
		assertElapsed(t, start, time.Second, "a key's second request waits for its own bucket")
		require.NoError(t, p.For("jdcloud/disk").Wait(t.Context()))
		assertElapsed(t, start, time.Second, "another key is not slowed by it")
	})
}

func TestPerKeyEvictsLeastRecentlyUsed(t *testing.T) {
	made := map[string]int{}
	p := ratelimit.NewPerKey(3, func(key string) ratelimit.Limiter {
		made[key]++
		return ratelimit.NewTokenBucket(1, 1)
	})
	a := p.For("a")
	p.For("b")
	p.For("c")
	p.For("a") // a is now the most recently used, b the least
	p.For("d") // evicts b
	assert.Equal(t, 3, p.Len())
	assert.Same(t, a, p.For("a"), "a was kept")
	assert.Equal(t, 1, made["a"])
	p.For("b")
	assert.Equal(t, 2, made["b"], "b was forgotten and made again")

	for i := range 10_000 {
		p.For(fmt.Sprintf("volcengine/ecs/Action%d", i))
	}
	assert.Equal(t, 3, p.Len(), "many keys never grow it past its bound")
}

func TestPerKeyDefaultBound(t *testing.T) {
	for name, p := range map[string]*ratelimit.PerKey{
		"NewPerKey(0)":  ratelimit.NewPerKey(0, func(string) ratelimit.Limiter { return ratelimit.NewTokenBucket(1, 1) }),
		"NewPerKey(-1)": ratelimit.NewPerKey(-1, nil),
		"zero PerKey":   {},
		"default":       ratelimit.VolcengineDefault(),
	} {
		for i := range ratelimit.DefaultMaxKeys + 100 {
			p.For(fmt.Sprint(i))
		}
		assert.Equal(t, ratelimit.DefaultMaxKeys, p.Len(), name)
	}
}

func TestPerKeyWithoutLimiterIsUnlimited(t *testing.T) {
	var zero ratelimit.PerKey
	for name, p := range map[string]*ratelimit.PerKey{
		"nil func":         ratelimit.NewPerKey(0, nil),
		"func returns nil": ratelimit.NewPerKey(0, func(string) ratelimit.Limiter { return nil }),
		"zero PerKey":      &zero,
	} {
		assert.Equal(t, ratelimit.Unlimited{}, p.For("x"), name)
		require.NoError(t, p.Wait(t.Context()), name)
	}
}

func TestPerKeyWaitUsesEmptyKey(t *testing.T) {
	var keys []string
	p := ratelimit.NewPerKey(0, func(key string) ratelimit.Limiter {
		keys = append(keys, key)
		return ratelimit.Unlimited{}
	})
	require.NoError(t, p.Wait(t.Context()))
	require.NoError(t, p.Wait(t.Context()))
	assert.Equal(t, []string{""}, keys)
}

func TestPerKeyConcurrentFirstUseAgrees(t *testing.T) {
	p := ratelimit.NewPerKey(0, func(string) ratelimit.Limiter { return ratelimit.NewTokenBucket(1, 1) })
	const n = 64
	got := make([]ratelimit.Limiter, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			got[i] = p.For("qingcloud/acct")
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		assert.Same(t, got[0], got[i], "goroutine %d", i)
	}
	assert.Equal(t, 1, p.Len())
}
