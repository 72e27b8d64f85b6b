package ecs

import (
	"context"
	"fmt"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/volcengine"
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
const statusError = "ERROR"

// WaitInstanceStatus polls DescribeInstances until the instance's Status is
// status ("RUNNING", "STOPPED", ...) and returns it. An instance in status
// "ERROR" ends the wait with an error, unless that is the status wanted. An
// error from DescribeInstances ends the wait at once; so does an unknown
// instance, as an error of KindNotFound. The first poll is made at once.
func (c *Client) WaitInstanceStatus(ctx context.Context, instanceID, status string, opts ...func(*WaitOptions)) (*InstanceForDescribeInstancesOutput, error) {
	if instanceID == "" || status == "" {
		return nil, apiError(mcerrors.KindInvalidArgument, "WaitInstanceStatus needs an instance ID and a status")
	}
	o, wo := waitSettings(opts)
	return waiter.Poll(ctx, wo, waitDefaults,
		func(ctx context.Context) (*InstanceForDescribeInstancesOutput, bool, error) {
			out, err := c.DescribeInstances(ctx, &DescribeInstancesInput{InstanceIDs: []string{instanceID}}, o.CallOptions...)
			if err != nil {
				return nil, false, err
			}
			for i := range out.Instances {
				inst := &out.Instances[i]
				if inst.InstanceID != instanceID {
					continue
				}
				switch inst.Status {
				case status:
					return inst, true, nil
				case statusError:
					// A failed instance cannot reach status by waiting.
					return inst, false, apiError(mcerrors.KindConflict, fmt.Sprintf("instance %s is in status %q", instanceID, inst.Status))
				}
				return inst, false, nil
			}
			return nil, false, apiError(mcerrors.KindNotFound, "instance "+instanceID+" not found")
		})
}

func apiError(kind mcerrors.Kind, msg string) error {
	return &mcerrors.Error{Provider: volcengine.Provider, Service: "ecs", Action: "DescribeInstances", Kind: kind, Message: msg}
}
