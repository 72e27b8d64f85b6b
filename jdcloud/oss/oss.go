// Package oss is JD Cloud Object Storage Service (OSS) through its
// S3-compatible API: the operations of package objectstorage, signed with
// AWS Signature Version 4.
//
// Facts this package relies on, checked against JD Cloud's documentation
// (docs.jdcloud.com, "OSS访问域名使用规则" / "OSS Access Domain Use Rules" and
// the OSS API introduction) with the search tool:
//   - The public endpoint of a region is s3.<region>.jdcloud-oss.com (for
//     example s3.cn-north-1.jdcloud-oss.com) and the internal one
//     s3-internal.<region>.jdcloud-oss.com.
//   - Buckets are addressed in the host name: <bucket>.<endpoint>/<object>.
//   - The signing region is the region id (the documentation's AWS SDK
//     example configures endpoint and "cn-north-1").
//   - Bucket names are 3 to 63 characters, lower-case letters, digits and
//     hyphens, begin and end with a letter or digit, and have no two
//     hyphens in a row.
//
// No request-rate limit is documented; the client's adaptive limiter slows
// down when the service answers SlowDown.
package oss

import (
	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/objectstorage"
)

// Provider and Service name this service in errors and logs.
const (
	Provider = "jdcloud"
	Service  = "oss"
)

// Client is the shared object storage client; see package objectstorage
// for its operations.
type Client = objectstorage.Client

// Config says which account and region a Client works with.
type Config struct {
	// Credentials supplies the access key pair (and session token). Required.
	Credentials multicloud.CredentialsProvider
	// Region is the region of the buckets and of the signature, such as "cn-north-1".
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
// https://s3.<region>.jdcloud-oss.com, the internal one
// https://s3-internal.<region>.jdcloud-oss.com.
func Endpoint(region string, internal bool) string {
	if internal {
		return "https://s3-internal." + region + ".jdcloud-oss.com"
	}
	return "https://s3." + region + ".jdcloud-oss.com"
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
		ValidBucket: objectstorage.NoDoubleHyphen, ErrorKinds: errorKinds,
	}
}

// New returns a Client for cfg. The options are the core client's; see
// objectstorage.New for the defaults.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	if !objectstorage.ValidRegion(cfg.Region) {
		return nil, provider.ConfigError(Provider, "Config.Region must be a region name such as \"cn-north-1\"")
	}
	return objectstorage.New(Profile(cfg.Region, cfg.Internal), objectstorage.Config{
		Credentials: cfg.Credentials, Endpoint: cfg.Endpoint, PathStyle: cfg.PathStyle,
		PartSize: cfg.PartSize, Concurrency: cfg.Concurrency,
	}, opts...)
}
