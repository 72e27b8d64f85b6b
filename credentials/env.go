package credentials

import (
	"context"
	"os"
	"runtime"
	"strings"

	"github.com/multicloud-go/multicloud/signer"
)

// EnvProvider reads credentials from environment variables. Each field lists
// the accepted names of one variable, most preferred first; the first that is
// set to a non-empty value is used. The per-cloud constructors (VolcengineEnv,
// VolcEnv, QingCloudEnv, JDCloudEnv) return EnvProviders with each cloud's
// names; build your own for other names.
//
// Nothing set gives an error wrapping ErrNotFound that names the variables; a
// key id without a secret (or the reverse), or a value with whitespace, quotes
// or control characters, gives an error wrapping ErrInvalid that names the
// variable, never its value.
type EnvProvider struct {
	AccessKeyIDVars     []string
	SecretAccessKeyVars []string
	SessionTokenVars    []string // optional; may be empty

	// LookupEnv looks a variable up; nil means os.LookupEnv. Tests inject a
	// map lookup so that they neither read nor change the process
	// environment.
	LookupEnv func(string) (string, bool)
}

// Retrieve reads the variables.
func (p EnvProvider) Retrieve(ctx context.Context) (signer.Credentials, error) {
	if err := checkContext(ctx); err != nil {
		return signer.Credentials{}, err
	}
	lookup := p.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	id, idVar := firstSet(lookup, p.AccessKeyIDVars)
	secret, secretVar := firstSet(lookup, p.SecretAccessKeyVars)
	token, tokenVar := firstSet(lookup, p.SessionTokenVars)

	idNames := strings.Join(p.AccessKeyIDVars, " | ")
	secretNames := strings.Join(p.SecretAccessKeyVars, " | ")
	switch {
	case id == "" && secret == "":
		return signer.Credentials{}, notFound("environment variables " + idNames + " and " + secretNames + " (not set)")
	case id == "":
		return signer.Credentials{}, invalidf("environment variable %s is set but none of %s is", secretVar, idNames)
	case secret == "":
		return signer.Credentials{}, invalidf("environment variable %s is set but none of %s is", idVar, secretNames)
	}
	for _, v := range []struct{ name, value string }{{idVar, id}, {secretVar, secret}, {tokenVar, token}} {
		if problem := valueProblem(v.value); problem != "" {
			return signer.Credentials{}, invalidf("environment variable %s: %s", v.name, problem)
		}
	}
	return signer.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: token}, nil
}

func firstSet(lookup func(string) (string, bool), names []string) (value, name string) {
	for _, n := range names {
		if v, ok := lookup(n); ok && v != "" {
			return v, n
		}
	}
	return "", ""
}

// An Option configures the per-cloud providers and chains (VolcengineDefault,
// QingCloudConfigFile, ...). Options a provider has no use for are ignored.
type Option func(*options)

type options struct {
	lookupEnv func(string) (string, bool)
	homeDir   string
	profile   string
}

// WithLookupEnv replaces os.LookupEnv for every environment variable the
// providers read, including HOME (USERPROFILE on Windows), which locates the
// config files, and the variables that select a file or profile.
func WithLookupEnv(lookup func(string) (string, bool)) Option {
	return func(o *options) {
		if lookup != nil {
			o.lookupEnv = lookup
		}
	}
}

// WithHomeDir sets the home directory the default config file paths are
// relative to, instead of HOME (USERPROFILE on Windows).
func WithHomeDir(dir string) Option {
	return func(o *options) { o.homeDir = dir }
}

// WithProfile selects the profile of the profile-based files (Volcengine's
// shared credentials file, the JD Cloud CLI config), instead of the cloud's own
// selector (VOLCSTACK_PROFILE; the JD Cloud CLI's "current" file). A profile
// selected by name that is not in the file is an error (ErrInvalid), not a
// reason to fall back to other credentials.
func WithProfile(name string) Option {
	return func(o *options) { o.profile = name }
}

func newOptions(opts []Option) *options {
	o := &options{lookupEnv: os.LookupEnv}
	for _, opt := range opts {
		opt(o)
	}
	return o
}

// getenv returns a variable's value, "" when it is unset.
func (o *options) getenv(name string) string {
	v, _ := o.lookupEnv(name)
	return v
}

// homeVar is the variable the home directory comes from, as the SDKs read
// it: HOME, or USERPROFILE on Windows (volcengine-go-sdk
// internal/shareddefaults/shared_config.go; qingcloud-sdk-go config/contract.go
// tries HOMEDRIVE+HOMEPATH first on Windows).
func homeVar() string {
	if runtime.GOOS == "windows" {
		return "USERPROFILE"
	}
	return "HOME"
}

// home returns the home directory, or "" and a note on why there is none.
func (o *options) home() (dir, why string) {
	if o.homeDir != "" {
		return o.homeDir, ""
	}
	v := homeVar()
	if d := o.getenv(v); d != "" {
		return d, ""
	}
	return "", v + " is not set"
}
