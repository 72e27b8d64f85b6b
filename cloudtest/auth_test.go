package cloudtest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// creds is a fixed credentials provider.
type creds signer.Credentials

func (c creds) Retrieve(context.Context) (signer.Credentials, error) {
	return signer.Credentials(c), nil
}

// caller makes a client for a server with the given credentials and extra
// options, and calls a cheap read API with it, decoding the result (so that
// an answer that is not the provider's envelope is an error).
type caller func(t *testing.T, s *cloudtest.Server, c signer.Credentials, opts ...multicloud.Option) error

var callers = map[string]struct {
	start func(...cloudtest.Option) *cloudtest.Server
	call  caller
}{
	"jdcloud": {cloudtest.NewJDCloud, func(t *testing.T, s *cloudtest.Server, c signer.Credentials, opts ...multicloud.Option) error {
		cl, err := jdcloud.New(jdcloud.Config{Credentials: creds(c), Region: s.Region()}, append(s.ClientOptions(), opts...)...)
		require.NoError(t, err)
		return cl.Call(t.Context(), jdDescribe(nil), &map[string]any{})
	}},
	"volcengine": {cloudtest.NewVolcengine, func(t *testing.T, s *cloudtest.Server, c signer.Credentials, opts ...multicloud.Option) error {
		cl, err := volcengine.New(volcengine.Config{Credentials: creds(c), Region: s.Region()}, append(s.ClientOptions(), opts...)...)
		require.NoError(t, err)
		return cl.Call(t.Context(), billing("QueryBalanceAcct", nil), &map[string]any{})
	}},
	"qingcloud": {cloudtest.NewQingCloud, func(t *testing.T, s *cloudtest.Server, c signer.Credentials, opts ...multicloud.Option) error {
		cl, err := qingcloud.New(qingcloud.Config{Credentials: creds(c), Zone: s.Region()}, append(s.ClientOptions(), opts...)...)
		require.NoError(t, err)
		return cl.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, &map[string]any{})
	}},
}

func TestAuthentication(t *testing.T) {
	// What each provider answers, as (HTTP status, provider code).
	type answer struct {
		status int
		code   string
	}
	cases := []struct {
		name string
		// change makes the client's credentials or clock wrong.
		change func(s *cloudtest.Server) (signer.Credentials, []multicloud.Option)
		want   map[string]answer
	}{{
		name: "unknown access key",
		change: func(s *cloudtest.Server) (signer.Credentials, []multicloud.Option) {
			c := s.Credentials()
			c.AccessKeyID += "X"
			return c, nil
		},
		want: map[string]answer{"jdcloud": {401, "ACCESS_ERROR"}, "volcengine": {401, "InvalidAccessKey"}, "qingcloud": {200, "1200"}},
	}, {
		name: "wrong secret",
		change: func(s *cloudtest.Server) (signer.Credentials, []multicloud.Option) {
			c := s.Credentials()
			c.SecretAccessKey += "X"
			return c, nil
		},
		want: map[string]answer{"jdcloud": {401, "ACCESS_ERROR"}, "volcengine": {401, "SignatureDoesNotMatch"}, "qingcloud": {200, "1200"}},
	}, {
		name: "clock 16 minutes slow",
		change: func(s *cloudtest.Server) (signer.Credentials, []multicloud.Option) {
			return s.Credentials(), []multicloud.Option{multicloud.WithClock(func() time.Time { return s.Now().Add(-16 * time.Minute) })}
		},
		want: map[string]answer{"jdcloud": {401, "ACCESS_ERROR"}, "volcengine": {400, "InvalidTimestamp"}, "qingcloud": {200, "1300"}},
	}}
	for _, tc := range cases {
		for provider, p := range callers {
			t.Run(tc.name+"/"+provider, func(t *testing.T) {
				s := p.start()
				defer s.Close()
				require.NoError(t, p.call(t, s, s.Credentials()), "the server's own credentials")

				c, opts := tc.change(s)
				err := p.call(t, s, c, append(opts, retries(3))...)
				require.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
				e := apiError(t, err)
				want := tc.want[provider]
				assert.Equal(t, want.status, e.StatusCode)
				assert.Equal(t, want.code, e.Code)
				attempts := 1
				if want.code == "1300" {
					attempts = 2 // the QingCloud client re-signs once after an expired time_stamp
				}
				assert.Equal(t, attempts, e.Attempts)
				last := s.Requests()[len(s.Requests())-1]
				assert.False(t, last.Authenticated)
				assert.Equal(t, want.code, last.ErrorCode)
			})
		}
	}
}

func TestClockSkewWindows(t *testing.T) {
	// Inside each provider's window a skewed client is still accepted.
	for provider, skew := range map[string]time.Duration{"jdcloud": 4 * time.Minute, "volcengine": 14 * time.Minute, "qingcloud": 50 * time.Second} {
		p := callers[provider]
		s := p.start()
		for _, d := range []time.Duration{skew, -skew} {
			err := p.call(t, s, s.Credentials(), multicloud.WithClock(func() time.Time { return s.Now().Add(d) }))
			assert.NoError(t, err, "%s %v", provider, d)
		}
		s.Close()
	}
}

func TestJDCloudRefusesAReplayedNonce(t *testing.T) {
	s := cloudtest.NewJDCloud()
	defer s.Close()
	r, err := http.NewRequest(http.MethodGet, s.URL+"/v1/regions/cn-north-1/instances", nil)
	require.NoError(t, err)
	r.Header.Set("Content-Type", "application/json")
	require.NoError(t, signer.JDCloud{Service: "vm", Region: "cn-north-1"}.Sign(r, nil, s.Credentials(), time.Now()))

	for i, want := range []int{http.StatusOK, http.StatusUnauthorized} {
		resp, err := s.HTTPClient().Do(r.Clone(t.Context()))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, "send %d", i+1)
	}

	s2 := cloudtest.NewJDCloud(cloudtest.WithoutNonceCheck())
	defer s2.Close()
	r.URL.Host = s2.URL[len("https://"):]
	r.Host = r.URL.Host
	require.NoError(t, signer.JDCloud{Service: "vm", Region: "cn-north-1"}.Sign(r, nil, s2.Credentials(), time.Now()))
	for range 2 {
		resp, err := s2.HTTPClient().Do(r.Clone(t.Context()))
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
}

func TestVolcengineSessionToken(t *testing.T) {
	temp := signer.Credentials{AccessKeyID: "AKTPCLOUDTEST", SecretAccessKey: "temporary-secret", SessionToken: "STS2-token"}
	s := cloudtest.NewVolcengine(cloudtest.WithCredentials(temp))
	defer s.Close()
	p := callers["volcengine"]
	require.NoError(t, p.call(t, s, temp))

	noToken := temp
	noToken.SessionToken = ""
	err := p.call(t, s, noToken)
	assert.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
	assert.Equal(t, "InvalidSecretToken", apiError(t, err).Code)
}

func TestUnsignedRequests(t *testing.T) {
	for provider, want := range map[string]struct {
		status int
		code   string
	}{"jdcloud": {401, "ACCESS_ERROR"}, "volcengine": {401, "MissingAuthenticationToken"}, "qingcloud": {200, "1200"}} {
		s := callers[provider].start()
		target := s.URL + "?Action=ListBill&Version=2022-01-01&action=DescribeInstances&zone=pek3a"
		if provider == "jdcloud" {
			target = s.URL + "/v1/regions/cn-north-1/instances"
		}
		resp, err := s.HTTPClient().Get(target)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want.status, resp.StatusCode, provider)
		rec := s.Requests()[0]
		assert.Equal(t, want.code, rec.ErrorCode, provider)
		assert.False(t, rec.Authenticated)
		s.Close()
	}
}

func TestQingCloudPostForm(t *testing.T) {
	// QingCloud's documented POST: the signed parameters, signature last,
	// in a form body, signed with method POST.
	s := cloudtest.NewQingCloud()
	defer s.Close()
	r, err := http.NewRequest(http.MethodPost, s.URL+"?action=DescribeJobs&version=1&zone=pek3a", nil)
	require.NoError(t, err)
	require.NoError(t, signer.QingCloud{}.Sign(r, nil, s.Credentials(), time.Now()))
	form := r.URL.RawQuery
	r.URL.RawQuery = ""
	r.Body = io.NopCloser(strings.NewReader(form))
	r.ContentLength = int64(len(form))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.HTTPClient().Do(r)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Nil(t, qingcloud.DecodeError(resp.StatusCode, resp.Header, body), "%s", body)
	assert.True(t, s.Requests()[0].Authenticated)
}
