package cloudtest

import (
	"encoding/xml"
	"fmt"
	"log/slog"

	"github.com/multicloud-go/multicloud/signer"
)

// fmt prints the fields of values it reaches through unexported fields
// without calling their methods, so the redaction of signer.Credentials does
// not apply to a key pair held in a Server or in the provider that
// CredentialsProvider returns. Both print a summary instead.

// String describes the server: its provider and endpoint, never its keys.
func (s *Server) String() string {
	return fmt.Sprintf("cloudtest.Server{Provider: %q, URL: %q}", s.prov.name(), s.URL)
}

// GoString makes %#v print the same as String.
func (s *Server) GoString() string { return s.String() }

// Format makes every verb print the same as String.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(s.String())) }

// LogValue implements slog.LogValuer with the same summary as String.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }

// String prints the key pair redacted, as signer.Credentials does.
func (c staticCredentials) String() string { return signer.Credentials(c).String() }

// GoString prints the key pair redacted, as signer.Credentials does.
func (c staticCredentials) GoString() string { return signer.Credentials(c).GoString() }

// Format prints the key pair redacted with every verb, as signer.Credentials
// does.
func (c staticCredentials) Format(f fmt.State, verb rune) { signer.Credentials(c).Format(f, verb) }

// LogValue implements slog.LogValuer with the secret and token redacted.
func (c staticCredentials) LogValue() slog.Value { return signer.Credentials(c).LogValue() }

// MarshalJSON writes the key pair redacted, as signer.Credentials does.
func (c staticCredentials) MarshalJSON() ([]byte, error) { return signer.Credentials(c).MarshalJSON() }

// MarshalXML writes the key pair redacted, as signer.Credentials does.
func (c staticCredentials) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return signer.Credentials(c).MarshalXML(e, start)
}

// GobEncode refuses, as signer.Credentials does.
func (c staticCredentials) GobEncode() ([]byte, error) { return signer.Credentials(c).GobEncode() }
