package signer

import (
	"encoding/json"
	"encoding/xml"
	"errors"
)

// Credentials hold a secret, so every way Go renders a value renders them
// redacted: fmt and slog through String, GoString, Format and LogValue
// (signer.go), JSON and XML through the methods below, and gob refuses
// them. The access key id stays visible: it names the key, it does not
// unlock anything. These methods are called on a Credentials nested in
// another value too (an exported field, a map value, a slice element, a
// pointer), which is what keeps credentials.StaticProvider,
// credentials.Expiring and the provider Configs that hold them redacted.
//
// Redacted output does not round-trip: decoding it gives a secret of
// "REDACTED". Code that must store credentials writes the fields itself.

// redactedForm is what JSON and XML print: the field names of Credentials,
// the secret and token replaced.
type redactedForm struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

func (c Credentials) redactedForm() redactedForm {
	return redactedForm{AccessKeyID: c.AccessKeyID, SecretAccessKey: secretShown(c.SecretAccessKey), SessionToken: secretShown(c.SessionToken)}
}

// secretShown is "" for an empty secret and "REDACTED" otherwise.
func secretShown(s string) string {
	if s == "" {
		return ""
	}
	return "REDACTED"
}

// MarshalJSON writes the access key id with the secret and token redacted.
func (c Credentials) MarshalJSON() ([]byte, error) { return json.Marshal(c.redactedForm()) }

// MarshalXML writes the access key id with the secret and token redacted.
func (c Credentials) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return e.EncodeElement(c.redactedForm(), start)
}

// ErrNotSerializable is returned by GobEncode: gob moves values between
// programs, where credentials with a blanked secret would arrive broken
// rather than fail, so gob refuses them instead.
var ErrNotSerializable = errors.New("signer: Credentials are not gob-encoded: they hold a secret")

// GobEncode refuses: see ErrNotSerializable.
func (c Credentials) GobEncode() ([]byte, error) { return nil, ErrNotSerializable }
