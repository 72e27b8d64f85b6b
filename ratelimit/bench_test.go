package ratelimit_test

import (
	"fmt"
	"testing"

	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

func BenchmarkWait(b *testing.B) {
	for name, l := range map[string]ratelimit.Limiter{
		"Unlimited":     ratelimit.Unlimited{},
		"TokenBucket":   ratelimit.NewTokenBucket(rate.Inf, 1),
		"Adaptive/idle": ratelimit.NewAdaptive(),
	} {
		b.Run(name, func(b *testing.B) {
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				if err := l.Wait(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPerKeyFor(b *testing.B) {
	keys := make([]string, 64)
	for i := range keys {
		keys[i] = fmt.Sprintf("volcengine/ecs/Action%d", i)
	}
	newBucket := func(string) ratelimit.Limiter { return ratelimit.NewTokenBucket(4, 10) }

	b.Run("hit", func(b *testing.B) {
		p := ratelimit.NewPerKey(0, newBucket)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			p.For(keys[i%len(keys)])
			i++
		}
	})
	b.Run("hit/parallel", func(b *testing.B) {
		p := ratelimit.NewPerKey(0, newBucket)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				p.For(keys[i%len(keys)])
				i++
			}
		})
	})
	b.Run("miss/evict", func(b *testing.B) {
		p := ratelimit.NewPerKey(len(keys)/2, newBucket) // every call makes a limiter and evicts one
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			p.For(keys[i%len(keys)])
			i++
		}
	})
}
