package multicloud_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
)

// TestSignedCallsNeverFollowRedirects: an endpoint answering 302 or 307 with
// a Location on another host gets a typed error naming the Location
// (redacted), and the other host sees nothing: not the token, not the
// password in the body. Both with the SDK's own http.Client and with a
// caller's, which must come out unchanged.
func TestSignedCallsNeverFollowRedirects(t *testing.T) {
	for _, pc := range providerCalls {
		for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
			for _, callers := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%d/callers-client=%v", pc.name, status, callers), func(t *testing.T) {
					var (
						mu   sync.Mutex
						seen []string
					)
					other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						b, _ := io.ReadAll(r.Body)
						mu.Lock()
						seen = append(seen, r.Method+" "+r.URL.String()+" "+string(b))
						mu.Unlock()
						fmt.Fprint(w, `{"ret_code":0,"requestId":"stolen","result":{}}`)
					}))
					defer other.Close()
					location := other.URL + "/collect?password=" + "leaked-in-location&region=x"
					redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						w.Header().Set("Location", location)
						w.WriteHeader(status)
					})
					opts := []multicloud.Option{multicloud.WithRateLimiter(ratelimit.Unlimited{}), multicloud.WithRetry(multicloud.NoRetry())}
					var srv *httptest.Server
					var hc *http.Client
					if callers {
						srv = httptest.NewTLSServer(redirect)
						hc = srv.Client() // follows redirects, like any default http.Client
						opts = append(opts, multicloud.WithHTTPClient(hc))
					} else {
						srv = httptest.NewServer(redirect)
						opts = append(opts, multicloud.WithInsecureHTTP())
					}
					defer srv.Close()

					err := pc.call(t.Context(), srv.URL, credentials.Static(echoCreds), multicloud.CallExtras{Secrets: []string{echoPassword}}, opts...)

					require.Error(t, err)
					mu.Lock()
					assert.Empty(t, seen, "the redirect target was reached")
					mu.Unlock()
					assert.True(t, errors.Is(err, mcerrors.ErrInvalidResponse), "%v", err)
					var e *mcerrors.Error
					require.True(t, errors.As(err, &e))
					assert.Equal(t, status, e.StatusCode)
					assert.Contains(t, err.Error(), strings.TrimPrefix(other.URL, "http://"), "says where it pointed")
					assert.Contains(t, err.Error(), "redirect")
					assert.NotContains(t, err.Error(), "leaked-in-location", "the Location's query is redacted")
					assert.False(t, e.Retryable())
					if callers {
						assert.Nil(t, hc.CheckRedirect, "the caller's client is not changed")
					}
				})
			}
		}
	}
}
