// Package typedtest serves the tests and examples of the generated service
// packages: a fake provider endpoint on an httpmock transport of its own
// (never the global one) that records every request and answers with the
// bodies the test gives, and the client options that route a client to it.
package typedtest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"

	"github.com/jarcoal/httpmock"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// Keys are static test credentials.
type Keys struct{}

// Retrieve returns a fixed access key pair.
func (Keys) Retrieve(context.Context) (signer.Credentials, error) {
	return signer.Credentials{AccessKeyID: "AKTEST", SecretAccessKey: "test-secret"}, nil
}

// Request is one request the fake endpoint received.
type Request struct {
	Method string
	// Path is the escaped path, as sent and signed.
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// Handler answers a request with a status and a body.
type Handler func(r *Request) (status int, body string)

// Server is a fake endpoint that records requests.
type Server struct {
	mock    *httpmock.MockTransport
	mu      sync.Mutex
	reqs    []*Request
	handler Handler
	forget  bool
}

// Forget stops recording requests, for tests that send very many.
func (s *Server) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forget, s.reqs = true, nil
}

// New returns a Server that answers with handler, and the options that send
// a client's requests to it: its transport, no retries, no rate limit.
func New(handler Handler) (*Server, []multicloud.Option) {
	s := &Server{mock: httpmock.NewMockTransport(), handler: handler}
	s.mock.RegisterNoResponder(s.respond)
	return s, []multicloud.Option{
		multicloud.WithHTTPClient(&http.Client{Transport: s.mock}),
		multicloud.WithRetry(multicloud.NoRetry()),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
	}
}

// Reply is a Handler that answers every request with 200 and body.
func Reply(body string) Handler {
	return func(*Request) (int, string) { return http.StatusOK, body }
}

// Sequence is a Handler that answers the requests with bodies in turn,
// repeating the last one.
func Sequence(bodies ...string) Handler {
	var mu sync.Mutex
	n := 0
	return func(*Request) (int, string) {
		mu.Lock()
		defer mu.Unlock()
		b := bodies[min(n, len(bodies)-1)]
		n++
		return http.StatusOK, b
	}
}

func (s *Server) respond(req *http.Request) (*http.Response, error) {
	r := &Request{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone()}
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		r.Body = b
	}
	s.mu.Lock()
	if !s.forget {
		s.reqs = append(s.reqs, r)
	}
	s.mu.Unlock()
	status, body := s.handler(r)
	resp := httpmock.NewStringResponse(status, body)
	resp.Header.Set("Content-Type", "application/json")
	return resp, nil
}

// Requests returns the requests received so far.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Request(nil), s.reqs...)
}

// Last returns the last request received, or nil.
func (s *Server) Last() *Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == 0 {
		return nil
	}
	return s.reqs[len(s.reqs)-1]
}

// Params returns the request's parameters without the ones the signer and
// the protocol add (access_key_id, signature*, time_stamp, version; Action
// and Version stay, as they name the call).
func (r *Request) Params() url.Values {
	out := url.Values{}
	for k, v := range r.Query {
		switch {
		case k == "access_key_id", k == "time_stamp", strings.HasPrefix(k, "signature"):
			continue
		}
		out[k] = v
	}
	return out
}

// HeapInUse collects garbage and returns the bytes of heap in use.
func HeapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// HTTPServer serves h on a local HTTP port, for examples that configure a
// client with an endpoint as a program would.
func HTTPServer(h Handler) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r := &Request{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header}
		r.Body, _ = io.ReadAll(req.Body)
		status, body := h(r)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
}
