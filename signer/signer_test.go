package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allSigners = map[string]Signer{
	"jdcloud":    JDCloud{Service: "vm", Region: "cn-north-1"},
	"volcengine": Volcengine{Service: "billing", Region: "cn-north-1"},
	"qingcloud":  QingCloud{},
}

const testSecret = "TOPSECRET-do-not-print-0123456789"

var testCreds = Credentials{AccessKeyID: "AKID-test", SecretAccessKey: testSecret, SessionToken: "SESSION-TOKEN-secret"}

func TestMissingCredentials(t *testing.T) {
	for name, s := range allSigners {
		for _, c := range []Credentials{
			{},
			{AccessKeyID: "AKID"},
			{SecretAccessKey: testSecret},
		} {
			r := httpRequest(t, "https://example.com/path?a=1")
			err := s.Sign(r, nil, c, time.Now())
			require.ErrorIs(t, err, ErrMissingCredentials, name)
			assert.NotContains(t, err.Error(), testSecret, name)
			assert.Empty(t, r.Header.Get("Authorization"), "%s: nothing is signed with empty keys", name)
			assert.NotContains(t, r.URL.RawQuery, "signature", name)
		}
	}
}

func TestInvalidRequests(t *testing.T) {
	for name, s := range allSigners {
		t.Run(name, func(t *testing.T) {
			err := s.Sign(nil, nil, testCreds, time.Now())
			require.ErrorIs(t, err, ErrInvalidRequest)

			err = s.Sign(&http.Request{Method: http.MethodGet}, nil, testCreds, time.Now())
			require.ErrorIs(t, err, ErrInvalidRequest)

			for _, raw := range []string{"a=%zz", "a=%", "a=%4", "%G1=1", "a=1&b=%E4%B"} {
				r := httpRequest(t, "https://example.com/")
				r.URL.RawQuery = raw
				err = s.Sign(r, nil, testCreds, time.Now())
				require.ErrorIs(t, err, ErrInvalidRequest, raw)
				assert.NotContains(t, err.Error(), testSecret)
			}
		})
	}
	err := JDCloud{}.Sign(httpRequest(t, "https://vm.jdcloud-api.com/"), nil, testCreds, time.Now())
	require.ErrorIs(t, err, ErrInvalidRequest, "JDCloud without Service")
	err = Volcengine{Service: "ecs"}.Sign(httpRequest(t, "https://ecs.volcengineapi.com/"), nil, testCreds, time.Now())
	require.ErrorIs(t, err, ErrInvalidRequest, "Volcengine without Region")
}

func TestSignWithNilHeaderMap(t *testing.T) {
	for name, s := range allSigners {
		u, err := url.Parse("https://example.com/x?b=2&a=1")
		require.NoError(t, err)
		r := &http.Request{Method: http.MethodGet, URL: u}
		require.NoError(t, s.Sign(r, nil, testCreds, time.Now()), name)
	}
}

func TestJDCloudNonce(t *testing.T) {
	s := JDCloud{Service: "vm"}
	uuidV4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 100 {
		r := httpRequest(t, "https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances")
		require.NoError(t, s.Sign(r, nil, testCreds, time.Now()))
		n := r.Header.Get("X-Jdcloud-Nonce")
		require.Regexp(t, uuidV4, n)
		require.False(t, seen[n], "nonce repeated")
		seen[n] = true
	}

	// A caller's nonce, in any spelling, is kept and signed once.
	r := httpRequest(t, "https://vm.jdcloud-api.com/")
	r.Header["x-jdcloud-nonce"] = []string{"caller-nonce"}
	require.NoError(t, s.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, []string{"caller-nonce"}, r.Header.Values("X-Jdcloud-Nonce"))
	assert.NotContains(t, r.Header, "x-jdcloud-nonce")
	assert.Equal(t, 1, strings.Count(r.Header.Get("Authorization"), "x-jdcloud-nonce"))
}

func TestSessionTokens(t *testing.T) {
	r := httpRequest(t, "https://vm.jdcloud-api.com/")
	require.NoError(t, JDCloud{Service: "vm"}.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, testCreds.SessionToken, r.Header.Get("X-Jdcloud-Security-Token"))
	assert.Contains(t, r.Header.Get("Authorization"), "x-jdcloud-security-token")

	r = httpRequest(t, "https://ecs.volcengineapi.com/?Action=DescribeInstances&Version=2020-04-01")
	require.NoError(t, Volcengine{Service: "ecs", Region: "cn-beijing"}.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, testCreds.SessionToken, r.Header.Get("X-Security-Token"))
	assert.Contains(t, r.Header.Get("Authorization"), "x-security-token")

	r = httpRequest(t, "https://api.qingcloud.com/iaas/?action=DescribeZones")
	require.NoError(t, QingCloud{}.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, testCreds.SessionToken, r.URL.Query().Get("token"))
}

// Re-signing (as every retry does) replaces the previous signature instead of
// adding a second one.
func TestResignReplaces(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, s := range allSigners {
		r := httpRequest(t, "https://example.com/iaas/?zone=pek3a&action=DescribeZones")
		require.NoError(t, s.Sign(r, nil, testCreds, t0), name)
		first := r.Header.Get("Authorization") + r.URL.RawQuery
		require.NoError(t, s.Sign(r, nil, testCreds, t0.Add(time.Minute)), name)
		assert.NotEqual(t, first, r.Header.Get("Authorization")+r.URL.RawQuery, name)

		q := r.URL.Query()
		if name == "qingcloud" {
			for _, p := range []string{"signature", "time_stamp", "access_key_id", "signature_method"} {
				assert.Len(t, q[p], 1, p)
			}
			assert.Equal(t, "2026-01-02T03:05:05Z", q.Get("time_stamp"))
			assert.Equal(t, 1, strings.Count(r.URL.RawQuery, "signature="), "one signature, last")
			assert.Regexp(t, `&signature=[^&]+$`, r.URL.RawQuery)
			continue
		}
		assert.Len(t, r.Header.Values("Authorization"), 1, name)
	}
}

// The query is rewritten into the canonical form that was signed.
func TestQueryWrittenBackCanonical(t *testing.T) {
	r := httpRequest(t, "https://vm.jdcloud-api.com/v1/x?z=1&a=b+c&a=%2a")
	require.NoError(t, JDCloud{Service: "vm"}.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, "a=%2A&a=b%20c&z=1", r.URL.RawQuery)

	r = httpRequest(t, "https://open.volcengineapi.com/?Version=1&Action=A&P=2&P=1")
	require.NoError(t, Volcengine{Service: "ecs", Region: "r"}.Sign(r, nil, testCreds, time.Now()))
	assert.Equal(t, "Action=A&P=2&P=1&Version=1", r.URL.RawQuery, "repeated keys keep their order")
}

func TestTimeIsConvertedToUTC(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	local := time.Date(2025, 3, 1, 7, 30, 0, 0, shanghai) // 2025-02-28T23:30:00Z
	r := httpRequest(t, "https://vm.jdcloud-api.com/")
	require.NoError(t, JDCloud{Service: "vm"}.Sign(r, nil, testCreds, local))
	assert.Equal(t, "20250228T233000Z", r.Header.Get("X-Jdcloud-Date"))
	assert.Contains(t, r.Header.Get("Authorization"), "/20250228/jdcloud-api/vm/")

	r = httpRequest(t, "https://api.qingcloud.com/iaas/")
	require.NoError(t, QingCloud{}.Sign(r, nil, testCreds, local))
	assert.Equal(t, "2025-02-28T23:30:00Z", r.URL.Query().Get("time_stamp"))
}

func TestHMACMatchesStandardLibrary(t *testing.T) {
	var scratch []byte
	for _, keyLen := range []int{0, 1, 32, 63, 64, 65, 200} {
		key := []byte(strings.Repeat("k", keyLen))
		for _, msg := range []string{"", "a", strings.Repeat("message", 100)} {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(msg))
			got := hmacSHA256(&scratch, key, msg)
			assert.Equal(t, m.Sum(nil), got[:], "key %d bytes, msg %d bytes", keyLen, len(msg))
		}
	}
}

func TestMacKeyMatchesStandardLibrary(t *testing.T) {
	h, sum := sha256.New(), make([]byte, 0, sha256.Size)
	for _, keyLen := range []int{0, 32, 64, 65, 200} {
		key := []byte(strings.Repeat("k", keyLen))
		for _, msg := range []string{"", "a", strings.Repeat("message", 100)} {
			m := hmac.New(sha256.New, key)
			m.Write([]byte(msg))
			assert.Equal(t, m.Sum(nil), newMacKey(key).sum(h, &sum, []byte(msg)), "key %d bytes, msg %d bytes", keyLen, len(msg))
		}
	}
}

func TestKeyCacheBounded(t *testing.T) {
	s := JDCloud{Service: "vm"}
	for i := range maxCachedKeys + 10 {
		c := Credentials{AccessKeyID: "ak", SecretAccessKey: fmt.Sprintf("secret-%d", i)}
		require.NoError(t, s.Sign(httpRequest(t, "https://vm.jdcloud-api.com/"), nil, c, time.Now()))
	}
	derivedKeys.mu.RLock()
	n := len(derivedKeys.keys)
	derivedKeys.mu.RUnlock()
	assert.LessOrEqual(t, n, maxCachedKeys)
}

// One signer value signs from many goroutines; run with -race.
func TestConcurrentSigning(t *testing.T) {
	for name, s := range allSigners {
		t.Run(name, func(t *testing.T) {
			ref := httpRequest(t, "https://example.com/v1/x?b=2&a=1")
			ref.Header.Set("X-Jdcloud-Nonce", "fixed")
			when := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
			require.NoError(t, s.Sign(ref, nil, testCreds, when))
			want := ref.Header.Get("Authorization") + ref.URL.RawQuery

			var wg sync.WaitGroup
			errs := make(chan string, 64)
			for range 64 {
				wg.Go(func() {
					for range 50 {
						r := httpRequest(t, "https://example.com/v1/x?b=2&a=1")
						r.Header.Set("X-Jdcloud-Nonce", "fixed")
						if err := s.Sign(r, nil, testCreds, when); err != nil {
							errs <- err.Error()
							return
						}
						if got := r.Header.Get("Authorization") + r.URL.RawQuery; got != want {
							errs <- "different signature from a concurrent signing"
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
		})
	}
}

func TestCredentialsNeverPrintSecrets(t *testing.T) {
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(format, testCreds)
		assert.NotContains(t, out, testSecret, format)
		assert.NotContains(t, out, testCreds.SessionToken, format)
	}
	assert.Contains(t, testCreds.String(), "AKID-test")
	assert.NotContains(t, testCreds.LogValue().String(), testSecret)
}

func httpRequest(t testing.TB, rawURL string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, rawURL, nil)
	require.NoError(t, err)
	return r
}

func TestTimeFormatters(t *testing.T) {
	for _, when := range []time.Time{
		time.Date(2013, 8, 27, 14, 30, 10, 0, time.UTC),
		time.Date(2024, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	} {
		assert.Equal(t, when.Format("2006-01-02T15:04:05Z"), string(appendISOTime(nil, when)))
		assert.Equal(t, when.Format("20060102T150405Z"), string(appendAmzDate(nil, when)))
	}
}
