package rdsmysql

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/volcengine"
)

// WaitOptions bound the polling of WaitDBInstanceStatus. The first poll is made at
// once; later ones after a delay that doubles from MinDelay to MaxDelay,
// each shortened by a random jitter of up to half. Zero fields take the
// defaults: 5 s, 30 s and 30 minutes.
type WaitOptions struct {
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxWait bounds the whole wait, within ctx.
	MaxWait time.Duration
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 30 * time.Minute}

// WaitDBInstanceStatus polls DescribeDBInstanceDetail until the DB
// instance's status is status, and returns what it last read. The status is
// compared as the API spells it. An error from DescribeDBInstanceDetail
// (such as KindNotFound for an unknown id) ends the wait at once. The first
// poll is made at once.
func (c *Client) WaitDBInstanceStatus(ctx context.Context, instanceID, status string, opts ...func(*WaitOptions)) (*DescribeDBInstanceDetailOutput, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[DescribeDBInstanceDetailOutput]{
		Provider: volcengine.Provider, Service: "rds_mysql", Action: "DescribeDBInstanceDetail",
		What: "DB instance " + instanceID, Want: status, Failed: nil,
		Describe: func(ctx context.Context) (*DescribeDBInstanceDetailOutput, error) {
			out, err := c.DescribeDBInstanceDetail(ctx, &DescribeDBInstanceDetailInput{InstanceID: instanceID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return out, nil
		},
		StatusOf: func(r *DescribeDBInstanceDetailOutput) string { return r.BasicInfo.InstanceStatus },
	}
	if instanceID == "" || status == "" {
		return nil, s.Invalid("WaitDBInstanceStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
