// Package target connects the examples to a cloud: the real one when
// credentials are found in the environment or the provider's config files,
// otherwise a cloudtest emulator started in-process.
package target

import (
	"context"
	"fmt"
	"io"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// Env says where an example looks for credentials.
type Env struct {
	// Local forces the emulator even when credentials are found.
	Local bool
	// LookupEnv reads the environment; os.LookupEnv in the examples, a map
	// in their tests.
	LookupEnv func(string) (string, bool)
}

// Target is one cloud to talk to: its client options, whether it is the
// emulator, and what to release at the end.
type Target struct {
	// Options go to the provider constructor (endpoint and HTTP client of
	// the emulator; none for a real cloud).
	Options []multicloud.Option
	// Emulated is true when the target is a cloudtest server.
	Emulated bool
	// Server is the emulator, nil for a real cloud.
	Server *cloudtest.Server
	// Region is the region (QingCloud: zone) to use.
	Region string
}

// Close stops the emulator, if any.
func (t Target) Close() {
	if t.Server != nil {
		t.Server.Close()
	}
}

// Announce writes the example's first line: which cloud it talks to.
func (t Target) Announce(w io.Writer, provider string) {
	if t.Emulated {
		fmt.Fprintf(w, "No %s credentials in use: running against the built-in local emulator (cloudtest).\n", provider)
		return
	}
	fmt.Fprintf(w, "Using %s credentials from the environment, region %s.\n", provider, t.Region)
}

// find returns the provider's credentials when they exist and are wanted.
func find(ctx context.Context, e Env, p credentials.Provider) bool {
	if e.Local {
		return false
	}
	_, err := p.Retrieve(ctx)
	return err == nil
}

func (e Env) lookup(name, fallback string) string {
	if v, ok := e.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

func emulated(s *cloudtest.Server) Target {
	return Target{Options: s.ClientOptions(), Emulated: true, Server: s, Region: s.Region()}
}

// JDCloud returns a JD Cloud configuration: credentials.JDCloudDefault and
// JDCLOUD_REGION (default cn-north-1) when found, else a cloudtest server
// built with opts.
func JDCloud(ctx context.Context, e Env, opts ...cloudtest.Option) (jdcloud.Config, Target) {
	creds := credentials.JDCloudDefault(credentials.WithLookupEnv(e.LookupEnv))
	if find(ctx, e, creds) {
		t := Target{Region: e.lookup("JDCLOUD_REGION", "cn-north-1")}
		return jdcloud.Config{Credentials: creds, Region: t.Region}, t
	}
	s := cloudtest.NewJDCloud(opts...)
	return jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, emulated(s)
}

// Volcengine returns a Volcengine configuration: credentials.VolcengineDefault
// and VOLCSTACK_REGION (default cn-beijing) when found, else a cloudtest
// server built with opts.
func Volcengine(ctx context.Context, e Env, opts ...cloudtest.Option) (volcengine.Config, Target) {
	creds := credentials.VolcengineDefault(credentials.WithLookupEnv(e.LookupEnv))
	if find(ctx, e, creds) {
		t := Target{Region: e.lookup("VOLCSTACK_REGION", "cn-beijing")}
		return volcengine.Config{Credentials: creds, Region: t.Region}, t
	}
	s := cloudtest.NewVolcengine(opts...)
	return volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}, emulated(s)
}

// QingCloud returns a QingCloud configuration: credentials.QingCloudDefault
// and QINGCLOUD_ZONE (default pek3a) when found, else a cloudtest server
// built with opts.
func QingCloud(ctx context.Context, e Env, opts ...cloudtest.Option) (qingcloud.Config, Target) {
	creds := credentials.QingCloudDefault(credentials.WithLookupEnv(e.LookupEnv))
	if find(ctx, e, creds) {
		t := Target{Region: e.lookup("QINGCLOUD_ZONE", "pek3a")}
		return qingcloud.Config{Credentials: creds, Zone: t.Region}, t
	}
	s := cloudtest.NewQingCloud(opts...)
	return qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()}, emulated(s)
}
