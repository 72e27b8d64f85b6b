package redislimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// accountKey is the key of an AccountWide Group's only quota.
const accountKey = "account"

// A Group is a ratelimit.Keyed limiter whose quotas live in Redis, one per
// key, shared by every process that makes a Group for the same provider and
// account on the same Redis (see the package documentation for the keys).
// Its For gives the Limiter of one key; its Wait waits on the key "".
//
// A Group is safe for concurrent use. It does not own the Redis client and
// never closes it.
type Group struct {
	store    store
	provider string
	account  string // hex SHA-256 of the access key id
	limit    Limit
	cfg      config
	health   health
	keys     *ratelimit.PerKey
}

// store is the part of redis_rate.Limiter a Group uses; tests replace it.
type store interface {
	AllowN(ctx context.Context, key string, limit redis_rate.Limit, n int) (*redis_rate.Result, error)
}

// NewGroup returns a Group that limits every key to l (unless WithKeyLimit
// says otherwise) for provider (e.g. "jdcloud") and the account of
// accessKeyID, whose SHA-256 hash alone is kept. rdb may be a *redis.Client,
// *redis.ClusterClient, a Sentinel failover client or a ring; the Lua script
// touches one key, so it is valid on a cluster.
func NewGroup(rdb redis.UniversalClient, provider, accessKeyID string, l Limit, opts ...Option) (*Group, error) {
	if rdb == nil {
		return nil, errors.New("redislimit: nil redis client")
	}
	return newGroup(redis_rate.NewLimiter(rdb), provider, accessKeyID, l, opts...)
}

// JDCloud returns a Group for a JD Cloud account with JDCloudLimit per key;
// the core client's keys are service lines ("jdcloud/vm").
func JDCloud(rdb redis.UniversalClient, accessKeyID string, opts ...Option) (*Group, error) {
	return NewGroup(rdb, "jdcloud", accessKeyID, JDCloudLimit(), opts...)
}

// QingCloud returns an AccountWide Group for a QingCloud account with
// QingCloudLimit: one quota for every request of the account.
func QingCloud(rdb redis.UniversalClient, accessKeyID string, opts ...Option) (*Group, error) {
	return NewGroup(rdb, "qingcloud", accessKeyID, QingCloudLimit(), append([]Option{AccountWide()}, opts...)...)
}

// Volcengine returns a Group for a Volcengine account with VolcengineLimit
// per key; the core client's keys are actions ("volcengine/billing/ListBill").
// Use WithKeyLimit for actions with a different published limit.
func Volcengine(rdb redis.UniversalClient, accessKeyID string, opts ...Option) (*Group, error) {
	return NewGroup(rdb, "volcengine", accessKeyID, VolcengineLimit(), opts...)
}

// newGroup is NewGroup on any store.
func newGroup(st store, provider, accessKeyID string, l Limit, opts ...Option) (*Group, error) {
	switch {
	case provider == "":
		return nil, errors.New("redislimit: empty provider")
	case strings.Contains(provider, ":"):
		return nil, fmt.Errorf("redislimit: provider %q contains ':'", provider)
	case accessKeyID == "":
		return nil, errors.New("redislimit: empty access key id")
	}
	if err := l.validate(); err != nil {
		return nil, err
	}
	cfg := defaultConfig()
	for _, opt := range opts {
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	g := &Group{
		store:    st,
		provider: provider,
		account:  hashID(accessKeyID),
		limit:    l,
		cfg:      cfg,
	}
	g.health = health{cooldown: cfg.cooldown, logger: cfg.logger, fallback: cfg.fallback,
		provider: provider, account: g.account}
	g.keys = ratelimit.NewPerKey(cfg.maxKeys, func(key string) ratelimit.Limiter { return g.newLimiter(key) })
	return g, nil
}

// hashID returns the hex SHA-256 of an access key id.
func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// For returns the Limiter of key, a *Limiter. Calls with the same key return
// Limiters that share one quota, in this process and in every other.
//
// The core client's keys end in "@" and the account (see ratelimit.AccountKey). A
// Group is one account's already, so the suffix of its own account is dropped: the
// Redis keys and WithKeyLimit's keys stay the provider's ("jdcloud/vm"). A key of
// another account keeps its suffix, and its own quota.
func (g *Group) For(key string) ratelimit.Limiter {
	if g.cfg.accountWide {
		key = accountKey
	}
	key = strings.TrimSuffix(key, "@"+g.account[:16])
	return g.keys.For(key)
}

// Wait waits on the Limiter of the key "" (of the account, for an
// AccountWide Group), for callers that do not pick a key.
func (g *Group) Wait(ctx context.Context) error {
	return g.For("").Wait(ctx)
}

// RedisKey returns the Redis key that holds key's quota, for inspecting or
// resetting it with redis-cli. It holds the account's hash, not its id.
func (g *Group) RedisKey(key string) string {
	if g.cfg.accountWide {
		key = accountKey
	}
	return redisRatePrefix + g.storeKey(key)
}

// redisRatePrefix is what redis_rate puts before every key.
const redisRatePrefix = "rate:"

// storeKey returns the key given to redis_rate for key: the prefix, the
// provider, the account hash and key, with any segment of key that is the
// access key id replaced by its hash.
func (g *Group) storeKey(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		if s != "" && hashID(s) == g.account {
			segs[i] = g.account
		}
	}
	return g.cfg.prefix + g.provider + ":" + g.account + ":" + strings.Join(segs, "/")
}

// newLimiter builds the Limiter of key.
func (g *Group) newLimiter(key string) *Limiter {
	l := g.limit
	if kl, ok := g.cfg.keyLimits[key]; ok {
		l = kl
	}
	lim := &Limiter{
		g:     g,
		key:   g.storeKey(key),
		limit: l,
		gcra:  l.gcra(),
		gate:  make(chan struct{}, 1),
	}
	if f := g.cfg.fallback; f > 0 {
		lim.fallback = ratelimit.NewTokenBucket(rate.Limit(l.perSecond()*f), max(1, int(float64(l.Burst)*f)))
	}
	return lim
}
