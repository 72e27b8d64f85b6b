package credentials

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Cache and ChainProvider hold providers in unexported fields, which fmt
// would print field by field, bypassing the redaction of signer.Credentials
// (fmt calls the methods of exported fields only). So both print a summary
// that names the types of their providers and holds no credential.

// String describes the cache: its provider and whether it holds credentials,
// never the credentials.
func (c *Cache) String() string {
	c.mu.Lock()
	valid, exp := c.valid, c.cur.Expires
	c.mu.Unlock()
	expires := "never"
	if !exp.IsZero() {
		expires = exp.UTC().Format(time.RFC3339)
	}
	if !valid {
		expires = "-"
	}
	return fmt.Sprintf("credentials.Cache{Provider: %s, Cached: %t, Expires: %s}", describe(c.provider), valid, expires)
}

// GoString makes %#v print the same as String.
func (c *Cache) GoString() string { return c.String() }

// Format makes every verb print the same as String.
func (c *Cache) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue implements slog.LogValuer with the same summary as String.
func (c *Cache) LogValue() slog.Value { return slog.StringValue(c.String()) }

// String names the chain's providers in order, never their credentials.
func (c *ChainProvider) String() string {
	names := make([]string, len(c.providers))
	for i, p := range c.providers {
		names[i] = describe(p)
	}
	return "credentials.Chain(" + strings.Join(names, ", ") + ")"
}

// GoString makes %#v print the same as String.
func (c *ChainProvider) GoString() string { return c.String() }

// Format makes every verb print the same as String.
func (c *ChainProvider) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue implements slog.LogValuer with the same summary as String.
func (c *ChainProvider) LogValue() slog.Value { return slog.StringValue(c.String()) }

// describe names a provider without printing its fields, which may hold
// secrets (a user's provider type could keep keys in unexported fields).
func describe(p Provider) string {
	switch p := p.(type) {
	case *Cache:
		return p.String()
	case *ChainProvider:
		return p.String()
	case EnvProvider:
		return "credentials.EnvProvider{" + strings.Join(p.AccessKeyIDVars, "|") + "}"
	case *fileProvider:
		return "credentials.File(" + p.display + ")"
	default:
		return fmt.Sprintf("%T", p)
	}
}
