package kubernetes

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
	"github.com/multicloud-go/multicloud/jdcloud"
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
		return http.StatusOK, fmt.Sprintf("{\"requestId\":\"r\",\"result\":{\"cluster\":{\"clusterId\":\"x-1\",\"clusterState\":\"%s\"}}}", s)
	})
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func TestWaitReachesStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newWaitClient(t, "pending", "pending", "running")
		start := time.Now()
		r, err := c.WaitClusterStatus(t.Context(), "x-1", "running", func(o *WaitOptions) {
			o.Region = "cn-east-2"
			o.CallOptions = []multicloud.CallOption{multicloud.WithCallHeader("X-Trace", "w")}
		})
		require.NoError(t, err)
		assert.Equal(t, "running", r.ClusterState)
		require.Len(t, srv.Requests(), 3)
		assert.Equal(t, "w", srv.Last().Header.Get("X-Trace"), "the call options reach every poll")
		assert.True(t, strings.HasSuffix(srv.Last().Path, "/regions/cn-east-2/clusters/x-1"), srv.Last().Path)
		assert.LessOrEqual(t, time.Since(start), 3*waitDefaults.MinDelay, "backoff from MinDelay")
	})
}

func TestWaitGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newWaitClient(t, "pending")
		start := time.Now()
		_, err := c.WaitClusterStatus(t.Context(), "x-1", "running", func(o *WaitOptions) { o.MaxWait = time.Minute })
		require.Error(t, err)
		assert.Equal(t, time.Minute, time.Since(start))

		_, err = c.WaitClusterStatus(t.Context(), "", "running")
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	})
}

func TestWaitFailedStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newWaitClient(t, "pending", "error")
		r, err := c.WaitClusterStatus(t.Context(), "x-1", "running")
		require.ErrorIs(t, err, mcerrors.ErrConflict)
		assert.Equal(t, "error", r.ClusterState)
	})
}
