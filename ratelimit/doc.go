// Package ratelimit keeps callers inside each provider's request quota.
//
// The core client waits on a Limiter before it sends a request (and before each retry):
//
//	type Limiter interface{ Wait(ctx context.Context) error }
//
// Two optional interfaces refine that. If the limiter is Keyed, the client first calls
// For with a key chosen by the provider (a JD Cloud service line, a Volcengine action, a
// QingCloud account) and waits on the Limiter it returns. If that Limiter is an
// Observer, the client calls Observe after each response, with throttled set when the
// server throttled the request, so that the limiter can adapt.
//
// # Which limiter to pick
//
//   - Nothing: each provider client uses its provider's default, JDCloudDefault,
//     QingCloudDefault or VolcengineDefault: a token bucket per key sized from the
//     provider's published quota. That suits a single process using an account.
//   - NewQuota or NewTokenBucket, wrapped in NewPerKey, when your quota differs from
//     the default (a raised QingCloud quota, a Volcengine API with a published limit) or
//     when this process should use only part of a quota it shares with others.
//   - NewAdaptive, usually one per key through NewPerKey, when the quota is unknown or
//     shared with processes you do not control: it does not limit at all until the
//     server throttles, then lowers its rate and recovers slowly, in the manner of
//     aws-sdk-go-v2's adaptive retry mode.
//   - A redislimit.Group (package ratelimit/redislimit), a limiter shared through Redis,
//     when a fleet of processes shares one account's quota and must keep to it together.
//   - Unlimited, to turn client-side limiting off, e.g. when the caller limits already.
//
// # Replacing the defaults
//
// Every default is replaced by passing another limiter to the client, e.g.
//
//	// JD Cloud at half its quota, because another tool uses the same account:
//	multicloud.WithRateLimiter(ratelimit.NewPerKey(0, func(string) ratelimit.Limiter {
//		return ratelimit.NewQuota(500, time.Minute, 20)
//	}))
//
//	// No client-side limiting:
//	multicloud.WithRateLimiter(ratelimit.Unlimited{})
//
// Any type with a Wait method can be used; implement Keyed and Observer as needed.
//
// All limiters here are safe for concurrent use; share one value between the clients
// that should share a quota. The package holds no global state: every constructor
// returns a new, independent limiter.
package ratelimit
