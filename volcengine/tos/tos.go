// Package tos is Volcengine TOS (Torch Object Storage) through its
// S3-compatible endpoints: the operations of package objectstorage, signed
// with AWS Signature Version 4 rather than TOS's native TOS4-HMAC-SHA256.
//
// Facts this package relies on, checked with the search tool:
//   - TOS serves S3 on dedicated endpoints, tos-s3-<region>.volces.com
//     (public) and tos-s3-<region>.ivolces.com (internal), beside its native
//     tos-<region>.volces.com; found in the configuration of several public
//     projects that use it (for example tos-s3-cn-beijing.volces.com with
//     region cn-beijing), and the BytePlus TOS page "Compatibility with
//     Amazon S3" says S3 access needs the S3-dedicated endpoints.
//   - The same page says TOS accepts virtual-hosted style requests only
//     (not path style) and Signature Version 4 only (not Version 2), with
//     regional endpoints: a bucket must be reached through its region.
//
// Bucket names follow the rule objectstorage.ValidBucketName checks (TOS's
// own page was not found; the S3 DNS rule is what S3 tools enforce). TOS
// documents per-bucket and per-account QPS limits without numbers we could
// verify; the client's adaptive limiter slows down on SlowDown.
package tos

import (
	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/objectstorage"
)

// Provider and Service name this service in errors and logs.
const (
	Provider = "volcengine"
	Service  = "tos"
)

// Client is the shared object storage client; see package objectstorage
// for its operations.
type Client = objectstorage.Client

// Config says which account and region a Client works with.
type Config struct {
	// Credentials supplies the access key pair (and session token). Required.
	Credentials multicloud.CredentialsProvider
	// Region is the region of the buckets and of the signature, such as "cn-beijing".
	Region string
	// Internal uses the provider's internal (VPC) endpoint instead of the
	// public one.
	Internal bool
	// Endpoint replaces the endpoint Endpoint(region, Internal) gives: a
	// cloudtest emulator or a local S3 server. multicloud.WithEndpoint does
	// the same.
	Endpoint string
	// PathStyle addresses buckets in the path instead of the host name,
	// for endpoints without per-bucket names (emulators, local servers).
	PathStyle bool
	// PartSize and Concurrency tune Upload; zero means the defaults of
	// package objectstorage.
	PartSize    int64
	Concurrency int
}

// Endpoint returns the S3-compatible endpoint of a region: the public endpoint is
// https://tos-s3-<region>.volces.com, the internal one
// https://tos-s3-<region>.ivolces.com.
func Endpoint(region string, internal bool) string {
	if internal {
		return "https://tos-s3-" + region + ".ivolces.com"
	}
	return "https://tos-s3-" + region + ".volces.com"
}

// errorKinds are the codes this provider's S3-compatible endpoint adds to
// the S3 error table objectstorage shares. None beyond that table is
// documented for the S3-compatible API, so the table is empty; a code
// added here is classified before the shared ones.
var errorKinds = map[string]mcerrors.Kind{}

// Profile describes the service in a region for objectstorage.New.
func Profile(region string, internal bool) objectstorage.Profile {
	return objectstorage.Profile{
		Provider: Provider, Service: Service, Region: region,
		Endpoint: Endpoint(region, internal), Style: objectstorage.VirtualHosted,
		ValidBucket: nil, ErrorKinds: errorKinds,
	}
}

// New returns a Client for cfg. The options are the core client's; see
// objectstorage.New for the defaults.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	if !objectstorage.ValidRegion(cfg.Region) {
		return nil, provider.ConfigError(Provider, "Config.Region must be a region name such as \"cn-beijing\"")
	}
	return objectstorage.New(Profile(cfg.Region, cfg.Internal), objectstorage.Config{
		Credentials: cfg.Credentials, Endpoint: cfg.Endpoint, PathStyle: cfg.PathStyle,
		PartSize: cfg.PartSize, Concurrency: cfg.Concurrency,
	}, opts...)
}
