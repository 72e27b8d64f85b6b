package multicloud

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Stream lets a request send a body that is not held in memory and hand a
// successful response's body to the caller unread: object storage uploads
// and downloads of any size, with memory bounded by the caller's buffers.
//
// With a Stream the signer gets a nil body: the payload hash must already be
// on the request (the S3 signer reads X-Amz-Content-Sha256, a precomputed
// hash or signer.UnsignedPayload).
type Stream struct {
	// Open returns the body from its first byte. It is called once per
	// attempt; nil means no body. The reader must yield exactly Size bytes.
	// Before Open is called again for a retry, the previous attempt's body
	// has been closed and no Read on it is in progress, so attempts may
	// share one reader that Open rewinds.
	Open func() (io.ReadCloser, error)
	// Size is the body's length in bytes, sent as Content-Length.
	Size int64
	// Replayable reports that Open can be called again and gives the same
	// bytes, so that the request may be retried. A one-shot body (a pipe, a
	// network stream) leaves it false: the request is then sent once.
	Replayable bool
	// ResponseBody hands the body of a successful (2xx) response to the
	// caller in Response.Stream, unread; the caller must close it. The
	// client's attempt timeout does not apply to such a call (reading the
	// body would outlive the attempt): the caller's context bounds it.
	// Failed responses are read and decoded as usual.
	ResponseBody bool
}

// errNoStreamBody is returned by an Open that gave no reader.
var errNoStreamBody = fmt.Errorf("multicloud: Stream.Open returned a nil reader")

// adjust applies the stream's limits to one call's retry policy and
// settings: a body that cannot be sent again is sent once, and a streamed
// response is not cut off by the attempt timeout.
func (s *Stream) adjust(policy *RetryPolicy, settings *callSettings) {
	if s == nil {
		return
	}
	if s.Open != nil && !s.Replayable {
		policy.MaxAttempts = 1
	}
	if s.ResponseBody {
		none := time.Duration(0)
		settings.attemptTimeout = &none
	}
}

// attachBody opens the stream's body for one attempt. The previous
// attempt's body (st.body) is closed first, which waits for a Read on it in
// progress: net/http may still be sending it in the background (the server
// answered before the whole body was sent), and a Stream's attempts may
// share one reader (a file that Open rewinds), so Open must not move it
// while the previous attempt reads. The body handed to net/http reads
// nothing once closed.
func (s *Stream) attachBody(hreq *http.Request, st *callState) error {
	if s == nil || s.Open == nil {
		return nil
	}
	if st.body != nil {
		_ = st.body.Close()
		st.body = nil
	}
	body, err := s.Open()
	if err == nil && body == nil {
		err = errNoStreamBody
	}
	if err != nil {
		// The caller's reader failed: nothing was sent, and sending
		// again cannot help.
		return &mcerrors.Error{Kind: mcerrors.KindInvalidArgument, Message: "opening the request body failed", Err: err}
	}
	if s.Size == 0 {
		body.Close()
		hreq.Body, hreq.GetBody, hreq.ContentLength = http.NoBody, nil, 0
		return nil
	}
	st.body = &attemptBody{rc: body}
	hreq.Body, hreq.GetBody, hreq.ContentLength = st.body, nil, s.Size
	return nil
}

// attemptBody is one attempt's Stream body. Once closed it reads nothing
// more, and Close waits for a Read in progress.
type attemptBody struct {
	mu     sync.Mutex
	rc     io.ReadCloser
	closed bool
}

func (b *attemptBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return 0, errAttemptOver
	}
	return b.rc.Read(p)
}

// Close closes the body Open returned, once; later calls do nothing.
func (b *attemptBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	return b.rc.Close()
}

// errAttemptOver is what a Stream body read after its attempt ended
// returns.
var errAttemptOver = fmt.Errorf("multicloud: request body read after its attempt ended")

// streamedResponse returns the outcome of a successful attempt whose body
// the caller reads, and false when resp must be read and decoded as usual.
func (c *Client) streamedResponse(ctx context.Context, req *Request, resp *http.Response, attempt int, took time.Duration, scrub *scrubber) (outcome, bool) {
	if req.Stream == nil || !req.Stream.ResponseBody || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return outcome{}, false
	}
	c.logResponse(ctx, req, resp, attempt, took, -1, scrub)
	return outcome{resp: &Response{StatusCode: resp.StatusCode, Header: resp.Header, Stream: resp.Body, Attempts: attempt, scrub: scrub}}, true
}

// bodyLength is the length of the body a response carries: none for an
// answer to HEAD, whose Content-Length describes the resource, not the
// (absent) body.
func bodyLength(hreq *http.Request, resp *http.Response) int64 {
	if hreq.Method == http.MethodHead {
		return 0
	}
	return resp.ContentLength
}
