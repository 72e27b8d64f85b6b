package volcengine

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

var testCreds = credentials.Static(signer.Credentials{AccessKeyID: "VOLCAK", SecretAccessKey: "VOLCSK-secret", SessionToken: "STS-token"})

func newTestClient(t *testing.T) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	c, err := New(Config{Credentials: testCreds, Region: "cn-beijing"},
		multicloud.WithHTTPClient(&http.Client{Transport: mock}),
		multicloud.WithClock(func() time.Time { return time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC) }),
		multicloud.WithRetry(multicloud.NoRetry()))
	require.NoError(t, err)
	return c, mock
}

func TestGetRequestShape(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterResponder(http.MethodGet, "https://open.volcengineapi.com/", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "Action=DescribeVpcs&PageNumber=1&PageSize=10&Version=2020-04-01&VpcIds.1=vpc-1&VpcIds.2=vpc-2", r.URL.RawQuery)
		assert.Equal(t, "20261122T080000Z", r.Header.Get("X-Date"))
		assert.Equal(t, "STS-token", r.Header.Get("X-Security-Token"))
		assert.Regexp(t, `^HMAC-SHA256 Credential=VOLCAK/20261122/cn-beijing/vpc/request, SignedHeaders=content-type;host;x-content-sha256;x-date;x-security-token, Signature=[0-9a-f]{64}$`,
			r.Header.Get("Authorization"))
		return httpmock.NewStringResponse(200, `{"ResponseMetadata":{"RequestId":"r1","Action":"DescribeVpcs"},"Result":{"TotalCount":2,"Vpcs":[{"VpcId":"vpc-1"},{"VpcId":"vpc-2"}]}}`), nil
	})
	var out struct {
		TotalCount int64
		Vpcs       []struct{ VpcId string }
	}
	err := c.Call(t.Context(), &Request{
		Service: "vpc", Version: "2020-04-01", Action: "DescribeVpcs",
		Params: map[string]any{"PageNumber": 1, "PageSize": 10, "VpcIds": []string{"vpc-1", "vpc-2"}},
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, int64(2), out.TotalCount)
	assert.Len(t, out.Vpcs, 2)
}

func TestPostJSONAndForm(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterResponder(http.MethodPost, "https://open.volcengineapi.com/", func(r *http.Request) (*http.Response, error) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Query().Get("Action") {
		case "ListBill":
			assert.Equal(t, "application/json; charset=utf-8", r.Header.Get("Content-Type"))
			assert.JSONEq(t, `{"BillPeriod":"2026-10","Limit":10}`, string(body))
		case "CreateVpc":
			assert.Equal(t, "application/x-www-form-urlencoded; charset=utf-8", r.Header.Get("Content-Type"))
			assert.Equal(t, "CidrBlock=172.16.0.0%2F16&VpcName=my%20vpc", string(body))
		}
		assert.Contains(t, r.Header.Get("Authorization"), "content-type;host;x-content-sha256")
		return httpmock.NewStringResponse(200, `{"ResponseMetadata":{"RequestId":"r"},"Result":{}}`), nil
	})
	require.NoError(t, c.Call(t.Context(), &Request{
		Service: "billing", Version: "2022-01-01", Action: "ListBill", Method: "POST",
		Params: map[string]any{"BillPeriod": "2026-10", "Limit": 10, "Product": nil},
	}, nil))
	require.NoError(t, c.Call(t.Context(), &Request{
		Service: "vpc", Version: "2020-04-01", Action: "CreateVpc", Method: "POST", ContentType: ContentForm,
		Params: map[string]any{"CidrBlock": "172.16.0.0/16", "VpcName": "my vpc"},
	}, nil))
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

func TestErrorInsideHTTP200(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterNoResponder(httpmock.NewStringResponder(200,
		`{"ResponseMetadata":{"RequestId":"r-err","Action":"ListBill","Error":{"CodeN":100013,"Code":"AccessDenied","Message":"no"}}}`))
	err := c.Call(t.Context(), &Request{Service: "billing", Version: "2022-01-01", Action: "ListBill"}, nil)
	require.ErrorIs(t, err, mcerrors.ErrPermissionDenied)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "AccessDenied", e.Code)
	assert.Equal(t, "r-err", e.RequestID)
	assert.Equal(t, "billing", e.Service)
}

func TestBadInputIsRefusedBeforeSending(t *testing.T) {
	c, mock := newTestClient(t)
	for name, req := range map[string]*Request{
		"nil":              nil,
		"no service":       {Version: "2020-04-01", Action: "DescribeVpcs"},
		"no version":       {Service: "vpc", Action: "DescribeVpcs"},
		"no action":        {Service: "vpc", Version: "2020-04-01"},
		"bad content type": {Service: "vpc", Version: "2020-04-01", Action: "CreateVpc", Method: "POST", ContentType: "text/xml"},
	} {
		require.ErrorIs(t, c.Call(t.Context(), req, nil), mcerrors.ErrInvalidArgument, name)
	}
	assert.Zero(t, mock.GetTotalCallCount())
	_, err := New(Config{Credentials: testCreds})
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "empty region")
}
