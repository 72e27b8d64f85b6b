package redislimit

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run a redis-server of their own and stop it in the middle.

func TestOutageStoppedRedisFailsClosed(t *testing.T) {
	srv := startRedisServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.addr})
	t.Cleanup(func() { _ = rdb.Close() })
	var logs syncBuffer
	ak := "AKID" + randomID(t)
	g, err := JDCloud(rdb, ak, WithCooldown(100*time.Millisecond),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.NoError(t, err)
	lim := g.For("jdcloud/vm")
	ctx := t.Context()
	for range 3 {
		require.NoError(t, lim.Wait(ctx))
	}
	require.Equal(t, int64(1), rdb.Exists(ctx, g.RedisKey("jdcloud/vm")).Val())

	srv.stop()
	err = lim.Wait(ctx)
	require.ErrorIs(t, err, ErrUnavailable)
	var ue *UnavailableError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, g.RedisKey("jdcloud/vm"), ue.Key)
	require.Error(t, ue.Err, "the Redis error is wrapped")
	t.Logf("with Redis stopped: %v", err)
	require.ErrorIs(t, lim.Wait(ctx), ErrUnavailable, "still down")

	srv.restart()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		assert.NoError(c, lim.Wait(ctx))
	}, 10*time.Second, 50*time.Millisecond, "Redis is used again once it is back")
	assert.Equal(t, int64(1), rdb.Exists(ctx, g.RedisKey("jdcloud/vm")).Val(), "the quota is in the new Redis")

	out := logs.String()
	t.Logf("log:\n%s", out)
	assert.Equal(t, 1, strings.Count(out, "redis unavailable, failing closed"))
	assert.Equal(t, 1, strings.Count(out, "redis available again"))
	assert.NotContains(t, out, ak)
}

func TestOutagePausedRedisFailsAfterTimeout(t *testing.T) {
	srv := startRedisServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.addr})
	t.Cleanup(func() { _ = rdb.Close() })
	g, err := NewGroup(rdb, "test", "AKID"+randomID(t), Limit{Rate: 100, Period: time.Second, Burst: 100},
		WithRedisTimeout(300*time.Millisecond), WithCooldown(0))
	require.NoError(t, err)
	lim := g.For("k")
	ctx := t.Context()
	require.NoError(t, lim.Wait(ctx))

	srv.pause() // accepts nothing, answers nothing: go-redis alone would wait its 3s read timeout
	err = lim.Wait(ctx)
	srv.resume()
	require.ErrorIs(t, err, ErrUnavailable)
	require.ErrorIs(t, err, ErrRedisTimeout)
	require.NotErrorIs(t, err, context.DeadlineExceeded, "not the caller's deadline")
	assert.Contains(t, err.Error(), "no answer from redis within 300ms")

	require.EventuallyWithT(t, func(c *assert.CollectT) {
		assert.NoError(c, lim.Wait(ctx))
	}, 10*time.Second, 50*time.Millisecond)
}

func TestOutageStoppedRedisFallsBack(t *testing.T) {
	srv := startRedisServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.addr})
	t.Cleanup(func() { _ = rdb.Close() })
	var logs syncBuffer
	g, err := NewGroup(rdb, "test", "AKID"+randomID(t), Limit{Rate: 20, Period: time.Second, Burst: 4},
		WithFallback(0.5), WithCooldown(200*time.Millisecond),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.NoError(t, err)
	lim := g.For("k")
	ctx := t.Context()
	require.NoError(t, lim.Wait(ctx))

	srv.stop()
	// The fallback admits half the limit: 10 per second, burst 2, so four
	// Waits take at least 200ms.
	start := time.Now()
	for range 4 {
		require.NoError(t, lim.Wait(ctx))
	}
	assert.GreaterOrEqual(t, time.Since(start), 190*time.Millisecond)
	assert.Contains(t, logs.String(), "redis unavailable, using in-process fallback")

	srv.restart()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		assert.NoError(c, lim.Wait(ctx))
		assert.Equal(c, int64(1), rdb.Exists(ctx, g.RedisKey("k")).Val())
	}, 10*time.Second, 50*time.Millisecond, "Redis is used again once it is back")
	assert.Contains(t, logs.String(), "redis available again")
}
