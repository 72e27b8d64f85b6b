package ratelimit_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

var providerDefaults = []struct {
	name      string
	limiter   func() *ratelimit.PerKey
	key, key2 string
	n         int           // at most n requests ...
	window    time.Duration // ... in any span of window
	limit     rate.Limit
	burst     int
}{
	{"JD Cloud", ratelimit.JDCloudDefault, "jdcloud/vm", "jdcloud/vpc", 1000, time.Minute, 950.0 / 60, 50},
	{"QingCloud", ratelimit.QingCloudDefault, "qingcloud/QYACCESSKEYIDEXAMPLE", "qingcloud/other", 2000, time.Hour, 1980.0 / 3600, 20},
	{"Volcengine", ratelimit.VolcengineDefault, "volcengine/billing/ListBill", "volcengine/billing/ListBillDetail", 14, time.Second, 4, 10},
}

func TestProviderDefaultsHaveDocumentedRates(t *testing.T) {
	for _, tt := range providerDefaults {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.limiter()
			b, ok := p.For(tt.key).(*ratelimit.TokenBucket)
			require.True(t, ok, "%T", p.For(tt.key))
			assert.InDelta(t, float64(tt.limit), float64(b.Limit()), 1e-9)
			assert.Equal(t, tt.burst, b.Burst())
			assert.NotSame(t, b, p.For(tt.key2), "keys have separate buckets")
			assert.NotSame(t, p, tt.limiter(), "each call returns a new limiter")
		})
	}
}

func TestProviderDefaultsKeepQuota(t *testing.T) {
	for _, tt := range providerDefaults {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				times := admitGreedily(t, tt.limiter().For(tt.key), 3*tt.window)
				assertAtMostPerWindow(t, times, tt.n, tt.window)
				first := 0
				for first < len(times) && !times[first].After(times[0].Add(tt.window)) {
					first++
				}
				assert.GreaterOrEqual(t, first, tt.n-1, "the quota is used, not wasted")
			})
		})
	}
}
