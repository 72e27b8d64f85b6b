package vm

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

func TestResultMetadata(t *testing.T) {
	c, _ := newClient(t, "cn-north-1", result(`{"instance":{"instanceId":"i-1"}}`))
	out, err := c.DescribeInstance(context.Background(), &DescribeInstanceInput{InstanceID: "i-1"})
	require.NoError(t, err)
	assert.Equal(t, multicloud.Metadata{RequestID: "req-1", StatusCode: http.StatusOK, Attempts: 1}, out.ResultMetadata)
	assert.Equal(t, "i-1", out.Instance.InstanceID)
}

func TestPerCallOptions(t *testing.T) {
	c, srv := newClient(t, "cn-north-1", result(`{"instances":[{"instanceId":"i-1"}],"totalCount":1}`))
	var hooked []int
	hook := multicloud.WithResponseHook(func(r *http.Response) { hooked = append(hooked, r.StatusCode) })
	_, err := c.DescribeInstances(context.Background(), nil, multicloud.WithCallHeader("X-Trace", "t-1"), hook)
	require.NoError(t, err)
	assert.Equal(t, "t-1", srv.Last().Header.Get("X-Trace"))
	assert.Equal(t, []int{http.StatusOK}, hooked)

	n := 0
	for _, err := range c.DescribeInstancesAll(context.Background(), nil, multicloud.WithCallHeader("X-Trace", "t-2")) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, "t-2", srv.Last().Header.Get("X-Trace"), "iterators pass the options to every page")
}

func TestWaiterRegionAndCallOptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newClient(t, "cn-north-1", result(`{"instance":{"instanceId":"i-1","status":"running"}}`))
		_, err := c.WaitInstanceStatus(t.Context(), "i-1", "running", func(o *WaitOptions) {
			o.Region = "cn-east-2"
			o.CallOptions = []multicloud.CallOption{multicloud.WithCallHeader("X-Trace", "w")}
		})
		require.NoError(t, err)
		assert.Equal(t, "/v1/regions/cn-east-2/instances/i-1", srv.Last().Path)
		assert.Equal(t, "w", srv.Last().Header.Get("X-Trace"))
	})
}

func TestZeroClient(t *testing.T) {
	var zero Client
	_, err := zero.DescribeInstances(context.Background(), nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	var nilClient *Client
	_, err = nilClient.StartInstance(context.Background(), &StartInstanceInput{InstanceID: "i-1"})
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	for _, err := range zero.DescribeInstancesAll(context.Background(), nil) {
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	}
	_, err = zero.WaitInstanceStatus(context.Background(), "i-1", "running")
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
}
