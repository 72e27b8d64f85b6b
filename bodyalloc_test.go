package multicloud

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

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

// TestReadBodyGrowing: bodies larger than the first buffer, readers that
// return data with io.EOF, and ones that break off, all read exactly.
func TestReadBodyGrowing(t *testing.T) {
	big := strings.Repeat("0123456789", 30_000) // 300 kB: several growths
	for name, r := range map[string]func() io.Reader{
		"plain":       func() io.Reader { return strings.NewReader(big) },
		"data+EOF":    func() io.Reader { return iotest.DataErrReader(strings.NewReader(big)) },
		"one by one":  func() io.Reader { return iotest.OneByteReader(strings.NewReader(big[:70_000])) },
		"half chunks": func() io.Reader { return iotest.HalfReader(strings.NewReader(big)) },
	} {
		want := big
		if name == "one by one" {
			want = big[:70_000]
		}
		body, err := readBody(r(), int64(len(want)), DefaultMaxResponseBytes)
		require.NoError(t, err, name)
		assert.Equal(t, want, string(body), name)

		body, err = readBody(r(), int64(len(want))+1, DefaultMaxResponseBytes)
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, name)
		assert.Equal(t, want, string(body), "what was read is kept: %s", name)
	}
}
