package vke

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/volcengine"
)

// WaitOptions bound the polling of WaitClusterStatus. The first poll is made at
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

// WaitClusterStatus polls ListClusters until the cluster's status is status,
// and returns what it last read. The status is compared as the API spells
// it. An error from ListClusters (such as KindNotFound for an unknown id)
// ends the wait at once. A cluster that ListClusters does not return ends
// the wait with an error of KindNotFound. The first poll is made at once.
func (c *Client) WaitClusterStatus(ctx context.Context, clusterID, status string, opts ...func(*WaitOptions)) (*ItemForListClustersOutput, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[ItemForListClustersOutput]{
		Provider: volcengine.Provider, Service: "vke", Action: "ListClusters",
		What: "cluster " + clusterID, Want: status, Failed: nil,
		Describe: func(ctx context.Context) (*ItemForListClustersOutput, error) {
			out, err := c.ListClusters(ctx, &ListClustersInput{Filter: &FilterForListClustersInput{IDs: []string{clusterID}}}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			for i := range out.Items {
				if out.Items[i].ID == clusterID {
					return &out.Items[i], nil
				}
			}
			return nil, nil
		},
		StatusOf: func(r *ItemForListClustersOutput) string { return r.Status.Phase },
	}
	if clusterID == "" || status == "" {
		return nil, s.Invalid("WaitClusterStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
