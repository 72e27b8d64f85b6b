// Package signer authenticates HTTP requests for JD Cloud, Volcengine and
// QingCloud.
//
// Each provider has one signer type, a plain value that is safe for
// concurrent use:
//
//   - JDCloud signs with JDCLOUD2-HMAC-SHA256 in the Authorization header.
//   - Volcengine signs with HMAC-SHA256 and a credential scope in the
//     Authorization header.
//   - QingCloud signs with HmacSHA256 in the query string.
//
// All three reproduce, byte for byte, the signatures of the providers'
// official SDKs (see testdata/vectors). Every canonical form uses one strict
// RFC 3986 percent-encoder: the unreserved bytes A-Z a-z 0-9 - _ . ~ stay as
// they are and everything else becomes upper-case %XX, so a space is %20.
//
// A signer rewrites the request's query into the canonical form it signed, so
// what is sent is exactly what was signed. Signing the same request again (for
// a retry) replaces the previous signature.
package signer

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Credentials are the keys a request is signed with. Their String,
// GoString, Format, LogValue, MarshalJSON and MarshalXML methods never
// reveal the secret or the session token, and GobEncode refuses them (see
// redact.go), so a Credentials value is safe to print, log or marshal by
// accident.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	// SessionToken is set for temporary credentials and empty otherwise.
	SessionToken string
}

// String returns the access key id with the secret and token redacted.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{AccessKeyID: %q, SecretAccessKey: %s, SessionToken: %s}",
		c.AccessKeyID, redacted(c.SecretAccessKey), redacted(c.SessionToken))
}

// GoString makes %#v print the same redacted form as String.
func (c Credentials) GoString() string { return "signer." + c.String() }

// Format makes every verb (%v, %+v, %s, %q, ...) print the redacted form.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(c.GoString()))
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// LogValue implements slog.LogValuer with the secret and token redacted.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_key_id", c.AccessKeyID),
		slog.String("secret_access_key", redacted(c.SecretAccessKey)),
		slog.String("session_token", redacted(c.SessionToken)),
	)
}

func redacted(secret string) string {
	if secret == "" {
		return `""`
	}
	return "REDACTED"
}

// A Signer authenticates one HTTP request in place. body is the exact payload
// that will be sent (nil if none); t is the signing time. Implementations are
// plain values, safe for concurrent use.
type Signer interface {
	Sign(r *http.Request, body []byte, c Credentials, t time.Time) error
}

var (
	// ErrMissingCredentials is wrapped by the error a signer returns when the
	// access key id or the secret access key is empty.
	ErrMissingCredentials = errors.New("signer: missing credentials")

	// ErrInvalidRequest is wrapped by the error a signer returns for a request
	// it cannot sign: a nil request or URL, malformed percent-encoding in the
	// URL, or a signer value without the service or region it needs.
	ErrInvalidRequest = errors.New("signer: invalid request")
)

// checkInput validates what every signer needs. Error texts name the missing
// piece, never a value: the values are secrets.
func checkInput(r *http.Request, c Credentials) error {
	if r == nil {
		return fmt.Errorf("%w: nil *http.Request", ErrInvalidRequest)
	}
	if r.URL == nil {
		return fmt.Errorf("%w: request has a nil URL", ErrInvalidRequest)
	}
	switch {
	case c.AccessKeyID == "" && c.SecretAccessKey == "":
		return fmt.Errorf("%w: access key id and secret access key are empty", ErrMissingCredentials)
	case c.AccessKeyID == "":
		return fmt.Errorf("%w: access key id is empty", ErrMissingCredentials)
	case c.SecretAccessKey == "":
		return fmt.Errorf("%w: secret access key is empty", ErrMissingCredentials)
	}
	return nil
}

// Compile-time checks that every provider signer satisfies Signer.
var (
	_ Signer = JDCloud{}
	_ Signer = Volcengine{}
	_ Signer = QingCloud{}
)
