package redislimit

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testPrefix returns a key prefix no other test or run uses.
func testPrefix(t testing.TB) string {
	return "multicloud-test:" + randomID(t) + ":"
}

func TestRedisGroupsShareOneQuota(t *testing.T) {
	rdb := testRedis(t)
	prefix := testPrefix(t)
	slow := Limit{Rate: 1, Period: time.Minute, Burst: 3} // no refill within the test
	ak := "AKID" + randomID(t)
	// Two Groups for the same account: as two processes would make them.
	a, err := NewGroup(rdb, "jdcloud", ak, slow, WithPrefix(prefix))
	require.NoError(t, err)
	b, err := NewGroup(rdb, "jdcloud", ak, slow, WithPrefix(prefix))
	require.NoError(t, err)
	ctx := t.Context()

	require.NoError(t, a.For("jdcloud/vm").Wait(ctx))
	require.NoError(t, b.For("jdcloud/vm").Wait(ctx))
	require.NoError(t, a.For("jdcloud/vm").Wait(ctx))
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	err = b.For("jdcloud/vm").Wait(short)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the burst of 3 is spent across both Groups")
	require.NotErrorIs(t, err, ErrUnavailable)

	// Another service line, another account, another provider: other quotas.
	require.NoError(t, b.For("jdcloud/vpc").Wait(ctx))
	other, err := NewGroup(rdb, "jdcloud", "AKID"+randomID(t), slow, WithPrefix(prefix))
	require.NoError(t, err)
	require.NoError(t, other.For("jdcloud/vm").Wait(ctx))
	volc, err := NewGroup(rdb, "volcengine", ak, slow, WithPrefix(prefix))
	require.NoError(t, err)
	require.NoError(t, volc.For("jdcloud/vm").Wait(ctx))

	// Redis holds the account's hash, never the access key id.
	keys, err := rdb.Keys(ctx, "rate:"+prefix+"*").Result()
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		a.RedisKey("jdcloud/vm"), a.RedisKey("jdcloud/vpc"),
		other.RedisKey("jdcloud/vm"), volc.RedisKey("jdcloud/vm"),
	}, keys)
	for _, k := range keys {
		assert.NotContains(t, k, ak)
		v, err := rdb.Get(ctx, k).Result()
		require.NoError(t, err)
		assert.NotContains(t, v, ak)
		ttl, err := rdb.TTL(ctx, k).Result()
		require.NoError(t, err)
		assert.Positive(t, ttl, "keys expire on their own")
	}
	assert.Contains(t, a.RedisKey("jdcloud/vm"), hashID(ak))
}

func TestRedisWaitPaces(t *testing.T) {
	rdb := testRedis(t)
	g, err := NewGroup(rdb, "test", "AKID"+randomID(t), Limit{Rate: 20, Period: time.Second, Burst: 1},
		WithPrefix(testPrefix(t)))
	require.NoError(t, err)
	lim := g.For("k")
	start := time.Now()
	for range 5 {
		require.NoError(t, lim.Wait(t.Context()))
	}
	// One at once, then one per 50ms: at least 200ms for five.
	assert.GreaterOrEqual(t, time.Since(start), 190*time.Millisecond)
}

func TestRedisQingCloudKeyIsAccountWide(t *testing.T) {
	rdb := testRedis(t)
	prefix := testPrefix(t)
	ak := "QYACCESSKEY" + randomID(t)
	g, err := QingCloud(rdb, ak, WithPrefix(prefix))
	require.NoError(t, err)
	ctx := t.Context()
	require.NoError(t, g.For("qingcloud/"+ak).Wait(ctx))
	require.NoError(t, g.Wait(ctx))
	keys, err := rdb.Keys(ctx, "rate:"+prefix+"*").Result()
	require.NoError(t, err)
	assert.Equal(t, []string{"rate:" + prefix + "qingcloud:" + hashID(ak) + ":account"}, keys)
}

func TestRedisWorksWithUniversalClient(t *testing.T) {
	testRedis(t) // skip or fail as the others do
	u := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{testRedis(t).Options().Addr}})
	t.Cleanup(func() { _ = u.Close() })
	g, err := Volcengine(u, "AKLT"+randomID(t), WithPrefix(testPrefix(t)))
	require.NoError(t, err)
	require.NoError(t, g.For("volcengine/billing/ListBill").Wait(t.Context()))
}
