package jdcloud

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/ident"
	"github.com/multicloud-go/multicloud/internal/params"
	"github.com/multicloud-go/multicloud/internal/percent"
	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// Provider is the provider name in errors, logs and rate-limit keys.
const Provider = "jdcloud"

// Config says which account and region a Client works with.
type Config struct {
	// Credentials supplies the access key pair. Required; see package
	// credentials (credentials.JDCloudDefault reads the environment and the
	// JD Cloud CLI's configuration).
	Credentials multicloud.CredentialsProvider
	// Region fills the {regionId} of API paths that have one, such as
	// "cn-north-1", when the request does not set it.
	Region string
	// Endpoint replaces https://{service}.jdcloud-api.com, for example with a
	// VPC-internal endpoint or a cloudtest server. WithEndpoint does the same.
	Endpoint string
}

// Client calls any JD Cloud API. It is safe for concurrent use.
type Client struct {
	core   *multicloud.Client
	config *Config // behind a pointer: see format.go
}

// New returns a Client for cfg. The options are the core client's; unless
// one replaces it, the rate limiter is ratelimit.JDCloudDefault(): 1000
// requests per minute per service line.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	if cfg.Credentials == nil {
		return nil, provider.ConfigError(Provider, "Config.Credentials is nil")
	}
	core, err := provider.NewCore(Provider, ratelimit.JDCloudDefault(), cfg.Endpoint, opts)
	if err != nil {
		return nil, err
	}
	return &Client{core: core, config: &cfg}, nil
}

// Config returns the client's configuration; the zero Config for a Client
// that New did not make.
func (c *Client) Config() Config {
	if c == nil || c.config == nil {
		return Config{}
	}
	return *c.config
}

// Request is one JD Cloud API call in wire terms.
type Request struct {
	// Service is the service line: "vm", "vpc", "disk", "iam", ... It picks
	// the endpoint {service}.jdcloud-api.com and the signing scope.
	Service string
	// Version is the API version path segment; empty means "v1".
	Version string
	// Method is the HTTP method; empty means GET.
	Method string
	// Path is the API path template after the version, such as
	// "/regions/{regionId}/instances/{instanceId}:startInstance".
	Path string
	// PathParams fill the template's {name} placeholders. A missing
	// "regionId" is taken from Config.Region. Values are percent-encoded,
	// so a "/" in a value cannot change the path.
	PathParams map[string]string
	// Action is the API's name, such as "DescribeInstances", for errors,
	// logs and retry safety (see multicloud.IsReadOnlyAction).
	Action string
	// Params are the API's other parameters: a struct with json tags or a
	// map. GET, DELETE and HEAD send them in the query, flattened as
	// k.N, k.N.f and k.N.f.M; other methods send them as a JSON body with
	// null members left out.
	Params any

	// CallExtras name the secrets the parameters carry, the idempotency
	// token and the call's own options; they reach the core unchanged.
	multicloud.CallExtras
}

// resultEnvelope is JD Cloud's response body; Result is set to the caller's value
// so that the body is decoded once.
type resultEnvelope struct {
	RequestID string `json:"requestId"`
	Result    any    `json:"result"`
}

// Call sends req and decodes the response's "result" member into out (a
// pointer, or nil to discard it). Failures are *errors.Error or
// *multicloud.TransportError.
func (c *Client) Call(ctx context.Context, req *Request, out any) error {
	_, err := c.CallWithMetadata(ctx, req, out)
	return err
}

// build turns req into the core's request, refusing bad input before
// anything is sent.
func (c *Client) build(req *Request) (*multicloud.Request, error) {
	if c == nil || c.core == nil || c.config == nil {
		return nil, provider.NotCreated(Provider)
	}
	if req == nil {
		return nil, invalid(nil, "nil *Request")
	}
	if !ident.Valid(req.Service) {
		return nil, invalid(req, "Service must be a service name such as \"vm\"")
	}
	if !ident.Valid(req.Action) {
		return nil, invalid(req, "Action must be an API name such as \"DescribeInstances\"")
	}
	if !strings.HasPrefix(req.Path, "/") {
		return nil, invalid(req, "Path must start with /")
	}
	version := req.Version
	if version == "" {
		version = "v1"
	}
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}

	region := ""
	path, err := expandPath(req.Path, func(name string) (string, bool) {
		v, ok := req.PathParams[name]
		if !ok && name == "regionId" && c.config.Region != "" {
			v, ok = c.config.Region, true
		}
		if name == "regionId" {
			region = v
		}
		return v, ok && v != ""
	})
	if err != nil {
		return nil, invalid(req, err.Error())
	}

	base := c.core.Endpoint()
	if base == nil {
		base = &url.URL{Scheme: "https", Host: req.Service + ".jdcloud-api.com"}
	}
	raw := strings.TrimSuffix(base.EscapedPath(), "/") + "/" + version + path
	u := &url.URL{Scheme: base.Scheme, Host: base.Host}
	if err := setEscapedPath(u, raw); err != nil {
		return nil, invalid(req, "path does not form a valid URL")
	}

	r := &multicloud.Request{
		Provider: Provider, Service: req.Service, Action: req.Action,
		Method: method, URL: u,
		Header:      http.Header{"Content-Type": {"application/json"}},
		Signer:      signer.JDCloud{Service: req.Service, Region: region},
		Credentials: c.config.Credentials,
		DecodeError: DecodeError,
		ReadOnly:    multicloud.IsReadOnlyAction(req.Action),
		LimitKey:    Provider + "/" + req.Service,
		CallExtras:  req.CallExtras,
	}
	switch method {
	case http.MethodGet, http.MethodDelete, http.MethodHead:
		pairs, err := params.Flatten(nil, req.Params, params.Options{})
		if err != nil {
			return nil, invalid(req, err.Error())
		}
		pairs = dropPathParams(pairs, req.Path)
		u.RawQuery = string(percent.AppendQuery(nil, pairs))
	default:
		body, err := params.JSONBody(req.Params)
		if err != nil {
			return nil, invalid(req, err.Error())
		}
		r.Body = body
	}
	return r, nil
}

// expandPath replaces each {name} of a path template with the
// percent-encoded value lookup gives, and percent-encodes the template's own
// characters except '/': the ':' of a custom action becomes %3A, as JD
// Cloud's gateway expects.
func expandPath(template string, lookup func(string) (string, bool)) (string, error) {
	var b []byte
	for rest := template; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b = appendPathLiteral(b, rest)
			break
		}
		b = appendPathLiteral(b, rest[:open])
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return "", fmt.Errorf("path template has an unclosed {")
		}
		name := rest[open+1 : open+end]
		v, ok := lookup(name)
		if !ok {
			return "", fmt.Errorf("path parameter %q is missing", name)
		}
		b = percent.AppendEncode(b, v)
		rest = rest[open+end+1:]
	}
	return string(b), nil
}

func appendPathLiteral(b []byte, s string) []byte {
	for _, seg := range strings.SplitAfter(s, "/") {
		lit, slash := strings.CutSuffix(seg, "/")
		b = percent.AppendEncode(b, lit)
		if slash {
			b = append(b, '/')
		}
	}
	return b
}

// setEscapedPath sets u's path from its escaped form, so that the request
// goes out, and is signed, exactly as escaped.
func setEscapedPath(u *url.URL, escaped string) error {
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return err
	}
	u.Path, u.RawPath = p, escaped
	return nil
}

// dropPathParams removes parameters that a struct carries but the path
// already consumed.
func dropPathParams(pairs []percent.Pair, template string) []percent.Pair {
	kept := pairs[:0]
	for _, p := range pairs {
		if !strings.Contains(template, "{"+p.Key+"}") {
			kept = append(kept, p)
		}
	}
	return kept
}

func invalid(req *Request, msg string) error {
	e := &mcerrors.Error{Provider: Provider, Kind: mcerrors.KindInvalidArgument, Message: msg}
	if req != nil {
		e.Service, e.Action = req.Service, req.Action
	}
	return e
}

// decodeFailure is the error for a success response whose result does not
// decode into the caller's value.
func decodeFailure(req *Request, resp *multicloud.Response, err error) error {
	return &mcerrors.Error{
		Provider: Provider, Service: req.Service, Action: req.Action,
		Kind: mcerrors.KindInvalidResponse, StatusCode: resp.StatusCode, Attempts: resp.Attempts,
		Message: resp.Scrub("result does not decode: " + err.Error() + "; body: " + mcerrors.Excerpt(resp.Body)),
		// The server said yes: a mutation was applied, its result is lost.
		MayHaveSucceeded: !multicloud.IsReadOnlyAction(req.Action),
		RequestID:        requestIDOf(resp),
	}
}

func requestIDOf(resp *multicloud.Response) string {
	var env struct {
		RequestID string `json:"requestId"`
	}
	if json.Unmarshal(resp.Body, &env) == nil && env.RequestID != "" {
		return env.RequestID
	}
	return resp.Header.Get("X-Jdcloud-Request-Id")
}
