package jdcloud

import (
	"fmt"
	"log/slog"

	"github.com/multicloud-go/multicloud/internal/provider"
)

// A Client holds its Config, and so the credentials provider, which may hold
// a key pair in plain fields. fmt prints what it reaches through unexported
// fields without calling methods, bypassing the redaction of
// signer.Credentials, so a Client prints a summary instead, and keeps its
// Config behind a pointer, which fmt does not follow below the top level
// (so a typed service client, which holds a *Client, prints no secret
// either, whatever the verb).

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
func (c Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue implements slog.LogValuer with the same summary as String.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
