package signer

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// s3Vector is one case of testdata/vectors/s3.json, made by running
// aws-sdk-go-v2's v4 signer (see testdata/s3vectors-gen).
type s3Vector struct {
	headerVector
	PayloadHash string `json:"payload_hash"`
	Presign     bool   `json:"presign"`
}

func TestS3Vectors(t *testing.T) {
	vs := loadVectors[s3Vector](t, "s3")
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			r := v.request(t)
			if v.Body == "" {
				r.ContentLength, r.Body = 0, nil // as http.NewRequest with a nil body
			}
			s := S3{Region: v.Region, Service: v.Service}
			w := getWork()
			defer putWork(w)
			if v.Presign {
				q := r.URL.Query()
				secs, err := strconv.Atoi(q.Get("X-Amz-Expires"))
				require.NoError(t, err)
				require.NoError(t, s.Presign(r, v.credentials(), v.Time, time.Duration(secs)*time.Second))
				assertSameURL(t, v.Expected["url"], r.URL.String())
				assert.Equal(t, v.Expected["signature"], r.URL.Query().Get("X-Amz-Signature"))
				assert.Empty(t, r.Header.Get("Authorization"))
			} else {
				if v.PayloadHash != "" {
					r.Header.Set("X-Amz-Content-Sha256", v.PayloadHash)
				}
				require.NoError(t, s.Sign(r, []byte(v.Body), v.credentials(), v.Time))
				assert.Equal(t, v.Expected["authorization"], r.Header.Get("Authorization"))
				assert.Equal(t, v.Expected["x-amz-date"], r.Header.Get("X-Amz-Date"))
				assert.Equal(t, v.Expected["x-amz-content-sha256"], r.Header.Get("X-Amz-Content-Sha256"))
				assert.Equal(t, v.Expected["x-amz-security-token"], r.Header.Get("X-Amz-Security-Token"))
				assert.Equal(t, v.Expected["url"], r.URL.String())
			}
			// The canonical request and string to sign of the last signing
			// are still in a pooled buffer only by accident; recompute them
			// through the debugging helper instead.
			canon, sts := s3Debug(t, v)
			assert.Equal(t, v.Expected["canonical_request"], canon)
			assert.Equal(t, v.Expected["string_to_sign"], sts)
		})
	}
}

// s3Debug signs the vector's request again and returns the canonical request
// and string to sign that the signer built.
func s3Debug(t *testing.T, v s3Vector) (canonical, stringToSign string) {
	t.Helper()
	r := v.request(t)
	if v.Body == "" {
		r.ContentLength, r.Body = 0, nil
	}
	sc := newScope(v.Time.UTC(), v.Region, v.Service)
	w := &work{hash: getWork().hash}
	payload := v.PayloadHash
	var extra []presignParam
	if v.Presign {
		payload = UnsignedPayload
		q := r.URL.Query()
		var cred []byte
		cred = append(cred, v.AccessKey...)
		cred = append(cred, '/')
		cred = appendScope(cred, sc)
		names := s3HeaderNames(w, r)
		extra = []presignParam{
			{"X-Amz-Algorithm", s3Algorithm}, {"X-Amz-Credential", string(cred)},
			{"X-Amz-Date", string(sc.amzDate[:])}, {"X-Amz-Expires", q.Get("X-Amz-Expires")},
			{"X-Amz-SignedHeaders", string(appendSignedHeaderList(nil, names))},
		}
		if v.SessionToken != "" {
			extra = append(extra, presignParam{"X-Amz-Security-Token", v.SessionToken})
		}
	} else {
		if payload == "" {
			payload = string(appendBodyHash(nil, []byte(v.Body)))
		}
		r.Header.Set("X-Amz-Content-Sha256", payload)
		r.Header.Set("X-Amz-Date", string(sc.amzDate[:]))
		if v.SessionToken != "" {
			r.Header.Set("X-Amz-Security-Token", v.SessionToken)
		}
	}
	_, _, err := s3Signature(w, r, v.credentials(), sc, s3Host(r), payload, extra)
	require.NoError(t, err)
	return string(w.canon), string(w.sts)
}

// assertSameURL compares two URLs whose queries may list the same
// parameters in another order.
func assertSameURL(t *testing.T, want, got string) {
	t.Helper()
	wu, err := url.Parse(want)
	require.NoError(t, err)
	gu, err := url.Parse(got)
	require.NoError(t, err)
	assert.Equal(t, wu.Scheme+"://"+wu.Host+wu.EscapedPath(), gu.Scheme+"://"+gu.Host+gu.EscapedPath())
	assert.Equal(t, wu.Query(), gu.Query())
	// The signature is the last parameter, as in the AWS signer's output.
	assert.Regexp(t, `&X-Amz-Signature=[0-9a-f]{64}$`, got)
}

func TestS3SignRejects(t *testing.T) {
	r, _ := http.NewRequest(http.MethodGet, "https://b.s3.cn-north-1.jdcloud-oss.com/k", nil)
	creds := Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}
	assert.ErrorIs(t, S3{}.Sign(r, nil, creds, time.Now()), ErrInvalidRequest)
	assert.ErrorIs(t, S3{Region: "cn-north-1"}.Sign(r, nil, Credentials{AccessKeyID: "AK"}, time.Now()), ErrMissingCredentials)
	for _, d := range []time.Duration{0, time.Millisecond, MaxPresignExpiry + time.Second} {
		err := S3{Region: "cn-north-1"}.Presign(r, creds, time.Now(), d)
		assert.ErrorIs(t, err, ErrInvalidRequest, "expiry %s", d)
	}
	// Nothing of a refused presign is left on the URL.
	assert.Empty(t, r.URL.RawQuery)
}

func TestS3SignTwiceReplacesSignature(t *testing.T) {
	r, _ := http.NewRequest(http.MethodGet, "https://b.s3.cn-north-1.jdcloud-oss.com/k?x=1", nil)
	creds := Credentials{AccessKeyID: "AK", SecretAccessKey: "SK", SessionToken: "TOKEN"}
	s := S3{Region: "cn-north-1"}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, s.Sign(r, nil, creds, at))
	first := r.Header.Get("Authorization")
	require.NoError(t, s.Sign(r, nil, creds, at))
	assert.Equal(t, first, r.Header.Get("Authorization"))
	assert.Len(t, r.Header.Values("Authorization"), 1)
	// Without a token the previous token header goes.
	require.NoError(t, s.Sign(r, nil, Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}, at))
	assert.Empty(t, r.Header.Get("X-Amz-Security-Token"))
}
