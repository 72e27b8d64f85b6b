// Package ratelimit keeps callers inside each provider's request quota.
package ratelimit
