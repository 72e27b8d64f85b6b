package ratelimit

import (
	"time"

	"golang.org/x/time/rate"
)

// The per-provider defaults below are meant for the provider clients to use when they
// are given no limiter. Each call returns a fresh PerKey, so two clients built from two
// calls do not share a quota; give the same value to several clients to make them
// share one.

// JDCloudDefault returns JD Cloud's default limiter: one bucket per account and service
// line (the key, e.g. "jdcloud/vm@<account>"), each keeping to JD Cloud's quota of 1000 requests per minute
// per service line. A bucket lets 50 requests go at once (enough for a paged listing or
// a fan-out over regions without waiting) and refills at 950 per minute, so that no
// span of one minute ever holds more than 1000 requests (see NewQuota).
func JDCloudDefault() *PerKey {
	return NewPerKey(0, func(string) Limiter { return NewQuota(1000, time.Minute, 50) })
}

// QingCloudDefault returns QingCloud's default limiter: one bucket per account (the key,
// "qingcloud@<account>", see Keyed), each keeping to QingCloud's documented quota for new
// accounts of 2000 requests per 3600 seconds. A bucket lets 20 requests go at once (a
// short interactive session: describe, run, then poll a job) and refills at 1980 per
// hour, one request about every 1.8 seconds, so that no hour ever holds more than 2000
// requests (see NewQuota). Accounts with a raised quota should set their own.
func QingCloudDefault() *PerKey {
	return NewPerKey(0, func(string) Limiter { return NewQuota(2000, time.Hour, 20) })
}

// VolcengineDefault returns Volcengine's default limiter: one bucket per account and
// action (the key, e.g. "volcengine/billing/ListBill@<account>"), each admitting 4 requests per second with a
// burst of 10. Volcengine limits each API separately and publishes no single number;
// these are the values Volcengine's own Terraform provider uses, conservative for most
// APIs. Raise them for APIs whose published limit is higher.
func VolcengineDefault() *PerKey {
	return NewPerKey(0, func(string) Limiter { return NewTokenBucket(rate.Limit(4), 10) })
}
