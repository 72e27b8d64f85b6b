package lb

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// WaitOptions bound the polling of WaitLoadBalancerStatus. The first poll is made at
// once; later ones after a delay that doubles from MinDelay to MaxDelay,
// each shortened by a random jitter of up to half. Zero fields take the
// defaults: 5 s, 30 s and 10 minutes.
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

var waitDefaults = waiter.Options{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 10 * time.Minute}

// WaitLoadBalancerStatus polls DescribeLoadBalancer until the load
// balancer's status is status, and returns what it last read. The API
// documents the statuses CREATING, ACTIVE, DOWN, DELETING, STOPPING,
// STARTING and CREATE_FAILED. The region is the client's Config.Region
// unless WaitOptions.Region says otherwise. A load balancer in status
// "CREATE_FAILED" cannot reach another status by waiting: that ends the wait
// with an error of KindConflict, unless it is the status wanted. An error
// from DescribeLoadBalancer (such as KindNotFound for an unknown id) ends
// the wait at once. The first poll is made at once.
func (c *Client) WaitLoadBalancerStatus(ctx context.Context, loadBalancerID, status string, opts ...func(*WaitOptions)) (*LoadBalancer, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[LoadBalancer]{
		Provider: jdcloud.Provider, Service: "lb", Action: "DescribeLoadBalancer",
		What: "load balancer " + loadBalancerID, Want: status, Failed: []string{"CREATE_FAILED"},
		Describe: func(ctx context.Context) (*LoadBalancer, error) {
			out, err := c.DescribeLoadBalancer(ctx, &DescribeLoadBalancerInput{RegionID: o.Region, LoadBalancerID: loadBalancerID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return &out.LoadBalancer, nil
		},
		StatusOf: func(r *LoadBalancer) string { return r.State.Code },
	}
	if loadBalancerID == "" || status == "" {
		return nil, s.Invalid("WaitLoadBalancerStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
