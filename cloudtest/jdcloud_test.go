package cloudtest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
)

func TestJDCloudInstanceLifecycle(t *testing.T) {
	clock := cloudtest.NewClock(time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC))
	s := cloudtest.NewJDCloud(cloudtest.WithClock(clock.Now), cloudtest.WithJobDelay(30*time.Second))
	defer s.Close()
	c := jdClient(t, s)
	ctx := t.Context()

	var created struct {
		InstanceIDs []string `json:"instanceIds"`
	}
	spec := map[string]any{
		"instanceSpec": map[string]any{"az": "cn-north-1a", "instanceType": "g.n2.medium", "imageId": "img-1", "name": "web"},
		"maxCount":     2,
	}
	require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vm", Method: http.MethodPost,
		Path: "/regions/{regionId}/instances", Action: "CreateInstances", Params: spec}, &created))
	require.Len(t, created.InstanceIDs, 2)
	id := created.InstanceIDs[0]

	status := func() string {
		var out struct {
			Instance struct {
				Status string `json:"status"`
			} `json:"instance"`
		}
		require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances/{instanceId}",
			PathParams: map[string]string{"instanceId": id}, Action: "DescribeInstance"}, &out))
		return out.Instance.Status
	}
	act := func(action, path string) error {
		return c.Call(ctx, &jdcloud.Request{Service: "vm", Method: http.MethodPost, Path: path,
			PathParams: map[string]string{"instanceId": id}, Action: action}, nil)
	}
	assert.Equal(t, "pending", status())
	clock.Advance(30 * time.Second)
	assert.Equal(t, "running", status())

	// A custom action is sent as {instanceId}%3AstopInstance and routed.
	require.NoError(t, act("StopInstance", "/regions/{regionId}/instances/{instanceId}:stopInstance"))
	assert.Equal(t, "stopping", status())
	err := act("StopInstance", "/regions/{regionId}/instances/{instanceId}:stopInstance")
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "stopping twice is FAILED_PRECONDITION")
	assert.Equal(t, "FAILED_PRECONDITION", apiError(t, err).Code)
	clock.Advance(30 * time.Second)
	assert.Equal(t, "stopped", status())

	require.NoError(t, act("StartInstance", "/regions/{regionId}/instances/{instanceId}:startInstance"))
	clock.Advance(30 * time.Second)
	assert.Equal(t, "running", status())

	require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vm", Method: http.MethodDelete,
		Path: "/regions/{regionId}/instances/{instanceId}", PathParams: map[string]string{"instanceId": id},
		Action: "DeleteInstance"}, nil))
	clock.Advance(30 * time.Second)
	err = c.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances/{instanceId}",
		PathParams: map[string]string{"instanceId": id}, Action: "DescribeInstance"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	e := apiError(t, err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "NOT_FOUND", e.Code)
	assert.Len(t, e.RequestID, 32)
}

func TestJDCloudDescribeInstancesPaging(t *testing.T) {
	s := cloudtest.NewJDCloud(cloudtest.WithInstances(25))
	defer s.Close()
	c := jdClient(t, s)
	ctx := t.Context()

	var seen []string
	for page := 1; ; page++ {
		var out jdInstances
		require.NoError(t, c.Call(ctx, jdDescribe(map[string]any{"pageNumber": page, "pageSize": 10}), &out))
		assert.Equal(t, 25, out.TotalCount)
		if len(out.Instances) == 0 {
			assert.Equal(t, 4, page, "the page after the last is empty")
			break
		}
		for _, i := range out.Instances {
			seen = append(seen, i.InstanceID)
		}
	}
	assert.Len(t, seen, 25)

	for _, size := range []int{9, 101} {
		err := c.Call(ctx, jdDescribe(map[string]any{"pageSize": size}), nil)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "pageSize %d", size)
		assert.Equal(t, "INVALID_ARGUMENT", apiError(t, err).Code)
	}

	var out jdInstances
	filters := map[string]any{"filters": []map[string]any{
		{"name": "name", "values": []string{"cloudtest-00"}},
		{"name": "status", "values": []string{"running"}},
	}}
	require.NoError(t, c.Call(ctx, jdDescribe(filters), &out))
	assert.Equal(t, 9, out.TotalCount, "name is a fuzzy filter: cloudtest-001 to -009")

	one := map[string]any{"filters": []map[string]any{{"name": "instanceId", "values": []string{seen[3], seen[7]}}}}
	require.NoError(t, c.Call(ctx, jdDescribe(one), &out))
	assert.Equal(t, 2, out.TotalCount)

	tags := map[string]any{"tags": []map[string]any{{"key": "env", "values": []string{"prod"}}}}
	require.NoError(t, c.Call(ctx, jdDescribe(tags), &out))
	assert.Equal(t, 12, out.TotalCount)
}

func TestJDCloudVpcsAndSubnets(t *testing.T) {
	s := cloudtest.NewJDCloud()
	defer s.Close()
	c := jdClient(t, s)
	ctx := t.Context()

	var vpc struct {
		VpcID string `json:"vpcId"`
	}
	require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vpc", Method: http.MethodPost, Path: "/regions/{regionId}/vpcs/",
		Action: "CreateVpc", Params: map[string]any{"vpcName": "net", "addressPrefix": "10.1.0.0/16"}}, &vpc))
	createSubnet := func(name, prefix string) error {
		return c.Call(ctx, &jdcloud.Request{Service: "vpc", Method: http.MethodPost, Path: "/regions/{regionId}/subnets/",
			Action: "CreateSubnet", Params: map[string]any{"vpcId": vpc.VpcID, "subnetName": name, "addressPrefix": prefix}}, nil)
	}
	for i, p := range []string{"10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24"} {
		require.NoError(t, createSubnet("s"+string(rune('a'+i)), p))
	}
	assert.ErrorIs(t, createSubnet("x", "10.2.0.0/24"), mcerrors.ErrInvalidArgument, "outside the vpc")
	assert.ErrorIs(t, createSubnet("x", "10.1.0.128/25"), mcerrors.ErrInvalidArgument, "overlapping")

	var vpcs struct {
		Vpcs []struct {
			VpcID   string `json:"vpcId"`
			Subnets []struct {
				SubnetID string `json:"subnetId"`
			} `json:"subnets"`
		} `json:"vpcs"`
		TotalCount int `json:"totalCount"`
	}
	require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vpc", Path: "/regions/{regionId}/vpcs/", Action: "DescribeVpcs"}, &vpcs))
	require.Equal(t, 1, vpcs.TotalCount)
	assert.Len(t, vpcs.Vpcs[0].Subnets, 3)

	// The vpc APIs document that a page past the end returns the last page.
	var subnets struct {
		Subnets []struct {
			SubnetName string `json:"subnetName"`
		} `json:"subnets"`
		TotalCount int `json:"totalCount"`
	}
	require.NoError(t, c.Call(ctx, &jdcloud.Request{Service: "vpc", Path: "/regions/{regionId}/subnets/", Action: "DescribeSubnets",
		Params: map[string]any{"pageNumber": 7, "pageSize": 10}}, &subnets))
	assert.Equal(t, 3, subnets.TotalCount)
	assert.Len(t, subnets.Subnets, 3)

	err := c.Call(ctx, &jdcloud.Request{Service: "vpc", Method: http.MethodDelete, Path: "/regions/{regionId}/vpcs/{vpcId}",
		PathParams: map[string]string{"vpcId": vpc.VpcID}, Action: "DeleteVpc"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "a vpc with subnets")

	err = c.Call(ctx, &jdcloud.Request{Service: "vpc", Path: "/regions/{regionId}/vpcs/{vpcId}",
		PathParams: map[string]string{"vpcId": "vpc-nothere"}, Action: "DescribeVpc"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)

	err = c.Call(ctx, &jdcloud.Request{Service: "vpc", Method: http.MethodPost, Path: "/regions/{regionId}/vpcs/",
		Action: "CreateVpc", Params: map[string]any{"addressPrefix": "10.1.0.0/16"}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "vpcName is required")
}

func TestJDCloudChecksTheScopeAgainstTheRoute(t *testing.T) {
	s := cloudtest.NewJDCloud(cloudtest.WithInstances(1))
	defer s.Close()
	c := jdClient(t, s)

	// Signed for vpc, sent to a vm path: the gateway signs with vm.
	err := c.Call(t.Context(), &jdcloud.Request{Service: "vpc", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
	assert.Equal(t, "ACCESS_ERROR", apiError(t, err).Code)

	// Signed for another region than the path's.
	err = c.Call(t.Context(), &jdcloud.Request{Service: "vm", Path: "/regions/cn-south-1/instances", Action: "DescribeInstances"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrUnauthenticated)

	// An operation the emulator keeps no state for answers with its
	// output's shape; a path no operation has is not implemented.
	var images struct {
		Images     []any `json:"images"`
		TotalCount *int  `json:"totalCount"`
	}
	require.NoError(t, c.Call(t.Context(), &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/images", Action: "DescribeImages"}, &images))
	assert.NotNil(t, images.Images)
	assert.Empty(t, images.Images)
	require.NotNil(t, images.TotalCount)

	err = c.Call(t.Context(), &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/nothings", Action: "DescribeNothings"}, nil)
	e := apiError(t, err)
	assert.Equal(t, "NOT_IMPLEMENTED", e.Code)
	assert.Equal(t, http.StatusNotImplemented, e.StatusCode)
}
