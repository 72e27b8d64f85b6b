package cloudtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Regression tests for faults that cloudtest found in other packages.

// A 200 that is not the provider's envelope (a proxy's HTML page, a
// truncated body) is InvalidResponse even when the caller discards the
// result: it once counted as success, for a mutation too.
func TestCallWithoutResultStillChecksTheBody(t *testing.T) {
	for _, f := range []cloudtest.Fault{
		{Kind: cloudtest.FaultHTML, Status: 200},
		{Kind: cloudtest.FaultTruncate},
	} {
		jd := cloudtest.NewJDCloud()
		jd.Inject(f)
		err := jdClient(t, jd).Call(t.Context(), jdDescribe(nil), nil)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidResponse, "jdcloud, %v", f.Kind)
		jd.Close()

		volc := cloudtest.NewVolcengine()
		volc.Inject(f)
		err = volcClient(t, volc).Call(t.Context(), billing("QueryBalanceAcct", nil), nil)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidResponse, "volcengine, %v", f.Kind)
		volc.Close()
	}
}

// An attempt that WithAttemptTimeout cut short is ErrUnavailable: the
// server was too slow while the caller's context was still live. It once
// carried only context.DeadlineExceeded.
func TestAttemptTimeoutIsUnavailable(t *testing.T) {
	s := cloudtest.NewQingCloud()
	defer s.Close()
	s.Inject(cloudtest.Fault{Kind: cloudtest.FaultDelay, Delay: time.Hour})
	err := read(t, "qingcloud", s, multicloud.WithAttemptTimeout(5*time.Millisecond), retries(1))
	assert.ErrorIs(t, err, mcerrors.ErrUnavailable)
}
