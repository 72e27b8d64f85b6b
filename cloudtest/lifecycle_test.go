package cloudtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/disk"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	jdvpc "github.com/multicloud-go/multicloud/jdcloud/vpc"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
	"github.com/multicloud-go/multicloud/volcengine/storageebs"
	volcvpc "github.com/multicloud-go/multicloud/volcengine/vpc"
)

// Every lifecycle step takes the job delay on the server's clock: the tests
// see the transition status, move a manual clock past the delay, and let
// the SDK's waiters find the new status on their first poll.

const step = 10 * time.Second

func lifecycleServer(t *testing.T, start func(...cloudtest.Option) *cloudtest.Server, opts ...cloudtest.Option) (*cloudtest.Server, *cloudtest.Clock) {
	t.Helper()
	clock := cloudtest.NewClock(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC))
	s := start(append([]cloudtest.Option{cloudtest.WithClock(clock.Now), cloudtest.WithJobDelay(step)}, opts...)...)
	t.Cleanup(s.Close)
	return s, clock
}

func TestJDCloudInstanceLifecycleWithWaiters(t *testing.T) {
	s, clock := lifecycleServer(t, cloudtest.NewJDCloud)
	c, err := vm.New(jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, s.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	out, err := c.CreateInstances(ctx, &vm.CreateInstancesInput{InstanceSpec: &vm.InstanceSpec{
		Az: multicloud.Ptr("cn-north-1a"), InstanceType: multicloud.Ptr("g.n2.medium"),
		ImageID: multicloud.Ptr("img-centos79"), Name: "web"}})
	require.NoError(t, err)
	require.Len(t, out.InstanceIDs, 1)
	id := out.InstanceIDs[0]
	status := func() string {
		d, err := c.DescribeInstance(ctx, &vm.DescribeInstanceInput{InstanceID: id})
		require.NoError(t, err)
		return d.Instance.Status
	}

	assert.Equal(t, "pending", status())
	clock.Advance(step)
	inst, err := c.WaitInstanceStatus(ctx, id, "running")
	require.NoError(t, err)
	assert.Equal(t, "web", inst.InstanceName)

	_, err = c.StopInstance(ctx, &vm.StopInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "stopping", status())
	_, err = c.StartInstance(ctx, &vm.StartInstanceInput{InstanceID: id})
	assert.Equal(t, "FAILED_PRECONDITION", apiError(t, err).Code, "an instance in transition cannot start")
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "stopped")
	require.NoError(t, err)

	_, err = c.StartInstance(ctx, &vm.StartInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "starting", status())
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "running")
	require.NoError(t, err)

	_, err = c.DeleteInstance(ctx, &vm.DeleteInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "deleting", status())
	clock.Advance(step)
	_, err = c.DescribeInstance(ctx, &vm.DescribeInstanceInput{InstanceID: id})
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	assert.Empty(t, s.Resources(cloudtest.KindInstance))

	// What the test did is on record.
	stops := s.Calls("StopInstance")
	require.Len(t, stops, 1)
	assert.Equal(t, []string{id}, stops[0].Params["instanceId"])
	assert.Equal(t, "vm", stops[0].Service)
	assert.True(t, stops[0].Applied)
}

func TestJDCloudDiskAndEIPLifecycle(t *testing.T) {
	s, clock := lifecycleServer(t, cloudtest.NewJDCloud)
	cfg := jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}
	disks, err := disk.New(cfg, s.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	out, err := disks.CreateDisks(ctx, &disk.CreateDisksInput{MaxCount: multicloud.Ptr(int64(2)), DiskSpec: &disk.DiskSpec{
		Az: "cn-north-1a", Name: "data", DiskType: "ssd", DiskSizeGB: multicloud.Ptr(int64(40))}})
	require.NoError(t, err)
	require.Len(t, out.DiskIDs, 2)
	d, err := disks.DescribeDisk(ctx, &disk.DescribeDiskInput{DiskID: out.DiskIDs[0]})
	require.NoError(t, err)
	assert.Equal(t, "creating", d.Disk.Status)
	assert.Equal(t, int64(40), d.Disk.DiskSizeGB, "the item is filled from the create call")
	assert.Equal(t, "cn-north-1a", d.Disk.Az)
	clock.Advance(step)
	list, err := disks.DescribeDisks(ctx, &disk.DescribeDisksInput{})
	require.NoError(t, err)
	assert.Equal(t, int64(2), list.TotalCount)
	for _, it := range list.Disks {
		assert.Equal(t, "available", it.Status)
	}
	_, err = disks.DeleteDisk(ctx, &disk.DeleteDiskInput{DiskID: out.DiskIDs[0]})
	require.NoError(t, err)
	d, err = disks.DescribeDisk(ctx, &disk.DescribeDiskInput{DiskID: out.DiskIDs[0]})
	require.NoError(t, err)
	assert.Equal(t, "deleting", d.Disk.Status)
	clock.Advance(step)
	_, err = disks.DescribeDisk(ctx, &disk.DescribeDiskInput{DiskID: out.DiskIDs[0]})
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	assert.Len(t, s.Resources(cloudtest.KindDisk), 1)

	vpcs, err := jdvpc.New(cfg, s.ClientOptions()...)
	require.NoError(t, err)
	eips, err := vpcs.CreateElasticIps(ctx, &jdvpc.CreateElasticIpsInput{MaxCount: multicloud.Ptr(int64(1)),
		ElasticIPSpec: &jdvpc.ElasticIPSpec{BandwidthMbps: multicloud.Ptr(int64(5)), Provider: "bgp"}})
	require.NoError(t, err)
	require.Len(t, eips.ElasticIPIDs, 1)
	eip, err := vpcs.DescribeElasticIp(ctx, &jdvpc.DescribeElasticIpInput{ElasticIPID: eips.ElasticIPIDs[0]})
	require.NoError(t, err)
	assert.Equal(t, int64(5), eip.ElasticIP.BandwidthMbps)
	assert.NotEmpty(t, eip.ElasticIP.ElasticIPAddress)
	_, err = vpcs.DeleteElasticIp(ctx, &jdvpc.DeleteElasticIpInput{ElasticIPID: eips.ElasticIPIDs[0]})
	require.NoError(t, err)
	_, err = vpcs.DescribeElasticIp(ctx, &jdvpc.DescribeElasticIpInput{ElasticIPID: eips.ElasticIPIDs[0]})
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
}

func TestVolcengineInstanceLifecycle(t *testing.T) {
	s, clock := lifecycleServer(t, cloudtest.NewVolcengine)
	c, err := ecs.New(volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, s.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	out, err := c.RunInstances(ctx, &ecs.RunInstancesInput{ZoneID: "cn-beijing-a", ImageID: "image-ubuntu2204",
		InstanceName: "web", InstanceTypeID: multicloud.Ptr("ecs.g3i.large")})
	require.NoError(t, err)
	require.Len(t, out.InstanceIDs, 1)
	id := out.InstanceIDs[0]
	status := func() string {
		d, err := c.DescribeInstances(ctx, &ecs.DescribeInstancesInput{InstanceIDs: []string{id}})
		require.NoError(t, err)
		require.Len(t, d.Instances, 1)
		return d.Instances[0].Status
	}

	assert.Equal(t, "CREATING", status())
	clock.Advance(step)
	inst, err := c.WaitInstanceStatus(ctx, id, "RUNNING")
	require.NoError(t, err)
	assert.Equal(t, "cn-beijing-a", inst.ZoneID)
	assert.Equal(t, int64(2), inst.CPUs)

	_, err = c.StopInstance(ctx, &ecs.StopInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "STOPPING", status())
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "STOPPED")
	require.NoError(t, err)

	_, err = c.StartInstance(ctx, &ecs.StartInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "STARTING", status())
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "RUNNING")
	require.NoError(t, err)

	_, err = c.StartInstance(ctx, &ecs.StartInstanceInput{InstanceID: id})
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "a running instance cannot start")

	_, err = c.DeleteInstance(ctx, &ecs.DeleteInstanceInput{InstanceID: id})
	require.NoError(t, err)
	assert.Equal(t, "DELETING", status())
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "RUNNING")
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	assert.Empty(t, s.Resources(cloudtest.KindInstance))
}

func TestVolcengineVolumeAndEIPLifecycle(t *testing.T) {
	s, clock := lifecycleServer(t, cloudtest.NewVolcengine)
	cfg := volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}
	ebs, err := storageebs.New(cfg, s.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	vol, err := ebs.CreateVolume(ctx, &storageebs.CreateVolumeInput{ZoneID: multicloud.Ptr("cn-beijing-a"),
		VolumeName: "data", VolumeType: "ESSD_PL0", Size: multicloud.Ptr(int64(40))})
	require.NoError(t, err)
	require.NotEmpty(t, vol.VolumeID)
	volumeStatus := func() []string {
		out, err := ebs.DescribeVolumes(ctx, &storageebs.DescribeVolumesInput{VolumeIDs: []string{vol.VolumeID}})
		require.NoError(t, err)
		var st []string
		for _, v := range out.Volumes {
			st = append(st, v.Status)
		}
		return st
	}
	assert.Equal(t, []string{"creating"}, volumeStatus())
	clock.Advance(step)
	assert.Equal(t, []string{"available"}, volumeStatus())
	_, err = ebs.DeleteVolume(ctx, &storageebs.DeleteVolumeInput{VolumeID: vol.VolumeID})
	require.NoError(t, err)
	assert.Equal(t, []string{"deleting"}, volumeStatus())
	clock.Advance(step)
	assert.Empty(t, volumeStatus())

	vpcs, err := volcvpc.New(cfg, s.ClientOptions()...)
	require.NoError(t, err)
	eip, err := vpcs.AllocateEipAddress(ctx, &volcvpc.AllocateEipAddressInput{Bandwidth: multicloud.Ptr(int64(5))})
	require.NoError(t, err)
	require.NotEmpty(t, eip.AllocationID)
	assert.NotEmpty(t, eip.EipAddress)
	_, err = vpcs.ReleaseEipAddress(ctx, &volcvpc.ReleaseEipAddressInput{AllocationID: eip.AllocationID})
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "an EIP still allocating cannot be released")
	clock.Advance(step)
	list, err := vpcs.DescribeEipAddresses(ctx, &volcvpc.DescribeEipAddressesInput{AllocationIDs: []string{eip.AllocationID}})
	require.NoError(t, err)
	require.Len(t, list.EipAddresses, 1)
	assert.Equal(t, "Available", list.EipAddresses[0].Status)
	assert.Equal(t, int64(5), list.EipAddresses[0].Bandwidth)
	_, err = vpcs.ReleaseEipAddress(ctx, &volcvpc.ReleaseEipAddressInput{AllocationID: eip.AllocationID})
	require.NoError(t, err)
	assert.Empty(t, s.Resources(cloudtest.KindEIP))
}

func TestQingCloudInstanceLifecycle(t *testing.T) {
	s, clock := lifecycleServer(t, cloudtest.NewQingCloud)
	c, err := iaas.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()}, s.ClientOptions()...)
	require.NoError(t, err)
	ctx := t.Context()

	out, err := c.RunInstances(ctx, &iaas.RunInstancesInput{ImageID: "centos79x64a", InstanceType: multicloud.Ptr("small_b"),
		LoginMode: "passwd", LoginPasswd: multicloud.Ptr("Cloudtest-Passw0rd")})
	require.NoError(t, err)
	require.Len(t, out.Instances, 1)
	id := out.Instances[0]
	clock.Advance(step)
	job, err := c.WaitJob(ctx, out.JobID)
	require.NoError(t, err)
	assert.Equal(t, "successful", job.Status)
	_, err = c.WaitInstanceStatus(ctx, id, "running")
	require.NoError(t, err)

	stop, err := c.StopInstances(ctx, &iaas.StopInstancesInput{Instances: []string{id}})
	require.NoError(t, err)
	clock.Advance(step)
	_, err = c.WaitJob(ctx, stop.JobID)
	require.NoError(t, err)
	_, err = c.WaitInstanceStatus(ctx, id, "stopped")
	require.NoError(t, err)

	_, err = c.StartInstances(ctx, &iaas.StartInstancesInput{Instances: []string{id}})
	require.NoError(t, err)
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "running")
	require.NoError(t, err)

	_, err = c.TerminateInstances(ctx, &iaas.TerminateInstancesInput{Instances: []string{id}})
	require.NoError(t, err)
	clock.Advance(step)
	_, err = c.WaitInstanceStatus(ctx, id, "terminated")
	require.NoError(t, err)

	assert.Equal(t, 1, s.RequestCount("RunInstances"))
	run := s.Calls("RunInstances")[0]
	assert.Equal(t, []string{"REDACTED"}, run.Params["login_passwd"], "secrets are not on record")
	assert.NotContains(t, run.Params, "signature")
	assert.Equal(t, []string{"small_b"}, run.Params["instance_type"])
}

func TestQuotaAndBalance(t *testing.T) {
	ctx := t.Context()

	jd := cloudtest.NewJDCloud(cloudtest.WithResourceQuota(cloudtest.KindInstance, 1))
	defer jd.Close()
	c := jdClient(t, jd)
	create := func() error {
		return c.Call(ctx, &jdcloud.Request{Service: "vm", Method: "POST", Path: "/regions/{regionId}/instances", Action: "CreateInstances",
			Params: map[string]any{"instanceSpec": map[string]any{"az": "cn-north-1a", "instanceType": "g.n2.medium",
				"imageId": "img-centos79", "name": "q"}}}, nil)
	}
	require.NoError(t, create())
	err := create()
	assert.ErrorIs(t, err, mcerrors.ErrQuotaExceeded)
	assert.Equal(t, "QUOTA_EXCEEDED", apiError(t, err).Code)

	qy := cloudtest.NewQingCloud(cloudtest.WithInsufficientBalance())
	defer qy.Close()
	err = qcClient(t, qy).Call(ctx, &qingcloud.Request{Action: "AllocateEips", Params: map[string]any{"bandwidth": 1}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrQuotaExceeded)
	assert.Equal(t, "2400", apiError(t, err).Code)

	qyQuota := cloudtest.NewQingCloud(cloudtest.WithResourceQuota(cloudtest.KindDisk, 0))
	defer qyQuota.Close()
	err = qcClient(t, qyQuota).Call(ctx, &qingcloud.Request{Action: "CreateVolumes", Params: map[string]any{"size": 10, "volume_type": 0}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrQuotaExceeded)
	assert.Equal(t, "2500", apiError(t, err).Code)

	volc := cloudtest.NewVolcengine(cloudtest.WithInsufficientBalance())
	defer volc.Close()
	err = volcClient(t, volc).Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
		Params: map[string]any{"ZoneId": "cn-beijing-a", "ImageId": "image-1", "InstanceName": "x", "InstanceTypeId": "ecs.g3i.large"}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrQuotaExceeded)
	assert.Equal(t, "AccountOverdueError", apiError(t, err).Code)
}

func TestIdempotencyTokenAppliesOnce(t *testing.T) {
	ctx := t.Context()
	volc := cloudtest.NewVolcengine()
	defer volc.Close()
	c := volcClient(t, volc)
	run := func(token string) []any {
		var out struct{ InstanceIds []any }
		require.NoError(t, c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
			Params: map[string]any{"ZoneId": "cn-beijing-a", "ImageId": "image-1", "InstanceName": "x",
				"InstanceTypeId": "ecs.g3i.large", "ClientToken": token}}, &out))
		return out.InstanceIds
	}
	first := run("token-1")
	assert.Equal(t, first, run("token-1"), "the same token answers the first result again")
	assert.NotEqual(t, first, run("token-2"))
	assert.Len(t, volc.Resources(cloudtest.KindInstance), 2)
	calls := volc.Calls("RunInstances")
	require.Len(t, calls, 3)
	assert.Equal(t, []bool{false, true, false}, []bool{calls[0].Replayed, calls[1].Replayed, calls[2].Replayed})
	assert.Equal(t, []bool{true, false, true}, []bool{calls[0].Applied, calls[1].Applied, calls[2].Applied})

	// The same token for another request is refused, as Volcengine documents.
	err := c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
		Params: map[string]any{"ZoneId": "cn-beijing-a", "ImageId": "image-2", "InstanceName": "x",
			"InstanceTypeId": "ecs.g3i.large", "ClientToken": "token-1"}}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Equal(t, "IdempotentParameterMismatch", apiError(t, err).Code)
	assert.Len(t, volc.Resources(cloudtest.KindInstance), 2)

	jd := cloudtest.NewJDCloud()
	defer jd.Close()
	jc := jdClient(t, jd)
	createDisk := func() []any {
		var out struct {
			DiskIDs []any `json:"diskIds"`
		}
		require.NoError(t, jc.Call(ctx, &jdcloud.Request{Service: "disk", Method: "POST", Path: "/regions/{regionId}/disks", Action: "CreateDisks",
			Params: map[string]any{"maxCount": 1, "clientToken": "jd-token", "diskSpec": map[string]any{
				"az": "cn-north-1a", "name": "d", "diskType": "ssd", "diskSizeGB": 20}}}, &out))
		return out.DiskIDs
	}
	assert.Equal(t, createDisk(), createDisk())
	assert.Len(t, jd.Resources(cloudtest.KindDisk), 1)
}
