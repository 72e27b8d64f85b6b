package signer

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The golden vectors were produced by running each provider's official SDK
// signer; testdata/vectors holds unchanged copies of the workshop's files.

type headerVector struct {
	Name         string            `json:"name"`
	AccessKey    string            `json:"access_key"`
	SecretKey    string            `json:"secret_key"`
	SessionToken string            `json:"session_token"`
	Region       string            `json:"region"`
	Service      string            `json:"service"`
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
		StringToSign string `json:"string_to_sign"`
		Signature    string `json:"signature"`
		Query        string `json:"query"`
	} `json:"expected"`
}

func loadVectors[V any](t testing.TB, provider string) []V {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "vectors", provider+".json"))
	require.NoError(t, err)
	var vs []V
	require.NoError(t, json.Unmarshal(data, &vs))
	require.NotEmpty(t, vs)
	return vs
}

func (v headerVector) request(t testing.TB) *http.Request {
	t.Helper()
	r, err := http.NewRequest(v.Method, v.URL, strings.NewReader(v.Body))
	require.NoError(t, err)
	for k, val := range v.Headers {
		r.Header.Set(k, val)
	}
	return r
}

func (v headerVector) credentials() Credentials {
	return Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey, SessionToken: v.SessionToken}
}

func TestJDCloudVectors(t *testing.T) {
	for _, v := range loadVectors[headerVector](t, "jdcloud") {
		t.Run(v.Name, func(t *testing.T) {
			regions := []string{v.Region}
			if v.Region == jdDefaultRegion {
				regions = append(regions, "") // an empty Region signs the same way
			}
			for _, region := range regions {
				r := v.request(t)
				s := JDCloud{Service: v.Service, Region: region}
				require.NoError(t, s.Sign(r, []byte(v.Body), v.credentials(), v.Time))

				assert.Equal(t, v.Expected["authorization"], r.Header.Get("Authorization"))
				assert.Equal(t, v.Expected["x-jdcloud-date"], r.Header.Get("X-Jdcloud-Date"))
				assert.Equal(t, v.Headers["X-Jdcloud-Nonce"], r.Header.Get("X-Jdcloud-Nonce"), "a nonce already on the request is kept")

				canon, sts := recomputeCanonical(t, &jdScheme, r, v, v.Region, canonicalPathAsSent(r), requestHost(r))
				assert.Equal(t, v.Expected["canonical_request"], canon)
				assert.Equal(t, v.Expected["string_to_sign"], sts)
			}
		})
	}
}

func TestVolcengineVectors(t *testing.T) {
	for _, v := range loadVectors[headerVector](t, "volcengine") {
		t.Run(v.Name, func(t *testing.T) {
			r := v.request(t)
			s := Volcengine{Service: v.Service, Region: v.Region}
			require.NoError(t, s.Sign(r, []byte(v.Body), v.credentials(), v.Time))

			assert.Equal(t, v.Expected["authorization"], r.Header.Get("Authorization"))
			assert.Equal(t, v.Expected["x-date"], r.Header.Get("X-Date"))
			assert.Equal(t, v.Expected["x-content-sha256"], r.Header.Get("X-Content-Sha256"))
			if v.SessionToken != "" {
				assert.Equal(t, v.SessionToken, r.Header.Get("X-Security-Token"))
			}

			w := getWork()
			defer putWork(w)
			path, err := volcCanonicalPath(w, r)
			require.NoError(t, err)
			canon, sts := recomputeCanonical(t, &volcScheme, r, v, v.Region, path, volcHost(requestHost(r)))
			assert.Equal(t, v.Expected["canonical_request"], canon)
			assert.Equal(t, v.Expected["string_to_sign"], sts)
		})
	}
}

// recomputeCanonical runs the shared header scheme over an already signed
// request and returns its canonical request and string to sign, so a failing
// vector shows which step differs. Signing is idempotent here because the
// Authorization header is not signed and the query is already canonical.
func recomputeCanonical(t *testing.T, s *headerScheme, r *http.Request, v headerVector, region, path, host string) (canon, sts string) {
	t.Helper()
	w := getWork()
	defer putWork(w)
	_, err := s.sign(w, r, []byte(v.Body), v.credentials(), newScope(v.Time.UTC(), region, v.Service), path, host)
	require.NoError(t, err)
	return string(w.canon), string(w.sts[:w.stsLen])
}

func TestQingCloudVectors(t *testing.T) {
	for _, v := range loadVectors[queryVector](t, "qingcloud") {
		t.Run(v.Name, func(t *testing.T) {
			stamp, err := time.Parse(qingcloudTimeLayout, v.Params["time_stamp"])
			require.NoError(t, err)

			// The caller's parameters go in the URL; the signer adds its own.
			r, err := http.NewRequest(v.Method, "https://api.qingcloud.com"+v.Path, nil)
			require.NoError(t, err)
			q := r.URL.Query()
			for k, val := range v.Params {
				if !qingcloudOwns(k) {
					q.Set(k, val)
				}
			}
			r.URL.RawQuery = q.Encode() // form encoding, '+' for space: the signer must decode it

			c := Credentials{AccessKeyID: v.AccessKey, SecretAccessKey: v.SecretKey}
			require.NoError(t, QingCloud{}.Sign(r, nil, c, stamp))
			assert.Equal(t, v.Expected.Query, r.URL.RawQuery)
			assert.True(t, strings.HasSuffix(r.URL.RawQuery, "&signature="+escapeSignature(v.Expected.Signature)))
		})
	}
}

func escapeSignature(sig string) string {
	r := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D")
	return r.Replace(sig)
}

// TestVectorCopiesMatchWorkshop guards the rule that testdata/vectors holds
// unchanged copies of the workshop's golden vectors. The workshop is not part
// of the product, so a clone without it skips this one check.
func TestVectorCopiesMatchWorkshop(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "vectors")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("workshop vectors not present at %s: nothing to compare the copies with", shared)
	}
	for _, provider := range []string{"jdcloud", "volcengine", "qingcloud"} {
		want, err := os.ReadFile(filepath.Join(shared, provider+".json"))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("testdata", "vectors", provider+".json"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "signer/testdata/vectors/%s.json differs from the workshop copy", provider)
	}
}
