package iaas

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/qingcloud"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(qingcloud.Config{Credentials: typedtest.Keys{}, Zone: "pek3a"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func ok(action, fields string) string {
	if fields != "" {
		fields = "," + fields
	}
	return fmt.Sprintf(`{"action":"%sResponse","ret_code":0%s}`, action, fields)
}

func TestDescribeInstancesRequest(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(ok("DescribeInstances", `"instance_set":[],"total_count":0`)))
	_, err := c.DescribeInstances(context.Background(), &DescribeInstancesInput{
		Instances: []string{"i-1", "i-2"},
		Status:    []string{"running"},
		Verbose:   ptr[int64](1),
		Limit:     ptr[int64](10),
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/iaas/", r.Path)
	assert.Equal(t, url.Values{
		"action": {"DescribeInstances"}, "version": {"1"}, "zone": {"pek3a"},
		"instances.1": {"i-1"}, "instances.2": {"i-2"}, "status.1": {"running"},
		"verbose": {"1"}, "limit": {"10"},
	}, r.Params())
	assert.NotEmpty(t, r.Query.Get("signature"))

	_, err = c.DescribeInstances(context.Background(), &DescribeInstancesInput{Zone: "sh1a"})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"action": {"DescribeInstances"}, "version": {"1"}, "zone": {"sh1a"}}, srv.Last().Params(),
		"the input's zone wins over the client's")

	_, err = c.DescribeInstances(context.Background(), nil)
	require.NoError(t, err, "a nil input is allowed: the zone is the client's")
}

func TestNestedObjects(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(ok("AddLoadBalancerListeners", `"loadbalancer_listeners":["lbl-1"]`)))
	out, err := c.AddLoadBalancerListeners(context.Background(), &AddLoadBalancerListenersInput{
		Loadbalancer: ptr("lb-1"),
		Listeners: []LoadbalancerListener{{
			ListenerPort:        ptr[int64](443),
			ListenerProtocol:    ptr("https"),
			ServerCertificateID: []string{"sc-1", "sc-2"},
			Backends:            []LoadbalancerBackend{{ResourceID: ptr("i-1"), Port: ptr[int64](80)}},
		}, {
			ListenerPort: ptr[int64](80),
		}},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"lbl-1"}, out.LoadbalancerListeners)
	p := srv.Last().Params()
	assert.Equal(t, "lb-1", p.Get("loadbalancer"))
	assert.Equal(t, "443", p.Get("listeners.1.listener_port"))
	assert.Equal(t, "https", p.Get("listeners.1.listener_protocol"))
	assert.Equal(t, "sc-1,sc-2", p.Get("listeners.1.server_certificate_id"), "a list inside a list item is joined with commas")
	assert.JSONEq(t, `[{"resource_id":"i-1","port":80}]`, p.Get("listeners.1.backends"), "objects inside a list item go as JSON text")
	assert.Equal(t, "80", p.Get("listeners.2.listener_port"))

	_, err = c.UpdateCacheParameters(context.Background(), &UpdateCacheParametersInput{
		CacheParameterGroup: "cpg-1",
		Parameters:          &CacheParameter{CacheParameterName: "maxmemory-policy", CacheParameterValue: "allkeys-lru"},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cache_parameter_name":"maxmemory-policy","cache_parameter_value":"allkeys-lru"}`,
		srv.Last().Params().Get("parameters"), "a single object goes as JSON text")
}

func TestTimeAndAny(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(ok("GetMonitor", `"meter_set":[]`)))
	start := time.Date(2024, 5, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	_, err := c.GetMonitor(context.Background(), &GetMonitorInput{
		Resource: ptr("i-1"), Meters: []string{"cpu"}, Step: ptr("5m"),
		StartTime: &start, EndTime: ptr(start.Add(time.Hour)),
	})
	require.NoError(t, err)
	p := srv.Last().Params()
	assert.Equal(t, "2024-05-01T00:00:00Z", p.Get("start_time"), "timestamps go in UTC")
	assert.Equal(t, "2024-05-01T01:00:00Z", p.Get("end_time"))

	_, err = c.UpdateClusterEnvironment(context.Background(), &UpdateClusterEnvironmentInput{
		Cluster: ptr("cl-1"), Env: map[string]any{"role": map[string]int{"x": 1}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"role":{"x":1}}`, srv.Last().Params().Get("env"))
}

func TestPostFormActionGoesAsGet(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(ok("CreateServerCertificate", `"server_certificate_id":"sc-1"`)))
	out, err := c.CreateServerCertificate(context.Background(), &CreateServerCertificateInput{
		CertificateContent: "-----BEGIN CERTIFICATE-----\nMII...\n-----END CERTIFICATE-----",
		PrivateKey:         "key",
	})
	require.NoError(t, err)
	assert.Equal(t, "sc-1", out.ServerCertificateID)
	r := srv.Last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Empty(t, r.Body)
	assert.Equal(t, "-----BEGIN CERTIFICATE-----\nMII...\n-----END CERTIFICATE-----", r.Params().Get("certificate_content"))
}

func TestRequiredRefusedBeforeSending(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(ok("RunInstances", "")))
	_, err := c.RunInstances(context.Background(), &RunInstancesInput{LoginMode: "passwd"})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
	assert.Equal(t, "RunInstances", e.Action)
	assert.Contains(t, e.Message, "image_id")
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)

	_, err = c.RunInstances(context.Background(), nil)
	require.ErrorContains(t, err, "image_id")
	require.ErrorContains(t, err, "login_mode")
	assert.Empty(t, srv.Requests(), "nothing was sent")
}

func TestDescribeInstancesDocumentedExample(t *testing.T) {
	body, err := os.ReadFile("testdata/describe_instances.json")
	require.NoError(t, err)
	c, _ := newClient(t, typedtest.Reply(string(body)))
	out, err := c.DescribeInstances(context.Background(), &DescribeInstancesInput{Instances: []string{"i-ogbndull"}, Verbose: ptr[int64](1)})
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.TotalCount)
	require.Len(t, out.InstanceSet, 1)
	inst := out.InstanceSet[0]
	assert.Equal(t, "i-ogbndull", inst.InstanceID)
	assert.Equal(t, "small_b", inst.InstanceType)
	assert.Equal(t, int64(1), inst.VcpusCurrent)
	assert.Equal(t, int64(1024), inst.MemoryCurrent)
	assert.Equal(t, "running", inst.Status)
	assert.Empty(t, inst.TransitionStatus)
	assert.Empty(t, inst.Description, "description is null")
	assert.Equal(t, time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC), inst.CreateTime)
	assert.Equal(t, "eip-1234abcd", inst.Eip.EipID)
	assert.Equal(t, "121.201.5.5", inst.Eip.EipAddr)
	assert.Equal(t, int64(50), inst.Eip.Bandwidth, `"bandwidth":"50" is a string in the example`)
	assert.Equal(t, "centos64x64", inst.Image.ImageID)
	require.Len(t, inst.Vxnets, 1)
	assert.Equal(t, "10.50.13.54", inst.Vxnets[0].PrivateIP)
	assert.Equal(t, int64(1), inst.Vxnets[0].VxnetType)
	assert.Equal(t, "sg-z13kokni", inst.SecurityGroup.SecurityGroupID)
	assert.Equal(t, []string{"vol-g7xy7d6g", "vol-jg7326gy"}, inst.VolumeIDs)
	assert.Equal(t, []string{"kp-bn2n77ow", "kp-05vfs7zs"}, inst.KeypairIDs)
}

func TestEmptyTimestamp(t *testing.T) {
	c, _ := newClient(t, typedtest.Reply(ok("DescribeVolumes",
		`"volume_set":[{"volume_id":"vol-1","size":"20","create_time":"","latest_snapshot_time":""}],"total_count":1`)))
	out, err := c.DescribeVolumes(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, out.VolumeSet, 1)
	assert.Equal(t, int64(20), out.VolumeSet[0].Size)
	assert.True(t, out.VolumeSet[0].CreateTime.IsZero())
}

func TestAPIError(t *testing.T) {
	c, _ := newClient(t, typedtest.Reply(`{"ret_code":1400,"message":"PermissionDenied, resource [i-1] does not belong to you"}`))
	_, err := c.StopInstances(context.Background(), &StopInstancesInput{Instances: []string{"i-1"}})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindPermissionDenied, e.Kind)
	assert.Equal(t, "1400", e.Code)
	assert.Equal(t, "StopInstances", e.Action)
}

// instances serves total instances by offset and limit, capping a page at 100
// as QingCloud does.
func instances(total int) typedtest.Handler {
	return func(r *typedtest.Request) (int, string) {
		off, _ := strconv.Atoi(r.Query.Get("offset"))
		limit, _ := strconv.Atoi(r.Query.Get("limit"))
		n := max(min(limit, 100, total-off), 0)
		set := make([]string, n)
		for i := range set {
			set[i] = fmt.Sprintf(`{"instance_id":"i-%d","status":"running"}`, off+i)
		}
		return http.StatusOK, ok("DescribeInstances", fmt.Sprintf(`"instance_set":[%s],"total_count":%d`, join(set), total))
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func TestDescribeInstancesAll(t *testing.T) {
	c, srv := newClient(t, instances(250))
	in := &DescribeInstancesInput{Status: []string{"running"}}
	var ids []string
	for inst, err := range c.DescribeInstancesAll(context.Background(), in) {
		require.NoError(t, err)
		ids = append(ids, inst.InstanceID)
	}
	assert.Len(t, ids, 250)
	assert.Equal(t, "i-249", ids[249])
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	for k, r := range reqs {
		assert.Equal(t, strconv.Itoa(100*k), r.Query.Get("offset"))
		assert.Equal(t, "100", r.Query.Get("limit"), "the limit defaults to QingCloud's maximum")
		assert.Equal(t, "running", r.Query.Get("status.1"))
	}
	assert.Nil(t, in.Offset, "the caller's input is not written")
	assert.Nil(t, in.Limit)
}

func TestDescribeInstancesAllLimitAboveMaximum(t *testing.T) {
	c, srv := newClient(t, instances(150))
	n := 0
	for _, err := range c.DescribeInstancesAll(context.Background(), &DescribeInstancesInput{Limit: ptr[int64](500)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 150, n)
	assert.Equal(t, "100", srv.Requests()[0].Query.Get("limit"))
}

func TestListWithoutTotalStopsOnShortPage(t *testing.T) {
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		off, _ := strconv.Atoi(r.Query.Get("offset"))
		n := max(min(100, 130-off), 0)
		set := make([]string, n)
		for i := range set {
			set[i] = fmt.Sprintf(`{"loadbalancer_id":"lb-%d"}`, off+i)
		}
		return http.StatusOK, ok("DescribeLoadBalancers", `"loadbalancer_set":[`+join(set)+`]`)
	})
	n := 0
	for _, err := range c.DescribeLoadBalancersAll(context.Background(), nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 130, n)
	assert.Len(t, srv.Requests(), 2)
}

func TestIteratorErrorOnce(t *testing.T) {
	c, _ := newClient(t, typedtest.Sequence(
		ok("DescribeInstances", `"instance_set":[{"instance_id":"i-0"}],"total_count":500`),
		`{"ret_code":5100,"message":"ServerBusy"}`,
	))
	var items, errs int
	for _, err := range c.DescribeInstancesAll(context.Background(), &DescribeInstancesInput{Limit: ptr[int64](1)}) {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
			continue
		}
		items++
	}
	assert.Equal(t, 1, items)
	assert.Equal(t, 1, errs)
}
