package multicloud

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeclaredLengthDoesNotPreallocate: an answer that declares a body just
// under the limit and then breaks off after a few bytes must not make the
// client allocate the declared size. Twenty such calls with the default
// 16 MiB limit allocated over 320 MiB when the buffer was sized from
// Content-Length; grown as bytes arrive they allocate next to nothing.
func TestDeclaredLengthDoesNotPreallocate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"ret_code\"", DefaultMaxResponseBytes-1)
		buf.Flush()
	}))
	defer srv.Close()
	c, err := New(WithInsecureHTTP(), WithRetry(NoRetry()))
	require.NoError(t, err)
	req := newRequest("DescribeInstances")
	req.URL, _ = url.Parse(srv.URL + "/iaas/?action=DescribeInstances")

	_, err = c.Do(t.Context(), req) // warm up the connection machinery
	require.Error(t, err)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 20 {
		_, err := c.Do(t.Context(), req)
		require.Error(t, err, "the body broke off")
	}
	runtime.ReadMemStats(&after)
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("20 calls allocated %d KiB", allocated>>10)
	assert.Less(t, allocated, uint64(8<<20), "allocation follows the bytes received, not the declared length")
}
