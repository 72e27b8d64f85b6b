package reliability_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// trigger says what makes a scenario's triggered deadline pass.
type trigger int

const (
	noTrigger trigger = iota
	// onRequestRead: the raw server has read the whole request.
	onRequestRead
	// onBodyRead: the client has started reading the response body.
	onBodyRead
)

// scenario is one row of the fault suite. Each runs for every cloud.
type scenario struct {
	name string
	// fault is injected into a cloudtest server; raw, when set, replaces
	// the emulator with a raw TCP server doing that to every request.
	fault cloudtest.Fault
	raw   rawFault
	// client adds options after the suite's defaults (no rate limit, three
	// attempts without backoff).
	client func(e *env) []multicloud.Option
	// creds replaces the server's own credentials.
	creds func(e *env) credentials.Provider
	// deadline makes the caller's context pass when something observable
	// happens, instead of after a time.
	deadline trigger
	// calls is how many calls the row makes through one client (default 1).
	calls int

	// want are the errors the (last) call's error must match with
	// errors.Is; nil wants success. notWant must not match.
	want, notWant []error
	// attempts is how many times the SDK says it sent the last call; saw
	// is how many requests the server received in all (default: attempts
	// times calls; none for zero). attemptsBy overrides attempts per cloud.
	attempts, saw int
	attemptsBy    map[string]int
	// check makes further assertions on the last call's error.
	check func(t *testing.T, e *env, err error, took time.Duration)
}

// none is a count of zero where zero would mean "the default".
const none = -1

// scenarios is the fault suite.
func scenarios() []scenario {
	budget := func(*env) []multicloud.Option {
		p := noWait(3)
		p.Budget = multicloud.NewRetryBudget(20) // four retries
		return []multicloud.Option{multicloud.WithRetry(p)}
	}
	return []scenario{
		{
			name: "connection refused", raw: rawRefused,
			want:     []error{mcerrors.ErrUnavailable},
			attempts: 3, saw: none,
			check: func(t *testing.T, _ *env, err error, _ time.Duration) {
				var op *net.OpError
				require.ErrorAs(t, err, &op, "the *net.OpError stays reachable")
				assert.Equal(t, "dial", op.Op)
				assert.ErrorIs(t, err, syscall.ECONNREFUSED)
			},
		},
		{
			name: "reset before the body", raw: rawResetBeforeBody,
			want: []error{mcerrors.ErrUnavailable}, attempts: 3,
		},
		{
			name: "reset in the middle of the body", fault: cloudtest.Fault{Kind: cloudtest.FaultReset, Count: -1},
			want: []error{mcerrors.ErrUnavailable, io.ErrUnexpectedEOF}, attempts: 3,
		},
		{
			name: "never answers: the caller's deadline passes", raw: rawSilent, deadline: onRequestRead,
			want: []error{context.DeadlineExceeded}, notWant: []error{mcerrors.ErrUnavailable}, attempts: 1,
		},
		{
			name: "never answers: the attempt timeout ends each attempt", raw: rawSilent,
			client: func(*env) []multicloud.Option {
				return []multicloud.Option{multicloud.WithAttemptTimeout(time.Second), multicloud.WithRetry(noWait(2))}
			},
			want: []error{mcerrors.ErrUnavailable, context.DeadlineExceeded}, attempts: 2,
		},
		{
			name: "body trickles: the caller's deadline passes mid-body", raw: rawTrickle, deadline: onBodyRead,
			want: []error{context.DeadlineExceeded}, notWant: []error{mcerrors.ErrUnavailable}, attempts: 1,
		},
		{
			name: "truncated JSON", fault: cloudtest.Fault{Kind: cloudtest.FaultTruncate, Count: -1},
			want: []error{mcerrors.ErrInvalidResponse}, attempts: 1,
		},
		{
			name: "HTML 502 from a proxy", fault: cloudtest.Fault{Kind: cloudtest.FaultHTML, Count: -1},
			want: []error{mcerrors.ErrUnavailable}, attempts: 3,
			check: func(t *testing.T, _ *env, err error, _ time.Duration) {
				assert.Equal(t, http.StatusBadGateway, apiError(t, err).StatusCode)
			},
		},
		{
			name: "HTML page with status 200", fault: cloudtest.Fault{Kind: cloudtest.FaultHTML, Status: 200, Count: -1},
			want: []error{mcerrors.ErrInvalidResponse}, attempts: 1,
		},
		{
			name: "body over the size limit, Content-Length given", fault: cloudtest.Fault{Kind: cloudtest.FaultOversize, Size: 1 << 20, Count: -1},
			client: func(*env) []multicloud.Option { return []multicloud.Option{multicloud.WithMaxResponseBytes(64 << 10)} },
			want:   []error{mcerrors.ErrInvalidResponse}, attempts: 1,
		},
		{
			name: "body over the size limit, chunked", raw: rawOversizeChunked,
			client: func(*env) []multicloud.Option { return []multicloud.Option{multicloud.WithMaxResponseBytes(64 << 10)} },
			want:   []error{mcerrors.ErrInvalidResponse}, attempts: 1,
		},
		{
			name:  "429 with a small Retry-After: waited for, then success",
			fault: cloudtest.Fault{Kind: cloudtest.FaultThrottle, RetryAfter: time.Second},
			saw:   2,
			check: func(t *testing.T, _ *env, _ error, took time.Duration) {
				assert.GreaterOrEqual(t, took, time.Second, "the client waited as the server asked")
			},
		},
		{
			name:  "429 with a huge Retry-After: returned at once",
			fault: cloudtest.Fault{Kind: cloudtest.FaultThrottle, RetryAfter: time.Hour, Count: -1},
			want:  []error{mcerrors.ErrThrottled}, attempts: 1,
			check: func(t *testing.T, _ *env, err error, _ time.Duration) {
				assert.Equal(t, time.Hour, apiError(t, err).RetryAfter, "the caller learns how long to wait")
			},
		},
		{
			// Ten calls into a server that fails everything: the first two
			// spend the budget of four retries, the other eight are sent
			// once. Without the budget the server would see 30 requests.
			name: "5xx storm: the retry budget stops it", fault: cloudtest.Fault{Kind: cloudtest.FaultServerError, Count: -1},
			client: budget, calls: 10,
			want:     []error{mcerrors.ErrUnavailable, multicloud.ErrRetryBudgetExhausted},
			attempts: 1, saw: 14,
		},
		{
			name: "clock an hour ahead",
			client: func(*env) []multicloud.Option {
				return []multicloud.Option{multicloud.WithClock(func() time.Time { return time.Now().Add(time.Hour) })}
			},
			want: []error{mcerrors.ErrUnauthenticated},
			// QingCloud says 1300 (time stamp expired): the request was not
			// processed, so it is signed afresh and sent once more.
			attempts: 1, attemptsBy: map[string]int{"qingcloud": 2},
		},
		{
			name: "wrong secret key",
			creds: func(e *env) credentials.Provider {
				c := e.srv.Credentials()
				c.SecretAccessKey = "not-the-" + c.SecretAccessKey
				return credentials.Static(c)
			},
			want: []error{mcerrors.ErrUnauthenticated}, attempts: 1,
		},
		{
			name:  "no credentials at all: nothing is sent",
			creds: func(*env) credentials.Provider { return credentials.Static(signer.Credentials{}) },
			want:  []error{credentials.ErrNotFound}, saw: none,
		},
	}
}

// env is one scenario's world for one cloud: a server (cloudtest or raw),
// a tracked transport and the typed client.
type env struct {
	cloud   cloud
	srv     *cloudtest.Server
	raw     *rawServer
	tracker *bodyTracker
	hc      *http.Client
	api     api
}

// received is how many requests for action the server received.
func (e *env) received(action string) int {
	if e.raw != nil {
		return e.raw.count(action)
	}
	return e.srv.RequestCount(action)
}

// applied is how many requests for action the server performed: on the
// emulator, those it recorded as Applied (a resend of an idempotency token
// is not); on a raw server, every one it did not refuse.
func (e *env) applied(action string) int {
	if e.raw != nil {
		return e.raw.applied(action)
	}
	if e.srv == nil {
		return 0
	}
	n := 0
	for _, r := range e.srv.Requests() {
		if r.Action == action && r.Applied {
			n++
		}
	}
	return n
}

// refused is how many requests for action the server answered with "not
// processed": throttled, or QingCloud's expired time stamp (1300).
func (e *env) refused(action string) int {
	if e.srv == nil {
		return 0
	}
	n := 0
	for _, r := range e.srv.Requests() {
		if r.Action != action {
			continue
		}
		switch {
		case r.Fault == cloudtest.FaultThrottle,
			r.ErrorCode == "RATE_LIMIT", r.ErrorCode == "FlowLimitExceeded", r.ErrorCode == "1300":
			n++
		}
	}
	return n
}

// newEnv builds the world for scenario sc and cloud c. warm answers one
// read normally first (it opens a connection the calls then reuse).
func newEnv(t *testing.T, sc scenario, c cloud, warm bool) *env {
	t.Helper()
	e := &env{cloud: c}
	var (
		base  http.RoundTripper
		creds credentials.Provider
		opts  []multicloud.Option
	)
	if sc.raw != rawNone {
		normal := 0
		if warm {
			normal = 1
		}
		e.raw = newRawServer(t, c, sc.raw, normal)
		tr := newTransport()
		t.Cleanup(tr.CloseIdleConnections)
		base, creds = tr, rawCredentials
		opts = []multicloud.Option{multicloud.WithEndpoint(e.raw.URL), multicloud.WithInsecureHTTP()}
	} else {
		e.srv = c.start()
		t.Cleanup(e.srv.Close)
		base, creds = e.srv.HTTPClient().Transport, e.srv.CredentialsProvider()
		opts = e.srv.ClientOptions()
	}
	e.tracker = &bodyTracker{base: base}
	e.hc = &http.Client{Transport: e.tracker}
	opts = append(opts, multicloud.WithHTTPClient(e.hc))
	opts = append(opts, defaultOptions()...)
	plain := opts
	if sc.client != nil {
		opts = append(slices.Clip(opts), sc.client(e)...)
	}
	if sc.creds != nil {
		creds = sc.creds(e)
	}
	var err error
	e.api, err = c.connect(creds, c.region, opts)
	require.NoError(t, err)
	if warm && sc.raw != rawRefused {
		// The warm-up is a plain client on the same transport.
		warmup, err := c.connect(e.srvCredentials(), c.region, plain)
		require.NoError(t, err)
		require.NoError(t, warmup.read(t.Context()), "warm-up call")
		if e.srv != nil {
			e.srv.ResetRequests()
		}
		if e.raw != nil {
			e.raw.mu.Lock()
			e.raw.actions, e.raw.tokens = nil, nil
			e.raw.mu.Unlock()
		}
	}
	if sc.fault.Kind != 0 {
		require.NotNil(t, e.srv)
		e.srv.Inject(sc.fault)
	}
	return e
}

// srvCredentials are credentials the server accepts.
func (e *env) srvCredentials() credentials.Provider {
	if e.srv != nil {
		return e.srv.CredentialsProvider()
	}
	return rawCredentials
}

// callResult is what one run of a scenario's calls gave.
type callResult struct {
	err  error
	took time.Duration
}

// run makes the scenario's calls with call (read or write), checking
// afterwards that every response body was closed and no goroutine is left.
// each, when set, runs after every call.
func (e *env) run(t *testing.T, sc scenario, call func(context.Context) error, each func(i int, err error)) callResult {
	t.Helper()
	calls := max(sc.calls, 1)
	before := goroutines()
	var res callResult
	start := time.Now()
	for i := range calls {
		ctx, cancel := e.context(t, sc)
		res.err = call(ctx)
		cancel()
		if each != nil {
			each(i, res.err)
		}
	}
	res.took = time.Since(start)

	requireNoLeak(t, before, e.hc.CloseIdleConnections)
	open, total := e.tracker.unclosed()
	assert.Zero(t, open, "response bodies left open (of %d)", total)
	return res
}

// context is the context of one call: a triggered deadline, or a generous
// bound that only a hang would reach.
func (e *env) context(t *testing.T, sc scenario) (context.Context, func()) {
	switch sc.deadline {
	case noTrigger:
		return context.WithTimeout(t.Context(), 30*time.Second)
	case onRequestRead:
		d := newTriggeredDeadline(30 * time.Second)
		require.NotNil(t, e.raw)
		e.raw.mu.Lock()
		e.raw.onSilent = d.expire
		e.raw.mu.Unlock()
		return d, func() { d.stop() }
	case onBodyRead:
		d := newTriggeredDeadline(30 * time.Second)
		e.tracker.mu.Lock()
		e.tracker.onFirstBodyRead, e.tracker.fired = d.expire, false
		e.tracker.mu.Unlock()
		return d, func() { d.stop() }
	}
	panic("unknown trigger")
}

func (sc scenario) wantAttempts(cloud string) int {
	if n, ok := sc.attemptsBy[cloud]; ok {
		return n
	}
	return sc.attempts
}

func (sc scenario) wantSaw(cloud string) int {
	switch {
	case sc.saw == none:
		return 0
	case sc.saw > 0:
		return sc.saw
	}
	return sc.wantAttempts(cloud) * max(sc.calls, 1)
}

// attemptsOf returns the attempt count an SDK error reports, and whether
// the error is one of the SDK's types.
func attemptsOf(err error) (int, bool) {
	var e *mcerrors.Error
	var te *multicloud.TransportError
	switch {
	case errors.As(err, &e):
		return e.Attempts, true
	case errors.As(err, &te):
		return te.Attempts, true
	}
	return 0, false
}

func apiError(t *testing.T, err error) *mcerrors.Error {
	t.Helper()
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	return e
}

// TestFaults runs every scenario against every cloud with a read-only call,
// which the SDK may retry after any transient failure.
func TestFaults(t *testing.T) {
	for _, sc := range scenarios() {
		for _, c := range clouds {
			t.Run(sc.name+"/"+c.name, func(t *testing.T) {
				e := newEnv(t, sc, c, false)
				res := e.run(t, sc, e.api.read, nil)
				err := res.err

				if sc.want == nil {
					require.NoError(t, err)
				}
				for _, w := range sc.want {
					require.ErrorIs(t, err, w)
				}
				for _, w := range sc.notWant {
					assert.NotErrorIs(t, err, w)
				}
				if err != nil && !errors.Is(err, credentials.ErrNotFound) {
					n, typed := attemptsOf(err)
					require.True(t, typed, "an untyped error %T: %v", err, err)
					assert.Equal(t, sc.wantAttempts(c.name), n, "attempts the SDK reports")
				}
				assert.Equal(t, sc.wantSaw(c.name), e.received(c.readAction), "requests the server saw")
				if sc.check != nil {
					sc.check(t, e, err, res.took)
				}
			})
		}
	}
}
