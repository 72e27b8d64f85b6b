package natgateway

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/volcengine"
)

// WaitOptions bound the polling of WaitNatGatewayStatus. The first poll is made at
// once; later ones after a delay that doubles from MinDelay to MaxDelay,
// each shortened by a random jitter of up to half. Zero fields take the
// defaults: 5 s, 30 s and 10 minutes.
type WaitOptions struct {
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxWait bounds the whole wait, within ctx.
	MaxWait time.Duration
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 10 * time.Minute}

// WaitNatGatewayStatus polls DescribeNatGatewayAttributes until the NAT
// gateway's status is status, and returns what it last read. The status is
// compared as the API spells it. An error from DescribeNatGatewayAttributes
// (such as KindNotFound for an unknown id) ends the wait at once. The first
// poll is made at once.
func (c *Client) WaitNatGatewayStatus(ctx context.Context, natGatewayID, status string, opts ...func(*WaitOptions)) (*DescribeNatGatewayAttributesOutput, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[DescribeNatGatewayAttributesOutput]{
		Provider: volcengine.Provider, Service: "natgateway", Action: "DescribeNatGatewayAttributes",
		What: "NAT gateway " + natGatewayID, Want: status, Failed: nil,
		Describe: func(ctx context.Context) (*DescribeNatGatewayAttributesOutput, error) {
			out, err := c.DescribeNatGatewayAttributes(ctx, &DescribeNatGatewayAttributesInput{NatGatewayID: natGatewayID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return out, nil
		},
		StatusOf: func(r *DescribeNatGatewayAttributesOutput) string { return r.Status },
	}
	if natGatewayID == "" || status == "" {
		return nil, s.Invalid("WaitNatGatewayStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
