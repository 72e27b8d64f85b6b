// Package provider holds what the three provider packages do alike when
// they build their core client.
package provider

import (
	"errors"
	"fmt"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
)

// NewCore builds a provider's core client: the provider's default limiter
// and its Config.Endpoint come first, so that the caller's options override
// them. A refused option comes back as an error naming the provider.
func NewCore(name string, defaultLimiter ratelimit.Limiter, endpoint string, opts []multicloud.Option) (*multicloud.Client, error) {
	all := make([]multicloud.Option, 0, len(opts)+2)
	all = append(all, multicloud.WithRateLimiter(defaultLimiter))
	if endpoint != "" {
		all = append(all, multicloud.WithEndpoint(endpoint))
	}
	core, err := multicloud.New(append(all, opts...)...)
	if err != nil {
		var e *mcerrors.Error
		if errors.As(err, &e) {
			e.Provider = name
		}
		return nil, err
	}
	return core, nil
}

// ConfigError is the error for a Config or call the provider refuses before
// sending anything.
func ConfigError(name, msg string) error {
	return &mcerrors.Error{Provider: name, Kind: mcerrors.KindInvalidArgument, Message: msg}
}

// Describe is a provider Client's String: its place (region or zone), the
// endpoint in use and the type of its credentials provider, never the
// credentials. core may be nil (a zero Client).
func Describe(name, placeKey, place, configEndpoint string, core *multicloud.Client, creds any) string {
	if core == nil {
		return name + ".Client{not created with New}"
	}
	endpoint := configEndpoint
	if core != nil {
		if u := core.Endpoint(); u != nil {
			endpoint = u.String()
		}
	}
	return fmt.Sprintf("%s.Client{%s: %q, Endpoint: %q, Credentials: %T}", name, placeKey, place, endpoint, creds)
}

// DescribeConfig is a provider Config's String: its place, endpoint and the
// type of its credentials provider, never the credentials (a caller's own
// provider type may print its keys).
func DescribeConfig(name, placeKey, place, endpoint string, creds any) string {
	return fmt.Sprintf("%s.Config{%s: %q, Endpoint: %q, Credentials: %T}", name, placeKey, place, endpoint, creds)
}

// DescribeParams names the type of a request's parameters, never their
// values, which may hold passwords the caller did not list as secrets.
func DescribeParams(params any) string {
	if params == nil {
		return "nil"
	}
	return fmt.Sprintf("%T", params)
}

// NotCreated is the error of a method called on a Client that New did not
// make: a zero Client{} or a nil *Client.
func NotCreated(name string) error {
	return ConfigError(name, name+".Client was not created with "+name+".New")
}
