package multicloud

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The default transport keeps a connection for each of many concurrent
// callers of one host, where net/http's keeps 2.
func TestDefaultTransportPoolsConnections(t *testing.T) {
	c, err := New()
	require.NoError(t, err)
	tr, ok := c.httpClient.Transport.(*http.Transport)
	require.True(t, ok)
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 64)
	assert.GreaterOrEqual(t, tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	assert.Positive(t, tr.IdleConnTimeout)
	assert.NotNil(t, tr.Proxy, "the environment's proxy settings still apply")
	assert.NotSame(t, http.DefaultTransport, tr, "a client's pool is its own")
}

// The default transport speaks HTTP/2 to an endpoint that offers it, even
// with its own TLS settings.
func TestDefaultTransportKeepsHTTP2(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Proto))
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()

	c, err := New()
	require.NoError(t, err)
	tr := c.httpClient.Transport.(*http.Transport)
	defer tr.CloseIdleConnections()
	tr.TLSClientConfig = &tls.Config{RootCAs: srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs}
	resp, err := c.httpClient.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, 2, resp.ProtoMajor)
}
