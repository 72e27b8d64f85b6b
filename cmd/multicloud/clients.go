package main

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// userAgent names the tool in every request.
const userAgent = "multicloud-cli"

// localJobDelay is how long the built-in emulator's asynchronous work
// takes: long enough that --wait has something to wait for, short enough
// to try things out.
const localJobDelay = 500 * time.Millisecond

// Environment variables for the place, read with --local when the flag is
// not given. Without --local the credentials package finds the place: these
// variables, then the profile's config file (credentials.JDCloudRegion, ...).
var placeEnv = map[string]string{
	catalog.JDCloud:    "JDCLOUD_REGION",
	catalog.Volcengine: "VOLCENGINE_REGION",
	catalog.QingCloud:  "QINGCLOUD_ZONE",
}

// clientParts are what a provider's clients are built from; the generic
// client and the typed ones the waiters use share them.
type clientParts struct {
	creds multicloud.CredentialsProvider
	place string // region or zone
	opts  []multicloud.Option
}

// client builds one provider's client from the options: credentials from
// the SDK's chain (or the emulator's), the region or zone (the flag, else
// the cloud's variable, else the config file of the profile the credentials
// come from), the endpoint and the request log.
func (s *session) client(provider string) (caller, error) {
	var (
		creds multicloud.CredentialsProvider
		opts  = []multicloud.Option{multicloud.WithUserAgent(userAgent)}
	)
	if _, known := placeEnv[provider]; !known {
		return nil, usageError("unknown cloud %q", provider)
	}
	place := s.opts.region
	if provider == catalog.QingCloud {
		place = s.opts.zone
	}
	if s.opts.local {
		// The emulator's own place unless one is named: the user's config
		// files are not read.
		if place == "" {
			place = s.getenv(placeEnv[provider])
		}
		srv, err := s.startLocal(provider, place)
		if err != nil {
			return nil, err
		}
		creds = srv.CredentialsProvider()
		opts = append(opts, srv.ClientOptions()...)
		if place == "" {
			place = srv.Region()
		}
	} else {
		copts := []credentials.Option{credentials.WithLookupEnv(func(name string) (string, bool) {
			v := s.getenv(name)
			return v, v != ""
		})}
		if s.opts.profile != "" {
			copts = append(copts, credentials.WithProfile(s.opts.profile))
		}
		var err error
		switch provider {
		case catalog.JDCloud:
			creds = credentials.JDCloudDefault(copts...)
			if place == "" {
				place, err = credentials.JDCloudRegion(copts...)
			}
		case catalog.Volcengine:
			creds = credentials.VolcengineDefault(copts...)
			if place == "" {
				place, err = credentials.VolcengineRegion(copts...)
			}
		case catalog.QingCloud:
			creds = credentials.QingCloudDefault(copts...)
			if place == "" {
				place, err = credentials.QingCloudZone(copts...)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if s.opts.endpoint != "" {
		opts = append(opts, multicloud.WithEndpoint(s.opts.endpoint))
	}
	if s.opts.debug {
		h := slog.NewTextHandler(s.stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
		opts = append(opts, multicloud.WithLogger(slog.New(h)))
	}
	s.parts[provider] = clientParts{creds: creds, place: place, opts: opts}
	switch provider {
	case catalog.JDCloud:
		c, err := jdcloud.New(jdcloud.Config{Credentials: creds, Region: place}, opts...)
		if err != nil {
			return nil, err
		}
		return &jdCaller{c: c}, nil
	case catalog.Volcengine:
		if place == "" {
			return nil, usageError("volcengine needs a region: --region cn-beijing, $VOLCENGINE_REGION or region in ~/.volcengine/credentials or ~/.volcengine/config.json")
		}
		c, err := volcengine.New(volcengine.Config{Credentials: creds, Region: place}, opts...)
		if err != nil {
			return nil, err
		}
		return &volcCaller{c: c}, nil
	case catalog.QingCloud:
		if place == "" {
			return nil, usageError("qingcloud needs a zone: --zone pek3a, $QINGCLOUD_ZONE or zone in ~/.qingcloud/config.yaml")
		}
		c, err := qingcloud.New(qingcloud.Config{Credentials: creds, Zone: place}, opts...)
		if err != nil {
			return nil, err
		}
		return &qcCaller{c: c}, nil
	}
	return nil, usageError("unknown cloud %q", provider)
}

// startLocal starts the built-in emulator of provider, once per run.
func (s *session) startLocal(provider, place string) (*cloudtest.Server, error) {
	if s.local != nil {
		return s.local, nil
	}
	opts := []cloudtest.Option{cloudtest.WithJobDelay(localJobDelay), cloudtest.WithInstances(3)}
	if place != "" {
		opts = append(opts, cloudtest.WithRegion(place))
	}
	switch provider {
	case catalog.JDCloud:
		s.local = cloudtest.NewJDCloud(opts...)
	case catalog.Volcengine:
		s.local = cloudtest.NewVolcengine(opts...)
	case catalog.QingCloud:
		s.local = cloudtest.NewQingCloud(opts...)
	default:
		return nil, fmt.Errorf("no emulator for %q", provider)
	}
	return s.local, nil
}
