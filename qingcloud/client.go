package qingcloud

import (
	"context"
	"net/http"
	"net/url"

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
const Provider = "qingcloud"

// DefaultEndpoint is QingCloud's one global API endpoint; the zone is a
// parameter of every call.
const DefaultEndpoint = "https://api.qingcloud.com/iaas/"

// Config says which account and zone a Client works with.
type Config struct {
	// Credentials supplies the access key pair. Required; see package
	// credentials (credentials.QingCloudDefault reads the environment and
	// ~/.qingcloud/config.yaml).
	Credentials multicloud.CredentialsProvider
	// Zone is sent with every call, such as "pek3a" or "sh1a". Required.
	Zone string
	// Endpoint replaces DefaultEndpoint, for example with a cloudtest
	// server. WithEndpoint does the same. Its path ("/iaas/") is kept and
	// signed as given.
	Endpoint string
}

// Client calls any QingCloud IaaS action. It is safe for concurrent use.
type Client struct {
	core   *multicloud.Client
	config *Config // behind a pointer: see format.go
}

// New returns a Client for cfg. The options are the core client's; unless
// one replaces it, the rate limiter is ratelimit.QingCloudDefault(): 2000
// requests per hour for the account.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	switch {
	case cfg.Credentials == nil:
		return nil, configError("Config.Credentials is nil")
	case cfg.Zone == "":
		return nil, configError("Config.Zone is empty: every QingCloud call names a zone, such as pek3a")
	}
	core, err := provider.NewCore(Provider, ratelimit.QingCloudDefault(), cfg.Endpoint, opts)
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

// Request is one QingCloud IaaS call in wire terms.
type Request struct {
	// Action is the API's name, such as "DescribeInstances". Required. It
	// also decides retry safety: QingCloud mutates with GET, so only
	// Describe*, List*, Get* and Query* actions are retried after a failure
	// that may have reached the server.
	Action string
	// Zone overrides Config.Zone for this call.
	Zone string
	// Params are the action's parameters: a struct with json tags or a map,
	// sent in the query; lists as name.1, name.2, objects in lists as
	// name.1.field; booleans as 1 and 0.
	Params any

	// CallExtras name the secrets the parameters carry, the idempotency
	// token and the call's own options; they reach the core unchanged.
	multicloud.CallExtras
}

// Call sends req and decodes the whole response body into out (a pointer,
// or nil to discard it): QingCloud answers with the action's fields at the
// top level, such as instance_set and total_count. Failures, which QingCloud
// reports with HTTP 200 and a non-zero ret_code, are *errors.Error; transport
// failures are *multicloud.TransportError.
func (c *Client) Call(ctx context.Context, req *Request, out any) error {
	_, err := c.CallWithMetadata(ctx, req, out)
	return err
}

// expiredTimeStamp is the ret_code of a request refused for its time_stamp.
const expiredTimeStamp = "1300"

func (c *Client) build(req *Request) (*multicloud.Request, error) {
	if c == nil || c.core == nil || c.config == nil {
		return nil, provider.NotCreated(Provider)
	}
	if req == nil {
		return nil, configError("nil *Request")
	}
	if !ident.Valid(req.Action) {
		return nil, &mcerrors.Error{Provider: Provider, Service: "iaas", Action: req.Action,
			Kind: mcerrors.KindInvalidArgument, Message: "Action must be an API name such as \"DescribeInstances\""}
	}
	zone := req.Zone
	if zone == "" {
		zone = c.config.Zone
	}
	pairs, err := params.Flatten(nil, req.Params, params.Options{BoolAsInt: true})
	if err != nil {
		return nil, &mcerrors.Error{Provider: Provider, Service: "iaas", Action: req.Action,
			Kind: mcerrors.KindInvalidArgument, Message: err.Error()}
	}
	// The call's own fields win over a stray "action", "zone" or "version"
	// among the parameters.
	kept := pairs[:0]
	for _, p := range pairs {
		if p.Key != "action" && p.Key != "zone" && p.Key != "version" {
			kept = append(kept, p)
		}
	}
	pairs = append(kept,
		percent.Pair{Key: "action", Value: req.Action},
		percent.Pair{Key: "version", Value: "1"},
		percent.Pair{Key: "zone", Value: zone},
	)
	percent.SortByKey(pairs)

	base := c.core.Endpoint()
	if base == nil {
		base, _ = url.Parse(DefaultEndpoint)
	}
	u := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path, RawPath: base.RawPath,
		RawQuery: string(percent.AppendQuery(nil, pairs))}
	if u.Path == "" {
		u.Path = "/"
	}
	return &multicloud.Request{
		Provider: Provider, Service: "iaas", Action: req.Action,
		Method: http.MethodGet, URL: u,
		Signer:      signer.QingCloud{},
		Credentials: c.config.Credentials,
		DecodeError: DecodeError,
		ReadOnly:    multicloud.IsReadOnlyAction(req.Action),
		RetrySigned: func(e *mcerrors.Error) bool { return e.Code == expiredTimeStamp },
		LimitKey:    Provider,
		CallExtras:  req.CallExtras,
	}, nil
}

func configError(msg string) error { return provider.ConfigError(Provider, msg) }
