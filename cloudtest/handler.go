package cloudtest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveHTTP answers one request: record it, apply an injected fault, then
// authenticate, count it against the quota and perform the API call.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, readErr := io.ReadAll(io.LimitReader(r.Body, s.cfg.maxBody+1))
	now := s.cfg.now()
	path, _, _ := strings.Cut(r.RequestURI, "?")
	if path == "" || path[0] != '/' { // absolute-form request target
		path = r.URL.EscapedPath()
	}
	in := &incoming{r: r, body: body, now: now, path: path}
	in.rec = &Request{
		Time: now, Method: r.Method, Path: path, RawQuery: r.URL.RawQuery, Host: r.Host,
		Header: r.Header.Clone(), Body: body,
	}
	if readErr != nil {
		s.log.add(in.rec)
		panic(http.ErrAbortHandler) // the client went away mid-body: drop the connection
	}
	s.prov.parse(in)
	in.rec.Action, in.rec.Service, in.rec.Params = in.action, in.service, recordParams(in)
	s.log.add(in.rec)

	f := s.faults.next(in.action)
	if f != nil {
		s.log.update(in.rec, func(q *Request) { q.Fault = f.Kind })
		if f.Delay > 0 && !s.wait(r.Context(), f.Delay) {
			// The client gave up or the server is closing. Drop the
			// connection rather than let net/http answer an empty 200,
			// which a client still reading could take for the answer.
			panic(http.ErrAbortHandler)
		}
		switch f.Kind {
		case FaultThrottle:
			s.write(w, in, withRetryAfter(s.prov.throttle(in), f.RetryAfter))
			return
		case FaultServerError:
			s.write(w, in, withRetryAfter(s.prov.serverError(in, statusOr(f.Status, http.StatusServiceUnavailable)), f.RetryAfter))
			return
		case FaultHTML:
			s.write(w, in, htmlPage(statusOr(f.Status, http.StatusBadGateway)))
			return
		case FaultOversize:
			s.writeOversize(w, in, f.Size)
			return
		}
	}

	rep := s.handle(in)
	if f != nil {
		switch f.Kind {
		case FaultReset:
			s.writeReset(w, in, rep, f.Size)
			return
		case FaultTruncate:
			rep.body = rep.body[:cutAt(len(rep.body), f.Size)]
		}
	}
	s.write(w, in, rep)
}

// handle authenticates the request, counts it against the quota and
// performs it.
func (s *Server) handle(in *incoming) *reply {
	if len(in.body) > int(s.cfg.maxBody) {
		return s.prov.fail(in, invalidf("the request body is larger than %d bytes", s.cfg.maxBody))
	}
	rep := s.prov.authenticate(in)
	s.log.update(in.rec, func(q *Request) {
		q.AccessKeyID = in.accessKey
		q.Authenticated = rep == nil
	})
	if rep != nil {
		return rep
	}
	if !s.quota.allow(s.prov.quotaKey(in), in.now) {
		return s.prov.throttle(in)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := s.idempotencyKey(in)
	if rep, ok := s.replayed(key, in); ok {
		s.log.update(in.rec, func(q *Request) { q.Replayed = rep.code == "" })
		return rep
	}
	rep = s.prov.serve(in)
	s.remember(key, in, rep)
	if rep.code == "" && rep.status < 300 {
		s.log.update(in.rec, func(q *Request) { q.Applied = true })
	}
	return rep
}

// write records the answer's status and code, then sends it.
func (s *Server) write(w http.ResponseWriter, in *incoming, rep *reply) {
	s.log.update(in.rec, func(q *Request) { q.Status, q.ErrorCode = rep.status, rep.code })
	h := w.Header()
	for k, v := range rep.header {
		h[k] = v
	}
	ct := rep.contentType
	if ct == "" {
		ct = "application/json; charset=utf-8"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
}

// statusOr returns status, or def when status is not an HTTP status.
func statusOr(status, def int) int {
	if status < 100 || status > 999 {
		return def
	}
	return status
}

// cutAt is where a body of n bytes is cut: at size when it is shorter than
// the body, else in the middle.
func cutAt(n, size int) int {
	if size > 0 && size < n {
		return size
	}
	return n / 2
}

// withRetryAfter adds a Retry-After header when d is positive.
func withRetryAfter(rep *reply, d time.Duration) *reply {
	if d > 0 {
		if rep.header == nil {
			rep.header = make(http.Header)
		}
		rep.header.Set("Retry-After", retryAfterSeconds(d))
	}
	return rep
}

// htmlPage is the error page a proxy in front of the API answers with.
func htmlPage(status int) *reply {
	text := strconv.Itoa(status) + " " + http.StatusText(status)
	return &reply{
		status:      status,
		contentType: "text/html",
		body: []byte("<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text +
			"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"),
	}
}
