package redis

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// WaitOptions bound the polling of WaitCacheInstanceStatus. The first poll is made at
// once; later ones after a delay that doubles from MinDelay to MaxDelay,
// each shortened by a random jitter of up to half. Zero fields take the
// defaults: 5 s, 30 s and 30 minutes.
type WaitOptions struct {
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxWait bounds the whole wait, within ctx.
	MaxWait time.Duration
	// Region is the region of the resource waited on; empty means the
	// client's Config.Region.
	Region string
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 30 * time.Minute}

// WaitCacheInstanceStatus polls DescribeCacheInstance until the cache
// instance's status is status, and returns what it last read. The API
// documents the statuses creating, running, error, changing, deleting,
// configuring, restoring and upgrading. The region is the client's
// Config.Region unless WaitOptions.Region says otherwise. A cache instance
// in status "error" cannot reach another status by waiting: that ends the
// wait with an error of KindConflict, unless it is the status wanted. An
// error from DescribeCacheInstance (such as KindNotFound for an unknown id)
// ends the wait at once. The first poll is made at once.
func (c *Client) WaitCacheInstanceStatus(ctx context.Context, cacheInstanceID, status string, opts ...func(*WaitOptions)) (*CacheInstance, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[CacheInstance]{
		Provider: jdcloud.Provider, Service: "redis", Action: "DescribeCacheInstance",
		What: "cache instance " + cacheInstanceID, Want: status, Failed: []string{"error"},
		Describe: func(ctx context.Context) (*CacheInstance, error) {
			out, err := c.DescribeCacheInstance(ctx, &DescribeCacheInstanceInput{RegionID: o.Region, CacheInstanceID: cacheInstanceID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return &out.CacheInstance, nil
		},
		StatusOf: func(r *CacheInstance) string { return r.CacheInstanceStatus },
	}
	if cacheInstanceID == "" || status == "" {
		return nil, s.Invalid("WaitCacheInstanceStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
