package reliability_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rawFault is what a raw TCP server does to a request, at the socket.
type rawFault int

const (
	rawNone rawFault = iota
	// rawRefused: nothing listens on the port; connecting is refused.
	rawRefused
	// rawResetBeforeBody reads the whole request, then resets the
	// connection (RST, SO_LINGER 0) before sending a byte of the answer.
	rawResetBeforeBody
	// rawSilent reads the whole request and never answers; it holds the
	// connection until the client closes it.
	rawSilent
	// rawTrickle sends a 200 status line and headers promising a large
	// body, then the body a byte at a time, slowly, never finishing.
	rawTrickle
	// rawOversizeChunked sends a 200 with a chunked body (no
	// Content-Length) larger than any client limit, as fast as the client
	// reads it.
	rawOversizeChunked
)

var rawFaultNames = map[rawFault]string{
	rawRefused: "refused", rawResetBeforeBody: "reset before body", rawSilent: "silent",
	rawTrickle: "trickle", rawOversizeChunked: "oversize chunked",
}

func (f rawFault) String() string { return rawFaultNames[f] }

// rawServer is an HTTP/1.1 server written on net.Listen, so that a test
// controls every byte and the moment a connection breaks.
type rawServer struct {
	cloud cloud
	fault rawFault
	ln    net.Listener
	// URL is the endpoint for a client: http://127.0.0.1:port + base path.
	URL string

	mu       sync.Mutex
	actions  []string // the API of every request received, in order
	tokens   []string // the idempotency token of each, "" for none
	normal   int      // requests still to be answered normally before the fault applies
	onSilent func()   // called when a silent request has been read
	conns    map[net.Conn]bool
	closed   bool
	wg       sync.WaitGroup
}

// newRawServer starts a raw server for c that applies fault to every
// request after the first normal ones, which it answers with c's success
// body. rawRefused gives a server whose port refuses connections.
func newRawServer(t *testing.T, c cloud, fault rawFault, normal int) *rawServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &rawServer{cloud: c, fault: fault, ln: ln, normal: normal, conns: map[net.Conn]bool{},
		URL: "http://" + ln.Addr().String() + c.basePath}
	if fault == rawRefused {
		// The port was just ours; with the listener closed, connecting to it
		// is refused.
		require.NoError(t, ln.Close())
		return s
	}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.Close)
	return s
}

// received returns the API names of the requests received so far.
func (s *rawServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.actions...)
}

// count returns how many requests for action were received.
func (s *rawServer) count(action string) int {
	n := 0
	for _, a := range s.received() {
		if action == "" || a == action {
			n++
		}
	}
	return n
}

// applied counts the requests for action a server that honours
// idempotency tokens would perform: one per distinct token, and each one
// without a token.
func (s *rawServer) applied(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	n := 0
	for i, a := range s.actions {
		if action != "" && a != action {
			continue
		}
		if tok := s.tokens[i]; tok != "" {
			if seen[a+"\x00"+tok] {
				continue
			}
			seen[a+"\x00"+tok] = true
		}
		n++
	}
	return n
}

// idempotencyToken finds JD Cloud's clientToken (JSON body) or
// Volcengine's ClientToken (query or body) in a request.
func idempotencyToken(req *http.Request, body []byte) string {
	if tok := req.URL.Query().Get("ClientToken"); tok != "" {
		return tok
	}
	var b struct {
		JD   string `json:"clientToken"`
		Volc string `json:"ClientToken"`
	}
	if json.Unmarshal(body, &b) == nil {
		return b.JD + b.Volc
	}
	return ""
}

// Close stops the server and waits for every connection's goroutine.
func (s *rawServer) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	_ = s.ln.Close()
	s.wg.Wait()
}

func (s *rawServer) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = conn.Close()
			return
		}
		s.conns[conn] = true
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			s.serve(conn)
			s.mu.Lock()
			delete(s.conns, conn)
			s.mu.Unlock()
			_ = conn.Close()
		}()
	}
}

// serve answers the requests on one connection.
func (s *rawServer) serve(conn net.Conn) {
	br := bufio.NewReader(conn)
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return
		}
		s.mu.Lock()
		s.actions = append(s.actions, s.cloud.rawAction(req))
		s.tokens = append(s.tokens, idempotencyToken(req, body))
		normal := s.normal > 0
		if normal {
			s.normal--
		}
		onSilent := s.onSilent
		s.mu.Unlock()

		if normal {
			body := s.cloud.okBody
			if _, err := fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body); err != nil {
				return
			}
			continue
		}
		switch s.fault {
		case rawResetBeforeBody:
			if tc, ok := conn.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // Close sends RST
			}
			return
		case rawSilent:
			if onSilent != nil {
				onSilent()
			}
			_, _ = io.Copy(io.Discard, br) // until the client hangs up
			return
		case rawTrickle:
			s.trickle(conn)
			return
		case rawOversizeChunked:
			s.oversize(conn)
			return
		}
		return
	}
}

// trickle sends a body a byte every few milliseconds until the client
// hangs up (or the server closes).
func (s *rawServer) trickle(conn net.Conn) {
	body := s.cloud.okBody
	if _, err := fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", 1<<20); err != nil {
		return
	}
	for i := 0; ; i++ {
		b := byte(' ')
		if i < len(body)-1 {
			b = body[i] // a valid start that never ends
		}
		if _, err := conn.Write([]byte{b}); err != nil {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// oversize sends a chunked body of 8 MiB in 32 KiB chunks; the client
// stops reading at its limit and hangs up.
func (s *rawServer) oversize(conn net.Conn) {
	bw := bufio.NewWriter(conn)
	fmt.Fprint(bw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
	chunk := paddedJSON(32 << 10)
	for range 256 {
		bw.WriteString(strconv.FormatInt(int64(len(chunk)), 16) + "\r\n")
		bw.Write(chunk)
		bw.WriteString("\r\n")
		if bw.Flush() != nil {
			return
		}
	}
	bw.WriteString("0\r\n\r\n")
	_ = bw.Flush()
}
