package vm

import (
	"context"
	"fmt"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// WaitOptions bound the polling of WaitInstanceStatus. The first poll is
// made at once; later ones after a delay that doubles from MinDelay to
// MaxDelay, each shortened by a random jitter of up to half. Zero fields
// take the defaults: 2 s, 20 s and 10 minutes.
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

// waitSettings applies the caller's wait options.
func waitSettings(opts []func(*WaitOptions)) (WaitOptions, waiter.Options) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}
}

var waitDefaults = waiter.Options{MinDelay: 2 * time.Second, MaxDelay: 20 * time.Second, MaxWait: 10 * time.Minute}

// statusError is the status of an instance that failed; it cannot reach
// another one by waiting.
const statusError = "error"

// WaitInstanceStatus polls DescribeInstance until the instance's status is
// status ("running", "stopped", ...) and returns it. The region is the
// client's Config.Region unless WaitOptions.Region says otherwise. An instance in status "error"
// ends the wait with an error, unless that is the status wanted. An error
// from DescribeInstance (such as KindNotFound for an unknown instance) ends
// the wait at once. The first poll is made at once.
func (c *Client) WaitInstanceStatus(ctx context.Context, instanceID, status string, opts ...func(*WaitOptions)) (*Instance, error) {
	if instanceID == "" || status == "" {
		return nil, &mcerrors.Error{Provider: jdcloud.Provider, Service: "vm", Action: "DescribeInstance",
			Kind: mcerrors.KindInvalidArgument, Message: "WaitInstanceStatus needs an instance ID and a status"}
	}
	o, wo := waitSettings(opts)
	return waiter.Poll(ctx, wo, waitDefaults,
		func(ctx context.Context) (*Instance, bool, error) {
			out, err := c.DescribeInstance(ctx, &DescribeInstanceInput{RegionID: o.Region, InstanceID: instanceID}, o.CallOptions...)
			if err != nil {
				return nil, false, err
			}
			inst := &out.Instance
			switch inst.Status {
			case status:
				return inst, true, nil
			case statusError:
				// A failed instance cannot reach status by waiting.
				return inst, false, &mcerrors.Error{Provider: jdcloud.Provider, Service: "vm", Action: "DescribeInstance",
					Kind: mcerrors.KindConflict, Message: fmt.Sprintf("instance %s is in status %q", instanceID, inst.Status)}
			}
			return inst, false, nil
		})
}
