// Package qingstor is QingCloud QingStor object storage through its AWS S3
// compatible API: the operations of package objectstorage, signed with AWS
// Signature Version 4 rather than QingStor's native QS signature.
//
// Facts this package relies on, checked against QingCloud's documentation
// ("AWS S3 兼容", docsv3em.qingcloud.com and docsv4.qingcloud.com) and the
// QingCloud blog post announcing the S3-compatible API, with the search tool:
//   - The S3 endpoint of a zone is s3.<zone>.qingstor.com, addressed in the
//     path (s3.<zone>.qingstor.com/<bucket>/<key>) or virtual-hosted
//     (<bucket>.s3.<zone>.qingstor.com/<key>); both are supported, and this
//     package uses virtual-hosted style.
//   - Signature Version 4 signs with the QingCloud zone (pek3b, sh1a, ...)
//     in place of the AWS region, with QingCloud access keys.
//   - The S3-compatible API does not accept custom domains.
//   - QingStor puts no limit on the request rate (its FAQ), so the client
//     limits nothing until the service answers SlowDown.
//
// The newer documentation also names s3.<zone>.qsstor.com for enterprise
// accounts; set Config.Endpoint to use it.
package qingstor

import (
	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/provider"
	"github.com/multicloud-go/multicloud/objectstorage"
)

// Provider and Service name this service in errors and logs.
const (
	Provider = "qingcloud"
	Service  = "qingstor"
)

// Client is the shared object storage client; see package objectstorage
// for its operations.
type Client = objectstorage.Client

// Config says which account and zone a Client works with.
type Config struct {
	// Credentials supplies the access key pair (and session token). Required.
	Credentials multicloud.CredentialsProvider
	// Zone is the zone of the buckets and of the signature, such as "pek3b".
	Zone string
	// Internal uses the provider's internal (VPC) endpoint instead of the
	// public one.
	Internal bool
	// Endpoint replaces the endpoint Endpoint(zone, Internal) gives: a
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

// Endpoint returns the S3-compatible endpoint of a zone: https://s3.<zone>.qingstor.com. QingStor has no internal
// S3 endpoint of its own, so internal gives the public one too.
func Endpoint(zone string, internal bool) string {
	_ = internal // one endpoint serves both networks
	return "https://s3." + zone + ".qingstor.com"
}

// errorKinds are the codes this provider's S3-compatible endpoint adds to
// the S3 error table objectstorage shares. None beyond that table is
// documented for the S3-compatible API, so the table is empty; a code
// added here is classified before the shared ones.
var errorKinds = map[string]mcerrors.Kind{}

// Profile describes the service in a zone for objectstorage.New.
func Profile(zone string, internal bool) objectstorage.Profile {
	return objectstorage.Profile{
		Provider: Provider, Service: Service, Region: zone,
		Endpoint: Endpoint(zone, internal), Style: objectstorage.VirtualHosted,
		ValidBucket: nil, ErrorKinds: errorKinds,
	}
}

// New returns a Client for cfg. The options are the core client's; see
// objectstorage.New for the defaults.
func New(cfg Config, opts ...multicloud.Option) (*Client, error) {
	if !objectstorage.ValidRegion(cfg.Zone) {
		return nil, provider.ConfigError(Provider, "Config.Zone must be a zone name such as \"pek3b\"")
	}
	return objectstorage.New(Profile(cfg.Zone, cfg.Internal), objectstorage.Config{
		Credentials: cfg.Credentials, Endpoint: cfg.Endpoint, PathStyle: cfg.PathStyle,
		PartSize: cfg.PartSize, Concurrency: cfg.Concurrency,
	}, opts...)
}
