package multicloud_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// sweepCall makes one QingCloud call through a mock transport answering
// with responder, with the given credentials and options.
func sweepCall(ctx context.Context, t *testing.T, creds credentials.Provider, responder httpmock.Responder, opts ...multicloud.Option) error {
	t.Helper()
	mock := httpmock.NewMockTransport()
	if responder != nil {
		mock.RegisterNoResponder(responder)
	}
	base := []multicloud.Option{multicloud.WithHTTPClient(&http.Client{Transport: mock}),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
		multicloud.WithRetry(multicloud.RetryPolicy{Jitter: func(time.Duration) time.Duration { return 0 }})}
	c, err := qingcloud.New(qingcloud.Config{Credentials: creds, Zone: "pek3a"}, append(base, opts...)...)
	require.NoError(t, err)
	return c.Call(ctx, &qingcloud.Request{Action: "RunInstances", Params: map[string]any{"count": 1}}, nil)
}

var goodKeys = credentials.Static(signer.Credentials{AccessKeyID: "AKSWEEP", SecretAccessKey: "sweep-secret"})

// failingLimiter fails the way a shared limiter's store does when it is
// down: its error even wraps context.DeadlineExceeded, although the
// caller's context has no deadline.
type failingLimiter struct{}

func (failingLimiter) Wait(context.Context) error {
	return fmt.Errorf("store did not answer: %w", context.DeadlineExceeded)
}

// TestEveryFailureHasAKindAndOneLine sweeps the failure paths of a call:
// each error has a Kind through errors.KindOf, and its text is one line.
func TestEveryFailureHasAKindAndOneLine(t *testing.T) {
	vaultSealed := errors.New("vault sealed")
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	cases := []struct {
		name  string
		err   func(t *testing.T) error
		kind  mcerrors.Kind
		check func(t *testing.T, err error)
	}{
		{"empty static keys", func(t *testing.T) error {
			return sweepCall(t.Context(), t, credentials.Static(signer.Credentials{}), nil)
		}, mcerrors.KindUnauthenticated, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, credentials.ErrNotFound, "the cause is kept")
		}},
		{"key without secret", func(t *testing.T) error {
			return sweepCall(t.Context(), t, credentials.Static(signer.Credentials{AccessKeyID: "AKONLY"}), nil)
		}, mcerrors.KindUnauthenticated, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, credentials.ErrInvalid)
		}},
		{"failing provider", func(t *testing.T) error {
			return sweepCall(t.Context(), t, credentials.Func(func(context.Context) (signer.Credentials, error) {
				return signer.Credentials{}, vaultSealed
			}), nil)
		}, mcerrors.KindUnauthenticated, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, vaultSealed)
			assert.Contains(t, err.Error(), "RunInstances")
		}},
		{"provider unreachable", func(t *testing.T) error {
			return sweepCall(t.Context(), t, credentials.Func(func(context.Context) (signer.Credentials, error) {
				return signer.Credentials{}, fmt.Errorf("fetching from metadata service: %w", refused)
			}), nil)
		}, mcerrors.KindUnavailable, func(t *testing.T, err error) {
			var op *net.OpError
			assert.ErrorAs(t, err, &op)
		}},
		{"limiter down, no deadline", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewStringResponder(200, `{"ret_code":0}`),
				multicloud.WithRateLimiter(failingLimiter{}))
		}, mcerrors.KindUnavailable, func(t *testing.T, err error) {
			assert.NotErrorIs(t, err, context.DeadlineExceeded, "not the caller's deadline")
			assert.Contains(t, err.Error(), "rate limiter")
		}},
		{"redirect", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, func(*http.Request) (*http.Response, error) {
				r := httpmock.NewStringResponse(302, "")
				r.Header.Set("Location", "http://elsewhere.example/x")
				return r, nil
			})
		}, mcerrors.KindInvalidResponse, nil},
		{"html gateway page", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewStringResponder(502, "<html>\n<body>Bad gateway</body>\n</html>"))
		}, mcerrors.KindUnavailable, nil},
		{"body too large", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewStringResponder(200, strings.Repeat("x", 2048)),
				multicloud.WithMaxResponseBytes(1024))
		}, mcerrors.KindInvalidResponse, nil},
		{"connection refused", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewErrorResponder(refused))
		}, mcerrors.KindUnavailable, nil},
		{"retry budget exhausted", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewStringResponder(200, `{"ret_code":2500,"message":"access too frequently"}`),
				multicloud.WithRetry(multicloud.RetryPolicy{Budget: multicloud.NewRetryBudget(0), Jitter: func(time.Duration) time.Duration { return 0 }}))
		}, mcerrors.KindThrottled, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, multicloud.ErrRetryBudgetExhausted)
		}},
		{"success body that does not decode", func(t *testing.T) error {
			return sweepCall(t.Context(), t, goodKeys, httpmock.NewStringResponder(200, "{\"ret_code\":0,\n"))
		}, mcerrors.KindInvalidResponse, nil},
		{"context ends in a Retry-After wait", func(t *testing.T) error {
			var err error
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
				defer cancel()
				err = sweepCall(ctx, t, goodKeys, func(*http.Request) (*http.Response, error) {
					r := httpmock.NewStringResponse(429, "busy")
					r.Header.Set("Retry-After", "10")
					return r, nil
				})
			})
			return err
		}, mcerrors.KindThrottled, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			var te *multicloud.TransportError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, 1, te.Attempts, "the server saw one attempt")
			var e *mcerrors.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 1, e.Attempts)
			assert.Equal(t, "iaas", e.Service)
			assert.Equal(t, "RunInstances", e.Action)
			assert.False(t, e.MayHaveSucceeded, "throttled: refused before processing")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err(t)
			require.Error(t, err)
			assert.Equal(t, tc.kind, mcerrors.KindOf(err), "%v", err)
			assert.NotEqual(t, mcerrors.KindUnknown, mcerrors.KindOf(err))
			for _, text := range []string{err.Error(), fmt.Sprint(err), fmt.Sprintf("%+v", err)} {
				assert.NotContains(t, text, "\n", "one line")
			}
			if tc.check != nil {
				tc.check(t, err)
			}
		})
	}
}

// refusingSigner fails as a signer does when credentials reach it empty.
type refusingSigner struct{}

func (refusingSigner) Sign(*http.Request, []byte, signer.Credentials, time.Time) error {
	return fmt.Errorf("%w: access key id is empty", signer.ErrMissingCredentials)
}

// TestSigningFailureHasAKind: a signer that refuses gives a typed error.
func TestSigningFailureHasAKind(t *testing.T) {
	c, err := multicloud.New(multicloud.WithRateLimiter(ratelimit.Unlimited{}))
	require.NoError(t, err)
	u, err := url.Parse("https://api.qingcloud.com/iaas/")
	require.NoError(t, err)
	req := &multicloud.Request{Provider: "qingcloud", Service: "iaas", Action: "RunInstances",
		URL: u, Signer: refusingSigner{}, Credentials: goodKeys,
		DecodeError: func(int, http.Header, []byte) *mcerrors.Error { return nil }}
	_, err = c.Do(t.Context(), req)
	require.Error(t, err)
	assert.Equal(t, mcerrors.KindUnauthenticated, mcerrors.KindOf(err), "%v", err)
	assert.ErrorIs(t, err, signer.ErrMissingCredentials)
	assert.NotContains(t, err.Error(), "\n")
}
