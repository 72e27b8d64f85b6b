package cloudtest_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/qingcloud"
)

type qcJobs struct {
	JobSet []struct {
		JobID       string `json:"job_id"`
		JobAction   string `json:"job_action"`
		Status      string `json:"status"`
		ResourceIDs string `json:"resource_ids"`
	} `json:"job_set"`
	TotalCount int `json:"total_count"`
}

func TestQingCloudRunInstancesCompletesItsJob(t *testing.T) {
	clock := cloudtest.NewClock(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
	s := cloudtest.NewQingCloud(cloudtest.WithClock(clock.Now), cloudtest.WithJobDelay(10*time.Second))
	defer s.Close()
	c := qcClient(t, s)
	ctx := t.Context()

	var run struct {
		Instances []string `json:"instances"`
		JobID     string   `json:"job_id"`
	}
	require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "RunInstances", Params: map[string]any{
		"image_id": "centos79x64a", "instance_type": "small_b", "login_mode": "passwd", "login_passwd": "Passw0rd!",
		"count": 2, "vxnets": []string{"vxnet-0"},
	}}, &run))
	require.Len(t, run.Instances, 2)
	require.NotEmpty(t, run.JobID)

	job := func() string {
		var out qcJobs
		require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "DescribeJobs",
			Params: map[string]any{"jobs": []string{run.JobID}}}, &out))
		require.Len(t, out.JobSet, 1)
		return out.JobSet[0].Status
	}
	instances := func() qcInstances {
		var out qcInstances
		require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances",
			Params: map[string]any{"instances": run.Instances}}, &out))
		return out
	}

	assert.Equal(t, "pending", job())
	clock.Advance(3 * time.Second)
	assert.Equal(t, "working", job())
	for _, i := range instances().InstanceSet {
		assert.Equal(t, "pending", i.Status)
		assert.Equal(t, "creating", i.TransitionStatus)
	}

	err := c.Call(ctx, &qingcloud.Request{Action: "TerminateInstances",
		Params: map[string]any{"instances": run.Instances[:1]}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrPermissionDenied, "an instance being created cannot be terminated")
	assert.Equal(t, "1400", apiError(t, err).Code)

	clock.Advance(7 * time.Second)
	assert.Equal(t, "successful", job())
	for _, i := range instances().InstanceSet {
		assert.Equal(t, "running", i.Status)
		assert.Empty(t, i.TransitionStatus)
	}

	var term struct {
		JobID string `json:"job_id"`
	}
	require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "TerminateInstances",
		Params: map[string]any{"instances": run.Instances}}, &term))
	assert.Equal(t, "terminating", instances().InstanceSet[0].TransitionStatus)
	clock.Advance(10 * time.Second)
	for _, i := range instances().InstanceSet {
		assert.Equal(t, "terminated", i.Status)
	}
	clock.Advance(2 * time.Hour)
	assert.Zero(t, instances().TotalCount, "terminated instances cease after two hours")

	var jobs qcJobs
	require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "DescribeJobs"}, &jobs))
	require.Equal(t, 2, jobs.TotalCount)
	assert.Equal(t, "RunInstances", jobs.JobSet[0].JobAction)
	assert.Equal(t, run.Instances[0]+" "+run.Instances[1], jobs.JobSet[0].ResourceIDs)
}

func TestQingCloudDescribeInstancesPaging(t *testing.T) {
	s := cloudtest.NewQingCloud(cloudtest.WithInstances(150))
	defer s.Close()
	c := qcClient(t, s)
	ctx := t.Context()
	describe := func(params map[string]any) (qcInstances, error) {
		var out qcInstances
		err := c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances", Params: params}, &out)
		return out, err
	}

	out, err := describe(nil)
	require.NoError(t, err)
	assert.Len(t, out.InstanceSet, 20, "limit defaults to 20")
	assert.Equal(t, 150, out.TotalCount)

	out, err = describe(map[string]any{"limit": 500})
	require.NoError(t, err)
	assert.Len(t, out.InstanceSet, 100, "limit is capped at 100")

	out, err = describe(map[string]any{"limit": 100, "offset": 100})
	require.NoError(t, err)
	assert.Len(t, out.InstanceSet, 50)

	out, err = describe(map[string]any{"offset": 150})
	require.NoError(t, err)
	assert.Empty(t, out.InstanceSet)

	_, err = describe(map[string]any{"offset": -1})
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Equal(t, "1100", apiError(t, err).Code)
}

func TestQingCloudVolumesAndEips(t *testing.T) {
	clock := cloudtest.NewClock(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
	s := cloudtest.NewQingCloud(cloudtest.WithClock(clock.Now), cloudtest.WithJobDelay(5*time.Second))
	defer s.Close()
	c := qcClient(t, s)
	ctx := t.Context()
	call := func(action string, params map[string]any, out any) error {
		return c.Call(ctx, &qingcloud.Request{Action: action, Params: params}, out)
	}

	assert.ErrorIs(t, call("CreateVolumes", map[string]any{"size": 25}, nil), mcerrors.ErrInvalidArgument)
	var vols struct {
		Volumes []string `json:"volumes"`
	}
	require.NoError(t, call("CreateVolumes", map[string]any{"size": 20, "count": 2, "volume_name": "data"}, &vols))
	require.Len(t, vols.Volumes, 2)
	assert.ErrorIs(t, call("DeleteVolumes", map[string]any{"volumes": vols.Volumes[:1]}, nil), mcerrors.ErrPermissionDenied,
		"a volume being created cannot be deleted")
	clock.Advance(5 * time.Second)

	// Attach one at launch; an attached volume cannot be deleted.
	var run struct {
		Instances []string `json:"instances"`
	}
	require.NoError(t, call("RunInstances", map[string]any{"image_id": "img", "cpu": 1, "memory": 1024,
		"login_mode": "keypair", "login_keypair": "kp-1", "volumes": vols.Volumes[:1]}, &run))
	assert.ErrorIs(t, call("DeleteVolumes", map[string]any{"volumes": vols.Volumes[:1]}, nil), mcerrors.ErrPermissionDenied)
	require.NoError(t, call("DeleteVolumes", map[string]any{"volumes": vols.Volumes[1:]}, nil))

	var described struct {
		VolumeSet []struct {
			VolumeID string `json:"volume_id"`
			Status   string `json:"status"`
		} `json:"volume_set"`
		TotalCount int `json:"total_count"`
	}
	clock.Advance(5 * time.Second)
	require.NoError(t, call("DescribeVolumes", map[string]any{"status": []string{"in-use"}}, &described))
	require.Equal(t, 1, described.TotalCount)
	assert.Equal(t, vols.Volumes[0], described.VolumeSet[0].VolumeID)

	err := call("DeleteVolumes", map[string]any{"volumes": []string{"vol-nothere"}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	assert.Equal(t, "2100", apiError(t, err).Code)

	var eips struct {
		Eips []string `json:"eips"`
	}
	require.NoError(t, call("AllocateEips", map[string]any{"bandwidth": 5, "count": 3}, &eips))
	require.Len(t, eips.Eips, 3)
	require.NoError(t, call("ReleaseEips", map[string]any{"eips": eips.Eips[:1]}, nil))
	clock.Advance(5 * time.Second)
	var described2 struct {
		EipSet []struct {
			EipID  string `json:"eip_id"`
			Status string `json:"status"`
		} `json:"eip_set"`
		TotalCount int `json:"total_count"`
	}
	require.NoError(t, call("DescribeEips", map[string]any{"status": []string{"available"}}, &described2))
	assert.Equal(t, 2, described2.TotalCount)
	assert.ErrorIs(t, call("AllocateEips", nil, nil), mcerrors.ErrInvalidArgument, "bandwidth is required")
}

func TestQingCloudRejectsBadCalls(t *testing.T) {
	s := cloudtest.NewQingCloud()
	defer s.Close()
	c := qcClient(t, s)
	ctx := t.Context()

	err := c.Call(ctx, &qingcloud.Request{Action: "RunInstances", Params: map[string]any{"login_mode": "passwd"}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Contains(t, apiError(t, err).Message, "image_id")

	// Every action of the catalog answers; one it does not have is not valid.
	require.NoError(t, c.Call(ctx, &qingcloud.Request{Action: "DescribeRouters"}, nil))
	err = c.Call(ctx, &qingcloud.Request{Action: "DescribeNothings"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Equal(t, "1100", apiError(t, err).Code)

	err = c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances", Zone: "pek3z"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Contains(t, apiError(t, err).Message, "pek3z")

	err = c.Call(ctx, &qingcloud.Request{Action: "TerminateInstances", Params: map[string]any{"instances": []string{"i-nothere"}}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
}

func TestQingCloudConcurrentClients(t *testing.T) {
	s := cloudtest.NewQingCloud(cloudtest.WithJobDelay(0))
	defer s.Close()
	c := qcClient(t, s)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				assert.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "RunInstances", Params: map[string]any{
					"image_id": "img", "instance_type": "small_b", "login_mode": "keypair", "login_keypair": "kp"}}, nil))
				assert.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, &qcInstances{}))
			}
		})
	}
	wg.Wait()
	var out qcInstances
	require.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances",
		Params: map[string]any{"status": []string{"running"}}}, &out))
	assert.Equal(t, 40, out.TotalCount)
	assert.Equal(t, 81, s.RequestCount(""))
}

func TestMaxPageSize(t *testing.T) {
	qc := cloudtest.NewQingCloud(cloudtest.WithInstances(12), cloudtest.WithMaxPageSize(5))
	defer qc.Close()
	var out qcInstances
	require.NoError(t, qcClient(t, qc).Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, &out))
	assert.Len(t, out.InstanceSet, 5, "limit 20 capped at 5")
	assert.Equal(t, 12, out.TotalCount)

	jd := cloudtest.NewJDCloud(cloudtest.WithInstances(12), cloudtest.WithMaxPageSize(5))
	defer jd.Close()
	c := jdClient(t, jd)
	var page jdInstances
	require.NoError(t, c.Call(t.Context(), jdDescribe(map[string]any{"pageSize": 5, "pageNumber": 3}), &page))
	assert.Len(t, page.Instances, 2)
	assert.ErrorIs(t, c.Call(t.Context(), jdDescribe(map[string]any{"pageSize": 6}), nil), mcerrors.ErrInvalidArgument)
}
