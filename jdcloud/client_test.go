package jdcloud

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

var testCreds = credentials.Static(signer.Credentials{AccessKeyID: "JDAK", SecretAccessKey: "JDSK-secret"})

var fixedTime = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

func newTestClient(t *testing.T, cfg Config) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	if cfg.Credentials == nil {
		cfg.Credentials = testCreds
	}
	c, err := New(cfg,
		multicloud.WithHTTPClient(&http.Client{Transport: mock}),
		multicloud.WithClock(func() time.Time { return fixedTime }),
		multicloud.WithRetry(multicloud.NoRetry()))
	require.NoError(t, err)
	return c, mock
}

type filter struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

func TestGetRequestShape(t *testing.T) {
	c, mock := newTestClient(t, Config{Region: "cn-north-1"})
	mock.RegisterResponder(http.MethodGet, "https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances",
		func(r *http.Request) (*http.Response, error) {
			assert.Equal(t, "filters.1.name=instanceId&filters.1.values.1=i-1&filters.1.values.2=i-2&pageNumber=1&pageSize=100", r.URL.RawQuery)
			assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
			assert.Equal(t, "20261122T080000Z", r.Header.Get("X-Jdcloud-Date"))
			assert.NotEmpty(t, r.Header.Get("X-Jdcloud-Nonce"))
			assert.Regexp(t, `^JDCLOUD2-HMAC-SHA256 Credential=JDAK/20261122/cn-north-1/vm/jdcloud2_request, SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=[0-9a-f]{64}$`,
				r.Header.Get("Authorization"))
			return httpmock.NewStringResponse(200, `{"requestId":"req-1","result":{"instances":[{"instanceId":"i-1"}],"totalCount":1}}`), nil
		})
	var out struct {
		Instances []struct {
			InstanceID string `json:"instanceId"`
		} `json:"instances"`
		TotalCount int64 `json:"totalCount"`
	}
	err := c.Call(t.Context(), &Request{
		Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances",
		Params: map[string]any{"pageNumber": 1, "pageSize": 100, "filters": []filter{{Name: "instanceId", Values: []string{"i-1", "i-2"}}}},
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.TotalCount)
	assert.Equal(t, "i-1", out.Instances[0].InstanceID)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestCustomActionAndJSONBody(t *testing.T) {
	c, mock := newTestClient(t, Config{Region: "cn-north-1"})
	mock.RegisterResponder(http.MethodPost, `=~^https://vm\.jdcloud-api\.com/v1/regions/cn-north-1/instances/i-abc%3AstartInstance$`,
		func(r *http.Request) (*http.Response, error) {
			assert.Equal(t, "/v1/regions/cn-north-1/instances/i-abc%3AstartInstance", r.URL.EscapedPath())
			body, _ := io.ReadAll(r.Body)
			assert.JSONEq(t, `{"force":true}`, string(body), "nulls are left out")
			return httpmock.NewStringResponse(200, `{"requestId":"req-2"}`), nil
		})
	err := c.Call(t.Context(), &Request{
		Service: "vm", Method: "POST", Path: "/regions/{regionId}/instances/{instanceId}:startInstance",
		PathParams: map[string]string{"instanceId": "i-abc"}, Action: "StartInstance",
		Params: map[string]any{"force": true, "note": nil},
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestRegionlessAPISignsAsJDCloudAPI(t *testing.T) {
	c, mock := newTestClient(t, Config{})
	mock.RegisterResponder(http.MethodGet, "https://iam.jdcloud-api.com/v1/subUsers",
		func(r *http.Request) (*http.Response, error) {
			assert.Contains(t, r.Header.Get("Authorization"), "/20261122/jdcloud-api/iam/jdcloud2_request")
			return httpmock.NewStringResponse(200, `{"result":{}}`), nil
		})
	require.NoError(t, c.Call(t.Context(), &Request{Service: "iam", Path: "/subUsers", Action: "DescribeSubUsers"}, nil))
}

func TestPathValuesAreEscaped(t *testing.T) {
	c, mock := newTestClient(t, Config{Region: "cn-north-1"})
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "/v1/regions/cn-north-1/instances/a%2F..%2Fb", r.URL.EscapedPath())
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	require.NoError(t, c.Call(t.Context(), &Request{
		Service: "vm", Path: "/regions/{regionId}/instances/{instanceId}", Action: "DescribeInstance",
		PathParams: map[string]string{"instanceId": "a/../b"},
	}, nil))
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	c, mock := newTestClient(t, Config{})
	for name, req := range map[string]*Request{
		"nil":             nil,
		"no service":      {Path: "/x", Action: "DescribeX"},
		"no action":       {Service: "vm", Path: "/x"},
		"bad action":      {Service: "vm", Path: "/x", Action: "Describe X"},
		"relative path":   {Service: "vm", Path: "x", Action: "DescribeX"},
		"missing region":  {Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"},
		"unclosed brace":  {Service: "vm", Path: "/regions/{regionId", Action: "DescribeInstances"},
		"params not obj":  {Service: "vm", Path: "/x", Action: "DescribeX", Params: 42},
		"body not object": {Service: "vm", Method: "POST", Path: "/x", Action: "CreateX", Params: []int{1}},
	} {
		err := c.Call(t.Context(), req, nil)
		require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
	}
	assert.Zero(t, mock.GetTotalCallCount())

	_, err := New(Config{})
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	_, err = New(Config{Credentials: testCreds, Endpoint: "http://vm.internal"})
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "plain http needs WithInsecureHTTP")
	_, err = New(Config{Credentials: testCreds, Endpoint: "http://vm.internal"}, multicloud.WithInsecureHTTP())
	require.NoError(t, err)
}

func TestErrorsAreTyped(t *testing.T) {
	c, mock := newTestClient(t, Config{Region: "cn-north-1"})
	mock.RegisterResponder(http.MethodGet, "https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances/i-x",
		httpmock.NewStringResponder(404, `{"requestId":"req-404","error":{"code":404,"status":"NOT_FOUND","message":"instance not found"}}`))
	err := c.Call(t.Context(), &Request{
		Service: "vm", Path: "/regions/{regionId}/instances/{instanceId}", Action: "DescribeInstance",
		PathParams: map[string]string{"instanceId": "i-x"},
	}, nil)
	require.ErrorIs(t, err, mcerrors.ErrNotFound)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "jdcloud", e.Provider)
	assert.Equal(t, "vm", e.Service)
	assert.Equal(t, "DescribeInstance", e.Action)
	assert.Equal(t, "req-404", e.RequestID)
	assert.Equal(t, 1, e.Attempts)
}

func TestResultThatDoesNotDecodeIsInvalidResponse(t *testing.T) {
	c, mock := newTestClient(t, Config{Region: "cn-north-1"})
	mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"requestId":"r","result":{"totalCount":"many"}}`))
	var out struct {
		TotalCount int `json:"totalCount"`
	}
	err := c.Call(t.Context(), &Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, &out)
	require.ErrorIs(t, err, mcerrors.ErrInvalidResponse)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "r", e.RequestID)
}
