package wire

import (
	"crypto/rand"
	"encoding/hex"
)

// extras are what an Encoder learns about a call besides its parameters:
// the values of the fields the description marks secret, and the
// idempotency token the call carries.
type extras struct {
	secrets     []string
	token       string
	callerToken bool
	// NewToken makes an idempotency token; nil means NewToken.
	newToken func() string
}

// Secrets returns the values of the secret fields written, in encoding
// order: what the core must scrub from error text and logs.
func (e *Encoder) Secrets() []string { return e.secrets }

// IdempotencyToken returns the token written by Token or RequiredToken and
// whether the caller chose it (false when the Encoder filled it in).
func (e *Encoder) IdempotencyToken() (token string, callerChose bool) {
	return e.token, e.callerToken
}

// SetTokenSource replaces the source of filled-in idempotency tokens, for
// tests; nil restores NewToken.
func (e *Encoder) SetTokenSource(f func() string) { e.newToken = f }

// SecretString writes an optional string that must never be logged, and
// records its value.
func (e *Encoder) SecretString(name string, v *string) {
	if v != nil && *v != "" {
		e.secrets = append(e.secrets, *v)
	}
	e.String(name, v)
}

// RequiredSecretString writes a required string that must never be logged,
// and records its value.
func (e *Encoder) RequiredSecretString(name, v string) {
	if v != "" {
		e.secrets = append(e.secrets, v)
	}
	e.RequiredString(name, v)
}

// SecretStrings writes a list of strings that must never be logged, and
// records their values.
func (e *Encoder) SecretStrings(name string, v []string) {
	for _, s := range v {
		if s != "" {
			e.secrets = append(e.secrets, s)
		}
	}
	e.Strings(name, v)
}

// Token writes the call's idempotency token: the caller's when v is set and
// not empty, else a fresh one. The caller's value is never written to; the
// fresh token lives only in the encoded parameters, which are built once
// per call, so the core's own retries send the same token.
func (e *Encoder) Token(name string, v *string) {
	if v != nil && *v != "" {
		e.token, e.callerToken = *v, true
	} else {
		e.token, e.callerToken = e.freshToken(), false
	}
	e.scalar(name, e.token, true)
}

// RequiredToken is Token for a token field typed as a required string: an
// empty one is filled in, never reported missing.
func (e *Encoder) RequiredToken(name, v string) {
	if v == "" {
		e.Token(name, nil)
		return
	}
	e.Token(name, &v)
}

func (e *Encoder) freshToken() string {
	if e.newToken != nil {
		return e.newToken()
	}
	return NewToken()
}

// NewToken returns a random token in the form of a version 4 UUID
// (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx) from crypto/rand: 36 characters of
// [0-9a-f-], which every provider's idempotency token accepts (Volcengine
// and JD Cloud take up to 64 ASCII characters).
func NewToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}
