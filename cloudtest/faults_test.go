package cloudtest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/qingcloud"
)

// read makes a read-only call (retried after any transient failure) with
// the server's own credentials.
func read(t *testing.T, provider string, s *cloudtest.Server, opts ...multicloud.Option) error {
	t.Helper()
	return callers[provider].call(t, s, s.Credentials(), opts...)
}

var providers = []string{"jdcloud", "volcengine", "qingcloud"}

func TestFaultsAreTypedErrors(t *testing.T) {
	cases := []struct {
		name  string
		fault cloudtest.Fault
		opts  []multicloud.Option
		// want is the sentinel the error matches; attempts how often the
		// client sent the request (it allows 3).
		want     error
		attempts int
	}{
		{"throttled", cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: -1}, nil, mcerrors.ErrThrottled, 3},
		{"5xx", cloudtest.Fault{Kind: cloudtest.FaultServerError, Count: -1}, nil, mcerrors.ErrUnavailable, 3},
		{"500", cloudtest.Fault{Kind: cloudtest.FaultServerError, Status: 500, Count: -1}, nil, mcerrors.ErrUnavailable, 3},
		{"gateway HTML page", cloudtest.Fault{Kind: cloudtest.FaultHTML, Count: -1}, nil, mcerrors.ErrUnavailable, 3},
		{"HTML page with 200", cloudtest.Fault{Kind: cloudtest.FaultHTML, Status: 200, Count: -1}, nil, mcerrors.ErrInvalidResponse, 1},
		{"reset mid-body", cloudtest.Fault{Kind: cloudtest.FaultReset, Count: -1}, nil, mcerrors.ErrUnavailable, 3},
		{"truncated", cloudtest.Fault{Kind: cloudtest.FaultTruncate, Count: -1}, nil, mcerrors.ErrInvalidResponse, 1},
		{"oversize", cloudtest.Fault{Kind: cloudtest.FaultOversize, Size: 1 << 20, Count: -1},
			[]multicloud.Option{multicloud.WithMaxResponseBytes(64 << 10)}, mcerrors.ErrInvalidResponse, 1},
		{"oversize by default", cloudtest.Fault{Kind: cloudtest.FaultOversize}, nil, mcerrors.ErrInvalidResponse, 1},
		// One attempt, on a connection already open: a new TLS handshake
		// could take longer than the timeout on a loaded machine.
		{"slow", cloudtest.Fault{Kind: cloudtest.FaultDelay, Delay: time.Hour, Count: -1},
			[]multicloud.Option{multicloud.WithAttemptTimeout(20 * time.Millisecond), retries(1)}, context.DeadlineExceeded, 1},
	}
	for _, tc := range cases {
		for _, provider := range providers {
			t.Run(tc.name+"/"+provider, func(t *testing.T) {
				s := callers[provider].start()
				defer s.Close()
				require.NoError(t, read(t, provider, s)) // opens a connection
				s.ResetRequests()
				s.Inject(tc.fault)
				err := read(t, provider, s, append([]multicloud.Option{retries(3)}, tc.opts...)...)
				require.ErrorIs(t, err, tc.want)
				assert.Equal(t, tc.attempts, s.RequestCount(""), "requests the server received")
				var e *mcerrors.Error
				var te *multicloud.TransportError
				switch {
				case errors.As(err, &e):
					assert.Equal(t, tc.attempts, e.Attempts)
				case errors.As(err, &te):
					assert.Equal(t, tc.attempts, te.Attempts)
				default:
					t.Fatalf("untyped error %T: %v", err, err)
				}
				for _, r := range s.Requests() {
					assert.Equal(t, tc.fault.Kind, r.Fault)
				}
			})
		}
	}
}

func TestFaultCountsAndSchedules(t *testing.T) {
	for _, provider := range providers {
		t.Run(provider, func(t *testing.T) {
			s := callers[provider].start()
			defer s.Close()

			// The next two requests are throttled; the client's third attempt succeeds.
			s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Count: 2})
			require.NoError(t, read(t, provider, s, retries(3)))
			assert.Equal(t, 3, s.RequestCount(""))

			// Every third request fails; the others are untouched.
			s.ResetRequests()
			s.Inject(cloudtest.Fault{Kind: cloudtest.FaultServerError, Every: 3})
			var failed []int
			for i := 1; i <= 7; i++ {
				if err := read(t, provider, s, multicloud.WithRetry(multicloud.NoRetry())); err != nil {
					assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
					failed = append(failed, i)
				}
			}
			assert.Equal(t, []int{3, 6}, failed)

			// A short delay only slows the answer down.
			s.ClearFaults()
			s.Inject(cloudtest.Fault{Kind: cloudtest.FaultDelay, Delay: 2 * time.Millisecond})
			require.NoError(t, read(t, provider, s))
		})
	}
}

func TestFaultForOneAction(t *testing.T) {
	s := cloudtest.NewQingCloud(cloudtest.WithInstances(1))
	defer s.Close()
	c := qcClient(t, s, retries(1))
	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Action: "DescribeJobs", Count: -1})

	require.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, nil))
	err := c.Call(t.Context(), &qingcloud.Request{Action: "DescribeJobs"}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrThrottled)
	e := apiError(t, err)
	assert.Equal(t, "2500", e.Code, "QingCloud throttles with ret_code 2500 about request frequency")
	assert.Equal(t, http.StatusOK, e.StatusCode)
}

func TestFaultRetryAfter(t *testing.T) {
	for _, provider := range providers {
		s := callers[provider].start()
		s.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, RetryAfter: time.Hour})
		err := read(t, provider, s, retries(3))
		require.ErrorIs(t, err, mcerrors.ErrThrottled, provider)
		e := apiError(t, err)
		assert.Equal(t, time.Hour, e.RetryAfter, provider)
		assert.Equal(t, 1, e.Attempts, "%s: a Retry-After above the client's cap ends the call", provider)
		s.Close()
	}
}

func TestResetAfterAMutation(t *testing.T) {
	// The server performs the call and then breaks the answer: the client
	// cannot know, so it does not retry a mutation.
	s := cloudtest.NewQingCloud()
	defer s.Close()
	c := qcClient(t, s, retries(3))
	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultReset, Action: "RunInstances"})
	err := c.Call(t.Context(), &qingcloud.Request{Action: "RunInstances", Params: map[string]any{
		"image_id": "img", "instance_type": "small_b", "login_mode": "keypair", "login_keypair": "kp"}}, nil)
	var te *multicloud.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
	assert.ErrorIs(t, err, mcerrors.ErrUnavailable)

	var out qcInstances
	require.NoError(t, c.Call(t.Context(), &qingcloud.Request{Action: "DescribeInstances"}, &out))
	assert.Equal(t, 1, out.TotalCount, "the instance was created all the same")
}

func TestQuotas(t *testing.T) {
	codes := map[string]string{"jdcloud": "RATE_LIMIT", "volcengine": "FlowLimitExceeded", "qingcloud": "2500"}
	for _, provider := range providers {
		t.Run(provider, func(t *testing.T) {
			clock := cloudtest.NewClock(time.Now())
			s := callers[provider].start(cloudtest.WithClock(clock.Now), cloudtest.WithQuota(cloudtest.Quota{Requests: 3, Per: time.Minute}))
			defer s.Close()
			for range 3 {
				require.NoError(t, read(t, provider, s, retries(1)))
			}
			err := read(t, provider, s, retries(1))
			require.ErrorIs(t, err, mcerrors.ErrThrottled)
			assert.Equal(t, codes[provider], apiError(t, err).Code)

			clock.Advance(20 * time.Second) // a third of the minute refills one request
			require.NoError(t, read(t, provider, s, retries(1)))
			assert.ErrorIs(t, read(t, provider, s, retries(1)), mcerrors.ErrThrottled)
		})
	}
}

func TestQuotaKeys(t *testing.T) {
	// JD Cloud counts per service line, Volcengine per action.
	one := cloudtest.WithQuota(cloudtest.Quota{Requests: 1, Per: time.Hour})
	jd := cloudtest.NewJDCloud(one)
	defer jd.Close()
	c := jdClient(t, jd, retries(1))
	require.NoError(t, c.Call(t.Context(), jdDescribe(nil), nil))
	assert.ErrorIs(t, c.Call(t.Context(), jdDescribe(nil), nil), mcerrors.ErrThrottled)
	require.NoError(t, c.Call(t.Context(), jdVpcs(), nil), "vpc has its own quota")

	volc := cloudtest.NewVolcengine(one)
	defer volc.Close()
	v := volcClient(t, volc, retries(1))
	require.NoError(t, v.Call(t.Context(), billing("QueryBalanceAcct", nil), nil))
	assert.ErrorIs(t, v.Call(t.Context(), billing("QueryBalanceAcct", nil), nil), mcerrors.ErrThrottled)
	period := volc.Now().UTC().Format("2006-01")
	require.NoError(t, v.Call(t.Context(), billing("ListBill", map[string]any{"BillPeriod": period, "Limit": 1}), nil))

	none := cloudtest.NewQingCloud(cloudtest.WithQuota(cloudtest.Quota{}))
	defer none.Close()
	for range 50 {
		require.NoError(t, read(t, "qingcloud", none))
	}
}
