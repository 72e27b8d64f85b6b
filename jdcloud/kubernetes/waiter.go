package kubernetes

import (
	"context"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/jdcloud"
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
	// Region is the region of the resource waited on; empty means the
	// client's Config.Region.
	Region string
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{MinDelay: 5 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 30 * time.Minute}

// WaitClusterStatus polls DescribeCluster until the cluster's status is
// status, and returns what it last read. The API documents the statuses
// pending, running, reconciling, deleting, deleted and error. The region is
// the client's Config.Region unless WaitOptions.Region says otherwise. A
// cluster in status "error" or "deleted" cannot reach another status by
// waiting: that ends the wait with an error of KindConflict, unless it is
// the status wanted. An error from DescribeCluster (such as KindNotFound for
// an unknown id) ends the wait at once. The first poll is made at once.
func (c *Client) WaitClusterStatus(ctx context.Context, clusterID, status string, opts ...func(*WaitOptions)) (*Cluster, error) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s := waiter.Status[Cluster]{
		Provider: jdcloud.Provider, Service: "kubernetes", Action: "DescribeCluster",
		What: "cluster " + clusterID, Want: status, Failed: []string{"error", "deleted"},
		Describe: func(ctx context.Context) (*Cluster, error) {
			out, err := c.DescribeCluster(ctx, &DescribeClusterInput{RegionID: o.Region, ClusterID: clusterID}, o.CallOptions...)
			if err != nil {
				return nil, err
			}
			return &out.Cluster, nil
		},
		StatusOf: func(r *Cluster) string { return r.ClusterState },
	}
	if clusterID == "" || status == "" {
		return nil, s.Invalid("WaitClusterStatus needs an id and a status")
	}
	return waiter.WaitStatus(ctx, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}, waitDefaults, s)
}
