package reliability_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
)

// TestNoDuplicateMutations runs every scenario of the fault suite with a
// mutating call (JD Cloud CreateInstances, Volcengine RunInstances,
// QingCloud RunInstances) on a connection that an earlier call opened, as
// in a long-running program. Whatever the fault, the server receives each
// call at most once, not counting the requests it answered with "not
// processed" (throttled, or QingCloud's expired time stamp 1300).
func TestNoDuplicateMutations(t *testing.T) {
	for _, sc := range scenarios() {
		for _, c := range clouds {
			t.Run(sc.name+"/"+c.name, func(t *testing.T) {
				e := newEnv(t, sc, c, true)
				prevReceived, prevRefused, prevApplied := 0, 0, 0
				e.run(t, sc, e.api.write, func(i int, err error) {
					received, refused, applied := e.received(c.writeAction), e.refused(c.writeAction), e.applied(c.writeAction)
					got, gotRefused, gotApplied := received-prevReceived, refused-prevRefused, applied-prevApplied
					prevReceived, prevRefused, prevApplied = received, refused, applied

					// A mutation with an idempotency token may be sent again
					// after a lost answer; the server applies it once per
					// token, so what counts is how often it was applied.
					assert.LessOrEqual(t, gotApplied, 1,
						"call %d: applied %d times (%d requests received, %d of them refused unprocessed)", i+1, gotApplied, got, gotRefused)
					if !c.idempotencyToken {
						assert.LessOrEqual(t, got-gotRefused, 1,
							"call %d: %d requests received, %d of them refused unprocessed", i+1, got, gotRefused)
					}
					if sc.raw != rawRefused && !isNoCredentials(err) {
						assert.GreaterOrEqual(t, got, 1, "call %d reached the server", i+1)
					}
					if err != nil && !isNoCredentials(err) {
						_, typed := attemptsOf(err)
						require.True(t, typed, "an untyped error %T: %v", err, err)
					}
				})
			})
		}
	}
}

func isNoCredentials(err error) bool {
	return err != nil && (errors.Is(err, credentials.ErrNotFound) || errors.Is(err, credentials.ErrInvalid))
}
