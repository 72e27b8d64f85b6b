package monitor

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func TestPutMetricDataV2Body(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"success":true}}`))
	_, err := c.PutMetricData(context.Background(), &PutMetricDataInput{MetricDataList: []MetricDataCm{{
		Namespace:  "app",
		Metric:     "latency",
		Dimensions: map[string]string{"host": "web-1"},
		Timestamp:  ptr[int64](1717200000),
		Type:       ptr[int64](1),
		Values:     map[string]float64{"value": 12.5},
	}}})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v2/customMetrics", r.Path)
	assert.JSONEq(t, `{"metricDataList":[{"namespace":"app","metric":"latency","dimensions":{"host":"web-1"},"timestamp":1717200000,"type":1,"values":{"value":12.5}}]}`, string(r.Body))
}

func TestPutMetricDataRequiredNested(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{}`))
	_, err := c.PutMetricData(context.Background(), &PutMetricDataInput{MetricDataList: []MetricDataCm{{Namespace: "app", Metric: "m"}}})
	require.ErrorContains(t, err, "metricDataList.1.dimensions")
	require.ErrorContains(t, err, "metricDataList.1.values")
	assert.Empty(t, srv.Requests())
}

func TestDescribeAlarmsQuery(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"alarmList":[],"total":0}}`))
	_, err := c.DescribeAlarms(context.Background(), &DescribeAlarmsInput{
		ServiceCode: ptr("vm"),
		Filters:     []Filter{{Name: ptr("resourceId"), Values: []string{"i-1"}}},
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, "/v2/groupAlarms", r.Path)
	assert.Equal(t, "vm", r.Query.Get("serviceCode"))
	assert.Equal(t, "resourceId", r.Query.Get("filters.1.name"))
	assert.Equal(t, "i-1", r.Query.Get("filters.1.values.1"))
}
