package redislimit

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"
)

// health remembers whether Redis is down for a Group, and logs the changes.
type health struct {
	cooldown time.Duration
	logger   *slog.Logger // nil: silent
	fallback float64
	provider string
	account  string

	cur atomic.Pointer[outage] // nil while Redis answers
}

// outage is one spell of Redis failures.
type outage struct {
	since time.Time // first failure of the spell
	until time.Time // end of the cool-down after the latest failure
	cause error     // latest failure
}

// down returns the current outage if now is within its cool-down, or nil.
func (h *health) down(now time.Time) *outage {
	if o := h.cur.Load(); o != nil && now.Before(o.until) {
		return o
	}
	return nil
}

// fail records a Redis failure at now, logging if it starts an outage.
func (h *health) fail(ctx context.Context, now time.Time, cause error) {
	o := &outage{since: now, until: now.Add(h.cooldown), cause: cause}
	for {
		prev := h.cur.Load()
		if prev != nil {
			o.since = prev.since
		}
		if h.cur.CompareAndSwap(prev, o) {
			if prev == nil && h.logger != nil {
				msg := "redislimit: redis unavailable, failing closed"
				attrs := []slog.Attr{slog.String("provider", h.provider), slog.String("account", h.account),
					slog.Duration("cooldown", h.cooldown), slog.Any("error", cause)}
				if h.fallback > 0 {
					msg = "redislimit: redis unavailable, using in-process fallback"
					attrs = append(attrs, slog.Float64("fallback_fraction", h.fallback))
				}
				h.logger.LogAttrs(ctx, slog.LevelWarn, msg, attrs...)
			}
			return
		}
	}
}

// ok records that Redis answered, logging if that ends an outage.
func (h *health) ok(ctx context.Context, now time.Time) {
	if h.cur.Load() == nil {
		return
	}
	if prev := h.cur.Swap(nil); prev != nil && h.logger != nil {
		h.logger.LogAttrs(ctx, slog.LevelInfo, "redislimit: redis available again",
			slog.String("provider", h.provider), slog.String("account", h.account),
			slog.Duration("down_for", now.Sub(prev.since)))
	}
}
