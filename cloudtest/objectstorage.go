package cloudtest

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// ObjectStorage emulates the S3-compatible object storage endpoint of one
// provider: JD Cloud OSS, Volcengine TOS or QingStor (NewObjectStorage).
//
// It verifies AWS Signature Version 4 (header and presigned query forms,
// session tokens, the 15-minute clock window, expiry of presigned URLs),
// written from the S3 documentation rather than from package signer; keeps
// buckets, objects and multipart uploads in memory; checks Content-MD5; and
// answers failures with S3's XML error documents and statuses (NoSuchKey
// 404, BucketNotEmpty 409, SignatureDoesNotMatch 403, BadDigest 400,
// SlowDown 503, ...). Buckets are addressed in the path: point clients at
// it with path-style addressing (Config.PathStyle) and ClientOptions.
//
// Served: ListBuckets; CreateBucket, DeleteBucket, HeadBucket,
// GetBucketLocation; PutObject, GetObject (with Range), HeadObject,
// DeleteObject, DeleteObjects, CopyObject; ListObjects (prefix, delimiter,
// marker, max-keys up to 1000); CreateMultipartUpload, UploadPart,
// CompleteMultipartUpload (5 MiB minimum for all parts but the last),
// AbortMultipartUpload, ListParts, ListMultipartUploads.
type ObjectStorage struct {
	// URL is the endpoint: https://127.0.0.1:port.
	URL string

	provider string
	cfg      config
	srv      *httptest.Server

	mu      sync.Mutex
	buckets map[string]*osBucket
	uploads map[string]*osUpload
	seq     int
	fault   func(r *http.Request) (status int, code string, ok bool)
	calls   map[string]int
}

type osBucket struct {
	created time.Time
	objects map[string]*osObject
}

type osObject struct {
	data        []byte
	etag        string
	contentType string
	meta        map[string]string
	modified    time.Time
}

type osUpload struct {
	bucket, key string
	initiated   time.Time
	contentType string
	meta        map[string]string
	parts       map[int]*osObject
}

// objectStorageDefaults are each provider's fake keys and default region.
var objectStorageDefaults = map[string]config{
	"jdcloud": {region: "cn-north-1", creds: []signer.Credentials{{
		AccessKeyID: "JDC_CLOUDTEST_OSS_ACCESS_KEY", SecretAccessKey: "JDC_CLOUDTEST_OSS_SECRET_not_a_real_secret"}}},
	"volcengine": {region: "cn-beijing", creds: []signer.Credentials{{
		AccessKeyID: "AKLTCLOUDTESTTOSACCESSKEY", SecretAccessKey: "VOLC_CLOUDTEST_TOS_SECRET_not_a_real_secret"}}},
	"qingcloud": {region: "pek3b", creds: []signer.Credentials{{
		AccessKeyID: "QYCLOUDTESTQINGSTORKEY", SecretAccessKey: "QC_CLOUDTEST_QINGSTOR_SECRET_not_a_real_secret"}}},
}

// NewObjectStorage starts an object storage emulator for provider,
// "jdcloud", "volcengine" or "qingcloud"; it panics on any other name.
// WithCredentials, WithClock, WithMaxClockSkew (default 15 minutes, S3's
// window) and WithRegion (the signing region, or QingStor zone) apply.
func NewObjectStorage(provider string, opts ...Option) *ObjectStorage {
	cfg, ok := objectStorageDefaults[provider]
	if !ok {
		panic(fmt.Sprintf("cloudtest: no object storage emulator for provider %q", provider))
	}
	cfg.now = time.Now
	cfg.skew = 15 * time.Minute
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &ObjectStorage{provider: provider, cfg: cfg,
		buckets: map[string]*osBucket{}, uploads: map[string]*osUpload{}, calls: map[string]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	s.URL = s.srv.URL
	return s
}

// Close shuts the emulator down.
func (s *ObjectStorage) Close() { s.srv.Close() }

// Provider returns the provider emulated.
func (s *ObjectStorage) Provider() string { return s.provider }

// Region returns the signing region (QingStor: zone) the emulator expects.
func (s *ObjectStorage) Region() string { return s.cfg.region }

// Credentials returns the key pair the emulator accepts first.
func (s *ObjectStorage) Credentials() signer.Credentials { return s.cfg.creds[0] }

// CredentialsProvider returns a provider of Credentials for a client.
func (s *ObjectStorage) CredentialsProvider() multicloud.CredentialsProvider {
	return staticCredentials(s.Credentials())
}

// HTTPClient returns an http.Client that trusts the emulator's certificate.
func (s *ObjectStorage) HTTPClient() *http.Client { return s.srv.Client() }

// ClientOptions point a client at the emulator: its endpoint, an HTTP
// client that trusts it, its clock and no client-side rate limit. Use them
// with path-style addressing:
//
//	c, err := oss.New(oss.Config{Credentials: s.CredentialsProvider(), Region: s.Region(), PathStyle: true},
//		s.ClientOptions()...)
func (s *ObjectStorage) ClientOptions() []multicloud.Option {
	return []multicloud.Option{
		multicloud.WithEndpoint(s.URL),
		multicloud.WithHTTPClient(s.HTTPClient()),
		multicloud.WithClock(s.cfg.now),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
	}
}

// InjectFault makes the emulator answer every authenticated request for
// which f returns ok with an S3 error of that status and code (SlowDown
// 503, InternalError 500, ...) instead of serving it. Nil removes it.
func (s *ObjectStorage) InjectFault(f func(r *http.Request) (status int, code string, ok bool)) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Calls returns how many authenticated requests of an operation (such as
// "UploadPart") the emulator has served or refused with a fault.
func (s *ObjectStorage) Calls(operation string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[operation]
}

// ObjectData returns a copy of a stored object's content, for assertions.
func (s *ObjectStorage) ObjectData(bucket, key string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[bucket]
	if !ok {
		return nil, false
	}
	o, ok := b.objects[key]
	if !ok {
		return nil, false
	}
	return append([]byte(nil), o.data...), true
}

// UnfinishedUploads returns how many multipart uploads were neither
// completed nor aborted.
func (s *ObjectStorage) UnfinishedUploads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.uploads)
}

func md5ETag(b []byte) string {
	sum := md5.Sum(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}
