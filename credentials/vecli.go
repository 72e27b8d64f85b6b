package credentials

import (
	"bytes"
	"strconv"
	"strings"
)

// The Volcengine CLI, ve (github.com/volcengine/volcengine-cli, cmd/configure.go
// and util/util.go, bc348d9, 2026-08), keeps its profiles in
// $HOME/.volcengine/config.json, a JSON object it writes with
// encoding/json's MarshalIndent:
//
//	{
//	    "current": "default",
//	    "profiles": {
//	        "default": {
//	            "name": "default",
//	            "mode": "ak",
//	            "access-key": "AKLT...",
//	            "secret-key": "...",
//	            "region": "cn-beijing",
//	            "endpoint": "",
//	            "session-token": "",
//	            "disable-ssl": false,
//	            ...
//	        }
//	    },
//	    "enableColor": false,
//	    "sso-session": null
//	}
//
// ve creates the file empty on its first run. volcengine-go-sdk reads the same
// file in its default credential chain (volcengine/credentials/clicreds/
// cli_provider.go, CliProvider, cf20b61): the path from
// VOLCENGINE_CLI_CONFIG_FILE, else $HOME/.volcengine/config.json; the profile
// given to it, else VOLCENGINE_PROFILE, else VOLCSTACK_PROFILE, else
// "current", else "default"; mode "" or "ak" gives access-key, secret-key and
// the optional session-token, the modes sso, console-login, ramrolearn, oidc
// and ecsrole fetch temporary keys over the network. We read the file as the
// SDK does, and only the access-key modes.

const (
	volcengineCLIConfigFileVar = "VOLCENGINE_CLI_CONFIG_FILE"
	volcengineCLIProfileVar    = "VOLCENGINE_PROFILE"
)

// Member names of a ve config.json profile that are read.
const (
	veModeKey    = "mode"
	veIDKey      = "access-key"
	veSecretKey  = "secret-key"
	veTokenKey   = "session-token"
	veRegionKey  = "region"
	veCurrentKey = "current"
)

// veOtherModes are the modes of ve profiles whose keys come from a service
// (SSO, console login, STS AssumeRole, OIDC, the ECS metadata server), which
// this package does not call.
var veOtherModes = []string{"sso", "console-login", "ramrolearn", "oidc", "ecsrole"}

// VolcengineCLIConfigFile returns a provider that reads the profiles of the
// Volcengine CLI, ve, from its JSON file config.json. path "" means
// $VOLCENGINE_CLI_CONFIG_FILE, else $HOME/.volcengine/config.json. The profile
// is the one given WithProfile, else $VOLCENGINE_PROFILE, else
// $VOLCSTACK_PROFILE, else the file's "current", else "default", the order of
// volcengine-go-sdk's CliProvider.
//
// Only profiles in access-key mode (mode "ak", or no mode) hold keys: their
// access-key, secret-key and the optional session-token. A profile in another
// mode (sso, console-login, ramrolearn, oidc, ecsrole: keys fetched from a
// service, which this package does not do) is a *ParseError naming the line
// of its mode, not skipped: falling back to other keys would sign with
// credentials the user did not choose.
//
// A missing or empty file (ve creates it empty), or a missing "default"
// profile, is ErrNotFound. A profile selected by name or by "current" that is
// missing, and a file that is not strict JSON of that shape, is a *ParseError
// (ErrInvalid) with the line. Errors quote no value from the file (not even
// the name in "current"; they give its line). The file is never written.
func VolcengineCLIConfigFile(path string, opts ...Option) Provider {
	return volcengineCLIConfigFile(path, newOptions(opts))
}

func volcengineCLIConfigFile(path string, o *options) *fileProvider {
	return &fileProvider{
		display: "$HOME/.volcengine/config.json",
		locate:  locateFile(o, path, volcengineCLIConfigFileVar, ".volcengine", "config.json"),
		extract: func(path string, data []byte) (fileSettings, error) {
			profile, selectedBy := o.profile, "WithProfile"
			for _, v := range []string{volcengineCLIProfileVar, volcengineProfileVar} {
				if profile == "" {
					profile, selectedBy = o.getenv(v), v
				}
			}
			if profile == "" {
				selectedBy = ""
			}
			return parseVolcengineCLIConfig(path, data, profile, selectedBy)
		},
	}
}

// veProfile is what is read of one profile of config.json.
type veProfile struct {
	mode, id, secret, token, regionName field
}

// veConfig is what is read of config.json.
type veConfig struct {
	current  field
	profiles map[string]*veProfile
}

// parseVolcengineCLIConfig extracts one profile from a ve config.json: its
// credentials and region. profile "" means the file's "current", else
// "default"; selectedBy names what selected a non-empty profile.
func parseVolcengineCLIConfig(path string, data []byte, profile, selectedBy string) (fileSettings, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return fileSettings{}, notFound("file " + path + " (empty)")
	}
	cfg, err := decodeVeConfig(path, data)
	if err != nil {
		return fileSettings{}, err
	}
	where := "file " + path + ", profile " + strconv.Quote(profile)
	byCurrent := false
	if profile == "" {
		profile, where = "default", "file "+path+", profile \"default\""
		if cfg.current.value != "" {
			// The name comes from the file: errors point at its line
			// rather than quote it.
			profile, byCurrent = cfg.current.value, true
			where = "file " + path + ", the profile named by \"current\""
		}
	}
	p, ok := cfg.profiles[profile]
	switch {
	case !ok && byCurrent:
		return fileSettings{}, &ParseError{Path: path, Line: cfg.current.line, Key: veCurrentKey, Reason: "names a profile that is not in \"profiles\""}
	case !ok && selectedBy != "":
		return fileSettings{}, profileNotFound(path, profile, selectedBy)
	case !ok:
		return fileSettings{}, notFound(where + " (no such profile)")
	}
	s := fileSettings{path: path, place: p.regionName}
	switch mode := strings.ToLower(strings.TrimSpace(p.mode.value)); {
	case mode == "" || mode == "ak":
		s.creds, s.credsErr = credentialsFromFields(path, where, p.id, p.secret, p.token)
	default:
		reason := "unknown mode; only \"ak\" profiles hold keys"
		for _, m := range veOtherModes {
			if mode == m {
				reason = "mode " + strconv.Quote(m) + " is not supported; only \"ak\" profiles hold keys"
			}
		}
		s.credsErr = &ParseError{Path: path, Line: p.mode.line, Key: veModeKey, Reason: reason}
	}
	return s, nil
}

// decodeVeConfig reads "current" and the string members of every profile that
// matter here; every other member is checked to be JSON and skipped.
func decodeVeConfig(path string, data []byte) (*veConfig, error) {
	d := newJSONReader(path, data)
	cfg := &veConfig{current: field{key: veCurrentKey}, profiles: map[string]*veProfile{}}
	_, err := d.object("", false, func(name string) error {
		switch name {
		case veCurrentKey:
			return d.str(veCurrentKey, true, &cfg.current)
		case "profiles":
			_, err := d.object("profiles", true, func(name string) error {
				p := &veProfile{
					mode: field{key: veModeKey}, id: field{key: veIDKey}, secret: field{key: veSecretKey},
					token: field{key: veTokenKey}, regionName: field{key: veRegionKey},
				}
				null, err := d.object("profiles", true, func(member string) error {
					switch member {
					case veModeKey:
						return d.str(member, true, &p.mode)
					case veIDKey:
						return d.str(member, true, &p.id)
					case veSecretKey:
						return d.str(member, true, &p.secret)
					case veTokenKey:
						return d.str(member, true, &p.token)
					case veRegionKey:
						return d.str(member, true, &p.regionName)
					}
					return d.skip()
				})
				if err != nil {
					return err
				}
				// A null profile is no profile, as for volcengine-go-sdk;
				// "{}" is a profile without keys.
				if !null {
					cfg.profiles[name] = p
				}
				return nil
			})
			return err
		}
		return d.skip()
	})
	if err != nil {
		return nil, err
	}
	if err := d.end(); err != nil {
		return nil, err
	}
	return cfg, nil
}
