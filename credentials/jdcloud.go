package credentials

import (
	"errors"
	"path/filepath"
	"strings"
)

// JD Cloud conventions.
//
// The JD Cloud CLI, jdc (github.com/jdcloud-api/jdcloud-cli,
// jdcloud_cli/config.py and jdcloud_cli/controllers/configure_controller.py,
// 1c5931e, release 1.2.11), keeps its profiles in ~/.jdc/config, an INI file
// written by Python's configparser:
//
//	[default]
//	access_key = ...
//	secret_key = ...
//	region_id = cn-north-1
//	endpoint = www.jdcloud-api.com
//	scheme = https
//	timeout = 20
//
// and the name of the profile in use in ~/.jdc/current (a bare name, no
// newline; "jdc configure use --profile NAME" writes it, and the CLI creates it
// containing "default" when missing; we only read it). The CLI reads no
// environment variables.
//
// JD Cloud's Go SDK (github.com/jdcloud-api/jdcloud-sdk-go, core/) reads
// neither variables nor files, and has no session token (the
// x-jdcloud-security-token header is an MFA token). For the environment we use
// JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY, the names JD Cloud's Packer
// builder reads (github.com/hashicorp/packer-plugin-jdcloud,
// builder/jdcloud/credential_config.go). JD's Terraform provider
// (github.com/hashicorp/terraform-provider-jdcloud, jdcloud/provider.go) reads
// the lower-case access_key, secret_key and region instead, names too generic
// to read here.

// Environment variables for JD Cloud (JD Cloud's Packer builder's names).
const (
	// JDCloudAccessKeyEnv holds the JD Cloud access key.
	JDCloudAccessKeyEnv = "JDCLOUD_ACCESS_KEY"
	// JDCloudSecretKeyEnv holds the JD Cloud secret key.
	JDCloudSecretKeyEnv = "JDCLOUD_SECRET_KEY"
)

// JDCloudRegionEnv holds the default JD Cloud region (see JDCloudRegion). The
// name is this SDK's own, in the style of the two above.
const JDCloudRegionEnv = "JDCLOUD_REGION"

var jdcloudKnownKeys = []string{"access_key", "secret_key", "region_id", "endpoint", "scheme", "timeout"}

// JDCloudEnv returns a provider that reads JDCLOUD_ACCESS_KEY and
// JDCLOUD_SECRET_KEY. Only WithLookupEnv applies.
func JDCloudEnv(opts ...Option) EnvProvider {
	o := newOptions(opts)
	return EnvProvider{
		AccessKeyIDVars:     []string{JDCloudAccessKeyEnv},
		SecretAccessKeyVars: []string{JDCloudSecretKeyEnv},
		LookupEnv:           o.lookupEnv,
	}
}

// JDCloudCLIConfigFile returns a provider that reads the JD Cloud CLI's
// profiles, keys access_key and secret_key. path "" means $HOME/.jdc/config.
// The profile is the one given WithProfile, else the name in the file
// "current" beside the config file (as jdc configure use writes it), else
// "default". A missing file, or a missing "default" profile, is ErrNotFound; a
// profile selected by name that is missing, or a file that does not parse, is
// ErrInvalid. Nothing is ever written.
func JDCloudCLIConfigFile(path string, opts ...Option) Provider {
	return jdcloudCLIConfigFile(path, newOptions(opts))
}

func jdcloudCLIConfigFile(path string, o *options) *fileProvider {
	return &fileProvider{
		display: "$HOME/.jdc/config",
		locate:  locateFile(o, path, "", ".jdc", "config"),
		extract: func(path string, data []byte) (fileSettings, error) {
			profile, selectedBy := o.profile, "WithProfile"
			if profile == "" {
				current := filepath.Join(filepath.Dir(path), "current")
				name, err := readJDCloudCurrent(current)
				if err != nil {
					return fileSettings{}, err
				}
				profile, selectedBy = name, current
				if name == "default" {
					selectedBy = "" // what the CLI writes when nothing was chosen
				}
			}
			if profile == "" {
				profile, selectedBy = "default", ""
			}
			return parseJDCloudConfig(path, data, profile, selectedBy)
		},
	}
}

// readJDCloudCurrent returns the profile name in the CLI's "current" file, ""
// when there is no such file or it is empty.
func readJDCloudCurrent(path string) (string, error) {
	data, err := readFile(path)
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(data))
	if strings.ContainsAny(name, "\r\n[]") || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", &ParseError{Path: path, Reason: "not a profile name"}
	}
	return name, nil
}

// parseJDCloudConfig extracts one profile from a JD Cloud CLI config file:
// its credentials and its region_id. selectedBy names what selected the
// profile ("" for the default profile).
func parseJDCloudConfig(path string, data []byte, profile, selectedBy string) (fileSettings, error) {
	f, err := parseINI(path, data, jdcloudKnownKeys)
	if err != nil {
		return fileSettings{}, err
	}
	// configparser applies the keys of a [DEFAULT] section to every section;
	// the CLI never writes one. Refuse credentials there rather than guess;
	// a region_id there is what configparser would give every profile.
	d, hasDefaults := f.sections["DEFAULT"]
	if hasDefaults {
		for _, k := range []string{"access_key", "secret_key"} {
			if v, ok := d.values[k]; ok {
				return fileSettings{}, &ParseError{Path: path, Line: v.line, Key: k, Reason: "credentials in a [DEFAULT] section are not supported"}
			}
		}
	}
	s, err := profileSettings(f, path, profile, selectedBy, []string{"access_key"}, []string{"secret_key"}, nil, "region_id")
	if err == nil && s.place.value == "" && hasDefaults {
		if v, ok := d.values["region_id"]; ok {
			s.place = field{key: "region_id", value: v.value, line: v.line}
		}
	}
	return s, err
}

// JDCloudRegion returns the default JD Cloud region from the places
// JDCloudDefault reads credentials from, in the same order and with the same
// profile selection:
//
//  1. the environment variable JDCLOUD_REGION;
//  2. region_id of the JD Cloud CLI profile in $HOME/.jdc/config, the profile
//     from WithProfile, $HOME/.jdc/current or "default" (a region_id in a
//     [DEFAULT] section applies to every profile, as in the CLI).
//
// It returns "" and a nil error when none of them names a region: no
// variable, no file, no such default profile, no region_id. A file that does
// not parse, or a profile selected by name that is missing, gives the
// *ParseError (ErrInvalid) that JDCloudDefault would give; errors never hold a
// secret. WithLookupEnv, WithHomeDir and WithProfile apply.
func JDCloudRegion(opts ...Option) (string, error) {
	o := newOptions(opts)
	return defaultPlace(o, []string{JDCloudRegionEnv}, jdcloudCLIConfigFile("", o))
}

// JDCloudDefault returns the chain the JD Cloud client uses when given no
// credentials. It looks, in this order, at:
//
//  1. JDCloudEnv: JDCLOUD_ACCESS_KEY, JDCLOUD_SECRET_KEY;
//  2. JDCloudCLIConfigFile: $HOME/.jdc/config, profile from WithProfile,
//     $HOME/.jdc/current or "default".
//
// See Chain for what stops the search.
func JDCloudDefault(opts ...Option) *ChainProvider {
	return Chain(JDCloudEnv(opts...), JDCloudCLIConfigFile("", opts...))
}
