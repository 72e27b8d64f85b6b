package multicloud

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallOptionsApplyToOneCallOnly(t *testing.T) {
	c, mock := newMockClient(t)
	var calls int
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			assert.Equal(t, "yes", r.Header.Get("X-Trace"), "the call's header is sent")
		} else {
			assert.Empty(t, r.Header.Get("X-Trace"), "the next call has no such header")
		}
		resp := httpmock.NewStringResponse(http.StatusServiceUnavailable, `{}`)
		resp.Header.Set("X-Request-Id", "r1")
		return resp, nil
	})

	var hooked []string
	req := newRequest("DescribeInstances")
	req.Options = []CallOption{
		WithCallRetry(NoRetry()),
		WithCallHeader("X-Trace", "yes"),
		WithResponseHook(func(r *http.Response) {
			b, err := io.ReadAll(r.Body)
			require.NoError(t, err)
			hooked = append(hooked, r.Header.Get("X-Request-Id")+" "+string(b))
		}),
	}
	_, err := c.Do(context.Background(), req)
	require.Error(t, err)
	assert.Equal(t, 1, calls, "the call's policy sends once")
	assert.Equal(t, []string{"r1 {}"}, hooked, "the hook sees status, headers and body")

	_, err = c.Do(context.Background(), newRequest("DescribeInstances"))
	require.Error(t, err)
	assert.Equal(t, 4, calls, "the client's policy, 3 attempts, is unchanged")
	assert.Len(t, hooked, 1)
}

func TestCallAttemptTimeoutReplacesTheClients(t *testing.T) {
	c, mock := newMockClient(t, WithAttemptTimeout(time.Hour))
	mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
		deadline, ok := r.Context().Deadline()
		require.True(t, ok)
		assert.Less(t, time.Until(deadline), time.Minute, "the call's 30s bound, not the client's hour")
		return httpmock.NewStringResponse(http.StatusOK, `{}`), nil
	})
	req := newRequest("DescribeInstances")
	req.Options = []CallOption{WithCallAttemptTimeout(30 * time.Second), nil}
	_, err := c.Do(context.Background(), req)
	require.NoError(t, err)
}
