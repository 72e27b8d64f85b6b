package cloudtest

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"net/http"
	"strconv"
)

// defaultOversize is FaultOversize's body size: just above the client's
// default limit, multicloud.DefaultMaxResponseBytes (16 MiB).
const defaultOversize = 17 << 20

// writeReset sends the status line, the headers (with the full
// Content-Length) and part of the body, then drops the connection under the
// TLS layer, so the client's read breaks off mid-body.
func (s *Server) writeReset(w http.ResponseWriter, in *incoming, rep *reply, size int) {
	s.log.update(in.rec, func(q *Request) { q.Status, q.ErrorCode = rep.status, rep.code })
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // no hijacking here: abort the answer instead
	}
	ct := rep.contentType
	if ct == "" {
		ct = "application/json; charset=utf-8"
	}
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		rep.status, http.StatusText(rep.status), ct, len(rep.body))
	buf.Write(rep.body[:cutAt(len(rep.body), size)])
	_ = buf.Flush()
	if tc, ok := conn.(*tls.Conn); ok {
		_ = tc.NetConn().Close() // no close_notify: the stream just stops
		return
	}
	_ = conn.Close()
}

// writeOversize sends a well-formed success envelope of size bytes, padded
// with 'x', without holding it in memory.
func (s *Server) writeOversize(w http.ResponseWriter, in *incoming, size int) {
	if size <= 0 {
		size = defaultOversize
	}
	prefix, suffix := s.prov.padded(in)
	pad := max(size-len(prefix)-len(suffix), 0)
	s.log.update(in.rec, func(q *Request) { q.Status = http.StatusOK })
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(prefix)+pad+len(suffix)))
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(prefix); err != nil {
		return
	}
	chunk := bytes.Repeat([]byte{'x'}, 32<<10)
	for pad > 0 {
		n := min(pad, len(chunk))
		if _, err := w.Write(chunk[:n]); err != nil {
			return // the client stopped reading at its limit
		}
		pad -= n
	}
	_, _ = w.Write(suffix)
}
