package redislimit

import (
	"fmt"
	"time"

	"github.com/go-redis/redis_rate/v10"
)

// Limit is a rate: Rate requests per Period in the long run, of which up to
// Burst may go at once. In any span of time of length Period at most
// Burst + Rate requests are admitted.
type Limit struct {
	// Rate is how many requests are admitted per Period once the burst is
	// spent. It must be at least 1.
	Rate int
	// Period is the time Rate refers to. It must be at least one
	// millisecond.
	Period time.Duration
	// Burst is how many requests may go at once after a quiet spell. It must
	// be at least 1.
	Burst int
}

// Quota returns the Limit for a provider quota of the form "n requests per
// window", computed as ratelimit.NewQuota computes its token bucket: burst
// requests may go at once and the other n-burst are spread over the window,
// so that no span of time of length window holds more than n requests. burst
// is clamped to [1, n-1]; for n = 1 requests are spaced window apart.
func Quota(n int, window time.Duration, burst int) Limit {
	n = max(n, 1)
	if n == 1 {
		return Limit{Rate: 1, Period: window, Burst: 1}
	}
	burst = min(max(burst, 1), n-1)
	return Limit{Rate: n - burst, Period: window, Burst: burst}
}

// JDCloudLimit is JD Cloud's quota of 1000 requests per minute per service
// line with a burst of 50, the numbers of ratelimit.JDCloudDefault.
func JDCloudLimit() Limit { return Quota(1000, time.Minute, 50) }

// QingCloudLimit is QingCloud's quota for new accounts, 2000 requests per
// 3600 seconds per account, with a burst of 20, the numbers of
// ratelimit.QingCloudDefault.
func QingCloudLimit() Limit { return Quota(2000, time.Hour, 20) }

// VolcengineLimit is the per-action limit of ratelimit.VolcengineDefault: 4
// requests per second with a burst of 10. Volcengine publishes no single
// number; raise it for APIs whose published limit is higher.
func VolcengineLimit() Limit { return Limit{Rate: 4, Period: time.Second, Burst: 10} }

// String returns the limit in a form such as "950 per 1m0s, burst 50".
func (l Limit) String() string {
	return fmt.Sprintf("%d per %v, burst %d", l.Rate, l.Period, l.Burst)
}

// validate reports why l cannot be used, or nil.
func (l Limit) validate() error {
	switch {
	case l.Rate < 1:
		return fmt.Errorf("redislimit: limit %v: rate must be at least 1", l)
	case l.Period < time.Millisecond:
		return fmt.Errorf("redislimit: limit %v: period must be at least 1ms", l)
	case l.Burst < 1:
		return fmt.Errorf("redislimit: limit %v: burst must be at least 1", l)
	}
	return nil
}

// gcra returns l in redis_rate's terms.
func (l Limit) gcra() redis_rate.Limit {
	return redis_rate.Limit{Rate: l.Rate, Period: l.Period, Burst: l.Burst}
}

// perSecond returns the long-run rate in requests per second.
func (l Limit) perSecond() float64 {
	return float64(l.Rate) / l.Period.Seconds()
}
