package multicloud

import (
	"encoding/xml"
	"fmt"
	"log/slog"

	"github.com/multicloud-go/multicloud/internal/redact"
)

// A Request and its CallExtras hold secrets: a body, a query or Secrets with
// passwords, and a credentials provider. Each prints a summary that holds
// none under fmt, slog, JSON and XML alike, and refuses gob; package
// internal/redact says why each method is there. CallExtras is embedded in
// the provider packages' Request types, which define the same methods, so
// that its summary does not stand in for theirs.

// String describes the extras without the secrets: how many there are, the
// idempotency token (not a secret: it only names an attempt) and how many
// per-call options.
func (x CallExtras) String() string {
	return fmt.Sprintf("{Secrets: %d %s, IdempotencyToken: %q, CallerToken: %t, Options: %d}",
		len(x.Secrets), redact.Placeholder, x.IdempotencyToken, x.CallerToken, len(x.Options))
}

// GoString makes %#v print the same as String.
func (x CallExtras) GoString() string { return "multicloud.CallExtras" + x.String() }

// Format makes every verb print the same as String.
func (x CallExtras) Format(f fmt.State, verb rune) { redact.Format(f, verb, x.String()) }

// LogValue implements slog.LogValuer with the same summary as String.
func (x CallExtras) LogValue() slog.Value { return redact.LogValue(x.String()) }

// MarshalJSON writes the summary of String as a JSON string.
func (x CallExtras) MarshalJSON() ([]byte, error) { return redact.JSON(x.String()) }

// MarshalXML writes the summary of String as character data.
func (x CallExtras) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return redact.XML(e, start, x.String())
}

// GobEncode refuses: CallExtras hold secrets.
func (x CallExtras) GobEncode() ([]byte, error) { return redact.Gob("multicloud.CallExtras") }

// String describes the request without its secrets: the call, the URL
// without its query (which may carry a password), the size of the body and
// the type of the credentials provider.
func (r Request) String() string {
	u := ""
	if r.URL != nil {
		c := *r.URL
		c.User, c.RawQuery, c.ForceQuery, c.Fragment, c.RawFragment = nil, "", false, "", ""
		u = c.String()
		if r.URL.RawQuery != "" {
			u += "?" + redact.Placeholder
		}
	}
	return fmt.Sprintf("multicloud.Request{Provider: %q, Service: %q, Action: %q, Method: %q, URL: %q, Body: %d bytes, Credentials: %T, ReadOnly: %t, LimitKey: %q, CallExtras: %s}",
		r.Provider, r.Service, r.Action, r.Method, u, len(r.Body), r.Credentials, r.ReadOnly, r.LimitKey, r.CallExtras.String())
}

// GoString makes %#v print the same as String.
func (r Request) GoString() string { return r.String() }

// Format makes every verb print the same as String.
func (r Request) Format(f fmt.State, verb rune) { redact.Format(f, verb, r.String()) }

// LogValue implements slog.LogValuer with the same summary as String.
func (r Request) LogValue() slog.Value { return redact.LogValue(r.String()) }

// MarshalJSON writes the summary of String as a JSON string.
func (r Request) MarshalJSON() ([]byte, error) { return redact.JSON(r.String()) }

// MarshalXML writes the summary of String as character data.
func (r Request) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return redact.XML(e, start, r.String())
}

// GobEncode refuses: a Request may hold passwords and credentials.
func (r Request) GobEncode() ([]byte, error) { return redact.Gob("multicloud.Request") }
