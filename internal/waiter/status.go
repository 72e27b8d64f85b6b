package waiter

import (
	"context"
	"slices"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Status describes the resource a status waiter polls: how to read it and
// its status, and which statuses end the wait.
type Status[T any] struct {
	// Provider, Service and Action name the describe call in errors.
	Provider, Service, Action string
	// What names the resource in errors: "load balancer lb-1".
	What string
	// Want is the status waited for, as the API spells it.
	Want string
	// Failed are the statuses from which the resource cannot reach Want
	// (a creation that failed, a deleted cluster); reaching one ends the
	// wait with an error, unless it is Want.
	Failed []string
	// Describe reads the resource once; nil with no error means the API
	// did not list it.
	Describe func(ctx context.Context) (*T, error)
	// StatusOf returns the resource's status.
	StatusOf func(*T) string
}

// WaitStatus polls s.Describe with Poll until the resource's status is
// s.Want, and returns the resource. An error from Describe ends the wait at
// once and is returned as is; a resource the API does not list ends it
// with an error of KindNotFound, and one in a Failed status with an error of
// KindConflict that names the status; both carry the last resource seen.
func WaitStatus[T any](ctx context.Context, opts, defaults Options, s Status[T]) (*T, error) {
	return Poll(ctx, opts, defaults, func(ctx context.Context) (*T, bool, error) {
		r, err := s.Describe(ctx)
		if err != nil {
			return r, false, err
		}
		if r == nil {
			return nil, false, s.fail(mcerrors.KindNotFound, s.What+" not found")
		}
		status := s.StatusOf(r)
		switch {
		case status == s.Want:
			return r, true, nil
		case slices.Contains(s.Failed, status):
			return r, false, s.fail(mcerrors.KindConflict, s.What+" is in status "+status+" and cannot reach "+s.Want)
		}
		return r, false, nil
	})
}

// Invalid is the error of a waiter called without a resource id or status.
func (s Status[T]) Invalid(msg string) error { return s.fail(mcerrors.KindInvalidArgument, msg) }

func (s Status[T]) fail(kind mcerrors.Kind, msg string) error {
	return &mcerrors.Error{Provider: s.Provider, Service: s.Service, Action: s.Action, Kind: kind, Message: msg}
}
