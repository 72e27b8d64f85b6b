package mcotel_test

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/signer"
)

// The secrets every call below carries. None may appear in a span name, an
// attribute, an event, a status or a metric's attributes.
var secretCreds = signer.Credentials{
	AccessKeyID:     "AKID-SHOULD-NOT-LEAK-7731",
	SecretAccessKey: "SECRET-SHOULD-NOT-LEAK-0192",
	SessionToken:    "TOKEN-SHOULD-NOT-LEAK-5550",
}

const loginPassword = "PASSWORD-SHOULD-NOT-LEAK-4242"

// TestNoSecretInAnyAttribute is the secret sweep for telemetry: calls that
// succeed, fail with a body and headers that echo the password and the
// request's query, fail in transport with the signed URL in the error, are
// throttled and retried, and a waiter; then every recorded string is
// scanned for the keys, the token, the password and every signature the
// server saw.
func TestNoSecretInAnyAttribute(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, secretCreds)
		var (
			mu         sync.Mutex
			signatures []string
			n          int
		)
		h.mock.RegisterResponder(http.MethodGet, endpoint, func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			defer mu.Unlock()
			signatures = append(signatures, r.URL.Query().Get("signature"))
			n++
			echo := r.URL.RawQuery + " " + loginPassword
			var resp *http.Response
			switch n % 5 {
			case 0:
				resp = httpmock.NewStringResponse(200, `{"ret_code":0,"total_count":0,"instance_set":[]}`)
			case 1:
				resp = httpmock.NewStringResponse(400, `{"ret_code":`+loginPassword+`,"message":"`+echo+`"}`)
			case 2:
				resp = httpmock.NewStringResponse(429, `{"ret_code":2500,"message":"too many requests `+echo+`"}`)
			case 3:
				return nil, errors.New("connection reset: " + r.URL.String())
			case 4:
				resp = httpmock.NewStringResponse(503, `<html>busy `+echo+`</html>`)
			}
			// Headers a server might echo: request ids that carry the
			// password, or that are no request id at all.
			resp.Header.Set("X-Jdcloud-Request-Id", loginPassword)
			if n%5 == 0 && n%2 == 0 {
				resp.Header.Set("X-Jdcloud-Request-Id", "<not a request id>")
			}
			resp.Header.Set("X-Echo", echo)
			return resp, nil
		})
		p := url.Values{"login_passwd": {loginPassword}, "image_id": {"img"}, "login_mode": {"passwd"}}
		for range 6 {
			_ = qingcloudCall(t, h, "RunInstances", p)
			_ = qingcloudCall(t, h, "DescribeInstances", url.Values{"search_word": {loginPassword}})
		}
		_, _ = h.client.WaitJob(t.Context(), "j-1")

		var seen []string
		for _, s := range h.spans.Ended() {
			seen = append(seen, s.Name(), s.Status().Description)
			seen = append(seen, kvStrings(s.Attributes())...)
			for _, e := range s.Events() {
				seen = append(seen, e.Name)
				seen = append(seen, kvStrings(e.Attributes)...)
			}
			seen = append(seen, kvStrings(s.Resource().Attributes())...)
		}
		var rm metricdata.ResourceMetrics
		require.NoError(t, h.reader.Collect(t.Context(), &rm))
		points := 0
		for _, sm := range rm.ScopeMetrics {
			for _, m := range sm.Metrics {
				seen = append(seen, m.Name)
				for _, set := range metricSets(m.Data) {
					points++
					seen = append(seen, kvStrings(set.ToSlice())...)
				}
			}
		}
		require.Greater(t, len(h.spans.Ended()), 20, "the sweep recorded spans")
		require.Greater(t, points, 5, "the sweep recorded metrics")
		require.NotEmpty(t, signatures)

		secrets := []string{secretCreds.AccessKeyID, secretCreds.SecretAccessKey, secretCreds.SessionToken, loginPassword}
		for _, sig := range signatures {
			if len(sig) >= 16 {
				secrets = append(secrets, sig, url.QueryEscape(sig))
			}
		}
		for _, v := range seen {
			for _, secret := range secrets {
				assert.NotContains(t, v, secret)
			}
			assert.NotContains(t, strings.ToLower(v), "signature=")
		}
		// The sweep saw what it should have: error attributes, and a request
		// id that is no code replaced.
		assert.True(t, slices.Contains(seen, "Throttled"))
		assert.True(t, slices.Contains(seen, "_OTHER"), "a request id that is not code-like is replaced")
	})
}

// qingcloudCall makes a generic QingCloud call carrying secret parameters,
// through the typed client's observed core.
func qingcloudCall(t *testing.T, h *harness, action string, params url.Values) error {
	t.Helper()
	c, err := qingcloud.New(qingcloud.Config{Credentials: credentials.Static(h.creds), Zone: "pek3a"}, h.opts...)
	require.NoError(t, err)
	return c.Call(t.Context(), &qingcloud.Request{Action: action, Params: params,
		CallExtras: multicloud.CallExtras{Secrets: []string{loginPassword}}}, nil)
}

func kvStrings(kvs []attribute.KeyValue) []string {
	out := make([]string, 0, 2*len(kvs))
	for _, kv := range kvs {
		out = append(out, string(kv.Key), kv.Value.String())
	}
	return out
}

// metricSets returns the attribute sets of every data point.
func metricSets(a metricdata.Aggregation) []attribute.Set {
	var sets []attribute.Set
	switch d := a.(type) {
	case metricdata.Histogram[float64]:
		for _, dp := range d.DataPoints {
			sets = append(sets, dp.Attributes)
		}
	case metricdata.Sum[int64]:
		for _, dp := range d.DataPoints {
			sets = append(sets, dp.Attributes)
		}
	}
	return sets
}
