package rds

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// WaitOptions bound the polling of WaitInstanceStatus. The first poll is made at
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

// WaitInstanceStatus polls DescribeInstanceAttributes until the instance's
// status is status, and returns what it last read. The status is compared as
// the API spells it. The region is the client's Config.Region unless
// WaitOptions.Region says otherwise. An error from
// DescribeInstanceAttributes (such as KindNotFound for an unknown id) ends
// the wait at once. The first poll is made at once.
func (c *Client) WaitInstanceStatus(ctx context.Context, instanceID, status string, opts ...func(*WaitOptions)) (*DBInstanceAttribute, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[DBInstanceAttribute]{
		Provider: jdcloud.Provider, Service: "rds", Action: "DescribeInstanceAttributes",
		What: "instance " + instanceID, Want: status, Failed: nil,
		Describe: func(ctx context.Context) (*DBInstanceAttribute, error) {
			out, err := c.DescribeInstanceAttributes(ctx, &DescribeInstanceAttributesInput{RegionID: o.Region, InstanceID: instanceID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return &out.DBInstanceAttributes, nil
		},
		StatusOf: func(r *DBInstanceAttribute) string { return r.InstanceStatus },
	}
	if instanceID == "" || status == "" {
		return nil, s.Invalid("WaitInstanceStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
