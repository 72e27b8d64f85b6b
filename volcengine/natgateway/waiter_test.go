package natgateway

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/volcengine"
)

// newWaitClient answers each describe call with the next status in turn,
// repeating the last.
func newWaitClient(t *testing.T, statuses ...string) (*Client, *typedtest.Server) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv, opts := typedtest.New(func(*typedtest.Request) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		s := statuses[min(n, len(statuses)-1)]
		n++
		return http.StatusOK, fmt.Sprintf("{\"ResponseMetadata\":{\"RequestId\":\"r\"},\"Result\":{\"NatGatewayId\":\"x-1\",\"Status\":\"%s\"}}", s)
	})
	c, err := New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func TestWaitReachesStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newWaitClient(t, "Creating", "Creating", "Available")
		start := time.Now()
		r, err := c.WaitNatGatewayStatus(t.Context(), "x-1", "Available", func(o *WaitOptions) {
			o.CallOptions = []multicloud.CallOption{multicloud.WithCallHeader("X-Trace", "w")}
		})
		require.NoError(t, err)
		assert.Equal(t, "Available", r.Status)
		require.Len(t, srv.Requests(), 3)
		assert.Equal(t, "w", srv.Last().Header.Get("X-Trace"), "the call options reach every poll")
		assert.Equal(t, "DescribeNatGatewayAttributes", srv.Last().Query.Get("Action"))
		assert.True(t, strings.Contains(string(srv.Last().Body)+srv.Last().Query.Encode(), "x-1"), "the id is sent")
		assert.LessOrEqual(t, time.Since(start), 3*waitDefaults.MinDelay, "backoff from MinDelay")
	})
}

func TestWaitGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newWaitClient(t, "Creating")
		start := time.Now()
		_, err := c.WaitNatGatewayStatus(t.Context(), "x-1", "Available", func(o *WaitOptions) { o.MaxWait = time.Minute })
		require.Error(t, err)
		assert.Equal(t, time.Minute, time.Since(start))

		_, err = c.WaitNatGatewayStatus(t.Context(), "", "Available")
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	})
}
