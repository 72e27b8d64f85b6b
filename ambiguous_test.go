package multicloud

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// tokenCase is how a call carries an idempotency token.
type tokenCase struct {
	name         string
	token        string
	callerChose  bool
	idempotent   bool  // Request.Idempotent: the same state however often applied
	wantAttempts int32 // sends of a mutation whose answer is lost, out of 3
	wantRetry    bool  // Retryable on the final error
}

var tokenCases = []tokenCase{
	{"no token", "", false, false, 1, false},
	{"sdk token", "tok-sdk-1", false, false, 3, false},
	{"caller token", "tok-caller-1", true, false, 3, true},
	{"idempotent mutation", "", false, true, 3, true},
}

// TestLostAnswerOfMutationMayHaveSucceeded: a mutation written and then cut
// off may have been applied. Without a token it is sent once; with a token
// (the same on every attempt) the core sends it again. Either way the error
// says MayHaveSucceeded, and only the caller's own token makes it
// Retryable.
func TestLostAnswerOfMutationMayHaveSucceeded(t *testing.T) {
	var (
		hits   atomic.Int32
		mu     sync.Mutex
		tokens []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mu.Lock()
		tokens = append(tokens, r.URL.Query().Get("client_token"))
		mu.Unlock()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	c, err := New(WithInsecureHTTP(), WithRetry(RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }}))
	require.NoError(t, err)

	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			mu.Lock()
			tokens = nil
			mu.Unlock()
			req := newRequest("RunInstances")
			req.URL, _ = url.Parse(srv.URL + "/iaas/?action=RunInstances&client_token=" + tc.token)
			req.IdempotencyToken, req.CallerToken, req.Idempotent = tc.token, tc.callerChose, tc.idempotent
			_, err := c.Do(t.Context(), req)
			var te *TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.wantAttempts, hits.Load())
			assert.Equal(t, int(tc.wantAttempts), te.Attempts)
			assert.True(t, te.MayHaveSucceeded())
			assert.True(t, mcerrors.MayHaveSucceeded(err))
			assert.Equal(t, tc.wantRetry, te.Retryable())
			assert.Equal(t, tc.wantRetry, mcerrors.IsRetryable(err))
			assert.ErrorIs(t, err, mcerrors.ErrUnavailable, "still of kind Unavailable")
			assert.Contains(t, err.Error(), "may have been applied")
			mu.Lock()
			for _, tok := range tokens {
				assert.Equal(t, tc.token, tok, "the same token on every attempt")
			}
			mu.Unlock()
		})
	}

	// A read cut off is simply unavailable: retried, and retryable.
	hits.Store(0)
	req := newRequest("DescribeInstances")
	req.URL, _ = url.Parse(srv.URL + "/iaas/?action=DescribeInstances")
	_, err = c.Do(t.Context(), req)
	assert.Equal(t, int32(3), hits.Load())
	assert.False(t, mcerrors.MayHaveSucceeded(err))
	assert.True(t, mcerrors.IsRetryable(err))
}

// TestServerFailureOfMutationMayHaveSucceeded: a 5xx answer to a mutation
// may come after the server acted. The same rules as a lost answer.
func TestServerFailureOfMutationMayHaveSucceeded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(503, `{}`))
		for _, tc := range tokenCases {
			mock.ZeroCallCounters()
			req := newRequest("RunInstances")
			req.IdempotencyToken, req.CallerToken, req.Idempotent = tc.token, tc.callerChose, tc.idempotent
			_, err := c.Do(t.Context(), req)
			var e *mcerrors.Error
			require.ErrorAs(t, err, &e, tc.name)
			assert.Equal(t, int(tc.wantAttempts), mock.GetTotalCallCount(), tc.name)
			assert.True(t, e.MayHaveSucceeded, tc.name)
			assert.True(t, mcerrors.MayHaveSucceeded(err), tc.name)
			assert.Equal(t, tc.wantRetry, e.Retryable(), tc.name)
			assert.Equal(t, tc.callerChose || tc.idempotent, e.Idempotent, tc.name)
			assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
		}
	})
}

// TestRefusedMutationIsNotAmbiguous: throttled, rejected (4xx) and
// never-sent mutations were not applied; reads never are ambiguous.
func TestRefusedMutationIsNotAmbiguous(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, status := range []int{429, 400, 403} {
			c, mock := newMockClient(t, WithRetry(RetryPolicy{MaxAttempts: 2, Jitter: func(time.Duration) time.Duration { return 0 }}))
			mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(status, `{}`))
			_, err := c.Do(t.Context(), newRequest("RunInstances"))
			require.Error(t, err)
			assert.False(t, mcerrors.MayHaveSucceeded(err), "%d", status)
			assert.Equal(t, status == 429, mcerrors.IsRetryable(err), "%d", status)
		}
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(503, `{}`))
		_, err := c.Do(t.Context(), newRequest("DescribeInstances"))
		assert.False(t, mcerrors.MayHaveSucceeded(err))
		assert.True(t, mcerrors.IsRetryable(err))
	})
}

// TestMayHaveSucceededSticksAcrossAttempts: an attempt that may have been
// applied followed by one refused before processing still may have been
// applied.
func TestMayHaveSucceededSticksAcrossAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mock := newMockClient(t)
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", firstThen(503, 400))
		req := newRequest("RunInstances")
		req.IdempotencyToken = "tok"
		_, err := c.Do(t.Context(), req)
		var e *mcerrors.Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
		assert.Equal(t, 2, e.Attempts)
		assert.True(t, e.MayHaveSucceeded)
	})
}
