package multicloud_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// keyRecorder is a Keyed limiter that records the keys asked for.
type keyRecorder struct {
	inner *ratelimit.PerKey
	mu    sync.Mutex
	keys  map[string]bool
}

func (k *keyRecorder) For(key string) ratelimit.Limiter {
	k.mu.Lock()
	k.keys[key] = true
	k.mu.Unlock()
	return k.inner.For(key)
}

func (k *keyRecorder) Wait(ctx context.Context) error { return k.For("").Wait(ctx) }

// TestDefaultLimitersKeyByAccount: the providers' default limiters, shared
// by clients of two accounts, keep one bucket per account; two clients of
// one account share theirs. The access key id is not in the key.
func TestDefaultLimitersKeyByAccount(t *testing.T) {
	accountA := signer.Credentials{AccessKeyID: "AKACCOUNTAAAA", SecretAccessKey: "secret-a"}
	accountB := signer.Credentials{AccessKeyID: "AKACCOUNTBBBB", SecretAccessKey: "secret-b"}
	type caller func(ctx context.Context, creds signer.Credentials, lim ratelimit.Limiter) error
	mockOpts := func(lim ratelimit.Limiter) []multicloud.Option {
		mock := httpmock.NewMockTransport()
		mock.RegisterNoResponder(httpmock.NewStringResponder(200,
			`{"ret_code":0,"requestId":"r","result":{},"ResponseMetadata":{"RequestId":"r"},"Result":{}}`))
		return []multicloud.Option{multicloud.WithHTTPClient(&http.Client{Transport: mock}), multicloud.WithRateLimiter(lim)}
	}
	for _, p := range []struct {
		name     string
		defaults func() *ratelimit.PerKey
		call     caller
	}{
		{"qingcloud", ratelimit.QingCloudDefault, func(ctx context.Context, creds signer.Credentials, lim ratelimit.Limiter) error {
			c, err := qingcloud.New(qingcloud.Config{Credentials: credentials.Static(creds), Zone: "pek3a"}, mockOpts(lim)...)
			if err != nil {
				return err
			}
			return c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances"}, nil)
		}},
		{"jdcloud", ratelimit.JDCloudDefault, func(ctx context.Context, creds signer.Credentials, lim ratelimit.Limiter) error {
			c, err := jdcloud.New(jdcloud.Config{Credentials: credentials.Static(creds), Region: "cn-north-1"}, mockOpts(lim)...)
			if err != nil {
				return err
			}
			return c.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, nil)
		}},
		{"volcengine", ratelimit.VolcengineDefault, func(ctx context.Context, creds signer.Credentials, lim ratelimit.Limiter) error {
			c, err := volcengine.New(volcengine.Config{Credentials: credentials.Static(creds), Region: "cn-beijing"}, mockOpts(lim)...)
			if err != nil {
				return err
			}
			return c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "DescribeInstances"}, nil)
		}},
	} {
		t.Run(p.name, func(t *testing.T) {
			rec := &keyRecorder{inner: p.defaults(), keys: map[string]bool{}}
			require.NoError(t, p.call(t.Context(), accountA, rec))
			require.NoError(t, p.call(t.Context(), accountA, rec))
			assert.Equal(t, 1, rec.inner.Len(), "one account, one bucket")
			require.NoError(t, p.call(t.Context(), accountB, rec))
			assert.Equal(t, 2, rec.inner.Len(), "another account, another bucket")
			for key := range rec.keys {
				assert.True(t, strings.HasPrefix(key, p.name), key)
				assert.Contains(t, key, "@", "the request's key, then the account")
				for _, ak := range []string{accountA.AccessKeyID, accountB.AccessKeyID} {
					assert.NotContains(t, key, ak, "the key holds a hash of the access key id, not the id")
				}
			}
		})
	}
}

// TestQingCloudDefaultQuotaIsPerAccount: with QingCloud's default limiter
// shared, one account spending its burst does not delay another account;
// a second client of the same account waits.
func TestQingCloudDefaultQuotaIsPerAccount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		lim := ratelimit.QingCloudDefault()
		newClient := func(ak string) *qingcloud.Client {
			mock := httpmock.NewMockTransport()
			mock.RegisterNoResponder(httpmock.NewStringResponder(200, `{"ret_code":0}`))
			c, err := qingcloud.New(qingcloud.Config{Zone: "pek3a",
				Credentials: credentials.Static(signer.Credentials{AccessKeyID: ak, SecretAccessKey: "s-" + ak})},
				multicloud.WithHTTPClient(&http.Client{Transport: mock}), multicloud.WithRateLimiter(lim))
			require.NoError(t, err)
			return c
		}
		a, a2, b := newClient("AKQCACCOUNTA"), newClient("AKQCACCOUNTA"), newClient("AKQCACCOUNTB")
		call := func(c *qingcloud.Client) time.Duration {
			start := time.Now()
			require.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, nil))
			return time.Since(start)
		}
		for range 20 { // the burst of account A
			assert.Zero(t, call(a))
		}
		assert.Zero(t, call(b), "account B has its own quota")
		assert.Positive(t, call(a2), "a second client of account A shares A's quota")
	})
}
