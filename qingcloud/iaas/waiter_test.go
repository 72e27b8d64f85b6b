package iaas

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
)

// timeline answers with the bodies in turn and records when each poll came.
type timeline struct {
	mu     sync.Mutex
	start  time.Time
	at     []time.Duration
	bodies []string
}

func (tl *timeline) handle(*typedtest.Request) (int, string) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	tl.at = append(tl.at, time.Since(tl.start))
	return http.StatusOK, tl.bodies[min(len(tl.at), len(tl.bodies))-1]
}

func job(status string) string {
	return ok("DescribeJobs", fmt.Sprintf(
		`"job_set":[{"job_id":"j-1","job_action":"RunInstances","status":%q,"resource_ids":"i-1 i-2","create_time":"2024-01-01T00:00:00Z","status_time":""}],"total_count":1`, status))
}

func TestWaitJobSuccessful(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := &timeline{start: time.Now(), bodies: []string{job("pending"), job("working"), job("working"), job("successful")}}
		c, srv := newClient(t, tl.handle)
		got, err := c.WaitJob(t.Context(), "j-1")
		require.NoError(t, err)
		assert.Equal(t, "successful", got.Status)
		assert.Equal(t, "i-1 i-2", got.ResourceIDs)
		require.Len(t, tl.at, 4)
		assert.Zero(t, tl.at[0], "the first poll is made at once")
		for i := 1; i < len(tl.at); i++ {
			delay := min(waitDefaults.MinDelay<<(i-1), waitDefaults.MaxDelay)
			gap := tl.at[i] - tl.at[i-1]
			assert.GreaterOrEqual(t, gap, delay/2, "poll %d", i)
			assert.LessOrEqual(t, gap, delay, "poll %d", i)
		}
		assert.Equal(t, "j-1", srv.Last().Params().Get("jobs.1"))
		assert.Equal(t, "DescribeJobs", srv.Last().Params().Get("action"))
	})
}

func TestWaitJobFailures(t *testing.T) {
	for _, status := range []string{"failed", "done with failure"} {
		t.Run(status, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tl := &timeline{start: time.Now(), bodies: []string{job("working"), job(status)}}
				c, _ := newClient(t, tl.handle)
				got, err := c.WaitJob(t.Context(), "j-1")
				var je *JobError
				require.ErrorAs(t, err, &je)
				assert.Equal(t, status, je.Job.Status)
				assert.Equal(t, "RunInstances", je.Job.JobAction)
				assert.Contains(t, err.Error(), "j-1")
				require.NotNil(t, got)
				assert.Equal(t, status, got.Status)
				assert.Len(t, tl.at, 2)
				assert.Equal(t, mcerrors.KindUnavailable, mcerrors.KindOf(err), "a failed job has a kind")
				assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
				assert.Equal(t, status == "done with failure", mcerrors.MayHaveSucceeded(err), "part of the job was done")
			})
		})
	}
}

func TestWaitJobAPIErrorAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := &timeline{start: time.Now(), bodies: []string{`{"ret_code":1200,"message":"AuthFailure, signature not matched"}`}}
		c, _ := newClient(t, tl.handle)
		_, err := c.WaitJob(t.Context(), "j-1")
		var e *mcerrors.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "1200", e.Code)
		assert.Equal(t, mcerrors.KindUnauthenticated, e.Kind)
		assert.Len(t, tl.at, 1, "an API error is returned, not polled through")
		assert.Zero(t, time.Since(tl.start))
	})
}

func TestWaitJobUnknownAndBadArguments(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newClient(t, typedtest.Reply(ok("DescribeJobs", `"job_set":[],"total_count":0`)))
		_, err := c.WaitJob(t.Context(), "j-404")
		assert.ErrorIs(t, err, mcerrors.ErrNotFound)
		assert.Len(t, srv.Requests(), 1)

		_, err = c.WaitJob(t.Context(), "")
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	})
}

func TestWaitJobBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := &timeline{start: time.Now(), bodies: []string{job("working")}}
		c, _ := newClient(t, tl.handle)
		_, err := c.WaitJob(t.Context(), "j-1", func(o *WaitOptions) { o.MaxWait = time.Minute })
		require.Error(t, err)
		assert.ErrorIs(t, err, mcerrors.ErrWaitTimeout, "the exported sentinel")
		assert.Equal(t, mcerrors.KindUnavailable, mcerrors.KindOf(err))
		assert.NotContains(t, err.Error(), "\n")
		assert.Equal(t, time.Minute, time.Since(tl.start))

		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		start := time.Now()
		_, err = c.WaitJob(ctx, "j-1")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 10*time.Second, time.Since(start))
	})
}

func instanceBody(status, transition string) string {
	return ok("DescribeInstances", fmt.Sprintf(
		`"instance_set":[{"instance_id":"i-1","status":%q,"transition_status":%q}],"total_count":1`, status, transition))
}

func TestWaitInstanceStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := &timeline{start: time.Now(), bodies: []string{
			instanceBody("pending", "creating"), instanceBody("running", "creating"), instanceBody("running", ""),
		}}
		c, srv := newClient(t, tl.handle)
		inst, err := c.WaitInstanceStatus(t.Context(), "i-1", "running")
		require.NoError(t, err)
		assert.Equal(t, "running", inst.Status)
		assert.Len(t, tl.at, 3, "running with a transition under way is not yet running")
		assert.Equal(t, "i-1", srv.Last().Params().Get("instances.1"))
	})
}

func TestWaitInstanceTerminated(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := &timeline{start: time.Now(), bodies: []string{instanceBody("running", "terminating"), instanceBody("ceased", "")}}
		c, _ := newClient(t, tl.handle)
		inst, err := c.WaitInstanceStatus(t.Context(), "i-1", "terminated")
		require.NoError(t, err, "ceased is past terminated")
		assert.Equal(t, "ceased", inst.Status)

		tl = &timeline{start: time.Now(), bodies: []string{instanceBody("ceased", "")}}
		c, _ = newClient(t, tl.handle)
		_, err = c.WaitInstanceStatus(t.Context(), "i-1", "running")
		require.ErrorContains(t, err, "ceased")
		assert.ErrorIs(t, err, mcerrors.ErrConflict, "a ceased instance has a kind")

		c, _ = newClient(t, typedtest.Reply(ok("DescribeInstances", `"instance_set":[],"total_count":0`)))
		_, err = c.WaitInstanceStatus(t.Context(), "i-1", "running")
		assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	})
}
