package qingcloud

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

var testCreds = credentials.Static(signer.Credentials{AccessKeyID: "QYAK", SecretAccessKey: "QYSK-secret"})

func newTestClient(t *testing.T, opts ...multicloud.Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	base := []multicloud.Option{
		multicloud.WithHTTPClient(&http.Client{Transport: mock}),
		multicloud.WithClock(func() time.Time { return time.Date(2013, 8, 27, 14, 30, 10, 0, time.UTC) }),
		multicloud.WithRetry(multicloud.NoRetry()),
	}
	c, err := New(Config{Credentials: testCreds, Zone: "pek3a"}, append(base, opts...)...)
	require.NoError(t, err)
	return c, mock
}

type rule struct {
	Protocol string `json:"protocol"`
	Priority int    `json:"priority"`
	Val1     string `json:"val1,omitempty"`
}

func TestRequestShape(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterResponder(http.MethodGet, "https://api.qingcloud.com/iaas/", func(r *http.Request) (*http.Response, error) {
		signedPart, sig, found := strings.Cut(r.URL.RawQuery, "&signature=")
		require.True(t, found)
		assert.Equal(t,
			"access_key_id=QYAK&action=AddSecurityGroupRules&rules.1.priority=1&rules.1.protocol=tcp&rules.1.val1=22&"+
				"rules.2.priority=2&rules.2.protocol=icmp&security_group=sg-1&signature_method=HmacSHA256&signature_version=1&"+
				"time_stamp=2013-08-27T14%3A30%3A10Z&verbose=1&version=1&zone=pek3a",
			signedPart)
		assert.Regexp(t, `^[A-Za-z0-9%]+$`, sig, "the signature comes last, percent-encoded")
		return httpmock.NewStringResponse(200, `{"action":"AddSecurityGroupRulesResponse","security_group_rules":["sgr-1","sgr-2"],"ret_code":0}`), nil
	})
	var out struct {
		SecurityGroupRules []string `json:"security_group_rules"`
	}
	err := c.Call(t.Context(), &Request{Action: "AddSecurityGroupRules", Params: map[string]any{
		"security_group": "sg-1", "verbose": true,
		"rules": []rule{{Protocol: "tcp", Priority: 1, Val1: "22"}, {Protocol: "icmp", Priority: 2}},
	}}, &out)
	require.NoError(t, err)
	assert.Equal(t, []string{"sgr-1", "sgr-2"}, out.SecurityGroupRules)
}

func TestZoneOverrideAndReservedParams(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		assert.Equal(t, "sh1a", q.Get("zone"))
		assert.Equal(t, "DescribeZones", q.Get("action"))
		assert.Equal(t, []string{"1"}, q["version"])
		return httpmock.NewStringResponse(200, `{"ret_code":0}`), nil
	})
	require.NoError(t, c.Call(t.Context(), &Request{Action: "DescribeZones", Zone: "sh1a",
		Params: map[string]any{"action": "RunInstances", "version": "9", "zone": "x"}}, nil))
}

func TestRetCodeErrors(t *testing.T) {
	c, mock := newTestClient(t)
	mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"ret_code":2100,"message":"ResourceNotFound, resource [i-xxx] not found"}`))
	err := c.Call(t.Context(), &Request{Action: "DescribeInstances"}, nil)
	require.ErrorIs(t, err, mcerrors.ErrNotFound)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "2100", e.Code)
	assert.Equal(t, "iaas", e.Service)
}

// An expired time stamp (1300) is retried once, signed afresh, even for a
// mutation: the server refused it unprocessed.
func TestExpiredTimeStampRetriedOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mock := httpmock.NewMockTransport()
		c, err := New(Config{Credentials: testCreds, Zone: "pek3a"}, multicloud.WithHTTPClient(&http.Client{Transport: mock}))
		require.NoError(t, err)
		mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"ret_code":1300,"message":"message expired"}`))
		err = c.Call(t.Context(), &Request{Action: "RunInstances"}, nil)
		require.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
		assert.Equal(t, 2, mock.GetTotalCallCount())
	})
}

func TestBadInput(t *testing.T) {
	c, mock := newTestClient(t)
	require.ErrorIs(t, c.Call(t.Context(), nil, nil), mcerrors.ErrInvalidArgument)
	require.ErrorIs(t, c.Call(t.Context(), &Request{}, nil), mcerrors.ErrInvalidArgument)
	require.ErrorIs(t, c.Call(t.Context(), &Request{Action: "Run&Instances"}, nil), mcerrors.ErrInvalidArgument)
	require.ErrorIs(t, c.Call(t.Context(), &Request{Action: "RunInstances", Params: "x"}, nil), mcerrors.ErrInvalidArgument)
	assert.Zero(t, mock.GetTotalCallCount())
	_, err := New(Config{Credentials: testCreds})
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "zone is required")
}
