package objectstorage_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
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

// retryingClient is a client of url that retries three times without
// waiting, and tells obs about every call.
func retryingClient(t *testing.T, url string, obs multicloud.Observer) *objectstorage.Client {
	opts := []multicloud.Option{multicloud.WithInsecureHTTP(),
		multicloud.WithRetry(multicloud.RetryPolicy{MaxAttempts: 3, Jitter: func(time.Duration) time.Duration { return 0 }})}
	if obs != nil {
		opts = append(opts, multicloud.WithObserver(obs))
	}
	c, err := objectstorage.New(objectstorage.Profile{Provider: "test", Service: "s3", Region: "r1"},
		objectstorage.Config{Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
			Endpoint: url, PathStyle: true}, opts...)
	require.NoError(t, err)
	return c
}

// readOnlyRecorder records, per action, what the core told Observers about
// the call's side effects.
type readOnlyRecorder struct {
	mu       sync.Mutex
	readOnly map[string]bool
}

func (r *readOnlyRecorder) StartCall(ctx context.Context, c multicloud.CallInfo) (context.Context, multicloud.CallObserver) {
	r.mu.Lock()
	r.readOnly[c.Action] = c.ReadOnly
	r.mu.Unlock()
	return ctx, quietCall{}
}

func (r *readOnlyRecorder) StartWait(ctx context.Context, _ multicloud.WaitInfo) (context.Context, multicloud.WaitObserver) {
	panic("no waits here")
}

// quietCall hears a call's events and keeps none.
type quietCall struct{}

func (quietCall) LimiterWaited(context.Context, time.Duration, error)        {}
func (quietCall) StartAttempt(ctx context.Context, _ int) context.Context    { return ctx }
func (quietCall) CredentialsRetrieved(context.Context, time.Duration, error) {}
func (quietCall) EndAttempt(context.Context, multicloud.AttemptResult)       {}
func (quietCall) Retrying(context.Context, multicloud.RetryInfo)             {}
func (quietCall) EndCall(context.Context, error)                             {}

// TestIdempotentWritesAreRetriedAndStillMutations: a PUT or DELETE of one
// key leaves the same state however often it is applied, so a server
// failure is retried like a read's; but it is a write, so the final error
// says it may have been applied, the caller may safely call again, and
// Observers are not told it was a read.
func TestIdempotentWritesAreRetriedAndStillMutations(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	rec := &readOnlyRecorder{readOnly: map[string]bool{}}
	c := retryingClient(t, srv.URL, rec)

	for name, call := range map[string]func() error{
		"DeleteObject": func() error { return c.DeleteObject(t.Context(), "bucket", "k") },
		"PutObject": func() error {
			_, err := c.PutObject(t.Context(), "bucket", "k", bytes.NewReader([]byte("data")), 4, nil)
			return err
		},
		"HeadObject": func() error { _, err := c.HeadObject(t.Context(), "bucket", "k"); return err },
	} {
		hits.Store(0)
		err := call()
		var e *mcerrors.Error
		require.ErrorAs(t, err, &e, name)
		assert.Equal(t, int32(3), hits.Load(), "%s is retried", name)
		assert.ErrorIs(t, err, mcerrors.ErrUnavailable, name)
		assert.True(t, mcerrors.IsRetryable(err), "%s may be called again", name)
		read := name == "HeadObject"
		assert.Equal(t, !read, e.MayHaveSucceeded, "%s: MayHaveSucceeded", name)
		rec.mu.Lock()
		assert.Equal(t, read, rec.readOnly[name], "%s: CallInfo.ReadOnly", name)
		rec.mu.Unlock()
	}
}

// TestRetriedPutRewindsItsBodySafely: a server that answers before reading
// the body leaves net/http still sending the previous attempt's bytes
// while the next attempt rewinds the same reader. Each attempt reads the
// body through its own guard, so the race detector finds nothing, and the
// attempt that succeeds sends exactly the body (the server checks it
// against Content-MD5).
func TestRetriedPutRewindsItsBodySafely(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB: still being sent when the answer comes
	var hits atomic.Int32
	var got []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable) // without reading the body
			return
		}
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		sum := md5.Sum(b)
		if r.Header.Get("Content-Md5") != base64.StdEncoding.EncodeToString(sum[:]) {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "<Error><Code>BadDigest</Code></Error>")
			return
		}
		got = b
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:])+`"`)
	}))
	defer srv.Close()
	c := retryingClient(t, srv.URL, nil)

	res, err := c.PutObject(t.Context(), "bucket", "k", bytes.NewReader(body), int64(len(body)), nil)
	require.NoError(t, err)
	assert.Equal(t, int32(3), hits.Load())
	assert.Equal(t, int64(len(body)), res.Size)
	assert.True(t, bytes.Equal(body, got), "the server received the body exactly")
}
