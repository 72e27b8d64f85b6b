package redislimit

import (
	"fmt"
	"log/slog"
	"time"
)

// Defaults for the options.
const (
	// DefaultRedisTimeout bounds every call to Redis unless WithRedisTimeout
	// says otherwise.
	DefaultRedisTimeout = 250 * time.Millisecond
	// DefaultCooldown is how long Redis is left alone after a failure unless
	// WithCooldown says otherwise.
	DefaultCooldown = time.Second
	// DefaultPrefix starts every key unless WithPrefix says otherwise.
	DefaultPrefix = "multicloud:"
	// DefaultMaxKeys is how many keys a Group remembers per process, as
	// ratelimit.DefaultMaxKeys; the quotas themselves live in Redis.
	DefaultMaxKeys = 4096
)

// An Option configures a Group.
type Option func(*config) error

// config is what the options set.
type config struct {
	logger       *slog.Logger
	redisTimeout time.Duration
	cooldown     time.Duration
	fallback     float64 // 0: fail closed
	prefix       string
	accountWide  bool
	keyLimits    map[string]Limit
	maxKeys      int
}

func defaultConfig() config {
	return config{
		redisTimeout: DefaultRedisTimeout,
		cooldown:     DefaultCooldown,
		prefix:       DefaultPrefix,
		maxKeys:      DefaultMaxKeys,
	}
}

// WithLogger logs Redis failures and recoveries to l: one Warn record when
// Redis goes down and one Info record when it answers again, never per call.
// Records carry the provider, the hashed account and the cause, never the
// access key id. A nil l, the default, logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithRedisTimeout bounds every call to Redis by d (default
// DefaultRedisTimeout). A call that takes longer counts as a Redis failure.
// d must be positive.
func WithRedisTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("redislimit: redis timeout %v must be positive", d)
		}
		c.redisTimeout = d
		return nil
	}
}

// WithCooldown sets how long the Group leaves Redis alone after a failure
// (default DefaultCooldown); during that time Wait fails at once or uses the
// fallback without contacting Redis. d must not be negative; 0 tries Redis on
// every Wait.
func WithCooldown(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("redislimit: cooldown %v must not be negative", d)
		}
		c.cooldown = d
		return nil
	}
}

// WithFallback makes Wait, while Redis is down, wait on an in-process token
// bucket at fraction of the limit (rate and burst, the burst at least 1)
// instead of failing with ErrUnavailable. fraction must be in (0, 1]; with n
// processes sharing the quota, 1/n keeps the fleet within it. Without this
// option the Group fails closed.
func WithFallback(fraction float64) Option {
	return func(c *config) error {
		if !(fraction > 0 && fraction <= 1) {
			return fmt.Errorf("redislimit: fallback fraction %v must be in (0, 1]", fraction)
		}
		c.fallback = fraction
		return nil
	}
}

// WithPrefix starts every key with prefix instead of DefaultPrefix, to keep
// applications or environments that share one Redis apart.
func WithPrefix(prefix string) Option {
	return func(c *config) error {
		c.prefix = prefix
		return nil
	}
}

// AccountWide makes the Group keep one quota for the whole account: For
// ignores its key. QingCloud's quota is of this kind.
func AccountWide() Option {
	return func(c *config) error {
		c.accountWide = true
		return nil
	}
}

// WithKeyLimit gives key a limit of its own instead of the Group's, for
// example a Volcengine action whose published limit differs from the rest.
func WithKeyLimit(key string, l Limit) Option {
	return func(c *config) error {
		if err := l.validate(); err != nil {
			return err
		}
		if c.keyLimits == nil {
			c.keyLimits = make(map[string]Limit)
		}
		c.keyLimits[key] = l
		return nil
	}
}

// WithMaxKeys bounds how many keys the Group remembers in this process
// (default DefaultMaxKeys). A forgotten key that comes back is simply made
// again; its quota is in Redis and is not lost, only its fallback bucket
// starts full.
func WithMaxKeys(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("redislimit: max keys %d must be at least 1", n)
		}
		c.maxKeys = n
		return nil
	}
}
