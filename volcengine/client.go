package volcengine

import (
	"context"
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
const Provider = "volcengine"

// DefaultEndpoint is the universal endpoint the official Go SDK uses for
// every service outside its "bootstrap" regions. The signing region comes
// from Config.Region whatever the host.
const DefaultEndpoint = "https://open.volcengineapi.com"

// Config says which account and region a Client works with.
type Config struct {
	// Credentials supplies the access key pair and, for temporary
	// credentials, the session token. Required; see package credentials
	// (credentials.VolcengineDefault reads VOLCSTACK_* and the shared files).
	Credentials multicloud.CredentialsProvider
	// Region is the signing region, such as "cn-beijing". Required.
	Region string
	// Endpoint replaces DefaultEndpoint, for example with
	// "https://ecs.cn-beijing.volcengineapi.com" or a cloudtest server.
	// WithEndpoint does the same.
	Endpoint string
}

// Client calls any Volcengine OpenAPI action. It is safe for concurrent use.
type Client struct {
	core   *multicloud.Client
	config *Config // behind a pointer: see format.go
}

// New returns a Client for cfg. The options are the core client's; unless
// one replaces it, the rate limiter is ratelimit.VolcengineDefault(): 4
// requests per second, burst 10, per action.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	switch {
	case cfg.Credentials == nil:
		return nil, configError("Config.Credentials is nil")
	case cfg.Region == "":
		return nil, configError("Config.Region is empty: Volcengine signs every request for a region, such as cn-beijing")
	}
	core, err := provider.NewCore(Provider, ratelimit.VolcengineDefault(), cfg.Endpoint, opts)
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

// Body encodings of POST actions.
const (
	// ContentJSON sends parameters as a JSON body (billing and most newer
	// APIs).
	ContentJSON = "application/json; charset=utf-8"
	// ContentForm sends parameters as a form body.
	ContentForm = "application/x-www-form-urlencoded; charset=utf-8"
)

// Request is one Volcengine OpenAPI call in wire terms.
type Request struct {
	// Service is the signing service, such as "ecs", "vpc" or "billing".
	Service string
	// Version is the API version, such as "2020-04-01". Required.
	Version string
	// Action is the API's name, such as "DescribeInstances". Required.
	Action string
	// Method is GET (the default) or POST.
	Method string
	// ContentType is the body encoding of a POST: ContentJSON (the default)
	// or ContentForm.
	ContentType string
	// Params are the action's parameters: a struct with json tags or a map.
	// GET sends them in the query, lists numbered Name.1, Name.2; POST sends
	// them in the body. Action and Version always go in the query.
	Params any

	// CallExtras name the secrets the parameters carry, the idempotency
	// token and the call's own options; they reach the core unchanged.
	multicloud.CallExtras
}

// Call sends req and decodes the response's "Result" member into out (a
// pointer, or nil to discard it). Failures are *errors.Error, including an
// error inside an HTTP 200, or *multicloud.TransportError.
func (c *Client) Call(ctx context.Context, req *Request, out any) error {
	_, err := c.CallWithMetadata(ctx, req, out)
	return err
}

func (c *Client) build(req *Request) (*multicloud.Request, error) {
	if c == nil || c.core == nil || c.config == nil {
		return nil, provider.NotCreated(Provider)
	}
	if req == nil {
		return nil, configError("nil *Request")
	}
	invalid := func(msg string) error {
		return &mcerrors.Error{Provider: Provider, Service: req.Service, Action: req.Action, Kind: mcerrors.KindInvalidArgument, Message: msg}
	}
	switch {
	case !ident.Valid(req.Service):
		return nil, invalid("Service must be a service name such as \"ecs\"")
	case !ident.Valid(req.Action):
		return nil, invalid("Action must be an API name such as \"DescribeInstances\"")
	case !ident.Valid(req.Version):
		return nil, invalid("Version must be an API version such as \"2020-04-01\"")
	}
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = http.MethodGet
	}
	base := c.core.Endpoint()
	if base == nil {
		base, _ = url.Parse(DefaultEndpoint)
	}
	u := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path, RawPath: base.RawPath}
	if u.Path == "" {
		u.Path = "/"
	}

	pairs := []percent.Pair{{Key: "Action", Value: req.Action}, {Key: "Version", Value: req.Version}}
	r := &multicloud.Request{
		Provider: Provider, Service: req.Service, Action: req.Action,
		Method: method, URL: u,
		Signer:      signer.Volcengine{Service: req.Service, Region: c.config.Region},
		Credentials: c.config.Credentials,
		DecodeError: DecodeError,
		ReadOnly:    multicloud.IsReadOnlyAction(req.Action),
		LimitKey:    Provider + "/" + req.Service + "/" + req.Action,
		CallExtras:  req.CallExtras,
	}
	switch {
	case method == http.MethodGet:
		var err error
		if pairs, err = params.Flatten(pairs, req.Params, params.Options{}); err != nil {
			return nil, invalid(err.Error())
		}
	case req.ContentType == "" || req.ContentType == ContentJSON:
		body, err := params.JSONBody(req.Params)
		if err != nil {
			return nil, invalid(err.Error())
		}
		r.Body = body
		r.Header = http.Header{"Content-Type": {ContentJSON}}
	case req.ContentType == ContentForm:
		form, err := params.Flatten(nil, req.Params, params.Options{})
		if err != nil {
			return nil, invalid(err.Error())
		}
		r.Body = percent.AppendQuery(nil, form)
		r.Header = http.Header{"Content-Type": {ContentForm}}
	default:
		return nil, invalid("ContentType must be ContentJSON or ContentForm")
	}
	percent.SortByKey(pairs)
	u.RawQuery = string(percent.AppendQuery(nil, pairs))
	return r, nil
}

func configError(msg string) error { return provider.ConfigError(Provider, msg) }
