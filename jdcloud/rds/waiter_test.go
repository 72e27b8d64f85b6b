package rds

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
		return http.StatusOK, fmt.Sprintf("{\"requestId\":\"r\",\"result\":{\"dbInstanceAttributes\":{\"instanceId\":\"x-1\",\"instanceStatus\":\"%s\"}}}", s)
	})
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func TestWaitReachesStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newWaitClient(t, "BUILDING", "BUILDING", "RUNNING")
		start := time.Now()
		r, err := c.WaitInstanceStatus(t.Context(), "x-1", "RUNNING", func(o *WaitOptions) {
			o.Region = "cn-east-2"
			o.CallOptions = []multicloud.CallOption{multicloud.WithCallHeader("X-Trace", "w")}
		})
		require.NoError(t, err)
		assert.Equal(t, "RUNNING", r.InstanceStatus)
		require.Len(t, srv.Requests(), 3)
		assert.Equal(t, "w", srv.Last().Header.Get("X-Trace"), "the call options reach every poll")
		assert.True(t, strings.HasSuffix(srv.Last().Path, "/regions/cn-east-2/instances/x-1"), srv.Last().Path)
		assert.LessOrEqual(t, time.Since(start), 3*waitDefaults.MinDelay, "backoff from MinDelay")
	})
}

func TestWaitGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newWaitClient(t, "BUILDING")
		start := time.Now()
		_, err := c.WaitInstanceStatus(t.Context(), "x-1", "RUNNING", func(o *WaitOptions) { o.MaxWait = time.Minute })
		require.Error(t, err)
		assert.Equal(t, time.Minute, time.Since(start))

		_, err = c.WaitInstanceStatus(t.Context(), "", "RUNNING")
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	})
}
