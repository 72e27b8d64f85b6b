package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vpc"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/billing"
)

// concurrentCalls is how many goroutines TestConcurrentCallsUnderFaults
// starts, each making one call.
const concurrentCalls = 1000

// shared is one cloud's server and the clients every goroutine shares.
type shared struct {
	cloud   cloud
	srv     *cloudtest.Server
	tr      *http.Transport
	tracker *bodyTracker
	api     api
	// hole is a read-only call that the server never answers.
	hole       func(ctx context.Context) error
	holeAction string
}

func newShared(t *testing.T, c cloud) *shared {
	t.Helper()
	s := &shared{cloud: c, srv: c.start(cloudtest.WithQuota(cloudtest.Quota{}), cloudtest.WithInstances(3))}
	// Bounded connections: the calls queue for them, as a busy program's do.
	s.tr = s.srv.HTTPClient().Transport.(*http.Transport).Clone()
	s.tr.MaxConnsPerHost, s.tr.MaxIdleConnsPerHost = 16, 16
	s.tracker = &bodyTracker{base: s.tr}
	opts := append(s.srv.ClientOptions(),
		multicloud.WithHTTPClient(&http.Client{Transport: s.tracker}),
		multicloud.WithRetry(noWait(3)),
		// A keyed limiter far above the load: its buckets are shared too.
		multicloud.WithRateLimiter(ratelimit.NewPerKey(0, func(string) ratelimit.Limiter {
			return ratelimit.NewTokenBucket(100000, 1000)
		})),
	)
	var err error
	s.api, err = c.connect(s.srv.CredentialsProvider(), c.region, opts)
	require.NoError(t, err)
	creds := s.srv.CredentialsProvider()
	switch c.name {
	case "jdcloud":
		cl, err := vpc.New(jdcloud.Config{Credentials: creds, Region: c.region}, opts...)
		require.NoError(t, err)
		s.holeAction = "DescribeVpcs"
		s.hole = func(ctx context.Context) error { _, err := cl.DescribeVpcs(ctx, &vpc.DescribeVpcsInput{}); return err }
	case "volcengine":
		cl, err := billing.New(volcengine.Config{Credentials: creds, Region: c.region}, opts...)
		require.NoError(t, err)
		s.holeAction = "QueryBalanceAcct"
		s.hole = func(ctx context.Context) error {
			_, err := cl.QueryBalanceAcct(ctx, &billing.QueryBalanceAcctInput{})
			return err
		}
	case "qingcloud":
		cl, err := iaas.New(qingcloud.Config{Credentials: creds, Zone: c.region}, opts...)
		require.NoError(t, err)
		s.holeAction = "DescribeVolumes"
		s.hole = func(ctx context.Context) error {
			_, err := cl.DescribeVolumes(ctx, &iaas.DescribeVolumesInput{})
			return err
		}
	}
	// The hole first: it takes every request for its action. Then faults
	// on a schedule for everything else.
	s.srv.Inject(
		cloudtest.Fault{Kind: cloudtest.FaultDelay, Delay: time.Hour, Action: s.holeAction, Count: -1},
		cloudtest.Fault{Kind: cloudtest.FaultServerError, Every: 7},
		cloudtest.Fault{Kind: cloudtest.FaultThrottle, Every: 11},
		cloudtest.Fault{Kind: cloudtest.FaultReset, Every: 13},
		cloudtest.Fault{Kind: cloudtest.FaultTruncate, Every: 17},
		cloudtest.Fault{Kind: cloudtest.FaultHTML, Every: 19},
		cloudtest.Fault{Kind: cloudtest.FaultDelay, Delay: time.Millisecond, Every: 5},
	)
	return s
}

// outcome is what one concurrent call gave.
type outcome struct {
	cloud, kind string
	err         error
	// expired reports that the call's context had ended when it returned.
	expired bool
}

// TestConcurrentCallsUnderFaults starts a thousand goroutines that call all
// three clouds through shared clients (reads, mutations, and calls the
// server never answers) while the servers inject faults. Every call must
// end, with success or a typed error; a call the server never answers
// ends with its context; mutations are received at most once each; and
// afterwards no body is open and no goroutine is left. Run it with -race.
func TestConcurrentCallsUnderFaults(t *testing.T) {
	before := goroutines()
	var all []*shared
	for _, c := range clouds {
		all = append(all, newShared(t, c))
	}

	results := make([]outcome, concurrentCalls)
	writes := map[string]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range concurrentCalls {
		s := all[i%len(all)]
		kind := "read"
		switch {
		case i%20 == 19:
			kind = "hole"
		case i%10 == 4:
			kind = "write"
			writes[s.cloud.name]++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			var (
				ctx    context.Context
				cancel context.CancelFunc
				call   = s.api.read
			)
			switch kind {
			case "hole":
				// Only the context can end this call.
				ctx, cancel = context.WithTimeout(t.Context(), 50*time.Millisecond)
				call = s.hole
			default:
				// A bound only a hang reaches.
				ctx, cancel = context.WithTimeout(t.Context(), time.Minute)
				if kind == "write" {
					call = s.api.write
				}
			}
			defer cancel()
			err := call(ctx)
			results[i] = outcome{cloud: s.cloud.name, kind: kind, err: err, expired: ctx.Err() != nil}
		}()
	}
	close(start)

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		buf := make([]byte, 8<<20)
		require.FailNow(t, "calls did not end: deadlock or hang", "%s", buf[:runtime.Stack(buf, true)])
	}

	// Every call ended, in success or a typed error; only the calls the
	// server never answers were ended by their context.
	tally := map[string]int{}
	for i, r := range results {
		key := r.cloud + "/" + r.kind
		switch {
		case r.kind == "hole":
			assert.ErrorIs(t, r.err, context.DeadlineExceeded, "call %d", i)
			assert.True(t, r.expired)
		case r.err == nil:
			tally[key+"/ok"]++
		default:
			assert.False(t, r.expired, "call %d (%s) was ended by its context: %v", i, key, r.err)
			_, typed := attemptsOf(r.err)
			assert.True(t, typed, "call %d: an untyped error %T: %v", i, r.err, r.err)
			tally[key+"/"+kindOf(r.err)]++
		}
	}
	t.Logf("%d concurrent calls ended: %v", concurrentCalls, tally)

	for _, s := range all {
		// No mutation was applied twice (a resend with the same
		// idempotency token is answered, not applied).
		got := (&env{srv: s.srv}).applied(s.cloud.writeAction)
		assert.LessOrEqual(t, got, writes[s.cloud.name], "%s: %s requests processed, %d calls", s.cloud.name, s.cloud.writeAction, writes[s.cloud.name])
		assert.Positive(t, tally[s.cloud.name+"/read/ok"], "%s: some reads succeeded", s.cloud.name)
	}

	for _, s := range all {
		s.srv.Close()
	}
	requireNoLeak(t, before, func() {
		for _, s := range all {
			s.tr.CloseIdleConnections()
		}
	})
	for _, s := range all {
		open, total := s.tracker.unclosed()
		assert.Zero(t, open, "%s: response bodies left open (of %d)", s.cloud.name, total)
	}
}

// kindOf names the class of an SDK error for the tally.
func kindOf(err error) string {
	for _, k := range []struct {
		name string
		err  error
	}{
		{"budget", multicloud.ErrRetryBudgetExhausted},
		{"throttled", mcerrors.ErrThrottled},
		{"unavailable", mcerrors.ErrUnavailable},
		{"invalid-response", mcerrors.ErrInvalidResponse},
		{"not-found", mcerrors.ErrNotFound},
	} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return fmt.Sprintf("%T", err)
}
