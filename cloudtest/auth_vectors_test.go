package cloudtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// The golden vectors are requests signed by the providers' official SDKs
// (signer/testdata/vectors, read at run time). A server whose clock stands
// at a vector's time must accept the request exactly as the SDK sent it,
// and refuse it with the provider's own authentication error once one byte
// of its query, a signed header or its body has changed.

type headerVector struct {
	Name         string            `json:"name"`
	AccessKey    string            `json:"access_key"`
	SecretKey    string            `json:"secret_key"`
	SessionToken string            `json:"session_token"`
	Time         time.Time         `json:"time"`
	Method       string            `json:"method"`
	URL          string            `json:"url"`
	Headers      map[string]string `json:"headers"`
	Body         string            `json:"body"`
	Expected     map[string]string `json:"expected"`
}

type queryVector struct {
	Name      string            `json:"name"`
	AccessKey string            `json:"access_key"`
	SecretKey string            `json:"secret_key"`
	Method    string            `json:"method"`
	Path      string            `json:"path"`
	Params    map[string]string `json:"params"`
	Expected  struct {
		Query string `json:"query"`
	} `json:"expected"`
}

func loadVectors[V any](t *testing.T, provider string) []V {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "signer", "testdata", "vectors", provider+".json"))
	require.NoError(t, err)
	var vs []V
	require.NoError(t, json.Unmarshal(data, &vs))
	require.NotEmpty(t, vs)
	return vs
}

// wire is one request as it goes over the wire.
type wire struct {
	method, host, path, query, body string
	header                          http.Header
}

// send delivers w to s (whatever host it names) and returns the answer and
// what the server recorded.
func send(t *testing.T, s *cloudtest.Server, w wire) (*http.Response, []byte, cloudtest.Request) {
	t.Helper()
	base, err := url.Parse(s.URL)
	require.NoError(t, err)
	target := base.Scheme + "://" + base.Host + w.path
	if w.query != "" {
		target += "?" + w.query
	}
	req, err := http.NewRequest(w.method, target, strings.NewReader(w.body))
	require.NoError(t, err)
	req.Host = w.host
	req.Header = w.header.Clone()
	before := len(s.Requests())
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	recs := s.Requests()
	require.Len(t, recs, before+1)
	return resp, body, recs[before]
}

// tamper changes the last letter or digit of s that is not inside a
// percent-escape; ok is false when there is none.
func tamper(s string) (string, bool) {
	b := []byte(s)
	for i := len(b) - 1; i >= 0; i-- {
		if (i >= 1 && b[i-1] == '%') || (i >= 2 && b[i-2] == '%') {
			continue
		}
		switch c := b[i]; {
		case c >= '0' && c <= '8', c >= 'a' && c <= 'y', c >= 'A' && c <= 'Y':
			b[i]++
		case c == '9' || c == 'z' || c == 'Z':
			b[i] -= 1
		default:
			continue
		}
		return string(b), true
	}
	return s, false
}

// variants are the request and its tampered copies, by what was changed.
func variants(w wire, signedHeader string) map[string]wire {
	out := map[string]wire{}
	if q, ok := tamper(w.query); ok {
		v := w
		v.query = q
		out["query"] = v
	}
	if signedHeader != "" {
		if h, ok := tamper(w.header.Get(signedHeader)); ok {
			v := w
			v.header = w.header.Clone()
			v.header.Set(signedHeader, h)
			out["header "+signedHeader] = v
		}
	}
	if b, ok := tamper(w.body); ok {
		v := w
		v.body = b
		out["body"] = v
	}
	return out
}

// atTime returns a server option set whose clock stands at t.
func atTime(t time.Time, c signer.Credentials) []cloudtest.Option {
	return []cloudtest.Option{cloudtest.WithClock(func() time.Time { return t }), cloudtest.WithCredentials(c)}
}

func TestJDCloudAcceptsOfficialSDKRequests(t *testing.T) {
	tampered := map[string]int{}
	for _, v := range loadVectors[headerVector](t, "jdcloud") {
		t.Run(v.Name, func(t *testing.T) {
			s := cloudtest.NewJDCloud(atTime(v.Time, signer.Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey})...)
			defer s.Close()
			u, err := url.Parse(v.URL)
			require.NoError(t, err)
			w := wire{method: v.Method, host: u.Host, path: u.EscapedPath(), query: u.RawQuery, body: v.Body, header: http.Header{}}
			for k, val := range v.Headers {
				w.header.Set(k, val)
			}
			w.header.Set("Authorization", v.Expected["authorization"])

			resp, body, rec := send(t, s, w)
			assert.True(t, rec.Authenticated, "refused: %d %s", resp.StatusCode, body)
			assert.Equal(t, v.AccessKey, rec.AccessKeyID)
			assert.NotEqual(t, http.StatusUnauthorized, resp.StatusCode)

			for what, bad := range variants(w, "X-Jdcloud-Nonce") {
				tampered[what]++
				resp, body, rec := send(t, s, bad)
				assert.False(t, rec.Authenticated, what)
				assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, what)
				assert.JSONEq(t, `"sign result is not same [gw]"`, jsonField(t, body, "error", "message"), what)
				e := jdcloud.DecodeError(resp.StatusCode, resp.Header, body)
				require.NotNil(t, e, what)
				assert.ErrorIs(t, e, mcerrors.ErrUnauthenticated, what)
				assert.Equal(t, "ACCESS_ERROR", e.Code, what)
			}
		})
	}
	assert.Positive(t, tampered["query"])
	assert.Positive(t, tampered["header X-Jdcloud-Nonce"])
	assert.Positive(t, tampered["body"])
}

func TestVolcengineAcceptsOfficialSDKRequests(t *testing.T) {
	tampered := map[string]int{}
	for _, v := range loadVectors[headerVector](t, "volcengine") {
		t.Run(v.Name, func(t *testing.T) {
			creds := signer.Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey, SessionToken: v.SessionToken}
			s := cloudtest.NewVolcengine(atTime(v.Time, creds)...)
			defer s.Close()
			u, err := url.Parse(v.URL)
			require.NoError(t, err)
			w := wire{method: v.Method, host: u.Host, path: u.EscapedPath(), query: u.RawQuery, body: v.Body, header: http.Header{}}
			for k, val := range v.Headers {
				w.header.Set(k, val)
			}
			// What the official signer added to the request.
			if w.header.Get("Content-Type") == "" {
				w.header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			}
			if v.SessionToken != "" {
				w.header.Set("X-Security-Token", v.SessionToken)
			}
			w.header.Set("X-Date", v.Expected["x-date"])
			w.header.Set("X-Content-Sha256", v.Expected["x-content-sha256"])
			w.header.Set("Authorization", v.Expected["authorization"])

			resp, body, rec := send(t, s, w)
			assert.True(t, rec.Authenticated, "refused: %d %s", resp.StatusCode, body)
			assert.NotEqual(t, http.StatusUnauthorized, resp.StatusCode)

			for what, bad := range variants(w, "X-Content-Sha256") {
				tampered[what]++
				resp, body, rec := send(t, s, bad)
				assert.False(t, rec.Authenticated, what)
				assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, what)
				e := volcengine.DecodeError(resp.StatusCode, resp.Header, body)
				require.NotNil(t, e, what)
				assert.ErrorIs(t, e, mcerrors.ErrUnauthenticated, what)
				assert.Equal(t, "SignatureDoesNotMatch", e.Code, what)
			}
		})
	}
	assert.Positive(t, tampered["query"])
	assert.Positive(t, tampered["header X-Content-Sha256"])
	assert.Positive(t, tampered["body"])
}

func TestQingCloudAcceptsOfficialSDKRequests(t *testing.T) {
	tampered := 0
	for _, v := range loadVectors[queryVector](t, "qingcloud") {
		t.Run(v.Name, func(t *testing.T) {
			at, err := time.Parse("2006-01-02T15:04:05Z", v.Params["time_stamp"])
			require.NoError(t, err)
			s := cloudtest.NewQingCloud(atTime(at, signer.Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey})...)
			defer s.Close()
			w := wire{method: v.Method, host: "api.qingcloud.com", path: v.Path, query: v.Expected.Query, header: http.Header{}}

			resp, body, rec := send(t, s, w)
			assert.True(t, rec.Authenticated, "refused: %s", body)
			assert.NotEqual(t, "1200", rec.ErrorCode)
			assert.Equal(t, http.StatusOK, resp.StatusCode)

			// QingCloud signs the query and the path, not headers or body.
			bad := map[string]wire{}
			q, _, _ := strings.Cut(w.query, "&signature=")
			if tq, ok := tamper(q); ok {
				b := w
				b.query = tq + strings.TrimPrefix(w.query, q)
				bad["query"] = b
			}
			p := w
			p.path = strings.TrimSuffix(w.path, "/") + map[bool]string{true: "", false: "/"}[strings.HasSuffix(w.path, "/")]
			bad["path"] = p
			for what, b := range bad {
				tampered++
				resp, body, rec := send(t, s, b)
				assert.False(t, rec.Authenticated, what)
				assert.Equal(t, http.StatusOK, resp.StatusCode, what)
				e := qingcloud.DecodeError(resp.StatusCode, resp.Header, body)
				require.NotNil(t, e, what)
				assert.ErrorIs(t, e, mcerrors.ErrUnauthenticated, what)
				assert.Equal(t, "1200", e.Code, what)
			}
		})
	}
	assert.Positive(t, tampered)
}

// jsonField returns the JSON text of body's member at path.
func jsonField(t *testing.T, body []byte, path ...string) string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	for _, k := range path {
		m, ok := v.(map[string]any)
		require.True(t, ok, "no %s in %s", k, body)
		v = m[k]
	}
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return string(out)
}
