package cloudtest

import (
	"strconv"
	"sync"
	"time"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

// The kinds of fault. Faults act before authentication, as a gateway or the
// network would, except FaultReset and FaultTruncate, which break the answer
// to a request the server has processed.
const (
	// FaultThrottle answers with the provider's throttling error: JD Cloud
	// HTTP 429 RATE_LIMIT, Volcengine HTTP 429 FlowLimitExceeded, QingCloud
	// ret_code 2500 about request frequency (HTTP 200).
	FaultThrottle FaultKind = iota + 1
	// FaultServerError answers with the provider's internal error and an
	// HTTP 5xx status (Fault.Status, default 503).
	FaultServerError
	// FaultReset processes the request, sends the status line, headers and
	// part of the body (Fault.Size bytes, default half), then closes the
	// connection without finishing: the client reads an unexpected EOF.
	FaultReset
	// FaultDelay waits Fault.Delay (real time) before answering normally.
	// The wait ends early when the client gives up or the server closes.
	FaultDelay
	// FaultTruncate processes the request and sends a complete HTTP answer
	// whose body is cut short (Fault.Size bytes, default half): the
	// Content-Length matches, the JSON does not parse.
	FaultTruncate
	// FaultHTML answers with an HTML error page, as a proxy or load
	// balancer does, with HTTP status Fault.Status (default 502).
	FaultHTML
	// FaultOversize answers with a well-formed body of Fault.Size bytes
	// (default 17 MiB, just above the client's default limit).
	FaultOversize
)

var faultNames = map[FaultKind]string{
	FaultThrottle:    "Throttle",
	FaultServerError: "ServerError",
	FaultReset:       "Reset",
	FaultDelay:       "Delay",
	FaultTruncate:    "Truncate",
	FaultHTML:        "HTML",
	FaultOversize:    "Oversize",
}

// String returns the kind's name, such as "Throttle".
func (k FaultKind) String() string {
	if n, ok := faultNames[k]; ok {
		return n
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault describes one injected fault: what it does and which requests it
// shapes. The zero values of the optional fields give the usual case, so
//
//	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: 2})
//
// throttles the next two requests, and
//
//	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultServerError, Every: 3})
//
// fails every third request for as long as the server runs.
type Fault struct {
	Kind FaultKind
	// Count is how many requests the fault shapes before it is used up. 0
	// means 1, or no limit when Every is above 1; a negative Count means no
	// limit.
	Count int
	// Every, above 1, makes the fault shape every Every-th matching request
	// (the Every-th, the 2·Every-th, ...) instead of the next ones.
	Every int
	// Action limits the fault to requests for one API action, such as
	// "DescribeInstances" (JD Cloud actions are named like the API,
	// "StartInstance"); "" matches every request.
	Action string
	// Status is the HTTP status of FaultServerError (default 503) and
	// FaultHTML (default 502) answers.
	Status int
	// Delay is the wait of FaultDelay. With another kind it is a wait before
	// that kind's answer.
	Delay time.Duration
	// Size is the body size of FaultOversize, and the number of body bytes
	// FaultReset and FaultTruncate send.
	Size int
	// RetryAfter, when positive, adds a Retry-After header (whole seconds,
	// rounded up) to FaultThrottle and FaultServerError answers.
	RetryAfter time.Duration
}

// injected is a Fault with its counters.
type injected struct {
	Fault
	seen, fired int
}

func (f *injected) limit() int {
	switch {
	case f.Count < 0:
		return -1
	case f.Count == 0 && f.Every > 1:
		return -1
	case f.Count == 0:
		return 1
	}
	return f.Count
}

// faultQueue holds the injected faults in the order given.
type faultQueue struct {
	mu     sync.Mutex
	faults []*injected
}

// Inject adds faults. For each request the server counts it against every
// fault whose Action matches, and the first fault due shapes it; used-up
// faults are dropped.
func (s *Server) Inject(faults ...Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for _, f := range faults {
		if f.Kind != 0 {
			s.faults.faults = append(s.faults.faults, &injected{Fault: f})
		}
	}
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.faults = nil
	s.faults.mu.Unlock()
}

// next returns the fault that shapes a request for action, or nil.
func (q *faultQueue) next(action string) *Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	var chosen *Fault
	kept := q.faults[:0]
	for _, f := range q.faults {
		if f.Action == "" || f.Action == action {
			f.seen++
			due := f.Every <= 1 || f.seen%f.Every == 0
			if due && chosen == nil {
				f.fired++
				c := f.Fault
				chosen = &c
			}
		}
		if lim := f.limit(); lim < 0 || f.fired < lim {
			kept = append(kept, f)
		}
	}
	clear(q.faults[len(kept):])
	q.faults = kept
	return chosen
}

// retryAfterSeconds is a Retry-After value in whole seconds, rounded up.
func retryAfterSeconds(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
}
