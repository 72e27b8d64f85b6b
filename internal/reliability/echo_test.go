package reliability_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// echoKeys are the keys of the echo sweep, with a session token so that
// the token headers are sent.
var echoKeys = signer.Credentials{AccessKeyID: "AKECHOSWEEP", SecretAccessKey: "ECHO-SWEEP-SECRET-never-printed-3391",
	SessionToken: "ECHO-SWEEP-TOKEN-never-printed-8475"}

// echoErrorBody is each cloud's error envelope around msg.
func echoErrorBody(cloud, msg string) (int, string) {
	m, _ := json.Marshal(msg)
	switch cloud {
	case "jdcloud":
		return 400, `{"requestId":"echo","error":{"code":400,"status":"INVALID_ARGUMENT","message":` + string(m) + `}}`
	case "volcengine":
		return 400, `{"ResponseMetadata":{"RequestId":"echo","Error":{"Code":"InvalidParameter","Message":` + string(m) + `}}}`
	}
	return 200, `{"ret_code":1100,"message":` + string(m) + `}`
}

// TestEchoedSecretsNeverSurface extends the secret sweep to servers that
// quote what they received: the typed clients of all three clouds, reading
// and mutating, against a server whose error message copies the query, the
// body, the Authorization header and the token headers, raw, percent-encoded
// and base64-encoded. The secret key, the session token and every signature
// sent must appear in no error text and no log line (text or JSON handler).
func TestEchoedSecretsNeverSurface(t *testing.T) {
	sigRE := regexp.MustCompile(`Signature=([0-9a-fA-F]{16,})`)
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			var (
				mu   sync.Mutex
				sent []string
			)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				auth := r.Header.Get("Authorization")
				token := r.Header.Get("X-Security-Token") + r.Header.Get("X-Jdcloud-Security-Token")
				mu.Lock()
				for _, m := range sigRE.FindAllStringSubmatch(auth, -1) {
					sent = append(sent, m[1])
				}
				if sig := r.URL.Query().Get("signature"); sig != "" {
					sent = append(sent, sig)
				}
				mu.Unlock()
				quote := "query " + r.URL.RawQuery + " body " + string(body) + " auth " + auth + " token " + token
				msg := quote + " | " + url.QueryEscape(quote) + " | " + base64.StdEncoding.EncodeToString([]byte(token))
				status, out := echoErrorBody(c.name, msg)
				w.WriteHeader(status)
				fmt.Fprint(w, out)
			}))
			defer srv.Close()
			var textLog, jsonLog lockedBuffer
			logger := slog.New(teeHandler{
				slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
				slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
			})
			a, err := c.connect(credentials.Static(echoKeys), c.region, []multicloud.Option{
				multicloud.WithEndpoint(srv.URL + c.basePath), multicloud.WithInsecureHTTP(),
				multicloud.WithLogger(logger), multicloud.WithRateLimiter(ratelimit.Unlimited{}),
				multicloud.WithRetry(noWait(2)),
			})
			require.NoError(t, err)
			var texts []string
			for _, call := range []func() error{
				func() error { return a.read(t.Context()) },
				func() error { return a.write(t.Context()) },
			} {
				err := call()
				require.Error(t, err)
				texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
			}
			texts = append(texts, textLog.String(), jsonLog.String())
			mu.Lock()
			secrets := append([]string{echoKeys.SecretAccessKey, echoKeys.SessionToken}, sent...)
			mu.Unlock()
			require.Greater(t, len(secrets), 2, "signed requests were received")
			for _, text := range texts {
				for _, s := range secrets {
					for _, form := range []string{s, url.QueryEscape(s), url.QueryEscape(url.QueryEscape(s)),
						base64.StdEncoding.EncodeToString([]byte(s))} {
						assert.False(t, strings.Contains(text, form), "%q (a form of a secret) in %.300q", form, text)
					}
				}
			}
		})
	}
}

// teeHandler sends every record to several handlers, so that a test reads
// the SDK's log lines in slog's text and JSON forms at once.
type teeHandler []slog.Handler

func (h teeHandler) Enabled(ctx context.Context, l slog.Level) bool { return h[0].Enabled(ctx, l) }
func (h teeHandler) Handle(ctx context.Context, r slog.Record) error {
	for _, x := range h {
		if err := x.Handle(ctx, r.Clone()); err != nil {
			return err
		}
	}
	return nil
}
func (h teeHandler) WithAttrs(a []slog.Attr) slog.Handler {
	out := make(teeHandler, len(h))
	for i, x := range h {
		out[i] = x.WithAttrs(a)
	}
	return out
}
func (h teeHandler) WithGroup(g string) slog.Handler {
	out := make(teeHandler, len(h))
	for i, x := range h {
		out[i] = x.WithGroup(g)
	}
	return out
}
