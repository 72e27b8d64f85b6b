package multicloud_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// The secrets every call below carries. None may appear in a log line, an
// error string or a formatted value.
var secretCreds = signer.Credentials{
	AccessKeyID:     "AKID-SHOULD-NOT-LEAK-7731",
	SecretAccessKey: "SECRET-SHOULD-NOT-LEAK-0192",
	SessionToken:    "TOKEN-SHOULD-NOT-LEAK-5550",
}

const loginPassword = "PASSWORD-SHOULD-NOT-LEAK-4242"

// signatureValue finds signatures the servers saw, to check that none of
// them reached a log or an error.
var signatureValue = regexp.MustCompile(`(?:Signature=|signature=)([A-Za-z0-9%+/=]{20,})`)

// TestNoSecretsInLogsOrErrors runs calls on all three clouds against servers
// that answer with errors, successes and broken bodies, with debug logging
// on, and checks the log, the errors and %+v of every returned value.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	answers := []struct {
		status int
		body   string
	}{
		{200, ""}, // filled per provider below: success
		{400, `{"error":"bad", "password":"` + loginPassword + `"}`},
		{401, `<html>gateway says no to signature=abcdefabcdefabcdefabcdef</html>`},
		{429, `{}`},
		{503, `<html>busy</html>`},
	}
	success := map[string]string{
		"jdcloud":    `{"requestId":"r","result":{"ok":true}}`,
		"volcengine": `{"ResponseMetadata":{"RequestId":"r"},"Result":{"ok":true}}`,
		"qingcloud":  `{"ret_code":0,"ok":true}`,
	}
	var seen []string // everything the servers received that is secret-bearing
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))

	for _, provider := range []string{"jdcloud", "volcengine", "qingcloud"} {
		for _, a := range answers {
			body := a.body
			if a.status == 200 {
				body = success[provider]
			}
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = append(seen, r.Header.Get("Authorization"), r.URL.RawQuery)
				w.WriteHeader(a.status)
				fmt.Fprint(w, body)
			}))
			opts := []multicloud.Option{
				multicloud.WithHTTPClient(srv.Client()), multicloud.WithLogger(logger),
				multicloud.WithRateLimiter(ratelimit.Unlimited{}),
				multicloud.WithRetry(multicloud.RetryPolicy{MaxAttempts: 2, Jitter: func(time.Duration) time.Duration { return 0 }}),
			}
			var out map[string]any
			var err error
			switch provider {
			case "jdcloud":
				c, nerr := jdcloud.New(jdcloud.Config{Credentials: credentials.Static(secretCreds), Region: "cn-north-1", Endpoint: srv.URL}, opts...)
				require.NoError(t, nerr)
				err = c.Call(t.Context(), &jdcloud.Request{Service: "vm", Method: "POST", Path: "/regions/{regionId}/instances",
					Action: "CreateInstances", Params: map[string]any{"password": loginPassword}}, &out)
			case "volcengine":
				c, nerr := volcengine.New(volcengine.Config{Credentials: credentials.Static(secretCreds), Region: "cn-beijing", Endpoint: srv.URL}, opts...)
				require.NoError(t, nerr)
				err = c.Call(t.Context(), &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances",
					Params: map[string]any{"Password": loginPassword}}, &out)
			case "qingcloud":
				c, nerr := qingcloud.New(qingcloud.Config{Credentials: credentials.Static(secretCreds), Zone: "pek3a", Endpoint: srv.URL + "/iaas/"}, opts...)
				require.NoError(t, nerr)
				err = c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances",
					Params: map[string]any{"login_passwd": loginPassword}}, &out)
			}
			srv.Close()
			texts := []string{fmt.Sprintf("%+v", out), fmt.Sprintf("%#v", out)}
			if err != nil {
				texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
			}
			for _, text := range texts {
				assertNoSecrets(t, provider, text, seen)
			}
		}
	}
	require.NotEmpty(t, seen)
	assert.Contains(t, log.String(), "multicloud request", "debug logging was on")
	assertNoSecrets(t, "log", log.String(), seen)
}

func assertNoSecrets(t *testing.T, where, text string, seen []string) {
	t.Helper()
	for _, secret := range []string{secretCreds.AccessKeyID, secretCreds.SecretAccessKey, secretCreds.SessionToken, loginPassword} {
		assert.NotContains(t, text, secret, where)
	}
	for _, s := range seen {
		for _, m := range signatureValue.FindAllStringSubmatch(s, -1) {
			assert.NotContains(t, text, m[1], "%s: a signature leaked", where)
		}
		if strings.HasPrefix(s, "JDCLOUD2") || strings.HasPrefix(s, "HMAC-SHA256") {
			assert.NotContains(t, text, s, "%s: an Authorization header leaked", where)
		}
	}
}
