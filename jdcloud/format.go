package jdcloud

import (
	"encoding/xml"
	"fmt"
	"log/slog"

	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/internal/redact"
)

// A Client, a Config and a Request can hold secrets: the credentials
// provider (which may keep a key pair in plain fields) and, in a Request's
// Params and Secrets, passwords. So each prints a summary that holds none,
// under fmt, slog, JSON and XML alike, and refuses gob (a Client has no
// exported field, which gob refuses by itself); package redact says why
// each method is there. The Client's methods take a value, so that a Client
// value, not only a pointer, prints its summary; fmt prints a nil *Client
// as <nil>. A Client keeps its Config behind a pointer,
// which fmt does not follow below the top level, so a typed service client,
// which holds a *Client, prints no secret either.

// String describes the client without its credentials: the region, the
// endpoint and the type of the credentials provider.
func (c Client) String() string {
	var cfg Config
	if c.config != nil {
		cfg = *c.config
	}
	return provider.Describe(Provider, "Region", cfg.Region, cfg.Endpoint, c.core, cfg.Credentials)
}

// GoString makes %#v print the same as String.
func (c Client) GoString() string { return c.String() }

// Format makes every verb print the same as String.
func (c Client) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.String()) }

// LogValue implements slog.LogValuer with the same summary as String. It
// takes a pointer so that logging a nil *Client does not panic; a Client
// value is logged through Format and MarshalJSON instead.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return redact.LogValue("jdcloud.Client(nil)")
	}
	return redact.LogValue(c.String())
}

// MarshalJSON writes the summary of String as a JSON string.
func (c Client) MarshalJSON() ([]byte, error) { return redact.JSON(c.String()) }

// MarshalXML writes the summary of String as character data.
func (c Client) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return redact.XML(e, start, c.String())
}

// String describes the configuration without its credentials: the region,
// the endpoint and the type of the credentials provider.
func (c Config) String() string {
	return provider.DescribeConfig(Provider, "Region", c.Region, c.Endpoint, c.Credentials)
}

// GoString makes %#v print the same as String.
func (c Config) GoString() string { return c.String() }

// Format makes every verb print the same as String.
func (c Config) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.String()) }

// LogValue implements slog.LogValuer with the same summary as String.
func (c Config) LogValue() slog.Value { return redact.LogValue(c.String()) }

// MarshalJSON writes the summary of String as a JSON string.
func (c Config) MarshalJSON() ([]byte, error) { return redact.JSON(c.String()) }

// MarshalXML writes the summary of String as character data.
func (c Config) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return redact.XML(e, start, c.String())
}

// GobEncode refuses: a Config holds credentials.
func (c Config) GobEncode() ([]byte, error) { return redact.Gob("jdcloud.Config") }

// String describes the request without the values of its parameters, which
// may hold passwords: the call, the type of Params and the call extras.
func (r Request) String() string {
	return fmt.Sprintf("jdcloud.Request{Service: %q, Version: %q, Method: %q, Path: %q, PathParams: %q, Action: %q, Params: %s, CallExtras: %s}",
		r.Service, r.Version, r.Method, r.Path, r.PathParams, r.Action, provider.DescribeParams(r.Params), r.CallExtras.String())
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

// GobEncode refuses: a Request may hold passwords.
func (r Request) GobEncode() ([]byte, error) { return redact.Gob("jdcloud.Request") }
