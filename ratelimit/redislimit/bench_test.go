package redislimit

import (
	"testing"
	"time"
)

// BenchmarkWait measures admitted Waits against the Redis of
// MULTICLOUD_TEST_REDIS_ADDR, with a limit high enough that every Wait is
// admitted at once: one Redis round trip (one EVALSHA) per Wait. It reports
// waits/s; "serial" is one goroutine, "parallel" GOMAXPROCS goroutines
// sharing one Limiter.
func BenchmarkWait(b *testing.B) {
	rdb := testRedis(b)
	high := Limit{Rate: 1_000_000, Period: time.Second, Burst: 1_000_000}
	newLimiter := func(b *testing.B) *Limiter {
		g, err := NewGroup(rdb, "bench", "AKID"+randomID(b), high, WithPrefix(testPrefix(b)))
		if err != nil {
			b.Fatal(err)
		}
		return g.For("bench").(*Limiter)
	}
	b.Run("serial", func(b *testing.B) {
		lim := newLimiter(b)
		ctx := b.Context()
		b.ReportAllocs()
		for b.Loop() {
			if err := lim.Wait(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "waits/s")
	})
	b.Run("parallel", func(b *testing.B) {
		lim := newLimiter(b)
		ctx := b.Context()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := lim.Wait(ctx); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "waits/s")
	})
}
