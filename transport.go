package multicloud

import (
	"net/http"
	"time"
)

// Connection pool of the default transport. net/http keeps 2 idle
// connections per host, so a client shared by dozens of goroutines calling
// one provider endpoint opens (and on TLS, handshakes) a new connection for
// most requests. These keep a connection for every concurrent caller, up to
// a point, and drop idle ones after IdleConnTimeout.
const (
	defaultMaxIdleConnsPerHost = 128
	defaultMaxIdleConns        = 512
	defaultIdleConnTimeout     = 90 * time.Second
)

// defaultTransport is the transport of a client built without
// WithHTTPClient: http.DefaultTransport's settings (proxy from the
// environment, dial and TLS timeouts, HTTP/2 when the endpoint offers it)
// with a connection pool sized for concurrent callers.
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = defaultMaxIdleConns
	t.MaxIdleConnsPerHost = defaultMaxIdleConnsPerHost
	t.IdleConnTimeout = defaultIdleConnTimeout
	t.ForceAttemptHTTP2 = true
	return t
}
