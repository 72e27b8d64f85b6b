package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Exit codes, by the kind of failure. They are listed in `multicloud
// --help` (exitCodesHelp) and the README; scripts may rely on them.
const (
	exitOK           = 0
	exitFailure      = 1  // anything not listed below
	exitUsage        = 2  // bad command, flag or value: nothing was sent
	exitInvalid      = 3  // the provider refused the parameters
	exitAuth         = 4  // credentials missing, wrong or not allowed
	exitNotFound     = 5  // the resource does not exist
	exitConflict     = 6  // the resource's state forbids the call
	exitThrottled    = 7  // request rate or resource quota exceeded
	exitUnavailable  = 8  // the provider or the network failed (5xx, timeout)
	exitBadResponse  = 9  // the answer could not be understood
	exitWaitFailed   = 10 // --wait ended without reaching the wanted state
	exitInterrupted  = 130
	exitCodesSection = "Exit codes"
)

var exitCodesHelp = strings.Trim(`
  0   success
  1   any other failure
  2   usage: unknown command, action or flag, a bad value, a required flag missing (nothing was sent)
  3   invalid argument: the provider refused the parameters
  4   unauthenticated or permission denied, or no credentials found
  5   not found
  6   conflict: the resource's state forbids the call
  7   throttled or quota exceeded
  8   unavailable: a 5xx answer, a network failure or a timeout
  9   invalid response: the answer could not be understood
  10  --wait ended without reaching the wanted state (a failed job, an instance in error, gave up)
  130 interrupted
`, "\n")

// usage is an error in what the user typed; nothing was sent.
type usage struct{ msg string }

func (u *usage) Error() string { return u.msg }

func usageError(format string, args ...any) error {
	return &usage{msg: fmt.Sprintf(format, args...)}
}

// waitFailure is a wait that ended without success.
type waitFailure struct{ err error }

func (w *waitFailure) Error() string { return "wait: " + w.err.Error() }
func (w *waitFailure) Unwrap() error { return w.err }

// exitCode maps an error to the process's exit code.
func exitCode(err error) int {
	var u *usage
	var w *waitFailure
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &u):
		return exitUsage
	case errors.As(err, &w):
		var e *mcerrors.Error
		if errors.As(w.err, &e) { // the poll itself failed: say why
			return kindCode(e.Kind)
		}
		return exitWaitFailed
	case errors.Is(err, credentials.ErrNotFound), errors.Is(err, credentials.ErrInvalid):
		return exitAuth
	}
	return kindCode(mcerrors.KindOf(err))
}

func kindCode(k mcerrors.Kind) int {
	switch k {
	case mcerrors.KindInvalidArgument:
		return exitInvalid
	case mcerrors.KindUnauthenticated, mcerrors.KindPermissionDenied:
		return exitAuth
	case mcerrors.KindNotFound:
		return exitNotFound
	case mcerrors.KindConflict:
		return exitConflict
	case mcerrors.KindQuotaExceeded, mcerrors.KindThrottled:
		return exitThrottled
	case mcerrors.KindUnavailable:
		return exitUnavailable
	case mcerrors.KindInvalidResponse:
		return exitBadResponse
	}
	return exitFailure
}

// errorLine renders err for stderr on one line: the SDK's errors already
// carry the provider, action, code and request id.
func errorLine(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	return "multicloud: " + msg
}
