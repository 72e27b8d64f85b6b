package ecs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/volcengine"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func result(v any) string {
	b, _ := json.Marshal(map[string]any{"ResponseMetadata": map[string]any{"RequestId": "r", "Action": "x"}, "Result": v})
	return string(b)
}

func TestDescribeInstancesQuery(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"Instances": []any{}})))
	_, err := c.DescribeInstances(context.Background(), &DescribeInstancesInput{
		InstanceIDs: []string{"i-1", "i-2"},
		TagFilters:  []TagFilterForDescribeInstancesInput{{Key: ptr("env"), Values: []string{"prod", "dev"}}},
		MaxResults:  ptr[int64](50),
		Status:      ptr("RUNNING"),
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, url.Values{
		"Action": {"DescribeInstances"}, "Version": {"2020-04-01"},
		"InstanceIds.1": {"i-1"}, "InstanceIds.2": {"i-2"},
		"TagFilters.1.Key": {"env"}, "TagFilters.1.Values.1": {"prod"}, "TagFilters.1.Values.2": {"dev"},
		"MaxResults": {"50"}, "Status": {"RUNNING"},
	}, r.Query)
	assert.Contains(t, r.Header.Get("Authorization"), "/cn-beijing/ecs/request")
	assert.Empty(t, r.Body)
}

func TestRunInstancesNested(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"InstanceIds": []string{"i-new"}})))
	out, err := c.RunInstances(context.Background(), &RunInstancesInput{
		ClientToken: ptr("tok-1"),
		ImageID:     "image-1", InstanceName: "web", ZoneID: "cn-beijing-a",
		InstanceType:   ptr("ecs.g1.large"),
		Count:          ptr[int64](2),
		DryRun:         ptr(false),
		SpotPriceLimit: ptr(0.25),
		Placement:      &PlacementForRunInstancesInput{Tenancy: ptr("default")},
		NetworkInterfaces: []NetworkInterfaceForRunInstancesInput{
			{SubnetID: "subnet-1", SecurityGroupIDs: []string{"sg-1", "sg-2"}},
		},
		Volumes: []VolumeForRunInstancesInput{
			{Size: ptr[int64](40), VolumeType: ptr("ESSD_PL0")},
			{Size: ptr[int64](100)},
		},
		Tags: []TagForRunInstancesInput{{Key: ptr("env"), Value: ptr("prod")}},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"i-new"}, out.InstanceIDs)
	assert.Equal(t, url.Values{
		"Action": {"RunInstances"}, "Version": {"2020-04-01"}, "ClientToken": {"tok-1"},
		"ImageId": {"image-1"}, "InstanceName": {"web"}, "ZoneId": {"cn-beijing-a"},
		"InstanceType": {"ecs.g1.large"}, "Count": {"2"}, "DryRun": {"false"}, "SpotPriceLimit": {"0.25"},
		"Placement.Tenancy":                      {"default"},
		"NetworkInterfaces.1.SubnetId":           {"subnet-1"},
		"NetworkInterfaces.1.SecurityGroupIds.1": {"sg-1"},
		"NetworkInterfaces.1.SecurityGroupIds.2": {"sg-2"},
		"Volumes.1.Size":                         {"40"},
		"Volumes.1.VolumeType":                   {"ESSD_PL0"},
		"Volumes.2.Size":                         {"100"},
		"Tags.1.Key":                             {"env"},
		"Tags.1.Value":                           {"prod"},
	}, srv.Last().Query)
}

func TestRunInstancesRequiredNested(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{})))
	_, err := c.RunInstances(context.Background(), &RunInstancesInput{
		ImageID: "image-1", InstanceName: "web", ZoneID: "z",
		Volumes: []VolumeForRunInstancesInput{{VolumeType: ptr("ESSD_PL0")}},
	})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "required field Volumes.1.Size is not set", e.Message)
	assert.Empty(t, srv.Requests())
}

func TestLenientOutput(t *testing.T) {
	c, _ := newClient(t, typedtest.Reply(`{"ResponseMetadata":{"RequestId":"r"},"Result":{"Instances":[
		{"InstanceId":"i-1","Cpus":"4","MemorySize":8192,"Status":"RUNNING","CreatedAt":"2024-01-01T00:00:00+08:00","HostName":"a","Hostname":"b"}]}}`))
	out, err := c.DescribeInstances(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, out.Instances, 1)
	assert.Equal(t, int64(4), out.Instances[0].CPUs, "a number sent as a string")
	assert.Equal(t, int64(8192), out.Instances[0].MemorySize)
	assert.Equal(t, "a", out.Instances[0].HostName)
	assert.Equal(t, "b", out.Instances[0].Hostname)
}

func TestErrorInsideOK(t *testing.T) {
	c, _ := newClient(t, typedtest.Reply(`{"ResponseMetadata":{"RequestId":"r","Action":"DescribeInstances","Error":{"Code":"InvalidAccessKey","CodeN":100009,"Message":"bad key"}}}`))
	_, err := c.DescribeInstances(context.Background(), nil)
	assert.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
}

func TestDescribeInstancesAllToken(t *testing.T) {
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		k, _ := strconv.Atoi(r.Query.Get("NextToken"))
		next := ""
		if k < 2 {
			next = strconv.Itoa(k + 1)
		}
		return http.StatusOK, result(map[string]any{
			"Instances": []map[string]string{{"InstanceId": fmt.Sprint("i-", k)}},
			"NextToken": next,
		})
	})
	var ids []string
	for inst, err := range c.DescribeInstancesAll(context.Background(), &DescribeInstancesInput{MaxResults: ptr[int64](1)}) {
		require.NoError(t, err)
		ids = append(ids, inst.InstanceID)
	}
	assert.Equal(t, []string{"i-0", "i-1", "i-2"}, ids)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Empty(t, reqs[0].Query.Get("NextToken"))
	assert.Equal(t, "2", reqs[2].Query.Get("NextToken"))
	assert.Equal(t, "1", reqs[2].Query.Get("MaxResults"))
}

func TestDescribeCommandsAllPage(t *testing.T) {
	const total = 45
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		number, _ := strconv.Atoi(r.Query.Get("PageNumber"))
		size := 20 // the server's default page size: the iterator sends none
		if s := r.Query.Get("PageSize"); s != "" {
			size, _ = strconv.Atoi(s)
		}
		var cmds []map[string]string
		for i := (number - 1) * size; i < min(number*size, total); i++ {
			cmds = append(cmds, map[string]string{"CommandId": fmt.Sprint("cmd-", i)})
		}
		return http.StatusOK, result(map[string]any{"Commands": cmds, "PageNumber": number, "PageSize": size, "TotalCount": total})
	})
	n := 0
	for _, err := range c.DescribeCommandsAll(context.Background(), nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, total, n)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "3", reqs[2].Query.Get("PageNumber"))
	assert.Empty(t, reqs[0].Query.Get("PageSize"), "no maximum is known: the server's page size is used")
}

func TestWaitInstanceStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		polls := 0
		c, srv := newClient(t, func(*typedtest.Request) (int, string) {
			mu.Lock()
			defer mu.Unlock()
			polls++
			status := "STARTING"
			if polls == 3 {
				status = "RUNNING"
			}
			return http.StatusOK, result(map[string]any{"Instances": []map[string]string{{"InstanceId": "i-1", "Status": status}}})
		})
		start := time.Now()
		inst, err := c.WaitInstanceStatus(t.Context(), "i-1", "RUNNING")
		require.NoError(t, err)
		assert.Equal(t, "RUNNING", inst.Status)
		assert.Equal(t, 3, polls)
		assert.Equal(t, "i-1", srv.Last().Query.Get("InstanceIds.1"))
		elapsed := time.Since(start)
		assert.GreaterOrEqual(t, elapsed, waitDefaults.MinDelay/2+waitDefaults.MinDelay)
		assert.LessOrEqual(t, elapsed, 3*waitDefaults.MinDelay)
	})
}

func TestWaitInstanceStatusEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newClient(t, typedtest.Reply(result(map[string]any{"Instances": []map[string]string{{"InstanceId": "i-1", "Status": "ERROR"}}})))
		_, err := c.WaitInstanceStatus(t.Context(), "i-1", "RUNNING")
		require.ErrorContains(t, err, "ERROR")
		assert.ErrorIs(t, err, mcerrors.ErrConflict, "a failed instance has a kind")

		c, _ = newClient(t, typedtest.Reply(result(map[string]any{"Instances": []any{}})))
		_, err = c.WaitInstanceStatus(t.Context(), "i-1", "RUNNING")
		assert.ErrorIs(t, err, mcerrors.ErrNotFound)

		c, _ = newClient(t, typedtest.Reply(result(map[string]any{"Instances": []map[string]string{{"InstanceId": "i-1", "Status": "STOPPING"}}})))
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		_, err = c.WaitInstanceStatus(ctx, "i-1", "STOPPED")
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}
