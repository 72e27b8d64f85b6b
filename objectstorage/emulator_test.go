package objectstorage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud/oss"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/qingcloud/qingstor"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine/tos"
)

// emulated builds the provider package's client against a cloudtest
// object storage emulator.
func emulated(t *testing.T, s *cloudtest.ObjectStorage, creds multicloud.CredentialsProvider, opts ...multicloud.Option) *objectstorage.Client {
	t.Helper()
	all := append(s.ClientOptions(), opts...)
	var (
		c   *objectstorage.Client
		err error
	)
	switch s.Provider() {
	case "jdcloud":
		c, err = oss.New(oss.Config{Credentials: creds, Region: s.Region(), PathStyle: true, PartSize: objectstorage.MinPartSize}, all...)
	case "volcengine":
		c, err = tos.New(tos.Config{Credentials: creds, Region: s.Region(), PathStyle: true, PartSize: objectstorage.MinPartSize}, all...)
	case "qingcloud":
		c, err = qingstor.New(qingstor.Config{Credentials: creds, Zone: s.Region(), PathStyle: true, PartSize: objectstorage.MinPartSize}, all...)
	}
	require.NoError(t, err)
	return c
}

var providers = []string{"jdcloud", "volcengine", "qingcloud"}

func TestEmulatorEveryOperationOnEveryProvider(t *testing.T) {
	t.Parallel()
	for _, p := range providers {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			s := cloudtest.NewObjectStorage(p)
			defer s.Close()
			c := emulated(t, s, s.CredentialsProvider())
			ctx := context.Background()
			require.NoError(t, c.CreateBucket(ctx, "photos"))
			require.NoError(t, c.HeadBucket(ctx, "photos"))
			loc, err := c.BucketLocation(ctx, "photos")
			require.NoError(t, err)
			assert.Equal(t, s.Region(), loc)
			buckets, err := c.ListBuckets(ctx)
			require.NoError(t, err)
			require.Len(t, buckets, 1)

			for _, k := range oddKeys {
				_, err := c.PutObject(ctx, "photos", k, strings.NewReader(k), int64(len(k)),
					&objectstorage.PutOptions{ContentType: "text/plain", Metadata: map[string]string{"k": "v"}})
				require.NoError(t, err, k)
				got, ok := s.ObjectData("photos", k)
				require.True(t, ok, k)
				assert.Equal(t, k, string(got))
			}
			info, err := c.HeadObject(ctx, "photos", "中文/文件 名.txt")
			require.NoError(t, err)
			assert.Equal(t, "v", info.Metadata["k"])
			assert.Equal(t, "text/plain", info.ContentType)

			var keys []string
			for e, err := range c.ListObjects(ctx, "photos", &objectstorage.ListOptions{PageSize: 2}) {
				require.NoError(t, err)
				keys = append(keys, e.Key)
			}
			assert.Len(t, keys, len(oddKeys))

			data := randomBytes(t, 12<<20) // 3 parts of 5 MiB
			res, err := c.Upload(ctx, "photos", "big", bytes.NewReader(data), nil)
			require.NoError(t, err)
			assert.Equal(t, 3, res.Parts)
			stored, _ := s.ObjectData("photos", "big")
			assert.True(t, bytes.Equal(data, stored))
			assert.Equal(t, data[5:10], readAll(t, c, "photos", "big", &objectstorage.GetOptions{Range: &objectstorage.Range{Start: 5, End: 9}}))

			_, err = c.CopyObject(ctx, "photos", "big", "photos", "big copy", nil)
			require.NoError(t, err)
			url, err := c.PresignGetObject(ctx, "photos", "plus+sign", time.Minute)
			require.NoError(t, err)
			resp, err := s.HTTPClient().Get(url)
			require.NoError(t, err)
			require.NoError(t, c.ResponseError(resp))
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assert.Equal(t, "plus+sign", string(body))

			assert.ErrorIs(t, c.DeleteBucket(ctx, "photos"), mcerrors.ErrConflict)
			require.NoError(t, c.DeleteObjects(ctx, "photos", append(oddKeys, "big", "big copy")))
			require.NoError(t, c.DeleteBucket(ctx, "photos"))
			assert.ErrorIs(t, c.HeadBucket(ctx, "photos"), mcerrors.ErrNotFound)
		})
	}
}

func TestEmulatorSessionTokenAndWrongSecret(t *testing.T) {
	withToken := signer.Credentials{AccessKeyID: "AKTEMP", SecretAccessKey: "temp-secret", SessionToken: "session-token"}
	s := cloudtest.NewObjectStorage("volcengine", cloudtest.WithCredentials(withToken))
	defer s.Close()
	ctx := context.Background()
	c := emulated(t, s, credentials.Static(withToken))
	require.NoError(t, c.CreateBucket(ctx, "tokens"))

	noToken := withToken
	noToken.SessionToken = ""
	err := emulated(t, s, credentials.Static(noToken), multicloud.WithRetry(multicloud.NoRetry())).HeadBucket(ctx, "tokens")
	assert.Equal(t, mcerrors.KindInvalidArgument, mcerrors.KindOf(err), "%v", err) // HEAD: 400 without a body

	wrong := withToken
	wrong.SecretAccessKey = "not-the-secret"
	_, err = emulated(t, s, credentials.Static(wrong)).ListBuckets(ctx)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "SignatureDoesNotMatch", e.Code)
	assert.Equal(t, mcerrors.KindUnauthenticated, e.Kind)
	assert.NotContains(t, err.Error(), "not-the-secret")
}

func TestEmulatorExpiredPresignedURL(t *testing.T) {
	clock := cloudtest.NewClock(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	s := cloudtest.NewObjectStorage("qingcloud", cloudtest.WithClock(clock.Now))
	defer s.Close()
	c := emulated(t, s, s.CredentialsProvider())
	ctx := context.Background()
	require.NoError(t, c.CreateBucket(ctx, "share"))
	_, err := c.PutObject(ctx, "share", "doc", strings.NewReader("x"), 1, nil)
	require.NoError(t, err)
	url, err := c.PresignGetObject(ctx, "share", "doc", time.Minute)
	require.NoError(t, err)
	clock.Advance(2 * time.Minute)
	resp, err := s.HTTPClient().Get(url)
	require.NoError(t, err)
	err = c.ResponseError(resp)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "AccessDenied", e.Code)
	assert.Equal(t, mcerrors.KindPermissionDenied, e.Kind)
	assert.Contains(t, e.Message, "expired")
}

func TestEmulatorSlowDownIsThrottledAndRetried(t *testing.T) {
	s := cloudtest.NewObjectStorage("jdcloud")
	defer s.Close()
	ctx := context.Background()
	c := emulated(t, s, s.CredentialsProvider(),
		multicloud.WithRetry(multicloud.RetryPolicy{ThrottleBaseDelay: time.Millisecond, Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, c.CreateBucket(ctx, "slow"))
	var n atomic.Int32
	s.InjectFault(func(r *http.Request) (int, string, bool) {
		return 503, "SlowDown", r.Method == http.MethodPut && n.Add(1) == 1
	})
	_, err := c.PutObject(ctx, "slow", "k", strings.NewReader("abc"), 3, nil)
	require.NoError(t, err, "a SlowDown is retried (the body is a ReadSeeker)")
	assert.Equal(t, 2, s.Calls("PutObject"))

	s.InjectFault(func(*http.Request) (int, string, bool) { return 503, "SlowDown", true })
	_, err = emulated(t, s, s.CredentialsProvider(), multicloud.WithRetry(multicloud.NoRetry())).HeadObject(ctx, "slow", "k")
	assert.ErrorIs(t, err, mcerrors.ErrUnavailable, "HEAD has no body: 503 is ServiceUnavailable")
	_, err = emulated(t, s, s.CredentialsProvider(), multicloud.WithRetry(multicloud.NoRetry())).GetObject(ctx, "slow", "k", nil)
	assert.ErrorIs(t, err, mcerrors.ErrThrottled)
}

func TestEmulatorOneShotBodyIsNotRetried(t *testing.T) {
	s := cloudtest.NewObjectStorage("jdcloud")
	defer s.Close()
	ctx := context.Background()
	c := emulated(t, s, s.CredentialsProvider())
	require.NoError(t, c.CreateBucket(ctx, "once"))
	s.InjectFault(func(r *http.Request) (int, string, bool) { return 500, "InternalError", r.Method == http.MethodPut })
	_, err := c.PutObject(ctx, "once", "k", io.MultiReader(strings.NewReader("abc")), 3, nil)
	assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
	assert.Equal(t, 1, s.Calls("PutObject"), "a body that cannot be read again is sent once")
}

func TestEmulatorCancelMidUploadAborts(t *testing.T) {
	s := cloudtest.NewObjectStorage("qingcloud")
	defer s.Close()
	c := emulated(t, s, s.CredentialsProvider())
	require.NoError(t, c.CreateBucket(context.Background(), "cancel"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &cancelAfter{r: bytes.NewReader(make([]byte, 64<<20)), n: 16 << 20, cancel: cancel}
	_, err := c.Upload(ctx, "cancel", "k", r, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, s.UnfinishedUploads(), "the upload was aborted")
	assert.Equal(t, 1, s.Calls("AbortMultipartUpload"))
	_, ok := s.ObjectData("cancel", "k")
	assert.False(t, ok)
}

// counting counts the requests that reach the network.
func counting(n *atomic.Int32) multicloud.Middleware {
	return func(next multicloud.Handler) multicloud.Handler {
		return func(r *http.Request) (*http.Response, error) { n.Add(1); return next(r) }
	}
}

func TestBadInputIsATypedErrorAndSendsNothing(t *testing.T) {
	s := cloudtest.NewObjectStorage("jdcloud")
	defer s.Close()
	var sent atomic.Int32
	c := emulated(t, s, s.CredentialsProvider(), multicloud.WithMiddleware(counting(&sent)))
	ctx := context.Background()
	invalid := func(name string, err error) {
		t.Helper()
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
		var e *mcerrors.Error
		if assert.ErrorAs(t, err, &e, name) {
			assert.NotEmpty(t, e.Message, name)
		}
	}
	for _, b := range []string{"", "ab", "UPPER", "under_score", "-lead", "trail-", "two--hyphens", "dots.in.name", strings.Repeat("a", 64), "中文"} {
		invalid("bucket "+b, c.CreateBucket(ctx, b))
		_, err := c.PutObject(ctx, b, "k", strings.NewReader("x"), 1, nil)
		invalid("put into bucket "+b, err)
	}
	for _, k := range []string{"", "bad\xffutf8", "new\nline", strings.Repeat("k", objectstorage.MaxKeyLength+1)} {
		_, err := c.PutObject(ctx, "bucket", k, strings.NewReader("x"), 1, nil)
		invalid("key "+k, err)
		_, err = c.GetObject(ctx, "bucket", k, nil)
		invalid("get key "+k, err)
		invalid("delete key "+k, c.DeleteObjects(ctx, "bucket", []string{"fine", k}))
	}
	for _, size := range []int64{1, objectstorage.MinPartSize - 1, objectstorage.MaxPartSize + 1} {
		_, err := c.Upload(ctx, "bucket", "k", strings.NewReader("x"), &objectstorage.UploadOptions{PartSize: size})
		invalid("part size", err)
		_, err = oss.New(oss.Config{Credentials: s.CredentialsProvider(), Region: "cn-north-1", PartSize: size})
		invalid("configured part size", err)
	}
	_, err := c.PutObject(ctx, "bucket", "k", strings.NewReader("x"), -1, nil)
	invalid("negative size", err)
	_, err = c.GetObject(ctx, "bucket", "k", &objectstorage.GetOptions{Range: &objectstorage.Range{Start: 9, End: 3}})
	invalid("backwards range", err)
	_, err = c.PutObject(ctx, "bucket", "k", strings.NewReader("x"), 1, &objectstorage.PutOptions{Metadata: map[string]string{"bad key": "v"}})
	invalid("metadata key", err)
	_, err = c.PutObject(ctx, "bucket", "k", strings.NewReader("x"), 1, &objectstorage.PutOptions{Metadata: map[string]string{"k": "non-ascii ü"}})
	invalid("metadata value", err)
	for _, d := range []time.Duration{0, time.Millisecond, 8 * 24 * time.Hour} {
		_, err = c.PresignGetObject(ctx, "bucket", "k", d)
		invalid("presign expiry", err)
	}
	_, err = c.UploadPart(ctx, "bucket", "k", "id", 0, []byte("x"))
	invalid("part number", err)
	for e, err := range c.ListObjects(ctx, "bucket", &objectstorage.ListOptions{PageSize: 1001}) {
		assert.Zero(t, e)
		invalid("page size", err)
	}
	assert.Zero(t, sent.Load(), "nothing reached the network")
}

func TestDownloadWithAWrongETagFailsAtTheEnd(t *testing.T) {
	s := cloudtest.NewObjectStorage("volcengine")
	defer s.Close()
	ctx := context.Background()
	corrupt := func(next multicloud.Handler) multicloud.Handler {
		return func(r *http.Request) (*http.Response, error) {
			resp, err := next(r)
			if err == nil && r.Method == http.MethodGet && resp.StatusCode == 200 && strings.HasSuffix(r.URL.Path, "/k") {
				b, _ := io.ReadAll(resp.Body)
				b[0] ^= 1
				resp.Body = io.NopCloser(bytes.NewReader(b))
			}
			return resp, err
		}
	}
	c := emulated(t, s, s.CredentialsProvider(), multicloud.WithMiddleware(corrupt))
	require.NoError(t, c.CreateBucket(ctx, "integrity"))
	_, err := c.PutObject(ctx, "integrity", "k", strings.NewReader("payload"), 7, nil)
	require.NoError(t, err)
	obj, err := c.GetObject(ctx, "integrity", "k", nil)
	require.NoError(t, err)
	_, err = io.ReadAll(obj)
	obj.Close()
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "BadDigest", e.Code)
	assert.Equal(t, mcerrors.KindInvalidResponse, e.Kind)
	assert.False(t, errors.Is(err, io.EOF))
}

// Debug logs of a whole session name no secret: not the secret key, the
// session token, a signature or a presigned URL's signature.
func TestLogsCarryNoSecret(t *testing.T) {
	creds := signer.Credentials{AccessKeyID: "AKLOG", SecretAccessKey: "log-secret-key-42", SessionToken: "log-session-token-42"}
	s := cloudtest.NewObjectStorage("qingcloud", cloudtest.WithCredentials(creds))
	defer s.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := emulated(t, s, credentials.Static(creds), multicloud.WithLogger(logger))
	ctx := context.Background()
	require.NoError(t, c.CreateBucket(ctx, "logs"))
	_, err := c.Upload(ctx, "logs", "k", bytes.NewReader(make([]byte, 6<<20)), nil)
	require.NoError(t, err)
	_, getErr := c.GetObject(ctx, "logs", "missing", nil)
	require.Error(t, getErr)
	url, err := c.PresignGetObject(ctx, "logs", "k", time.Minute)
	require.NoError(t, err)
	sig := url[strings.LastIndex(url, "X-Amz-Signature=")+len("X-Amz-Signature="):]
	out := logs.String() + getErr.Error() + fmt.Sprintf("%v %+v", c, getErr)
	require.NotEmpty(t, logs.String())
	for _, secret := range []string{creds.SecretAccessKey, creds.SessionToken, "Signature=", sig} {
		assert.NotContains(t, out, secret)
	}
}
