package multicloud

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// recorder is an Observer that writes every event as a line, and marks the
// contexts it hands out so tests can check where they reach.
type recorder struct {
	mu     sync.Mutex
	events []string
}

type markKey struct{}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

func mark(ctx context.Context) string { s, _ := ctx.Value(markKey{}).(string); return s }

func (r *recorder) StartCall(ctx context.Context, c CallInfo) (context.Context, CallObserver) {
	r.add("call %s.%s/%s %s %s ro=%v", c.Provider, c.Service, c.Action, c.Method, c.Host, c.ReadOnly)
	return context.WithValue(ctx, markKey{}, "call"), r
}

func (r *recorder) StartWait(ctx context.Context, w WaitInfo) (context.Context, WaitObserver) {
	r.add("wait %s.%s/%s", w.Provider, w.Service, w.Name)
	return ctx, nil
}

func (r *recorder) LimiterWaited(ctx context.Context, _ time.Duration, err error) {
	r.add("limiter ctx=%s err=%v", mark(ctx), err != nil)
}

func (r *recorder) StartAttempt(ctx context.Context, n int) context.Context {
	r.add("attempt %d ctx=%s", n, mark(ctx))
	return context.WithValue(ctx, markKey{}, fmt.Sprint("attempt", n))
}

func (r *recorder) CredentialsRetrieved(ctx context.Context, _ time.Duration, err error) {
	r.add("credentials ctx=%s err=%v", mark(ctx), err != nil)
}

func (r *recorder) EndAttempt(ctx context.Context, a AttemptResult) {
	r.add("end attempt %d ctx=%s status=%d id=%s code=%s kind=%v", a.Attempt, mark(ctx), a.StatusCode, a.RequestID, a.ErrorCode, kindOrNil(a.Err))
}

func (r *recorder) Retrying(ctx context.Context, ri RetryInfo) {
	r.add("retry %d %s delay=%v after=%v ctx=%s", ri.Attempt, ri.Reason, ri.Delay, ri.RetryAfter, mark(ctx))
}

func (r *recorder) EndCall(ctx context.Context, err error) {
	r.add("end call ctx=%s kind=%v", mark(ctx), kindOrNil(err))
}

func kindOrNil(err error) string {
	if err == nil {
		return "nil"
	}
	return mcerrors.KindOf(err).String()
}

func TestObserverHearsAttemptsAndRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		c, mock := newMockClient(t, WithObserver(rec))
		calls := 0
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
			calls++
			assert.Equal(t, fmt.Sprint("attempt", calls), mark(r.Context()), "the HTTP request carries the attempt's context")
			if calls == 1 {
				resp := httpmock.NewStringResponse(429, `{}`)
				resp.Header.Set("Retry-After", "3")
				return resp, nil
			}
			resp := httpmock.NewStringResponse(200, `{"ret_code":0}`)
			resp.Header.Set("X-Jdcloud-Request-Id", "req-2")
			return resp, nil
		})
		_, err := c.Do(t.Context(), newRequest("DescribeZones"))
		require.NoError(t, err)
		assert.Equal(t, []string{
			"call test.iaas/DescribeZones GET api.example.com ro=true",
			"credentials ctx=call err=false",
			"limiter ctx=call err=false",
			"attempt 1 ctx=call",
			"end attempt 1 ctx=attempt1 status=429 id= code=429 kind=Throttled",
			"retry 1 throttled delay=3s after=3s ctx=call",
			"credentials ctx=call err=false",
			"limiter ctx=call err=false",
			"attempt 2 ctx=call",
			"end attempt 2 ctx=attempt2 status=200 id=req-2 code= kind=nil",
			"end call ctx=call kind=nil",
		}, rec.lines())
	})
}

func TestObserverHearsFailures(t *testing.T) {
	t.Run("provider error", func(t *testing.T) {
		rec := &recorder{}
		c, mock := newMockClient(t, WithObserver(rec))
		mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewStringResponder(403, `{}`))
		_, err := c.Do(t.Context(), newRequest("RunInstances"))
		require.ErrorIs(t, err, mcerrors.ErrPermissionDenied)
		assert.Equal(t, []string{
			"call test.iaas/RunInstances GET api.example.com ro=false",
			"credentials ctx=call err=false",
			"limiter ctx=call err=false",
			"attempt 1 ctx=call",
			"end attempt 1 ctx=attempt1 status=403 id= code=403 kind=PermissionDenied",
			"end call ctx=call kind=PermissionDenied",
		}, rec.lines())
	})
	t.Run("credentials", func(t *testing.T) {
		rec := &recorder{}
		c, _ := newMockClient(t, WithObserver(rec))
		req := newRequest("DescribeZones")
		req.Credentials = failingCreds{}
		_, err := c.Do(t.Context(), req)
		require.Error(t, err)
		lines := rec.lines()
		assert.Contains(t, lines, "credentials ctx=call err=true")
		assert.Equal(t, "end call ctx=call kind=Unauthenticated", lines[len(lines)-1])
	})
	t.Run("transport error retried", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{}
			c, mock := newMockClient(t, WithObserver(rec), WithRetry(RetryPolicy{MaxAttempts: 2, Jitter: func(time.Duration) time.Duration { return time.Second }}))
			mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", httpmock.NewErrorResponder(errors.New("connection refused")))
			_, err := c.Do(t.Context(), newRequest("DescribeZones"))
			require.Error(t, err)
			lines := rec.lines()
			assert.Contains(t, lines, "retry 1 transport delay=1s after=0s ctx=call")
			assert.Equal(t, "end call ctx=call kind=Unavailable", lines[len(lines)-1])
		})
	})
	t.Run("limiter ended by context", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(t.Context())
		c, _ := newMockClient(t, WithObserver(rec), WithRateLimiter(cancelingLimiter{cancel}))
		_, err := c.Do(ctx, newRequest("DescribeZones"))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, []string{
			"call test.iaas/DescribeZones GET api.example.com ro=true",
			"credentials ctx=call err=false",
			"limiter ctx=call err=true",
			"end call ctx=call kind=Unknown",
		}, rec.lines())
	})
}

// TestObserverNeverHearsEchoedSecrets: a request id or error code that
// carries one of the call's secrets (credentials, CallExtras.Secrets) is
// left out of what the observer hears.
func TestObserverNeverHearsEchoedSecrets(t *testing.T) {
	for name, echo := range map[string]string{
		"secret key": testSecret, "access key": "AKCORE", "call secret": "hunter2-password",
	} {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{}
			c, mock := newMockClient(t, WithObserver(rec))
			mock.RegisterResponder(http.MethodGet, "https://api.example.com/iaas/", func(r *http.Request) (*http.Response, error) {
				if r.URL.Query().Get("action") == "DescribeZones" {
					resp := httpmock.NewStringResponse(200, `{}`)
					resp.Header.Set("X-Jdcloud-Request-Id", "id-"+echo)
					return resp, nil
				}
				return httpmock.NewStringResponse(404, `{}`), nil
			})
			req := newRequest("DescribeZones")
			req.Secrets = []string{"hunter2-password"}
			_, err := c.Do(t.Context(), req)
			require.NoError(t, err)
			assert.Contains(t, rec.lines(), "end attempt 1 ctx=attempt1 status=200 id= code= kind=nil")
			for _, line := range rec.lines() {
				assert.NotContains(t, line, echo)
			}
		})
	}
}

// failingCreds is a credentials provider that cannot supply keys.
type failingCreds struct{}

func (failingCreds) Retrieve(context.Context) (signer.Credentials, error) {
	return signer.Credentials{}, &mcerrors.Error{Kind: mcerrors.KindUnauthenticated, Message: "no keys"}
}

func TestObserverAccessor(t *testing.T) {
	c, _ := newMockClient(t)
	assert.Nil(t, c.Observer())
	rec := &recorder{}
	c, _ = newMockClient(t, WithObserver(rec))
	assert.Same(t, rec, c.Observer())
	assert.Nil(t, (*Client)(nil).Observer())
}

// TestUnobservedHooksAllocateNothing pins the zero cost of the hooks on a
// client without an observer. (BenchmarkCall* compares whole calls with the
// code before the hooks.) With an observer that keeps nothing, the hooks
// cost one allocation per call: the call's hook state.
func TestUnobservedHooksAllocateNothing(t *testing.T) {
	for name, tc := range map[string]struct {
		opts   []Option
		allocs float64
	}{"unobserved": {nil, 0}, "nop observer": {[]Option{WithObserver(nopObserver{})}, 1}} {
		opts := tc.opts
		c, _ := newMockClient(t, opts...)
		req := newRequest("DescribeZones")
		out := outcome{err: &mcerrors.Error{Kind: mcerrors.KindThrottled}, apiErr: &mcerrors.Error{Kind: mcerrors.KindThrottled}}
		ctx := context.Background()
		var limiter ratelimit.Limiter = ratelimit.Unlimited{}
		allocs := testing.AllocsPerRun(100, func() {
			cctx, o := c.startCall(ctx, req)
			_ = waitLimiter(cctx, limiter, o)
			actx := startAttempt(cctx, o, 1)
			_, _ = retrieveCredentials(actx, req.Credentials, o)
			endAttempt(actx, o, 1, &out)
			observeRetry(cctx, o, 1, time.Second, &out)
			endCall(cctx, o, nil)
		})
		assert.Equal(t, tc.allocs, allocs, name)
	}
}

// nopObserver observes without keeping anything.
type nopObserver struct{}

func (nopObserver) StartCall(ctx context.Context, _ CallInfo) (context.Context, CallObserver) {
	return ctx, nopObserver{}
}
func (nopObserver) StartWait(ctx context.Context, _ WaitInfo) (context.Context, WaitObserver) {
	return ctx, nil
}
func (nopObserver) LimiterWaited(context.Context, time.Duration, error)        {}
func (nopObserver) StartAttempt(ctx context.Context, _ int) context.Context    { return ctx }
func (nopObserver) CredentialsRetrieved(context.Context, time.Duration, error) {}
func (nopObserver) EndAttempt(context.Context, AttemptResult)                  {}
func (nopObserver) Retrying(context.Context, RetryInfo)                        {}
func (nopObserver) EndCall(context.Context, error)                             {}

// TestCoreImportsNoOpenTelemetry keeps OpenTelemetry out of every package of
// this module: the root, the providers, the typed services, cloudtest. Only
// the separate module in otel/ may import it.
func TestCoreImportsNoOpenTelemetry(t *testing.T) {
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go command is needed to list the module's dependencies")
	out, err := exec.Command(goTool, "list", "-deps", "-test", "./...").CombinedOutput()
	require.NoError(t, err, string(out))
	pkgs := strings.Fields(string(out))
	require.Contains(t, pkgs, "github.com/multicloud-go/multicloud/qingcloud/iaas", "the listing covers the typed packages")
	for _, p := range pkgs {
		assert.False(t, strings.HasPrefix(p, "go.opentelemetry.io/"), "%s is a dependency of the core module", p)
	}
}

// cancelingLimiter ends the caller's context while the call waits on it.
type cancelingLimiter struct{ cancel context.CancelFunc }

func (l cancelingLimiter) Wait(ctx context.Context) error {
	l.cancel()
	<-ctx.Done()
	return ctx.Err()
}
