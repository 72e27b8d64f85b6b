// Package errors defines the one error type that every provider failure
// becomes, its kinds and the sentinels that errors.Is matches against.
//
// Import it under an alias, for example mcerrors, so that it does not shadow
// the standard library's errors package:
//
//	import mcerrors "github.com/multicloud-go/multicloud/errors"
//
//	if errors.Is(err, mcerrors.ErrThrottled) { ... }
//	var e *mcerrors.Error
//	if errors.As(err, &e) { log.Println(e.Code, e.RequestID) }
//
// Each provider package (jdcloud, volcengine, qingcloud) has a DecodeError
// function that turns an HTTP answer into an *Error using that provider's
// documented code table; the core client adds the service, action and
// attempt count. The helpers here (KindForStatus, UnexpectedResponse,
// Excerpt, Redact, ParseRetryAfter) keep the rules those decoders share in
// one place. No text this package produces contains a credential: messages
// and excerpts pass through Redact.
//
// # Every failure has a kind
//
// KindOf gives a Kind for every failure the SDK returns, not only the
// providers' answers: credentials that are missing or invalid are
// KindUnauthenticated, a rate limiter or credentials source that failed in
// transit KindUnavailable, a waiter that gave up KindUnavailable (matching
// ErrWaitTimeout). Every Error() is one line. A call ended by the caller's
// own context matches context.Canceled or context.DeadlineExceeded instead.
//
// # Ambiguous mutations
//
// A mutation whose answer was lost (the connection broke after the request
// was written) or that failed on the server's side (5xx) may have been
// applied. Its error says so: Error.MayHaveSucceeded, or MayHaveSucceeded(err)
// for any error chain. Retryable, and IsRetryable(err), are then false
// unless the caller passed its own idempotency token or the mutation is
// idempotent by nature, such as an object PUT (Error.Idempotent):
// calling again could apply the mutation twice. Find out first (describe
// the resource), or pass a token:
//
//	if mcerrors.MayHaveSucceeded(err) { /* describe before creating again */ }
//	if mcerrors.IsRetryable(err) { /* safe to call again later */ }
//
// Within one call the client itself resends such a mutation only when it
// carries an idempotency token, the same one on every attempt.
package errors
