package objectstorage

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/percent"
	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// Style is how a request names its bucket.
type Style int

const (
	// VirtualHosted puts the bucket in the host name:
	// https://bucket.s3.cn-north-1.jdcloud-oss.com/key.
	VirtualHosted Style = iota
	// PathStyle puts the bucket first in the path:
	// https://s3.pek3b.qingstor.com/bucket/key. Local servers and the
	// cloudtest emulator use it.
	PathStyle
)

// Profile describes one provider's S3-compatible service. The provider
// packages (jdcloud/oss, volcengine/tos, qingcloud/qingstor) fill it in from
// their documentation; most programs never build one themselves.
type Profile struct {
	// Provider and Service name the service in errors and logs:
	// "jdcloud" and "oss".
	Provider, Service string
	// Region is the region of the signature's credential scope (QingStor
	// signs with its zone).
	Region string
	// Endpoint is the service's public endpoint for Region, such as
	// "https://s3.cn-north-1.jdcloud-oss.com".
	Endpoint string
	// Style is how the provider addresses buckets by default.
	Style Style
	// ValidBucket checks a bucket name against the provider's naming rule;
	// nil means ValidBucketName, the rule all three share.
	ValidBucket func(name string) error
	// ErrorKinds classifies the provider's own error codes, consulted
	// before the S3 codes all three share (see ErrorKind).
	ErrorKinds map[string]mcerrors.Kind
}

// Config says which account a Client works with and how it transfers.
type Config struct {
	// Credentials supplies the access key pair and, for temporary
	// credentials, the session token. Required.
	Credentials multicloud.CredentialsProvider
	// Endpoint replaces the profile's endpoint: an internal (VPC) endpoint,
	// a local S3-compatible server or a cloudtest emulator.
	// multicloud.WithEndpoint does the same.
	Endpoint string
	// PathStyle addresses buckets in the path instead of the host name,
	// for endpoints without per-bucket DNS names (local servers, emulators).
	PathStyle bool
	// PartSize is the default part size of Upload; 0 means DefaultPartSize.
	// It must be from MinPartSize to MaxPartSize.
	PartSize int64
	// Concurrency is how many parts Upload sends at once; 0 means
	// DefaultConcurrency.
	Concurrency int
	// Now is the clock presigned URLs are signed with; nil means the core
	// client's (multicloud.WithClock, else time.Now).
	Now func() time.Time
}

// Transfer limits, from the S3 API that all three providers follow.
const (
	// MinPartSize is the smallest part of a multipart upload but the last.
	MinPartSize = 5 << 20
	// MaxPartSize is the largest part of a multipart upload.
	MaxPartSize = 5 << 30
	// MaxParts is the most parts one multipart upload may have.
	MaxParts = 10000
	// MaxPutSize is the largest object PutObject sends in one request.
	MaxPutSize = 5 << 30
	// DefaultPartSize is Upload's part size unless configured otherwise.
	DefaultPartSize = 8 << 20
	// DefaultConcurrency is how many parts Upload sends at once by default.
	// Upload holds at most Concurrency+1 parts in memory.
	DefaultConcurrency = 4
	// maxDeleteBatch is the most keys one DeleteObjects request may carry.
	maxDeleteBatch = 1000
)

// Client is an object storage client for one provider, account and region.
// It is safe for concurrent use.
type Client struct {
	core        *multicloud.Client
	profile     Profile
	creds       multicloud.CredentialsProvider
	base        *url.URL
	style       Style
	signer      signer.S3
	partSize    int64
	concurrency int
	now         func() time.Time
}

// New returns a Client for the provider p describes. The options are the
// core client's (retry, logging, HTTP client, rate limiter...). Unless one
// replaces it, the rate limiter is adaptive (ratelimit.NewAdaptive): it
// does not limit until the service answers SlowDown, then finds the rate
// the service accepts.
func New(p Profile, cfg Config, opts ...multicloud.Option) (*Client, error) {
	if cfg.Credentials == nil {
		return nil, provider.ConfigError(p.Provider, "Config.Credentials is nil")
	}
	if p.Region == "" {
		return nil, provider.ConfigError(p.Provider, "no region (or zone) given")
	}
	partSize := cfg.PartSize
	if partSize == 0 {
		partSize = DefaultPartSize
	}
	if err := checkPartSize(p.Provider, partSize); err != nil {
		return nil, err
	}
	concurrency := cfg.Concurrency
	if concurrency == 0 {
		concurrency = DefaultConcurrency
	}
	if concurrency < 1 || concurrency > 64 {
		return nil, provider.ConfigError(p.Provider, "Config.Concurrency must be from 1 to 64")
	}
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = p.Endpoint
	}
	core, err := provider.NewCore(p.Provider, ratelimit.NewAdaptive(), endpoint, opts)
	if err != nil {
		return nil, err
	}
	base := core.Endpoint()
	if base == nil {
		return nil, provider.ConfigError(p.Provider, "no endpoint: set Config.Endpoint or a region with a known endpoint")
	}
	style := p.Style
	if cfg.PathStyle {
		style = PathStyle
	}
	now := cfg.Now
	if now == nil {
		now = core.Now
	}
	return &Client{
		core: core, profile: p, creds: cfg.Credentials, base: base, style: style,
		signer:   signer.S3{Region: p.Region},
		partSize: partSize, concurrency: concurrency, now: now,
	}, nil
}

// Profile returns the provider description the client was built with.
func (c *Client) Profile() Profile { return c.profile }

// String describes the client without its credentials.
func (c *Client) String() string {
	return fmt.Sprintf("objectstorage.Client{Provider: %q, Region: %q, Endpoint: %q}",
		c.profile.Provider, c.profile.Region, c.base.String())
}

// checkPartSize refuses a part size S3 does not accept.
func checkPartSize(prov string, size int64) error {
	if size < MinPartSize || size > MaxPartSize {
		return &mcerrors.Error{Provider: prov, Kind: mcerrors.KindInvalidArgument,
			Message: fmt.Sprintf("part size %d is outside %d to %d bytes", size, int64(MinPartSize), int64(MaxPartSize))}
	}
	return nil
}

// call is one S3 request in wire terms.
type call struct {
	action      string
	method      string
	bucket, key string
	query       []percent.Pair
	header      http.Header
	body        []byte
	stream      *multicloud.Stream
	// idempotent marks a call that may be sent again after any transient
	// failure: every S3 read, and the writes that name their result (PUT
	// and DELETE of one key or part). S3 reads are GET and HEAD and
	// nothing else is, so the method tells the core which of the two a
	// call is.
	idempotent  bool
	callOptions []multicloud.CallOption
}

// objectURL is the URL of a bucket (key "") or an object.
func (c *Client) objectURL(bucket, key string, query []percent.Pair) *url.URL {
	u := &url.URL{Scheme: c.base.Scheme, Host: c.base.Host}
	prefix := strings.TrimSuffix(c.base.EscapedPath(), "/")
	var escaped []byte
	escaped = append(escaped, prefix...)
	switch {
	case bucket == "":
	case c.style == VirtualHosted:
		u.Host = bucket + "." + c.base.Host
	default:
		escaped = append(escaped, '/')
		escaped = append(escaped, bucket...)
	}
	if key != "" {
		escaped = append(escaped, '/')
		escaped = appendKeyPath(escaped, key)
	}
	if len(escaped) == 0 {
		escaped = append(escaped, '/')
	}
	u.RawPath = string(escaped)
	u.Path, _ = url.PathUnescape(u.RawPath) // our own encoding: it always decodes
	if len(query) > 0 {
		u.RawQuery = string(percent.AppendQuery(nil, query))
	}
	return u
}

// appendKeyPath appends a key percent-encoded for a path: every byte but
// the RFC 3986 unreserved ones and '/' as upper-case %XX, so a space is %20,
// '+' is %2B and '%' is %25, exactly as the signature covers it.
func appendKeyPath(dst []byte, key string) []byte {
	for seg := range strings.SplitSeq(key, "/") {
		dst = percent.AppendEncode(dst, seg)
		dst = append(dst, '/')
	}
	return dst[:len(dst)-1]
}

// do sends one call through the core client.
func (c *Client) do(ctx context.Context, k *call) (*multicloud.Response, error) {
	header := k.header
	if header == nil {
		header = make(http.Header)
	}
	if k.stream != nil && k.stream.Open != nil || k.body != nil && header.Get("X-Amz-Content-Sha256") == "" && len(k.body) > 1<<20 {
		// Streamed or large bodies are covered by Content-MD5, not hashed twice.
		header.Set("X-Amz-Content-Sha256", signer.UnsignedPayload)
	}
	method := k.method
	if method == "" {
		method = http.MethodGet
	}
	readOnly := k.idempotent && (method == http.MethodGet || method == http.MethodHead)
	req := &multicloud.Request{
		Provider: c.profile.Provider, Service: c.profile.Service, Action: k.action,
		Method: method, URL: c.objectURL(k.bucket, k.key, k.query), Header: header,
		Body: k.body, Stream: k.stream,
		Signer: c.signer, Credentials: c.creds,
		DecodeError: c.decodeError,
		ReadOnly:    readOnly,
		Idempotent:  k.idempotent && !readOnly,
		LimitKey:    c.profile.Provider + "/" + c.profile.Service,
		CallExtras:  multicloud.CallExtras{Options: k.callOptions},
	}
	return c.core.Do(ctx, req)
}

// invalid is the error for bad input refused before anything is sent.
func (c *Client) invalid(action, msg string) error {
	return &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service, Action: action,
		Kind: mcerrors.KindInvalidArgument, Message: msg}
}

// badResponse is the error for a success answer that could not be
// understood.
func (c *Client) badResponse(action string, resp *multicloud.Response, msg string) error {
	e := &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service, Action: action,
		Kind: mcerrors.KindInvalidResponse, Message: msg}
	if resp != nil {
		e.StatusCode, e.Attempts = resp.StatusCode, resp.Attempts
		e.RequestID = requestID(resp.Header)
	}
	return e
}
