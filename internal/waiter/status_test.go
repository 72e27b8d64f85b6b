package waiter

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

type thing struct{ state string }

func statusOf(th *thing) string { return th.state }

// sequence describes a thing whose status follows states, repeating the
// last; "" means the API does not list it.
func sequence(states ...string) (func(context.Context) (*thing, error), *int) {
	n := 0
	return func(context.Context) (*thing, error) {
		s := states[min(n, len(states)-1)]
		n++
		if s == "" {
			return nil, nil
		}
		return &thing{state: s}, nil
	}, &n
}

var fast = Options{MinDelay: time.Second, MaxDelay: 4 * time.Second, MaxWait: time.Minute}

func TestWaitStatusReachesWant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		describe, n := sequence("CREATING", "CREATING", "ACTIVE")
		got, err := WaitStatus(t.Context(), Options{}, fast, Status[thing]{
			What: "lb-1", Want: "ACTIVE", Failed: []string{"CREATE_FAILED"}, Describe: describe, StatusOf: statusOf,
		})
		require.NoError(t, err)
		assert.Equal(t, "ACTIVE", got.state)
		assert.Equal(t, 3, *n)
	})
}

func TestWaitStatusEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := Status[thing]{Provider: "p", Service: "s", Action: "Describe", What: "lb-1", Want: "ACTIVE", Failed: []string{"CREATE_FAILED"}, StatusOf: statusOf}

		s := base
		s.Describe, _ = sequence("CREATING", "CREATE_FAILED")
		got, err := WaitStatus(t.Context(), Options{}, fast, s)
		assert.ErrorIs(t, err, mcerrors.ErrConflict)
		assert.ErrorContains(t, err, "CREATE_FAILED")
		assert.Equal(t, "CREATE_FAILED", got.state, "the last resource seen is returned")

		s = base
		s.Want = "CREATE_FAILED"
		s.Describe, _ = sequence("CREATE_FAILED")
		_, err = WaitStatus(t.Context(), Options{}, fast, s)
		assert.NoError(t, err, "a failed status that is wanted ends the wait well")

		s = base
		s.Describe, _ = sequence("CREATING", "")
		_, err = WaitStatus(t.Context(), Options{}, fast, s)
		assert.ErrorIs(t, err, mcerrors.ErrNotFound)

		boom := errors.New("boom")
		s = base
		s.Describe = func(context.Context) (*thing, error) { return nil, boom }
		_, err = WaitStatus(t.Context(), Options{}, fast, s)
		assert.ErrorIs(t, err, boom)

		s = base
		s.Describe, _ = sequence("CREATING")
		start := time.Now()
		_, err = WaitStatus(t.Context(), Options{}, fast, s)
		assert.ErrorIs(t, err, ErrTimeout)
		assert.Equal(t, time.Minute, time.Since(start))

		assert.ErrorIs(t, base.Invalid("no id"), mcerrors.ErrInvalidArgument)
	})
}
