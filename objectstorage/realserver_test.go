package objectstorage_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/signer"
)

// These tests run against a real S3-compatible server that verifies SigV4
// signatures (versitygw, started by .ci/run through
// testdata/start-s3.sh). Outside CI they skip without one; with CI=true a
// missing server fails them.

func realServer(t *testing.T, opts ...multicloud.Option) *objectstorage.Client {
	t.Helper()
	endpoint := os.Getenv("MULTICLOUD_TEST_S3_ENDPOINT")
	if endpoint == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("MULTICLOUD_TEST_S3_ENDPOINT is not set: CI must start the S3 server (objectstorage/testdata/start-s3.sh)")
		}
		t.Skip("no S3 server: run eval \"$(objectstorage/testdata/start-s3.sh)\" to test against one")
	}
	creds := credentials.Static(signer.Credentials{
		AccessKeyID:     os.Getenv("MULTICLOUD_TEST_S3_ACCESS_KEY"),
		SecretAccessKey: os.Getenv("MULTICLOUD_TEST_S3_SECRET_KEY"),
	})
	region := os.Getenv("MULTICLOUD_TEST_S3_REGION")
	if region == "" {
		region = "us-east-1"
	}
	c, err := objectstorage.New(objectstorage.Profile{Provider: "test", Service: "s3", Region: region},
		objectstorage.Config{Credentials: creds, Endpoint: endpoint, PathStyle: true, PartSize: objectstorage.MinPartSize},
		append([]multicloud.Option{multicloud.WithInsecureHTTP()}, opts...)...)
	require.NoError(t, err)
	return c
}

var bucketSeq atomic.Int64

// newBucket creates a bucket for one test and removes it, with everything
// in it, afterwards.
func newBucket(t *testing.T, c *objectstorage.Client) string {
	t.Helper()
	name := fmt.Sprintf("mc-%d-%d", time.Now().UnixNano()%1e9, bucketSeq.Add(1))
	require.NoError(t, c.CreateBucket(context.Background(), name))
	t.Cleanup(func() {
		ctx := context.Background()
		for u, err := range c.ListMultipartUploads(ctx, name, "") {
			if err == nil {
				_ = c.AbortMultipartUpload(ctx, name, u.Key, u.UploadID)
			}
		}
		var keys []string
		for e, err := range c.ListObjects(ctx, name, nil) {
			if err == nil {
				keys = append(keys, e.Key)
			}
		}
		_ = c.DeleteObjects(ctx, name, keys)
		_ = c.DeleteBucket(ctx, name)
	})
	return name
}

func randomBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return b
}

func readAll(t *testing.T, c *objectstorage.Client, bucket, key string, opts *objectstorage.GetOptions) []byte {
	t.Helper()
	obj, err := c.GetObject(context.Background(), bucket, key, opts)
	require.NoError(t, err)
	defer obj.Close()
	b, err := io.ReadAll(obj)
	require.NoError(t, err)
	return b
}

func TestRealServerBuckets(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)

	require.NoError(t, c.HeadBucket(ctx, b))
	_, err := c.BucketLocation(ctx, b)
	require.NoError(t, err)
	list, err := c.ListBuckets(ctx)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(list, func(x objectstorage.Bucket) bool { return x.Name == b }))

	err = c.CreateBucket(ctx, b)
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "creating it again")

	_, err = c.PutObject(ctx, b, "keep", strings.NewReader("x"), 1, nil)
	require.NoError(t, err)
	err = c.DeleteBucket(ctx, b)
	assert.ErrorIs(t, err, mcerrors.ErrConflict, "a bucket with objects")
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "BucketNotEmpty", e.Code)

	require.NoError(t, c.DeleteObject(ctx, b, "keep"))
	require.NoError(t, c.DeleteBucket(ctx, b))
	assert.ErrorIs(t, c.HeadBucket(ctx, b), mcerrors.ErrNotFound)
	_, err = c.PutObject(ctx, b, "k", strings.NewReader("x"), 1, nil)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "NoSuchBucket", e.Code)
	assert.Equal(t, mcerrors.KindNotFound, e.Kind)
}

func TestRealServerObjects(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	data := randomBytes(t, 300<<10)

	var progress []int64
	res, err := c.PutObject(ctx, b, "dir/a.bin", bytes.NewReader(data), int64(len(data)), &objectstorage.PutOptions{
		ContentType: "application/x-test", Metadata: map[string]string{"Owner": "team storage"},
		Progress: func(n int64) { progress = append(progress, n) },
	})
	require.NoError(t, err)
	sum := md5.Sum(data)
	assert.Equal(t, fmt.Sprintf(`"%x"`, sum), res.ETag)
	assert.Equal(t, int64(len(data)), progress[len(progress)-1])

	info, err := c.HeadObject(ctx, b, "dir/a.bin")
	require.NoError(t, err)
	assert.Equal(t, int64(len(data)), info.Size)
	assert.Equal(t, "application/x-test", info.ContentType)
	assert.Equal(t, "team storage", info.Metadata["owner"])

	assert.Equal(t, data, readAll(t, c, b, "dir/a.bin", nil))
	assert.Equal(t, data[100:200], readAll(t, c, b, "dir/a.bin", &objectstorage.GetOptions{Range: &objectstorage.Range{Start: 100, End: 199}}))
	assert.Equal(t, data[len(data)-10:], readAll(t, c, b, "dir/a.bin", &objectstorage.GetOptions{Range: &objectstorage.Range{Start: int64(len(data) - 10), End: -1}}))

	// A one-shot reader (not a ReadSeeker) streams once, its MD5 checked
	// against the ETag afterwards.
	_, err = c.PutObject(ctx, b, "oneshot", io.MultiReader(bytes.NewReader(data[:1000])), 1000, nil)
	require.NoError(t, err)
	assert.Equal(t, data[:1000], readAll(t, c, b, "oneshot", nil))

	_, err = c.CopyObject(ctx, b, "dir/a.bin", b, "dir/copy.bin", &objectstorage.CopyOptions{
		ContentType: "text/plain", Metadata: map[string]string{"copied": "yes"}})
	require.NoError(t, err)
	info, err = c.HeadObject(ctx, b, "dir/copy.bin")
	require.NoError(t, err)
	assert.Equal(t, "yes", info.Metadata["copied"])
	assert.Equal(t, "text/plain", info.ContentType)
	assert.Equal(t, data, readAll(t, c, b, "dir/copy.bin", nil))

	require.NoError(t, c.DeleteObject(ctx, b, "dir/copy.bin"))
	_, err = c.HeadObject(ctx, b, "dir/copy.bin")
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
	_, err = c.GetObject(ctx, b, "dir/copy.bin", nil)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "NoSuchKey", e.Code)
	assert.Equal(t, mcerrors.KindNotFound, e.Kind)
}

// oddKeys are keys whose bytes the signature and the URL must carry
// exactly.
var oddKeys = []string{"with space.txt", "plus+sign", "per%cent", "中文/文件 名.txt", "mixed a+b%20c d~e", "q?uery#frag", "ü/ö/ä"}

func TestRealServerKeysWithUnicodeSpacesPlusAndPercent(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	for _, k := range oddKeys {
		_, err := c.PutObject(ctx, b, k, strings.NewReader(k), int64(len(k)), nil)
		require.NoError(t, err, k)
		assert.Equal(t, k, string(readAll(t, c, b, k, nil)), k)
	}
	var listed []string
	for e, err := range c.ListObjects(ctx, b, nil) {
		require.NoError(t, err)
		listed = append(listed, e.Key)
	}
	want := slices.Clone(oddKeys)
	slices.Sort(want)
	assert.Equal(t, want, listed)
	_, err := c.CopyObject(ctx, b, "中文/文件 名.txt", b, "copy of 中文+%", nil)
	require.NoError(t, err)
	assert.Equal(t, "中文/文件 名.txt", string(readAll(t, c, b, "copy of 中文+%", nil)))
	require.NoError(t, c.DeleteObjects(ctx, b, append(oddKeys, "copy of 中文+%")))
	for e, err := range c.ListObjects(ctx, b, nil) {
		require.NoError(t, err)
		t.Errorf("left after DeleteObjects: %q", e.Key)
	}
}

func TestRealServerListPrefixDelimiterStartAfter(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	for _, k := range []string{"a/1", "a/2", "a/sub/3", "b/4", "c"} {
		_, err := c.PutObject(ctx, b, k, strings.NewReader("x"), 1, nil)
		require.NoError(t, err)
	}
	collect := func(o *objectstorage.ListOptions) (keys []string) {
		for e, err := range c.ListObjects(ctx, b, o) {
			require.NoError(t, err)
			if e.IsPrefix {
				keys = append(keys, e.Key+"*")
			} else {
				keys = append(keys, e.Key)
			}
		}
		return keys
	}
	assert.Equal(t, []string{"a/1", "a/2", "a/sub/3"}, collect(&objectstorage.ListOptions{Prefix: "a/"}))
	assert.Equal(t, []string{"a/*", "b/*", "c"}, collect(&objectstorage.ListOptions{Delimiter: "/"}))
	assert.Equal(t, []string{"a/1", "a/2", "a/sub/*"}, collect(&objectstorage.ListOptions{Prefix: "a/", Delimiter: "/"}))
	assert.Equal(t, []string{"a/sub/3", "b/4", "c"}, collect(&objectstorage.ListOptions{StartAfter: "a/2"}))
	assert.Equal(t, []string{"a/1", "a/2", "a/sub/3", "b/4", "c"}, collect(&objectstorage.ListOptions{PageSize: 2}))
	// Stopping early stops paging.
	n := 0
	for range c.ListObjects(ctx, b, &objectstorage.ListOptions{PageSize: 1}) {
		n++
		if n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
}

func TestRealServerList10000Keys(t *testing.T) {
	t.Parallel()
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	const total = 10000
	keys := make([]string, total)
	for i := range keys {
		keys[i] = fmt.Sprintf("k/%05d", i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, total)
	next := atomic.Int64{}
	for range 64 {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				if _, err := c.PutObject(ctx, b, keys[i], strings.NewReader(""), 0, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	var listed []string
	for e, err := range c.ListObjects(ctx, b, &objectstorage.ListOptions{Prefix: "k/"}) {
		require.NoError(t, err)
		listed = append(listed, e.Key)
	}
	assert.Equal(t, keys, listed)
	require.NoError(t, c.DeleteObjects(ctx, b, keys))
	for range c.ListObjects(ctx, b, nil) {
		t.Fatal("objects left after deleting 10000 keys in batches")
	}
}

// failPart is a middleware that answers the first attempt of one part
// with a 503, as a flaky network or server would.
func failPart(partNumber string, seen *atomic.Int32) multicloud.Middleware {
	return func(next multicloud.Handler) multicloud.Handler {
		return func(r *http.Request) (*http.Response, error) {
			if r.URL.Query().Get("partNumber") == partNumber {
				if seen.Add(1) == 1 {
					io.Copy(io.Discard, r.Body)
					return &http.Response{StatusCode: 503, Header: http.Header{}, Request: r,
						Body: io.NopCloser(strings.NewReader("<Error><Code>ServiceUnavailable</Code><Message>injected</Message></Error>"))}, nil
				}
			}
			return next(r)
		}
	}
}

func TestRealServerMultipart100MiBWithAFailedPart(t *testing.T) {
	t.Parallel()
	var seen atomic.Int32
	c := realServer(t, multicloud.WithMiddleware(failPart("7", &seen)),
		multicloud.WithRetry(multicloud.RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }}))
	ctx := context.Background()
	b := newBucket(t, c)
	data := randomBytes(t, 100<<20)
	var last atomic.Int64
	res, err := c.Upload(ctx, b, "big.bin", bytes.NewReader(data), &objectstorage.UploadOptions{
		PutOptions: objectstorage.PutOptions{Progress: func(n int64) { last.Store(n) }},
	})
	require.NoError(t, err)
	assert.Equal(t, 20, res.Parts)
	assert.NotEmpty(t, res.UploadID)
	assert.Equal(t, int32(2), seen.Load(), "part 7 failed once and was sent again")
	assert.Equal(t, int64(len(data)), last.Load())

	obj, err := c.GetObject(ctx, b, "big.bin", nil)
	require.NoError(t, err)
	h := md5.New()
	n, err := io.Copy(h, obj)
	require.NoError(t, err)
	require.NoError(t, obj.Close())
	assert.Equal(t, int64(len(data)), n)
	want := md5.Sum(data)
	assert.Equal(t, want[:], h.Sum(nil))
	for u, err := range c.ListMultipartUploads(ctx, b, "") {
		require.NoError(t, err)
		t.Errorf("unfinished upload left: %+v", u)
	}
}

// cancelAfter is a reader that cancels a context once n bytes were read.
type cancelAfter struct {
	r      io.Reader
	n      int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n -= int64(n)
	if c.n <= 0 {
		c.cancel()
	}
	return n, err
}

func TestRealServerCancelMidUploadAborts(t *testing.T) {
	c := realServer(t)
	b := newBucket(t, c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &cancelAfter{r: io.LimitReader(rand.Reader, 200<<20), n: 30 << 20, cancel: cancel}
	start := time.Now()
	_, err := c.Upload(ctx, b, "cancelled.bin", r, nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, r.n, int64(0)+1, "the reader was read up to the cancel")
	t.Logf("Upload returned %v after the cancel", time.Since(start))
	for u, err := range c.ListMultipartUploads(context.Background(), b, "") {
		require.NoError(t, err)
		t.Errorf("upload not aborted: %+v", u)
	}
	_, err = c.HeadObject(context.Background(), b, "cancelled.bin")
	assert.ErrorIs(t, err, mcerrors.ErrNotFound, "nothing half-written")
}

// failingReader yields n bytes of data, then an error.
type failingReader struct {
	data []byte
	n    int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("source went away")
	}
	k := copy(p, f.data[len(f.data)-f.n:len(f.data)-f.n+min(len(p), f.n)])
	f.n -= k
	return k, nil
}

func TestRealServerResumeAKnownUpload(t *testing.T) {
	t.Parallel()
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	data := randomBytes(t, 23<<20) // 5 parts of 5 MiB
	_, err := c.Upload(ctx, b, "resume.bin", &failingReader{data: data, n: 12 << 20},
		&objectstorage.UploadOptions{KeepPartsOnError: true, Concurrency: 1})
	var ue *objectstorage.UploadError
	require.ErrorAs(t, err, &ue)
	require.NotEmpty(t, ue.UploadID)

	var found bool
	for u, err := range c.ListMultipartUploads(ctx, b, "resume") {
		require.NoError(t, err)
		found = found || u.UploadID == ue.UploadID && u.Key == "resume.bin"
	}
	assert.True(t, found, "the unfinished upload is listed")
	held, err := c.ListParts(ctx, b, "resume.bin", ue.UploadID)
	require.NoError(t, err)
	require.NotEmpty(t, held)

	var sent []int64
	res, err := c.ResumeUpload(ctx, b, "resume.bin", ue.UploadID, bytes.NewReader(data), int64(len(data)),
		&objectstorage.UploadOptions{PutOptions: objectstorage.PutOptions{Progress: func(n int64) { sent = append(sent, n) }}})
	require.NoError(t, err)
	assert.Equal(t, 5, res.Parts)
	assert.Equal(t, int64(len(data)), sent[len(sent)-1])
	assert.Equal(t, data, readAll(t, c, b, "resume.bin", nil))
}

func TestRealServerAbortUpload(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	id, err := c.CreateMultipartUpload(ctx, b, "x", nil)
	require.NoError(t, err)
	_, err = c.UploadPart(ctx, b, "x", id, 1, randomBytes(t, 1024))
	require.NoError(t, err)
	require.NoError(t, c.AbortMultipartUpload(ctx, b, "x", id))
	_, err = c.ListParts(ctx, b, "x", id)
	assert.ErrorIs(t, err, mcerrors.ErrNotFound)
}

func TestRealServerPresignedURLs(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	key := "shared/report 1+1%.txt"

	put, err := c.PresignPutObject(ctx, b, key, time.Hour, "text/plain")
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodPut, put, strings.NewReader("shared"))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, c.ResponseError(resp))
	resp.Body.Close()

	get, err := c.PresignGetObject(ctx, b, key, time.Minute)
	require.NoError(t, err)
	resp, err = http.Get(get)
	require.NoError(t, err)
	require.NoError(t, c.ResponseError(resp))
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "shared", string(body))
}

func TestRealServerExpiredPresignedURL(t *testing.T) {
	c := realServer(t)
	ctx := context.Background()
	b := newBucket(t, c)
	_, err := c.PutObject(ctx, b, "k", strings.NewReader("x"), 1, nil)
	require.NoError(t, err)
	past := realServerClock(t, time.Now().Add(-2*time.Hour))
	get, err := past.PresignGetObject(ctx, b, "k", time.Hour)
	require.NoError(t, err)
	resp, err := http.Get(get)
	require.NoError(t, err)
	err = c.ResponseError(resp)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindPermissionDenied, e.Kind, "%v", err)
	assert.Equal(t, "AccessDenied", e.Code)
}

func realServerClock(t *testing.T, at time.Time) *objectstorage.Client {
	t.Helper()
	creds := credentials.Static(signer.Credentials{
		AccessKeyID: os.Getenv("MULTICLOUD_TEST_S3_ACCESS_KEY"), SecretAccessKey: os.Getenv("MULTICLOUD_TEST_S3_SECRET_KEY")})
	c, err := objectstorage.New(objectstorage.Profile{Provider: "test", Service: "s3", Region: "us-east-1"},
		objectstorage.Config{Credentials: creds, Endpoint: os.Getenv("MULTICLOUD_TEST_S3_ENDPOINT"), PathStyle: true,
			Now: func() time.Time { return at }}, multicloud.WithInsecureHTTP())
	require.NoError(t, err)
	return c
}

// corruptBody flips a byte of every upload body on the wire: the payload
// is not signed (UNSIGNED-PAYLOAD), so only Content-MD5 catches it.
func corruptBody(next multicloud.Handler) multicloud.Handler {
	return func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodPut && r.Body != nil && r.ContentLength > 0 {
			b, _ := io.ReadAll(r.Body)
			b[0] ^= 0xff
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		return next(r)
	}
}

func TestRealServerBadDigestIsInvalidArgument(t *testing.T) {
	clean := realServer(t)
	c := realServer(t, multicloud.WithMiddleware(corruptBody), multicloud.WithRetry(multicloud.NoRetry()))
	ctx := context.Background()
	b := newBucket(t, clean)
	data := randomBytes(t, 4096)
	_, err := c.PutObject(ctx, b, "k", bytes.NewReader(data), int64(len(data)), nil)
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind, "%v", err)
	assert.Equal(t, "BadDigest", e.Code)
	_, err = clean.HeadObject(ctx, b, "k")
	assert.ErrorIs(t, err, mcerrors.ErrNotFound, "nothing written")
}

// BenchmarkRealServerTransfer1GiB uploads 1 GiB to the real server and
// downloads it again, reporting the peak heap and each direction's speed.
func BenchmarkRealServerTransfer1GiB(b *testing.B) {
	endpoint := os.Getenv("MULTICLOUD_TEST_S3_ENDPOINT")
	if endpoint == "" {
		b.Skip("no S3 server: run eval \"$(objectstorage/testdata/start-s3.sh)\"")
	}
	creds := credentials.Static(signer.Credentials{
		AccessKeyID: os.Getenv("MULTICLOUD_TEST_S3_ACCESS_KEY"), SecretAccessKey: os.Getenv("MULTICLOUD_TEST_S3_SECRET_KEY")})
	c, err := objectstorage.New(objectstorage.Profile{Provider: "test", Service: "s3", Region: "us-east-1"},
		objectstorage.Config{Credentials: creds, Endpoint: endpoint, PathStyle: true}, multicloud.WithInsecureHTTP())
	require.NoError(b, err)
	ctx := context.Background()
	bucket := fmt.Sprintf("bench-%d", time.Now().UnixNano()%1e9)
	require.NoError(b, c.CreateBucket(ctx, bucket))
	const size = 1 << 30
	for b.Loop() {
		var up, down time.Duration
		peak := peakHeap(func() {
			start := time.Now()
			_, err := c.Upload(ctx, bucket, "big", io.LimitReader(pattern{}, size), nil)
			require.NoError(b, err)
			up = time.Since(start)
			start = time.Now()
			obj, err := c.GetObject(ctx, bucket, "big", nil)
			require.NoError(b, err)
			_, err = io.Copy(io.Discard, obj)
			require.NoError(b, err)
			obj.Close()
			down = time.Since(start)
		})
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(size)/(1<<20)/up.Seconds(), "upload-MiB/s")
		b.ReportMetric(float64(size)/(1<<20)/down.Seconds(), "download-MiB/s")
	}
	require.NoError(b, c.DeleteObject(ctx, bucket, "big"))
	require.NoError(b, c.DeleteBucket(ctx, bucket))
}
