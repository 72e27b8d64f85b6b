// Package redislimit is a rate limiter shared through Redis, for fleets of
// processes that use one account's quota.
//
// Provider quotas are counted per account (QingCloud) or per account and
// service line (JD Cloud) or per account and API (Volcengine), not per
// process: twenty workers with one key pair and an in-process limiter each
// send twenty times the quota. A Group keeps one quota per key in Redis, with
// the generic cell rate algorithm of github.com/go-redis/redis_rate (one Lua
// script, atomic in Redis, one key per quota), so every process that builds a
// Group for the same provider and account shares it. It works with any
// redis.UniversalClient: a single server, Redis Cluster or Sentinel.
//
// # Keys
//
// A Group is made for one provider and one account. Its Redis keys are
//
//	rate:<prefix><provider>:<account>:<key>
//
// where <prefix> is "multicloud:" unless changed with WithPrefix, <account> is
// the hex SHA-256 of the access key id (the id itself is never kept, logged
// or sent to Redis), and <key> is the key given to For, the key the core
// client picks per request (see ratelimit.Keyed): "jdcloud/vm" for a JD Cloud
// service line, "volcengine/billing/ListBill" for a Volcengine action. The
// core appends "@<account>" (ratelimit.AccountKey); For drops that suffix
// when it is the Group's own account, and keeps another account's, so a
// Group shared by clients of two accounts never mixes their quotas. A
// segment of the key (between slashes) that equals the access key id, as in
// QingCloud's "qingcloud/<access key id>", is replaced by its hash too. A
// Group made with AccountWide (QingCloud's default) ignores the key and keeps
// one quota for the whole account.
//
// # Limits
//
// A Limit admits Rate requests per Period in the long run and up to Burst at
// once, so at most Burst + Rate requests go in any span of length Period.
// Quota converts a provider's "n requests per window" into a Limit that
// never exceeds n in any window, exactly as ratelimit.NewQuota does, and
// JDCloudLimit, QingCloudLimit and VolcengineLimit are the numbers of the
// in-process defaults in package ratelimit.
//
// # When Redis is slow or down
//
// Every call to Redis is bounded by a timeout (WithRedisTimeout, default
// 250ms), whatever the client's own timeouts are; go-redis's own retries
// (MaxRetries, DialerRetries) happen within that bound, so with its defaults
// a refused connection is usually reported as the timeout, and a call that
// is given up on finishes in the background when the client's own timeouts
// end it. When a call fails or times
// out, the Group considers Redis down for a cool-down (WithCooldown, default
// one second), during which it does not contact Redis at all; the first Wait
// after the cool-down tries Redis again. While Redis is down, Wait does one of
// two things:
//
//   - by default it fails at once with an *UnavailableError, which matches
//     ErrUnavailable with errors.Is and wraps the Redis error (the request is
//     not sent: fail closed, so a fleet never exceeds the quota);
//   - with WithFallback(fraction) it waits instead on an in-process token
//     bucket at that fraction of the limit (both rate and burst), so that a
//     fleet of n processes stays near the quota with fraction = 1/n.
//
// A Wait whose own context ends while it talks to Redis returns the
// context's error and does not mark Redis down. State changes (Redis down,
// Redis back) are logged through the *slog.Logger given to WithLogger; by
// default nothing is logged.
//
// # Waiting
//
// A Wait asks Redis once; if Redis turns it down, it sleeps until the next
// request could be admitted (Redis says when) and asks again. Waits of one
// key in one process that have been turned down queue, and only the first in
// the queue polls Redis, so a process with many goroutines adds one poller,
// not many. A Wait that could not be admitted before its context's deadline
// returns at once with an error wrapping context.DeadlineExceeded. GCRA is
// not a queue across processes: which process gets the next slot is a race,
// but the total never exceeds the Limit.
package redislimit
