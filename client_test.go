package multicloud

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

const testSecret = "CORE-TEST-SECRET-never-printed"

var testCreds = credentials.Static(signer.Credentials{AccessKeyID: "AKCORE", SecretAccessKey: testSecret})

// testDecode is a minimal provider decoder: {"code":"X","kind":N} bodies on
// any status are errors, everything else is a success.
func testDecode(status int, h http.Header, body []byte) *mcerrors.Error {
	if status < 400 {
		return nil
	}
	e := &mcerrors.Error{Provider: "test", StatusCode: status, Kind: mcerrors.KindForStatus(status), Code: fmt.Sprint(status)}
	if status == http.StatusTooManyRequests {
		e.Kind = mcerrors.KindThrottled
	}
	if bytes.Contains(body, []byte("expired")) {
		e.Kind, e.Code = mcerrors.KindUnauthenticated, "1300"
	}
	e.RetryAfter = mcerrors.ParseRetryAfter(h.Get("Retry-After"), time.Now())
	return e
}

// newMockClient returns a client whose transport is its own httpmock
// transport (never the global one), with deterministic backoff: the jitter
// returns the full bound.
func newMockClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	base := []Option{
		WithHTTPClient(&http.Client{Transport: mock}),
		WithRetry(RetryPolicy{Jitter: func(max time.Duration) time.Duration { return max }}),
	}
	c, err := New(append(base, opts...)...)
	require.NoError(t, err)
	return c, mock
}

func newRequest(action string) *Request {
	u, _ := url.Parse("https://api.example.com/iaas/?action=" + action + "&zone=pek3a")
	return &Request{
		Provider: "test", Service: "iaas", Action: action,
		URL: u, Signer: signer.QingCloud{}, Credentials: testCreds, DecodeError: testDecode,
		ReadOnly: IsReadOnlyAction(action),
	}
}

func TestDoSuccessSignsAndReadsBody(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		assert.Equal(t, "AKCORE", q.Get("access_key_id"))
		assert.NotEmpty(t, q.Get("signature"))
		assert.Equal(t, DefaultUserAgent, r.Header.Get("User-Agent"))
		return httpmock.NewStringResponse(200, `{"ret_code":0}`), nil
	})
	resp, err := c.Do(t.Context(), newRequest("DescribeZones"))
	require.NoError(t, err)
	assert.Equal(t, 1, resp.Attempts)
	assert.JSONEq(t, `{"ret_code":0}`, string(resp.Body))
}

func TestBadInputFailsBeforeSending(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		t.Error("nothing may be sent")
		return nil, errors.New("unexpected")
	})
	//nolint:staticcheck // a nil context is exactly what is tested
	_, err := c.Do(nil, newRequest("DescribeZones")) //lint:ignore SA1012 testing nil ctx
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument)

	_, err = c.Do(t.Context(), nil)
	require.ErrorIs(t, err, mcerrors.ErrInvalidArgument)

	for name, mutate := range map[string]func(*Request){
		"no URL":         func(r *Request) { r.URL = nil },
		"no host":        func(r *Request) { r.URL = &url.URL{Scheme: "https", Path: "/"} },
		"plain http":     func(r *Request) { r.URL.Scheme = "http" },
		"no signer":      func(r *Request) { r.Signer = nil },
		"no credentials": func(r *Request) { r.Credentials = nil },
		"no decoder":     func(r *Request) { r.DecodeError = nil },
	} {
		r := newRequest("DescribeZones")
		mutate(r)
		_, err := c.Do(t.Context(), r)
		require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
	}
}

func TestEndpointValidation(t *testing.T) {
	for _, bad := range []string{"://x", "ftp://h", "http://h", "https://", "https://u:p@h", "https://h?q=1", "h/path"} {
		_, err := New(WithEndpoint(bad))
		require.ErrorIs(t, err, mcerrors.ErrInvalidArgument, bad)
	}
	c, err := New(WithEndpoint("http://127.0.0.1:8080/iaas/"), WithInsecureHTTP())
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", c.Endpoint().Host)
}

func TestThrottledIsRetriedWithBackoffEvenForMutations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		var times []time.Time
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(*http.Request) (*http.Response, error) {
			times = append(times, time.Now())
			if len(times) < 3 {
				return httpmock.NewStringResponse(429, `{}`), nil
			}
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		resp, err := c.Do(t.Context(), newRequest("RunInstances"))
		require.NoError(t, err)
		assert.Equal(t, 3, resp.Attempts)
		require.Len(t, times, 3)
		// Throttle base 1s, full bound from the test jitter: 1s, then 2s.
		assert.Equal(t, time.Second, times[1].Sub(times[0]))
		assert.Equal(t, 2*time.Second, times[2].Sub(times[1]))
	})
}

func TestUnavailableRetriedOnlyForReads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(503, `{}`))

		_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
		require.ErrorIs(t, err, mcerrors.ErrUnavailable)
		var e *mcerrors.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 3, e.Attempts)
		assert.Equal(t, "iaas", e.Service)
		assert.Equal(t, "DescribeInstances", e.Action)
		assert.Equal(t, 3, mock.GetTotalCallCount())

		mock.ZeroCallCounters()
		_, err = c.Do(t.Context(), newRequest("RunInstances"))
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 1, e.Attempts, "a mutation that may have been applied is not sent again")
		assert.Equal(t, 1, mock.GetTotalCallCount())
	})
}

func TestNonRetryableErrorsReturnAtOnce(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(404, `{}`))
	_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
	require.ErrorIs(t, err, mcerrors.ErrNotFound)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestRetryAfterHonouredAndCapped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		var times []time.Time
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(*http.Request) (*http.Response, error) {
			times = append(times, time.Now())
			if len(times) == 1 {
				r := httpmock.NewStringResponse(429, `{}`)
				r.Header.Set("Retry-After", "7")
				return r, nil
			}
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
		require.NoError(t, err)
		require.Len(t, times, 2)
		assert.Equal(t, 7*time.Second, times[1].Sub(times[0]), "Retry-After beats the 1s backoff")
	})

	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(*http.Request) (*http.Response, error) {
			r := httpmock.NewStringResponse(429, `{}`)
			r.Header.Set("Retry-After", "3600")
			return r, nil
		})
		start := time.Now()
		_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
		var e *mcerrors.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, time.Hour, e.RetryAfter)
		assert.Equal(t, 1, e.Attempts, "a delay above the cap returns at once")
		assert.Zero(t, time.Since(start))
	})
}

func TestExpiredTimeStampRetriedOnceResigned(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		var stamps []string
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
			stamps = append(stamps, r.URL.Query().Get("time_stamp"))
			return httpmock.NewStringResponse(400, `{"message":"expired"}`), nil
		})
		req := newRequest("RunInstances")
		req.RetrySigned = func(e *mcerrors.Error) bool { return e.Code == "1300" }
		_, err := c.Do(t.Context(), req)
		require.ErrorIs(t, err, mcerrors.ErrUnauthenticated)
		assert.Len(t, stamps, 2, "retried once, not more")
	})
}

func TestRetryBudgetStopsStorms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		budget := NewRetryBudget(10) // two retries' worth
		c, mock := newMockClient(t, WithRetry(RetryPolicy{
			MaxAttempts: 5, Budget: budget, Jitter: func(time.Duration) time.Duration { return 0 },
		}))
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(503, `{}`))
		_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
		require.ErrorIs(t, err, ErrRetryBudgetExhausted)
		require.ErrorIs(t, err, mcerrors.ErrUnavailable)
		assert.Equal(t, 3, mock.GetTotalCallCount(), "one try plus the two retries the budget allowed")
		assert.Zero(t, budget.Available())

		mock.ZeroCallCounters()
		_, err = c.Do(t.Context(), newRequest("DescribeInstances"))
		require.ErrorIs(t, err, ErrRetryBudgetExhausted)
		assert.Equal(t, 1, mock.GetTotalCallCount(), "an empty budget allows no retry")
	})
}

func TestContextEndsBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(429, `{}`))
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		_, err := c.Do(ctx, newRequest("DescribeInstances"))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.ErrorIs(t, err, mcerrors.ErrThrottled, "the last answer is kept")
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 1, te.Attempts)
	})
}

func TestBodyOverLimitIsInvalidResponse(t *testing.T) {
	c, mock := newMockClient(t, WithMaxResponseBytes(16))
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(200, strings.Repeat("x", 17)))
	_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
	require.ErrorIs(t, err, mcerrors.ErrInvalidResponse)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

// A failure before the request was written (connection refused) is retried
// even for a mutation: the server never saw it.
func TestRefusedConnectionRetriedForMutations(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	c, err := New(WithInsecureHTTP(), WithRetry(RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)
	req := newRequest("RunInstances")
	req.URL.Scheme, req.URL.Host = "http", addr
	_, err = c.Do(t.Context(), req)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts)
	var opErr *net.OpError
	require.ErrorAs(t, err, &opErr)
	require.ErrorIs(t, err, mcerrors.ErrUnavailable)
	assert.Contains(t, err.Error(), "signature=REDACTED")
	assert.Contains(t, err.Error(), "access_key_id=REDACTED")
	assert.NotContains(t, err.Error(), "AKCORE")
	assert.Contains(t, err.Error(), "signature_method=HmacSHA256", "allowed parameters stay readable")
}

// A connection reset after the whole request was written may have been
// processed: a mutation is not sent again, a read is.
func TestResetAfterWriteRetriedOnlyForReads(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()

	c, err := New(WithInsecureHTTP(), WithRetry(RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)
	for action, want := range map[string]int32{"RunInstances": 1, "DescribeInstances": 3} {
		hits.Store(0)
		req := newRequest(action)
		u, _ := url.Parse(srv.URL + "/iaas/?action=" + action)
		req.URL = u
		_, err := c.Do(t.Context(), req)
		require.Error(t, err)
		assert.Equal(t, want, hits.Load(), action)
	}
}

func TestAttemptTimeoutBoundsASilentServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	c, err := New(WithInsecureHTTP(), WithAttemptTimeout(50*time.Millisecond), WithRetry(NoRetry()))
	require.NoError(t, err)
	req := newRequest("DescribeInstances")
	req.URL, _ = url.Parse(srv.URL + "/iaas/")
	_, err = c.Do(t.Context(), req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, mcerrors.ErrUnavailable, "a slow server, not the caller, ended it")

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	c, err = New(WithInsecureHTTP(), WithRetry(NoRetry()))
	require.NoError(t, err)
	_, err = c.Do(ctx, req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotErrorIs(t, err, mcerrors.ErrUnavailable, "the caller's own deadline ended it")
}

type countingLimiter struct {
	waits, throttles, oks atomic.Int32
	keys                  sync.Map
}

func (l *countingLimiter) For(key string) ratelimit.Limiter { l.keys.Store(key, true); return l }
func (l *countingLimiter) Wait(context.Context) error       { l.waits.Add(1); return nil }
func (l *countingLimiter) Observe(throttled bool) {
	if throttled {
		l.throttles.Add(1)
	} else {
		l.oks.Add(1)
	}
}

func TestLimiterWaitsEveryAttemptAndObserves(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := &countingLimiter{}
		c, mock := newMockClient(t, WithRateLimiter(l))
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", firstThen(429, 200))
		req := newRequest("DescribeInstances")
		req.LimitKey = "test/iaas"
		_, err := c.Do(t.Context(), req)
		require.NoError(t, err)
		assert.Equal(t, int32(2), l.waits.Load())
		assert.Equal(t, int32(1), l.throttles.Load())
		assert.Equal(t, int32(1), l.oks.Load())
		_, ok := l.keys.Load(ratelimit.AccountKey("test/iaas", testCreds.Credentials.AccessKeyID))
		assert.True(t, ok, "the key is the request's and the account's")
	})
}

func TestMiddlewareWrapsEachAttempt(t *testing.T) {
	var seen []string
	mw := func(tag string) Middleware {
		return func(next Handler) Handler {
			return func(r *http.Request) (*http.Response, error) {
				seen = append(seen, tag)
				return next(r)
			}
		}
	}
	c, mock := newMockClient(t, WithMiddleware(mw("outer"), mw("inner")))
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(200, `{}`))
	_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
	require.NoError(t, err)
	assert.Equal(t, []string{"outer", "inner"}, seen)
}

func TestEveryAttemptIsSignedAfresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		var sigs []string
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
			sigs = append(sigs, r.URL.Query().Get("signature")+r.URL.Query().Get("time_stamp"))
			return httpmock.NewStringResponse(429, `{}`), nil // throttle backoff: 1s, 2s
		})
		_, _ = c.Do(t.Context(), newRequest("DescribeInstances"))
		require.Len(t, sigs, 3)
		assert.NotEqual(t, sigs[0], sigs[1], "fresh time stamp, fresh signature")
		assert.NotEqual(t, sigs[1], sigs[2])
	})
}

func TestDebugLogIsRedacted(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mock := newMockClient(t, WithLogger(logger), WithRetry(RetryPolicy{MaxAttempts: 2, Jitter: func(time.Duration) time.Duration { return 0 }}))
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(503, `{"message":"login_passwd=hunter2"}`))
	req := newRequest("DescribeInstances")
	req.URL.RawQuery += "&login_passwd=hunter2&instances.1=i-private"
	req.Header = http.Header{"X-Custom-Token": {"tok-secret"}, "Authorization": {"Bearer abc"}}
	_, err := c.Do(t.Context(), req)
	require.Error(t, err)
	out := buf.String()
	assert.Contains(t, out, "multicloud request")
	assert.Contains(t, out, "multicloud retry")
	for _, secret := range []string{testSecret, "hunter2", "tok-secret", "Bearer abc", "AKCORE", "i-private"} {
		assert.NotContains(t, out, secret)
		assert.NotContains(t, err.Error(), secret)
		assert.NotContains(t, fmt.Sprintf("%+v", err), secret)
	}
	assert.Contains(t, out, "action=DescribeInstances", "allowed parameters are logged")
}

func TestSilentByDefault(t *testing.T) {
	c, mock := newMockClient(t)
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(200, `{}`))
	assert.False(t, c.logger.Enabled(t.Context(), slog.LevelError))
	_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
	require.NoError(t, err)
}

// 256 goroutines share one client; run with -race.
func TestConcurrentCallsShareOneClient(t *testing.T) {
	c, mock := newMockClient(t, WithRetry(RetryPolicy{Jitter: func(time.Duration) time.Duration { return time.Millisecond }}))
	var failed sync.Map // caller id -> its first attempt failed already
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
		id := r.URL.Query().Get("caller")
		if strings.HasSuffix(id, "0") || strings.HasSuffix(id, "5") { // every fifth caller fails once
			if _, again := failed.LoadOrStore(id, true); !again {
				return httpmock.NewStringResponse(503, `{}`), nil
			}
		}
		return httpmock.NewStringResponse(200, `{"ok":true}`), nil
	})
	var wg sync.WaitGroup
	errs := make(chan error, 256)
	for i := range 256 {
		wg.Go(func() {
			req := newRequest("DescribeInstances")
			req.URL.RawQuery += fmt.Sprintf("&caller=%d", i)
			resp, err := c.Do(t.Context(), req)
			if err == nil && !bytes.Contains(resp.Body, []byte("ok")) {
				err = errors.New("wrong body")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestIsReadOnlyAction(t *testing.T) {
	for action, want := range map[string]bool{
		"DescribeInstances": true, "ListBill": true, "GetUser": true, "QueryBalanceAcct": true,
		"describeInstances": true, "Describe": false, "Description": false, "RunInstances": false,
		"Listen": false, "GetawayCar": false, "": false, "CreateVpc": false,
	} {
		assert.Equal(t, want, IsReadOnlyAction(action), action)
	}
}

// A body that breaks off after the headers is a transport failure: a read is
// retried, a mutation (which the server processed) is not.
func TestBodyBrokenOffMidway(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"ret_code":`))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	c, err := New(WithInsecureHTTP(), WithRetry(RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)
	for action, want := range map[string]int32{"RunInstances": 1, "DescribeInstances": 3} {
		hits.Store(0)
		req := newRequest(action)
		req.URL, _ = url.Parse(srv.URL + "/iaas/?action=" + action)
		_, err := c.Do(t.Context(), req)
		var te *TransportError
		require.ErrorAs(t, err, &te, action)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, action)
		assert.Equal(t, int(want), te.Attempts, action)
		assert.Equal(t, want, hits.Load(), action)
	}
}

func TestReadBody(t *testing.T) {
	body, err := readBody(strings.NewReader("hello"), 5, 10)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(body))

	body, err = readBody(strings.NewReader("hello"), -1, 10)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(body))

	_, err = readBody(strings.NewReader("hello"), 20, 10)
	require.ErrorIs(t, err, errBodyTooLarge, "declared too large")
	_, err = readBody(strings.NewReader(strings.Repeat("x", 11)), -1, 10)
	require.ErrorIs(t, err, errBodyTooLarge, "undeclared and too large")
	_, err = readBody(strings.NewReader("hel"), 5, 10)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

// firstThen answers the first request with status first and every later
// one with status then, each with an empty JSON object.
func firstThen(first, then int) httpmock.Responder {
	n := 0
	return func(*http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return httpmock.NewStringResponse(first, `{}`), nil
		}
		return httpmock.NewStringResponse(then, `{}`), nil
	}
}
