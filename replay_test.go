package multicloud

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Regression test, found by the reliability suite (internal/reliability):
// net/http's Transport sends a GET again on a new connection when a reused
// connection breaks before the answer begins. QingCloud and Volcengine
// mutate with GET, and a server that acted on the request and then lost the
// connection received RunInstances twice. A mutation is now sent once; only
// Client.Do decides about sending it again.
func TestTransportDoesNotReplayAMutation(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var (
		mu     sync.Mutex
		seen   []string // actions received
		bodies []string // request bodies received
		wg     sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer conn.Close()
				br := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					body, _ := io.ReadAll(req.Body)
					action := req.URL.Query().Get("action")
					mu.Lock()
					seen, bodies = append(seen, action), append(bodies, string(body))
					mu.Unlock()
					if IsReadOnlyAction(action) {
						fmt.Fprint(conn, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
						continue
					}
					// The server acted on the mutation; the answer is lost.
					_ = conn.(*net.TCPConn).SetLinger(0)
					return
				}
			}()
		}
	}()
	tr := &http.Transport{}
	t.Cleanup(func() {
		tr.CloseIdleConnections()
		ln.Close()
		wg.Wait()
	})

	c, err := New(WithHTTPClient(&http.Client{Transport: tr}), WithInsecureHTTP(),
		WithRetry(RetryPolicy{MaxAttempts: 3, Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)
	at := func(action string) *Request {
		r := newRequest(action)
		r.URL.Scheme, r.URL.Host = "http", ln.Addr().String()
		return r
	}
	_, err = c.Do(t.Context(), at("DescribeZones")) // leaves a connection to reuse
	require.NoError(t, err)

	_, err = c.Do(t.Context(), at("RunInstances"))
	require.ErrorIs(t, err, mcerrors.ErrUnavailable)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"DescribeZones", "RunInstances"}, seen, "RunInstances was received once")
	assert.Equal(t, []string{"", ""}, bodies, "a mutation without parameters in a body still sends none")
}

// Only the methods net/http replays get the guard: a mutation sent with
// POST and no body goes out as before, without a chunked empty body.
func TestBodilessPostMutationIsSentPlain(t *testing.T) {
	var (
		mu  sync.Mutex
		got []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, fmt.Sprintf("%s te=%v cl=%d body=%q", r.Method, r.TransferEncoding, r.ContentLength, body))
		mu.Unlock()
		fmt.Fprint(w, "{}")
	}))
	defer srv.Close()
	c, err := New(WithHTTPClient(srv.Client()), WithInsecureHTTP())
	require.NoError(t, err)
	for _, method := range []string{http.MethodPost, http.MethodDelete} {
		r := newRequest("StartInstances")
		r.Method = method
		r.URL.Scheme, r.URL.Host = "http", srv.Listener.Addr().String()
		_, err = c.Do(t.Context(), r)
		require.NoError(t, err)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{`POST te=[] cl=0 body=""`, `DELETE te=[] cl=0 body=""`}, got)
}
