package vm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
)

func newClient(t *testing.T, region string, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: region}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func result(v string) typedtest.Handler {
	return typedtest.Reply(`{"requestId":"req-1","result":` + v + `}`)
}

func TestDescribeInstancesQuery(t *testing.T) {
	c, srv := newClient(t, "", result(`{"instances":[],"totalCount":0}`))
	_, err := c.DescribeInstances(context.Background(), &DescribeInstancesInput{
		RegionID:   "cn-north-1",
		PageNumber: ptr[int64](2),
		Filters: []Filter{
			{Name: "instanceId", Values: []string{"i-abc", "i-def"}},
			{Name: "name", Operator: ptr("like"), Values: []string{"web server"}},
		},
		Tags: []TagFilter{{Key: ptr("env"), Values: []string{"prod", "dev ops"}}},
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/regions/cn-north-1/instances", r.Path)
	assert.Equal(t, url.Values{
		"pageNumber":         {"2"},
		"filters.1.name":     {"instanceId"},
		"filters.1.values.1": {"i-abc"},
		"filters.1.values.2": {"i-def"},
		"filters.2.name":     {"name"},
		"filters.2.operator": {"like"},
		"filters.2.values.1": {"web server"},
		"tags.1.key":         {"env"},
		"tags.1.values.1":    {"prod"},
		"tags.1.values.2":    {"dev ops"},
	}, r.Query)
	assert.Contains(t, r.Header.Get("Authorization"), "/cn-north-1/vm/jdcloud2_request")
	assert.Empty(t, r.Body)
}

func TestPathParamsAndRegionDefault(t *testing.T) {
	c, srv := newClient(t, "cn-east-2", result(`{}`))
	_, err := c.StartInstance(context.Background(), &StartInstanceInput{InstanceID: "i-abc123"})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/regions/cn-east-2/instances/i-abc123%3AstartInstance", r.Path, "the region comes from the config; ':' is escaped")
	assert.JSONEq(t, `{}`, string(r.Body), "path parameters are not repeated in the body")

	_, err = c.StartInstance(context.Background(), &StartInstanceInput{RegionID: "cn-south-1", InstanceID: "i/../x"})
	require.NoError(t, err)
	assert.Equal(t, "/v1/regions/cn-south-1/instances/i%2F..%2Fx%3AstartInstance", srv.Last().Path, "a path value cannot change the path")
}

func TestRegionRequiredWithoutConfig(t *testing.T) {
	c, srv := newClient(t, "", result(`{}`))
	_, err := c.StartInstance(context.Background(), &StartInstanceInput{InstanceID: "i-1"})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
	assert.Equal(t, "required field regionId is not set", e.Message)
	assert.Equal(t, "StartInstance", e.Action)
	assert.Equal(t, "vm", e.Service)

	_, err = c.DescribeInstances(context.Background(), &DescribeInstancesInput{RegionID: "r", Filters: []Filter{{Values: []string{"x"}}}})
	require.ErrorContains(t, err, "filters.1.name", "nested required fields are checked too")
	assert.Empty(t, srv.Requests())
}

func TestCreateInstancesJSONBody(t *testing.T) {
	c, srv := newClient(t, "cn-north-1", result(`{"instanceIds":["i-1","i-2"]}`))
	out, err := c.CreateInstances(context.Background(), &CreateInstancesInput{
		MaxCount:    ptr[int64](2),
		ClientToken: ptr("tok-1"),
		InstanceSpec: &InstanceSpec{
			Name:         "web",
			InstanceType: ptr("g.n2.medium"),
			ImageID:      ptr("img-m5s0vr7a3w"),
			Az:           ptr("cn-north-1a"),
			PrimaryNetworkInterface: &InstanceNetworkInterfaceAttachmentSpec{
				NetworkInterface: &NetworkInterfaceSpec{SubnetID: "subnet-1", SecurityGroups: []string{"sg-1"}},
			},
			SystemDisk: &InstanceDiskAttachmentSpec{DiskCategory: ptr("cloud"), CloudDiskSpec: &DiskSpec{Az: "cn-north-1a", DiskType: "ssd.gp1", DiskSizeGB: ptr[int64](40), Name: "sys"}},
			DataDisks:  []InstanceDiskAttachmentSpec{{DiskCategory: ptr("local")}},
			NoPassword: ptr(true),
			UserTags:   []Tag{{Key: ptr("env"), Value: ptr("prod")}},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"i-1", "i-2"}, out.InstanceIDs)
	r := srv.Last()
	assert.Equal(t, "/v1/regions/cn-north-1/instances", r.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, `{
		"clientToken": "tok-1",
		"instanceSpec": {
			"name": "web", "instanceType": "g.n2.medium", "imageId": "img-m5s0vr7a3w", "az": "cn-north-1a",
			"primaryNetworkInterface": {"networkInterface": {"subnetId": "subnet-1", "securityGroups": ["sg-1"]}},
			"systemDisk": {"diskCategory": "cloud", "cloudDiskSpec": {"az": "cn-north-1a", "diskType": "ssd.gp1", "diskSizeGB": 40, "name": "sys"}},
			"dataDisks": [{"diskCategory": "local"}],
			"noPassword": true,
			"userTags": [{"key": "env", "value": "prod"}]
		},
		"maxCount": 2
	}`, string(r.Body))
}

func TestDescribeInstancesResult(t *testing.T) {
	body, err := os.ReadFile("testdata/describe_instances.json")
	require.NoError(t, err)
	c, _ := newClient(t, "cn-north-1", typedtest.Reply(string(body)))
	out, err := c.DescribeInstances(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.TotalCount)
	require.Len(t, out.Instances, 1)
	in := out.Instances[0]
	assert.Equal(t, "i-5n2vgcesdj", in.InstanceID)
	assert.Equal(t, "running", in.Status)
	assert.Equal(t, "114.67.94.10", in.ElasticIPAddress)
	assert.Equal(t, "ssd.gp1", in.SystemDisk.CloudDisk.DiskType)
	assert.Equal(t, int64(40), in.SystemDisk.CloudDisk.DiskSizeGB)
	assert.Equal(t, int64(100), in.DataDisks[0].LocalDisk.DiskSizeGB)
	assert.Equal(t, "sg-ktqh6rybb0", in.PrimaryNetworkInterface.NetworkInterface.SecurityGroups[0].GroupID)
	assert.Equal(t, "10.0.0.4", in.PrimaryNetworkInterface.NetworkInterface.PrimaryIP.PrivateIPAddress)
	assert.Equal(t, []string{"ops"}, in.KeyNames)
	assert.Equal(t, "postpaid_by_duration", in.Charge.ChargeMode)
	require.Len(t, in.Tags, 1)
	assert.Equal(t, "prod", *in.Tags[0].Value)
}

func TestErrorEnvelope(t *testing.T) {
	c, _ := newClient(t, "cn-north-1", func(*typedtest.Request) (int, string) {
		return http.StatusNotFound, `{"requestId":"req-9","error":{"code":404,"status":"NOT_FOUND","message":"instance i-x not found"}}`
	})
	_, err := c.DescribeInstance(context.Background(), &DescribeInstanceInput{InstanceID: "i-x"})
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
}

// jdPages serves total instances, answering a page number past the end with
// the last page again, as some JD Cloud APIs document.
func jdPages(total int) typedtest.Handler {
	return func(r *typedtest.Request) (int, string) {
		size, _ := strconv.Atoi(r.Query.Get("pageSize"))
		number, _ := strconv.Atoi(r.Query.Get("pageNumber"))
		last := max((total+size-1)/size, 1)
		number = min(number, last)
		from := (number - 1) * size
		items := make([]map[string]any, 0, size)
		for i := from; i < min(from+size, total); i++ {
			items = append(items, map[string]any{"instanceId": fmt.Sprintf("i-%d", i)})
		}
		b, _ := json.Marshal(map[string]any{"requestId": "r", "result": map[string]any{"instances": items, "totalCount": total}})
		return http.StatusOK, string(b)
	}
}

func TestDescribeInstancesAll(t *testing.T) {
	c, srv := newClient(t, "cn-north-1", jdPages(230))
	in := &DescribeInstancesInput{Filters: []Filter{{Name: "status", Values: []string{"running"}}}}
	var ids []string
	for inst, err := range c.DescribeInstancesAll(context.Background(), in) {
		require.NoError(t, err)
		ids = append(ids, inst.InstanceID)
	}
	assert.Len(t, ids, 230)
	assert.Equal(t, "i-229", ids[229])
	reqs := srv.Requests()
	require.Len(t, reqs, 3, "stops at 3*100 >= 230, not on the repeated last page")
	for k, r := range reqs {
		assert.Equal(t, strconv.Itoa(k+1), r.Query.Get("pageNumber"))
		assert.Equal(t, "100", r.Query.Get("pageSize"))
		assert.Equal(t, "running", r.Query.Get("filters.1.values.1"))
	}
	assert.Nil(t, in.PageNumber)
}

func TestDescribeInstancesAllCallerPageSize(t *testing.T) {
	c, srv := newClient(t, "cn-north-1", jdPages(40))
	n := 0
	for _, err := range c.DescribeInstancesAll(context.Background(), &DescribeInstancesInput{PageSize: ptr[int64](20)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 40, n)
	assert.Len(t, srv.Requests(), 2, "2*20 >= 40: no third request for the repeated last page")
}

func TestDescribeInstancesAllError(t *testing.T) {
	c, srv := newClient(t, "", jdPages(10))
	var errs []error
	for _, err := range c.DescribeInstancesAll(context.Background(), nil) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], mcerrors.ErrInvalidArgument, "no region: refused before sending, yielded once")
	assert.Empty(t, srv.Requests())
}

func TestWaitInstanceStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		statuses := []string{"pending", "starting", "running"}
		var at []time.Time
		c, srv := newClient(t, "cn-north-1", func(*typedtest.Request) (int, string) {
			mu.Lock()
			defer mu.Unlock()
			at = append(at, time.Now())
			s := statuses[min(len(at), len(statuses))-1]
			return http.StatusOK, `{"requestId":"r","result":{"instance":{"instanceId":"i-1","status":"` + s + `"}}}`
		})
		start := time.Now()
		inst, err := c.WaitInstanceStatus(t.Context(), "i-1", "running")
		require.NoError(t, err)
		assert.Equal(t, "running", inst.Status)
		require.Len(t, at, 3)
		assert.Equal(t, start, at[0], "the first poll is made at once")
		assert.Equal(t, "/v1/regions/cn-north-1/instances/i-1", srv.Last().Path)
		assert.LessOrEqual(t, at[2].Sub(start), waitDefaults.MinDelay*3)
	})
}

func TestWaitInstanceStatusErrorState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newClient(t, "cn-north-1", result(`{"instance":{"instanceId":"i-1","status":"error"}}`))
		inst, err := c.WaitInstanceStatus(t.Context(), "i-1", "running")
		require.ErrorContains(t, err, `status "error"`)
		assert.ErrorIs(t, err, mcerrors.ErrConflict, "a failed instance has a kind")
		assert.Equal(t, "error", inst.Status)

		c, _ = newClient(t, "cn-north-1", func(*typedtest.Request) (int, string) {
			return http.StatusNotFound, `{"requestId":"r","error":{"code":404,"status":"NOT_FOUND","message":"not found"}}`
		})
		_, err = c.WaitInstanceStatus(t.Context(), "i-1", "running")
		assert.ErrorIs(t, err, mcerrors.ErrNotFound, "an API error ends the wait at once")
	})
}

func TestWaitInstanceStatusTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newClient(t, "cn-north-1", result(`{"instance":{"instanceId":"i-1","status":"stopping"}}`))
		start := time.Now()
		_, err := c.WaitInstanceStatus(t.Context(), "i-1", "stopped", func(o *WaitOptions) { o.MaxWait = 90 * time.Second })
		require.ErrorIs(t, err, mcerrors.ErrWaitTimeout)
		assert.Equal(t, mcerrors.KindUnavailable, mcerrors.KindOf(err))
		assert.Equal(t, 90*time.Second, time.Since(start))
	})
}
