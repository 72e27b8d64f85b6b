package cloudtest

import (
	"net/http"
	"sync"
	"time"
)

// Request is what a Server recorded about one request it received, in the
// order received. Tests count attempts with it and inspect what went over
// the wire.
type Request struct {
	// Time is the server's clock when the request arrived.
	Time time.Time
	// Method, Path and RawQuery are the request line as sent: Path is the
	// escaped path, RawQuery the query without '?'.
	Method, Path, RawQuery string
	// Host is the Host header.
	Host string
	// Header is a copy of the request headers.
	Header http.Header
	// Body is the request body.
	Body []byte
	// Action is the API the server took the request for, such as
	// "DescribeInstances", or "" when it could not tell.
	Action string
	// Service is the service the request was for ("vm", "ecs", "iaas"),
	// "" when the server could not tell.
	Service string
	// Params are the request's parameters as the server read them, from
	// the path, the query and the body alike, in the providers' flattened
	// form: name, name.N, name.N.field (Tags.1.Key, instanceSpec.az).
	// Values of parameters the description marks secret (passwords) read
	// "REDACTED", and QingCloud's signature parameters are left out.
	Params map[string][]string
	// Replayed reports that the request repeated the idempotency token of
	// a mutation already applied, and got that first answer again.
	Replayed bool
	// Applied reports that the server performed the operation and
	// answered with a success, whether or not the answer then reached the
	// client (an injected reset or truncation breaks it afterwards). A
	// replayed request, a refused one and one answered by a fault before
	// it was performed are not applied: counting Applied mutations is
	// counting their effects.
	Applied bool
	// AccessKeyID is the key the request was signed with, if it named one.
	AccessKeyID string
	// Authenticated reports whether the signature was verified. Requests
	// answered by an injected fault before authentication report false.
	Authenticated bool
	// Fault is the injected fault that shaped the answer, 0 if none.
	Fault FaultKind
	// Status is the HTTP status answered; 0 when the connection was broken
	// before a status line was complete.
	Status int
	// ErrorCode is the provider's error code in the answer (JD Cloud status,
	// Volcengine Error.Code, QingCloud ret_code), "" for a success.
	ErrorCode string
}

// recorder keeps the received requests.
type recorder struct {
	mu   sync.Mutex
	reqs []*Request
}

// add records a request as it arrives, so that a client that has had its
// answer always finds its request counted.
func (r *recorder) add(req *Request) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
}

// update changes a recorded request; it runs before the answer is written.
func (r *recorder) update(req *Request, f func(*Request)) {
	r.mu.Lock()
	f(req)
	r.mu.Unlock()
}

// snapshot returns copies of the records so far.
func (r *recorder) snapshot() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Request, len(r.reqs))
	for i, q := range r.reqs {
		out[i] = *q
	}
	return out
}

func (r *recorder) reset() {
	r.mu.Lock()
	r.reqs = nil
	r.mu.Unlock()
}

// Requests returns what the server recorded about every request it has
// received since it started or since the last ResetRequests, oldest first.
func (s *Server) Requests() []Request { return s.log.snapshot() }

// RequestCount returns how many requests for action the server has
// received; "" counts every request. With a retrying client this is the
// number of attempts.
func (s *Server) RequestCount(action string) int {
	n := 0
	for _, r := range s.log.snapshot() {
		if action == "" || r.Action == action {
			n++
		}
	}
	return n
}

// Calls returns the recorded requests for action, oldest first: what a
// test asserts on to check the calls its code made and their parameters.
func (s *Server) Calls(action string) []Request {
	var out []Request
	for _, r := range s.log.snapshot() {
		if r.Action == action {
			out = append(out, r)
		}
	}
	return out
}

// recordParams copies a request's parameters for its record, with secret
// ones redacted.
func recordParams(in *incoming) map[string][]string {
	if len(in.params) == 0 {
		return nil
	}
	out := make(map[string][]string, len(in.params))
	for k, v := range in.params {
		if !signingParams[k] {
			out[k] = append([]string(nil), v...)
		}
	}
	if in.spec.op != nil {
		for _, f := range in.spec.op.Input {
			if f.Secret && len(out[f.WireName]) > 0 {
				out[f.WireName] = []string{"REDACTED"}
			}
		}
	}
	return out
}

// signingParams are QingCloud's query parameters of the signature, not of
// the API: they are left out of Request.Params.
var signingParams = map[string]bool{
	"access_key_id": true, "signature": true, "signature_method": true, "signature_version": true,
	"time_stamp": true, "expires": true, "token": true,
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.log.reset() }
