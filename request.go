package multicloud

import (
	"io"
	"net/http"
	"net/url"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// Request is one API call as a provider package hands it to Client.Do: the
// wire form of the call plus what the core needs to sign it, decode its
// errors, limit it and decide whether it may be retried.
type Request struct {
	// Provider, Service and Action name the call in errors and logs:
	// "qingcloud", "iaas", "DescribeInstances".
	Provider, Service, Action string

	// Method is the HTTP method; empty means GET.
	Method string
	// URL is the full request URL. The core copies it for every attempt; the
	// signer may rewrite the copy's query into canonical form.
	URL *url.URL
	// Header holds the caller's headers; the core adds User-Agent and the
	// signer its own headers to a copy for every attempt.
	Header http.Header
	// Body is the exact payload (nil for none). It is sent and signed as is.
	Body []byte
	// Stream, when set, streams the body and/or the response instead of
	// holding them in memory; see Stream.
	Stream *Stream

	// Signer signs every attempt afresh (new time, new nonce).
	Signer signer.Signer
	// Credentials supplies the keys for every attempt.
	Credentials CredentialsProvider
	// DecodeError turns a response into the provider's error, or nil when
	// the response is a success. The core fills in Service, Action and
	// Attempts.
	DecodeError func(statusCode int, header http.Header, body []byte) *mcerrors.Error

	// ReadOnly marks a call with no side effects (Describe*, List*, Get*,
	// Query*): it may be retried after any transient failure. A mutating
	// call is retried only when the server said it did not process it
	// (throttled), when it failed before it was written, or when it carries
	// an IdempotencyToken. See IsReadOnlyAction.
	ReadOnly bool
	// Idempotent marks a mutation that leaves the same state however many
	// times it is applied (an object storage PUT or DELETE of one key): it
	// may be retried after any transient failure, like a read, but it is
	// still a mutation, so a failure that may have been processed says so
	// (errors.Error.MayHaveSucceeded) and Observers see ReadOnly false.
	Idempotent bool
	// RetrySigned, when set, reports whether an error means the request was
	// refused for its signing time (QingCloud's expired time stamp). Such a
	// request is retried once, signed afresh, whatever ReadOnly says: the
	// server did not process it.
	RetrySigned func(*mcerrors.Error) bool
	// LimitKey selects the rate-limit bucket when the client's limiter is
	// keyed (see ratelimit.Keyed): a service line or an action. The core
	// adds the account, so the limiter is asked for LimitKey + "@" + the
	// first 16 hex digits of the SHA-256 of the access key id.
	LimitKey string

	// CallExtras carry the call's secrets, idempotency token and per-call
	// options.
	CallExtras
}

// Response is a successful answer: the status, headers and the whole body,
// read under the client's size limit.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	// Stream is the unread body of a successful response to a request
	// whose Stream asked for it (Body is then nil); the caller closes it.
	Stream io.ReadCloser
	// Attempts is how many times the request was sent.
	Attempts int

	scrub *scrubber // the secrets of the attempt that succeeded
}

// Scrub returns text with every value the successful attempt sent as a
// secret (keys, session token, signature, Request.Secrets) replaced by
// REDACTED, in every form the core recognises (raw, percent-, JSON- and
// base64-encoded). Provider packages pass the text of an error they build
// from a success body through it, as the core does for every error it
// builds itself.
func (r *Response) Scrub(text string) string {
	if r == nil {
		return text
	}
	return r.scrub.String(text)
}

// readOnlyPrefixes are the action-name prefixes of calls without side
// effects, on all three clouds.
var readOnlyPrefixes = [...]string{"Describe", "List", "Get", "Query"}

// IsReadOnlyAction reports whether an action name marks a call without side
// effects (Describe*, List*, Get*, Query*). QingCloud mutates with GET, so the
// HTTP method says nothing about safety; the action name does. Lower-camel
// names (JD Cloud's "describeInstances") are recognised too.
func IsReadOnlyAction(action string) bool {
	for _, p := range readOnlyPrefixes {
		if len(action) > len(p) && strings.EqualFold(action[:len(p)], p) {
			c := action[len(p)]
			if 'A' <= c && c <= 'Z' || c == '_' {
				return true
			}
		}
	}
	return false
}

// CallExtras are the facts about one call that a provider's Request passes
// to the core unchanged: which values must be scrubbed, whether repeating a
// mutation is safe, and the call's own options. The typed service packages
// fill them in; a hand-written generic call may too.
type CallExtras struct {
	// Secrets are the values this request sends that must never appear in
	// an error or a log line, besides the credentials and the signature,
	// which the core knows itself: passwords, private keys, user data that
	// the service description marks secret. A server that echoes one has it
	// scrubbed from the error text and the logs, and no hash of a body that
	// carries one is logged.
	Secrets []string
	// IdempotencyToken is the provider's idempotency token this mutation
	// carries (Volcengine ClientToken, JD Cloud clientToken), "" for none.
	// The server applies a mutation at most once per token, so the core may
	// send it again, with the same token, after a failure that may have been
	// processed.
	IdempotencyToken string
	// CallerToken reports that the caller chose IdempotencyToken, rather
	// than the SDK filling it in. Calling again with the same input is then
	// safe too, so an error that may have been processed stays Retryable.
	CallerToken bool
	// Options are this call's own settings, applied over the client's.
	Options []CallOption
}
