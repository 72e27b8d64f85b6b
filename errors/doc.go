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
package errors
