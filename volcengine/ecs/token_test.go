package ecs

import (
	"net/http"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/typedtest"
)

// TestRunInstancesTokenAcrossRetries: RunInstances throttled twice, then
// accepted. The SDK fills ClientToken, sends the same one on all three
// attempts, and leaves the caller's input as it was; the next call gets a
// new token, and a caller's own token is sent as is.
func TestRunInstancesTokenAcrossRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		n := 0
		c, srv := newClient(t, func(*typedtest.Request) (int, string) {
			mu.Lock()
			defer mu.Unlock()
			n++
			if n%3 != 0 {
				return http.StatusTooManyRequests, `{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"FlowLimitExceeded","Message":"slow down"}}}`
			}
			return http.StatusOK, result(map[string]any{"InstanceIds": []string{"i-new"}})
		})
		in := &RunInstancesInput{ImageID: "image-1", InstanceName: "web", ZoneID: "cn-beijing-a", Password: ptr("Pa55word!")}
		retry := multicloud.WithCallRetry(multicloud.RetryPolicy{MaxAttempts: 3})
		out, err := c.RunInstances(t.Context(), in, retry)
		require.NoError(t, err)
		assert.Equal(t, 3, out.ResultMetadata.Attempts)
		assert.Nil(t, in.ClientToken, "the caller's input is not written")

		reqs := srv.Requests()
		require.Len(t, reqs, 3)
		first := reqs[0].Query.Get("ClientToken")
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, first)
		for _, r := range reqs {
			assert.Equal(t, first, r.Query.Get("ClientToken"), "one token across the SDK's retries")
			assert.Equal(t, "Pa55word!", r.Query.Get("Password"))
		}

		_, err = c.RunInstances(t.Context(), in, retry)
		require.NoError(t, err)
		assert.NotEqual(t, first, srv.Last().Query.Get("ClientToken"), "a new call gets a new token")

		in.ClientToken = ptr("my-token")
		_, err = c.RunInstances(t.Context(), in, retry)
		require.NoError(t, err)
		for _, r := range srv.Requests()[6:] {
			assert.Equal(t, "my-token", r.Query.Get("ClientToken"))
		}
	})
}
