package credentials

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

var (
	// ErrNotFound is wrapped by every error that means "no credentials here":
	// environment variables not set, a file that does not exist, a profile or
	// a key that is absent. A Chain moves on to its next provider after such an
	// error; when no provider has credentials it returns a *NotFoundError that
	// names every place it looked.
	ErrNotFound error = &unauthenticated{"credentials: not found"}

	// ErrInvalid is wrapped by every error that means "credentials are here
	// but cannot be used": a file that does not parse (see ParseError), a key
	// id without a secret, a value with whitespace or control characters, a
	// profile that was asked for by name and is missing, credentials that have
	// already expired. A Chain stops at such an error rather than fall back to
	// other credentials.
	ErrInvalid error = &unauthenticated{"credentials: invalid"}
)

// unauthenticated is the type of ErrNotFound and ErrInvalid: without usable
// credentials no request can be authenticated, so every error wrapping one
// also matches errors.ErrUnauthenticated (package
// github.com/multicloud-go/multicloud/errors), and errors.KindOf gives
// KindUnauthenticated.
type unauthenticated struct{ text string }

func (e *unauthenticated) Error() string { return e.text }

// Is makes the sentinel match mcerrors.ErrUnauthenticated.
func (e *unauthenticated) Is(target error) bool { return target == mcerrors.ErrUnauthenticated }

// NotFoundError reports that no credentials were found. Places lists, in
// order, every place that was looked at, each with the reason it gave nothing,
// e.g. `file /home/u/.qingcloud/config.yaml (does not exist)`. It matches
// ErrNotFound with errors.Is. It never holds a secret: a place that had a value
// would not be in the list.
type NotFoundError struct {
	Places []string
}

// Error lists every place that was looked at.
func (e *NotFoundError) Error() string {
	if len(e.Places) == 0 {
		return "credentials: no credentials found (no providers configured)"
	}
	return "credentials: no credentials found; looked in: " + strings.Join(e.Places, "; ")
}

// Is reports whether target is ErrNotFound or mcerrors.ErrUnauthenticated.
func (e *NotFoundError) Is(target error) bool {
	return target == ErrNotFound || target == mcerrors.ErrUnauthenticated
}

func notFound(place string) error { return &NotFoundError{Places: []string{place}} }

// ParseError reports a credentials or config file that could not be used: a
// syntax the parser does not accept, or a credential value that is malformed.
// It names the file, the line and, for the keys the parser knows, the key;
// never the value. It matches ErrInvalid with errors.Is.
type ParseError struct {
	Path   string // the file
	Line   int    // 1-based; 0 when the problem is not on one line
	Key    string // the key concerned, when it is one the parser knows; else empty
	Reason string // what is wrong, e.g. "value contains whitespace"

	// missingProfile is set when the file lacks a profile selected by name:
	// a chain then looks for that profile in its later files, and returns
	// this error only when none has it.
	missingProfile bool
}

// profileNotFound is the error of a file that lacks the profile selected by
// name (WithProfile, a profile variable).
func profileNotFound(path, profile, selectedBy string) *ParseError {
	return &ParseError{Path: path, Reason: "profile " + strconv.Quote(profile) + " (selected by " + selectedBy + ") not found", missingProfile: true}
}

// isMissingProfile reports whether err is a profileNotFound error.
func isMissingProfile(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe) && pe.missingProfile
}

// Error returns "credentials: <path>:<line>: <key>: <reason>", omitting the
// parts that are empty.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("credentials: ")
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Is reports whether target is ErrInvalid or mcerrors.ErrUnauthenticated.
func (e *ParseError) Is(target error) bool {
	return target == ErrInvalid || target == mcerrors.ErrUnauthenticated
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// contextError wraps a context error so that errors.Is(err, context.Canceled)
// and errors.Is(err, context.DeadlineExceeded) still work.
func contextError(err error) error { return fmt.Errorf("credentials: %w", err) }

// valueProblem says what is wrong with a credential value, or "" if nothing
// is. Keys, secrets and session tokens of all three clouds are printable ASCII
// without spaces or quotes, so anything else is a copy-and-paste accident (a
// trailing comment, quotes kept literally, a stray newline) that would only
// surface later as a signature mismatch. The value itself is never reported.
func valueProblem(v string) string {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return "value contains whitespace"
		case c < 0x20 || c == 0x7f:
			return "value contains control characters"
		case c >= 0x80:
			return "value contains characters outside printable ASCII"
		case c == '"' || c == '\'':
			return "value contains quote characters"
		}
	}
	return ""
}

// checkCredentials validates credentials read from one source. source names
// the source ("static credentials", "environment variable X"); the three names
// say how the source calls each part. Both key id and secret empty is "not
// found"; one without the other, or a malformed value, is "invalid".
func checkCredentials(source, idName, secretName, tokenName string, c signer.Credentials) error {
	switch {
	case c.AccessKeyID == "" && c.SecretAccessKey == "":
		return notFound(source + " (empty)")
	case c.AccessKeyID == "":
		return invalidf("%s: %s is empty but %s is set", source, idName, secretName)
	case c.SecretAccessKey == "":
		return invalidf("%s: %s is set but %s is empty", source, idName, secretName)
	}
	for _, part := range []struct{ name, value string }{
		{idName, c.AccessKeyID}, {secretName, c.SecretAccessKey}, {tokenName, c.SessionToken},
	} {
		if p := valueProblem(part.value); p != "" {
			return invalidf("%s: %s: %s", source, part.name, p)
		}
	}
	return nil
}

// checkReturned validates what a provider returned without an error.
func checkReturned(c signer.Credentials) error {
	switch {
	case c.AccessKeyID == "" && c.SecretAccessKey == "":
		return invalidf("provider returned empty credentials without an error")
	case c.AccessKeyID == "":
		return invalidf("provider returned an empty access key id")
	case c.SecretAccessKey == "":
		return invalidf("provider returned an empty secret access key")
	}
	return nil
}
