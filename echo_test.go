package multicloud_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
)

// echoes are the ways a server quotes back what it received; each builds
// an error message from the request.
var echoes = []struct {
	name string
	msg  func(r *http.Request, body []byte) string
}{
	{"prose", func(*http.Request, []byte) string {
		return "The value " + echoPassword + " of parameter password is invalid"
	}},
	{"xml", func(*http.Request, []byte) string {
		return "<Request><Password>" + echoPassword + "</Password></Request>"
	}},
	{"url-encoded request", func(r *http.Request, body []byte) string {
		return "bad request: " + url.QueryEscape(r.URL.RawQuery) + " body " + url.QueryEscape(string(body))
	}},
	{"raw request", func(r *http.Request, body []byte) string {
		return "bad request: " + r.URL.RawQuery + " body " + string(body)
	}},
	{"signature", func(r *http.Request, _ []byte) string {
		return "signature mismatch, got " + signatureOf(r) + " (" + url.QueryEscape(signatureOf(r)) + ")"
	}},
	{"nested json", func(*http.Request, []byte) string {
		b, _ := json.Marshal(map[string]any{"password": map[string]any{"value": echoPassword}})
		return "invalid input " + string(b)
	}},
	{"credentials", func(r *http.Request, _ []byte) string {
		return "key " + echoCreds.SecretAccessKey + " token " + echoCreds.SessionToken + " b64 " +
			base64.StdEncoding.EncodeToString([]byte(echoPassword))
	}},
}

// errorBody wraps a message in the provider's error envelope.
func errorBody(provider, msg string) (int, string) {
	m, _ := json.Marshal(msg)
	switch provider {
	case "jdcloud":
		return 400, `{"requestId":"req-1","error":{"code":400,"status":"INVALID_ARGUMENT","message":` + string(m) + `}}`
	case "volcengine":
		return 400, `{"ResponseMetadata":{"RequestId":"req-1","Action":"RunInstances","Version":"2020-04-01","Service":"ecs",` +
			`"Region":"cn-beijing","Error":{"Code":"InvalidParameter","Message":` + string(m) + `}}}`
	default:
		return 200, `{"ret_code":1100,"message":` + string(m) + `}`
	}
}

// TestEchoedSecretsAreScrubbed: whatever form a server quotes the secrets
// of the attempt in (the password marked secret, the secret key, the session
// token, the signature), the error's text and fields and every log line, in
// the text and the JSON handler, are free of them.
func TestEchoedSecretsAreScrubbed(t *testing.T) {
	for _, pc := range providerCalls {
		for _, echo := range echoes {
			t.Run(pc.name+"/"+echo.name, func(t *testing.T) {
				var (
					mu   sync.Mutex
					sigs []string
				)
				srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					mu.Lock()
					sigs = append(sigs, signatureOf(r))
					mu.Unlock()
					status, out := errorBody(pc.name, echo.msg(r, body))
					w.WriteHeader(status)
					fmt.Fprint(w, out)
				}))
				defer srv.Close()
				var textLog, jsonLog bytes.Buffer
				logger := slog.New(multiHandler{
					slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
					slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
				})
				err := pc.call(t.Context(), srv.URL, credentials.Static(echoCreds), multicloud.CallExtras{Secrets: []string{echoPassword}},
					multicloud.WithHTTPClient(srv.Client()), multicloud.WithLogger(logger),
					multicloud.WithRateLimiter(ratelimit.Unlimited{}), multicloud.WithRetry(multicloud.NoRetry()))
				require.Error(t, err)
				var e *mcerrors.Error
				require.True(t, errors.As(err, &e), "%T %v", err, err)
				require.NotEmpty(t, sigs)
				secrets := append([]string{echoPassword, echoCreds.SecretAccessKey, echoCreds.SessionToken}, sigs...)
				for where, text := range map[string]string{
					"Error()": err.Error(), "Message": e.Message + " ", "%+v": fmt.Sprintf("%+v", err), "%#v": fmt.Sprintf("%#v", e),
					"text log": textLog.String(), "json log": jsonLog.String(),
				} {
					assertNoSecretForms(t, where, text, secrets...)
				}
				assert.Contains(t, textLog.String(), "multicloud call failed")
				assert.Contains(t, jsonLog.String(), "multicloud response")
			})
		}
	}
}

// TestNoBodyHashLoggedForSecretBodies: a body hash lets a password guess be
// checked offline, so a request with secrets logs none.
func TestNoBodyHashLoggedForSecretBodies(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ResponseMetadata":{"RequestId":"req-1"},"Result":{}}`)
	}))
	defer srv.Close()
	for _, secret := range []bool{false, true} {
		var log bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var extras multicloud.CallExtras
		if secret {
			extras.Secrets = []string{echoPassword}
		}
		err := providerCalls[1].call(t.Context(), srv.URL, credentials.Static(echoCreds), extras,
			multicloud.WithHTTPClient(srv.Client()), multicloud.WithLogger(logger), multicloud.WithRateLimiter(ratelimit.Unlimited{}))
		require.NoError(t, err)
		require.Contains(t, log.String(), "X-Content-Sha256")
		hashed := !strings.Contains(log.String(), "X-Content-Sha256=REDACTED")
		assert.Equal(t, !secret, hashed, "body hash logged: %v\n%s", hashed, log.String())
	}
}

// multiHandler sends every record to several handlers.
type multiHandler []slog.Handler

func (m multiHandler) Enabled(ctx context.Context, l slog.Level) bool { return m[0].Enabled(ctx, l) }
func (m multiHandler) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range m {
		if err := h.Handle(ctx, r.Clone()); err != nil {
			return err
		}
	}
	return nil
}
func (m multiHandler) WithAttrs(a []slog.Attr) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithAttrs(a)
	}
	return out
}
func (m multiHandler) WithGroup(g string) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithGroup(g)
	}
	return out
}

// TestEchoInUnreadableSuccessIsScrubbed: a 200 whose body is not the
// provider's envelope, quoting the password, is an error free of it; the
// mutation is marked as possibly applied.
func TestEchoInUnreadableSuccessIsScrubbed(t *testing.T) {
	for _, pc := range providerCalls {
		for name, body := range map[string]string{
			"truncated json": `{"ret_code":0,"requestId":"r","result":{"echo":"` + echoPassword,
			"html":           `<html><body>you sent ` + echoPassword + `</body></html>`,
		} {
			t.Run(pc.name+"/"+name, func(t *testing.T) {
				srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					fmt.Fprint(w, body)
				}))
				defer srv.Close()
				var log bytes.Buffer
				logger := slog.New(slog.NewJSONHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
				err := pc.call(t.Context(), srv.URL, credentials.Static(echoCreds), multicloud.CallExtras{Secrets: []string{echoPassword}},
					multicloud.WithHTTPClient(srv.Client()), multicloud.WithLogger(logger),
					multicloud.WithRateLimiter(ratelimit.Unlimited{}), multicloud.WithRetry(multicloud.NoRetry()))
				require.Error(t, err)
				assertNoSecretForms(t, "Error()", err.Error(), echoPassword)
				assertNoSecretForms(t, "log", log.String(), echoPassword)
				assert.True(t, mcerrors.MayHaveSucceeded(err), "a 200 to a mutation: %v", err)
			})
		}
	}
}
