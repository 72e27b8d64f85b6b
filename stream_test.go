package multicloud

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// newStreamRequest is a PUT whose body comes from a Stream, signed with the
// S3 signer over UNSIGNED-PAYLOAD.
func newStreamRequest(payload string, replayable bool, opens *atomic.Int32) *Request {
	u, _ := url.Parse("https://bucket.s3.example.com/key")
	return &Request{
		Provider: "test", Service: "s3", Action: "PutObject", Method: http.MethodPut, URL: u,
		Header: http.Header{"X-Amz-Content-Sha256": {signer.UnsignedPayload}},
		Signer: signer.S3{Region: "r1"}, Credentials: testCreds, DecodeError: testDecode, ReadOnly: true,
		Stream: &Stream{
			Open: func() (io.ReadCloser, error) {
				opens.Add(1)
				return io.NopCloser(strings.NewReader(payload)), nil
			},
			Size:       int64(len(payload)),
			Replayable: replayable,
		},
	}
}

func TestStreamBodyIsSentAndSigned(t *testing.T) {
	c, mock := newMockClient(t)
	var got string
	mock.RegisterResponder(http.MethodPut, "https://bucket.s3.example.com/key", func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		assert.Equal(t, int64(11), r.ContentLength)
		assert.Contains(t, r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKCORE/")
		assert.Equal(t, signer.UnsignedPayload, r.Header.Get("X-Amz-Content-Sha256"))
		return httpmock.NewStringResponse(200, ""), nil
	})
	var opens atomic.Int32
	resp, err := c.Do(context.Background(), newStreamRequest("hello world", true, &opens))
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "hello world", got)
	assert.Equal(t, int32(1), opens.Load())
}

func TestStreamReplayableBodyIsReopenedForARetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		var calls atomic.Int32
		var bodies []string
		mock.RegisterResponder(http.MethodPut, "https://bucket.s3.example.com/key", func(r *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(r.Body)
			bodies = append(bodies, string(b))
			if calls.Add(1) == 1 {
				return httpmock.NewStringResponse(503, ""), nil
			}
			return httpmock.NewStringResponse(200, ""), nil
		})
		var opens atomic.Int32
		resp, err := c.Do(context.Background(), newStreamRequest("part", true, &opens))
		require.NoError(t, err)
		assert.Equal(t, 2, resp.Attempts)
		assert.Equal(t, []string{"part", "part"}, bodies)
		assert.Equal(t, int32(2), opens.Load())
	})
}

func TestStreamOneShotBodyIsSentOnce(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterResponder(http.MethodPut, "https://bucket.s3.example.com/key",
		httpmock.NewStringResponder(503, ""))
	var opens atomic.Int32
	_, err := c.Do(context.Background(), newStreamRequest("once", false, &opens))
	require.Error(t, err)
	assert.True(t, errors.Is(err, mcerrors.ErrUnavailable))
	assert.Equal(t, int32(1), opens.Load())
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestStreamOpenFailureIsReturned(t *testing.T) {
	c, mock := newMockClient(t)
	req := newStreamRequest("x", true, new(atomic.Int32))
	boom := errors.New("disk gone")
	req.Stream.Open = func() (io.ReadCloser, error) { return nil, boom }
	_, err := c.Do(context.Background(), req)
	require.ErrorIs(t, err, boom)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, "the caller's reader failed: no retry can help")
	assert.False(t, mcerrors.IsRetryable(err))
	assert.Zero(t, mock.GetTotalCallCount())
}

// refusingSigner fails every signature.
type refusingSigner struct{}

func (refusingSigner) Sign(*http.Request, []byte, signer.Credentials, time.Time) error {
	return errors.New("no signature today")
}

// closeRecorder is a body that remembers being closed.
type closeRecorder struct {
	io.Reader
	closed *atomic.Bool
}

func (r closeRecorder) Close() error { r.closed.Store(true); return nil }

func TestStreamBodyClosedWhenSigningFails(t *testing.T) {
	c, mock := newMockClient(t)
	req := newStreamRequest("x", true, new(atomic.Int32))
	var closed atomic.Bool
	req.Stream.Open = func() (io.ReadCloser, error) { return closeRecorder{strings.NewReader("x"), &closed}, nil }
	req.Signer = refusingSigner{}
	_, err := c.Do(context.Background(), req)
	require.Error(t, err)
	assert.True(t, closed.Load(), "the opened body of an attempt that was never sent is closed")
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestStreamResponseBodyIsHandedOverUnread(t *testing.T) {
	c, mock := newMockClient(t, WithMaxResponseBytes(4)) // the limit is for read bodies only
	mock.RegisterResponder(http.MethodGet, "https://bucket.s3.example.com/key",
		httpmock.NewStringResponder(200, "a body longer than the limit"))
	u, _ := url.Parse("https://bucket.s3.example.com/key")
	req := &Request{Provider: "test", Service: "s3", Action: "GetObject", URL: u,
		Signer: signer.S3{Region: "r1"}, Credentials: testCreds, DecodeError: testDecode, ReadOnly: true,
		Stream: &Stream{ResponseBody: true}}
	resp, err := c.Do(context.Background(), req)
	require.NoError(t, err)
	require.NotNil(t, resp.Stream)
	assert.Nil(t, resp.Body)
	b, err := io.ReadAll(resp.Stream)
	require.NoError(t, err)
	require.NoError(t, resp.Stream.Close())
	assert.Equal(t, "a body longer than the limit", string(b))
}

func TestStreamResponseErrorIsDecoded(t *testing.T) {
	c, mock := newMockClient(t, WithRetry(NoRetry()))
	mock.RegisterResponder(http.MethodGet, "https://bucket.s3.example.com/key",
		httpmock.NewStringResponder(404, "<Error><Code>NoSuchKey</Code></Error>"))
	u, _ := url.Parse("https://bucket.s3.example.com/key")
	req := &Request{Provider: "test", Service: "s3", Action: "GetObject", URL: u,
		Signer: signer.S3{Region: "r1"}, Credentials: testCreds, DecodeError: testDecode, ReadOnly: true,
		Stream: &Stream{ResponseBody: true}}
	_, err := c.Do(context.Background(), req)
	require.ErrorIs(t, err, mcerrors.ErrNotFound)
}

func TestHeadAnswerWithContentLengthHasNoBodyToRead(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "12345")
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	c, err := New(WithInsecureHTTP(), WithRetry(NoRetry()))
	require.NoError(t, err)
	for path, wantErr := range map[string]error{"/key": nil, "/missing": mcerrors.ErrNotFound} {
		u, _ := url.Parse(srv.URL + path)
		_, err := c.Do(context.Background(), &Request{Provider: "test", Service: "s3", Action: "HeadObject",
			Method: http.MethodHead, URL: u, Signer: signer.S3{Region: "r1"}, Credentials: testCreds,
			DecodeError: testDecode, ReadOnly: true})
		if wantErr == nil {
			require.NoError(t, err)
		} else {
			require.ErrorIs(t, err, wantErr)
		}
	}
}

// TestStreamRetryWaitsForThePreviousBody: a server that answers before
// reading the body leaves net/http still sending it while the next attempt
// begins. Open rewinds one shared reader for every attempt; the core closes
// the previous attempt's body, waiting for its Read in progress, before it
// calls Open, so the race detector finds nothing and the attempt that
// succeeds sends exactly the body.
func TestStreamRetryWaitsForThePreviousBody(t *testing.T) {
	payload := strings.Repeat("0123456789abcdef", 1<<18) // 4 MiB: still being sent when the answer comes
	var hits atomic.Int32
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable) // without reading the body
			return
		}
		b, _ := io.ReadAll(r.Body)
		got.Store(string(b))
	}))
	defer srv.Close()
	c, err := New(WithInsecureHTTP(), WithRetry(RetryPolicy{MaxAttempts: 3, Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)

	shared := strings.NewReader(payload)
	req := newStreamRequest(payload, true, new(atomic.Int32))
	req.URL, _ = url.Parse(srv.URL + "/bucket/key")
	req.Stream.Open = func() (io.ReadCloser, error) {
		if _, err := shared.Seek(0, io.SeekStart); err != nil {
			return nil, err
		}
		return io.NopCloser(shared), nil
	}
	resp, err := c.Do(t.Context(), req)
	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	assert.True(t, got.Load() == payload, "the server received the body exactly")
}
