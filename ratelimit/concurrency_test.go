package ratelimit_test

import (
	"fmt"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// TestConcurrentUse drives every limiter from many goroutines at once; run it with
// -race. The clock is synctest's, so waits cost no real time.
func TestConcurrentUse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		adaptivePerKey := ratelimit.NewPerKey(8, func(string) ratelimit.Limiter { return ratelimit.NewAdaptive() })
		limiters := map[string]ratelimit.Limiter{
			"TokenBucket":    ratelimit.NewTokenBucket(1000, 10),
			"Adaptive":       ratelimit.NewAdaptive(),
			"JDCloudDefault": ratelimit.JDCloudDefault(),
			"PerKey/8":       adaptivePerKey,
			"Unlimited":      ratelimit.Unlimited{},
		}
		const goroutines, requests = 64, 100
		var wg sync.WaitGroup
		for name, l := range limiters {
			for g := range goroutines {
				wg.Go(func() {
					for i := range requests {
						lim := l
						if k, ok := l.(ratelimit.Keyed); ok {
							lim = k.For(fmt.Sprintf("key%d", (g+i)%20))
						}
						if !assert.NoError(t, lim.Wait(t.Context()), name) {
							return
						}
						if o, ok := lim.(ratelimit.Observer); ok {
							o.Observe(i%10 == 0)
						}
						if a, ok := lim.(*ratelimit.Adaptive); ok {
							_ = a.Rate()
						}
					}
				})
			}
		}
		wg.Wait()
		require.LessOrEqual(t, adaptivePerKey.Len(), 8)
	})
}
