package credentials

import (
	"encoding/json"
	"strconv"
)

// Volcengine has two official Go SDKs with different conventions; both are
// supported.
//
// volcengine-go-sdk (github.com/volcengine/volcengine-go-sdk):
//   - environment, volcengine/credentials/env_provider.go (cf20b61, 2026-08):
//     access key id from VOLCENGINE_ACCESS_KEY, VOLCSTACK_ACCESS_KEY_ID or
//     VOLCSTACK_ACCESS_KEY; secret from VOLCENGINE_SECRET_KEY,
//     VOLCSTACK_SECRET_ACCESS_KEY or VOLCSTACK_SECRET_KEY; session token from
//     VOLCENGINE_SESSION_TOKEN or VOLCSTACK_SESSION_TOKEN; first non-empty
//     wins. (Earlier versions read only the VOLCSTACK_ names.)
//   - shared credentials file, volcengine/credentials/shared_credentials_provider.go
//     and internal/shareddefaults/shared_config.go: path from
//     VOLCSTACK_SHARED_CREDENTIALS_FILE, else $HOME/.volcengine/credentials
//     (%USERPROFILE% on Windows); an INI file whose sections are profiles;
//     profile from VOLCSTACK_PROFILE, else "default"; keys
//     volcengine_access_key_id, volcengine_secret_access_key and the optional
//     volcengine_session_token (also in volcengine/session/shared_config.go).
//     The Java SDK reads the same file with volcstack_access_key_id,
//     volcstack_secret_access_key and volcstack_session_token
//     (volcengine/volcengine-java-sdk, volcengine-java-sdk-core/src/main/java/
//     com/volcengine/auth/SharedCredentialsProvider.java); those names are
//     accepted too, the Go SDK's first.
//
// volc-sdk-golang (github.com/volcengine/volc-sdk-golang), base/client.go:
// VOLC_ACCESSKEY and VOLC_SECRETKEY (used only when both are set), else the
// JSON file $HOME/.volc/config, {"ak": "...", "sk": "..."}. It has no session
// token in either place.

// Environment variables of the Volcengine SDKs.
var (
	volcengineIDVars     = []string{"VOLCENGINE_ACCESS_KEY", "VOLCSTACK_ACCESS_KEY_ID", "VOLCSTACK_ACCESS_KEY"}
	volcengineSecretVars = []string{"VOLCENGINE_SECRET_KEY", "VOLCSTACK_SECRET_ACCESS_KEY", "VOLCSTACK_SECRET_KEY"}
	volcengineTokenVars  = []string{"VOLCENGINE_SESSION_TOKEN", "VOLCSTACK_SESSION_TOKEN"}
)

const (
	volcengineCredentialsFileVar = "VOLCSTACK_SHARED_CREDENTIALS_FILE"
	volcengineProfileVar         = "VOLCSTACK_PROFILE"
)

// Where the default region comes from: VOLCENGINE_REGION (the name of the
// Volcengine CLI, ve, and this SDK's command-line tool), then VOLCSTACK_REGION
// (volcengine-go-sdk's), then the key "region" of the shared credentials
// file's profile (volcengine-go-sdk volcengine/session/shared_config.go).
var volcengineRegionVars = []string{"VOLCENGINE_REGION", "VOLCSTACK_REGION"}

const volcengineRegionKey = "region"

// Keys of the Volcengine shared credentials file, the Go SDK's names first.
var (
	volcengineIDKeys     = []string{"volcengine_access_key_id", "volcstack_access_key_id"}
	volcengineSecretKeys = []string{"volcengine_secret_access_key", "volcstack_secret_access_key"}
	volcengineTokenKeys  = []string{"volcengine_session_token", "volcstack_session_token"}
	volcengineKnownKeys  = append(append(append([]string{volcengineRegionKey}, volcengineIDKeys...), volcengineSecretKeys...), volcengineTokenKeys...)
)

// VolcengineEnv returns the environment provider of volcengine-go-sdk: the
// access key id from VOLCENGINE_ACCESS_KEY, VOLCSTACK_ACCESS_KEY_ID or
// VOLCSTACK_ACCESS_KEY; the secret from VOLCENGINE_SECRET_KEY,
// VOLCSTACK_SECRET_ACCESS_KEY or VOLCSTACK_SECRET_KEY; the optional session
// token from VOLCENGINE_SESSION_TOKEN or VOLCSTACK_SESSION_TOKEN. For each, the
// first non-empty variable wins. Only WithLookupEnv applies.
func VolcengineEnv(opts ...Option) EnvProvider {
	o := newOptions(opts)
	return EnvProvider{
		AccessKeyIDVars:     volcengineIDVars,
		SecretAccessKeyVars: volcengineSecretVars,
		SessionTokenVars:    volcengineTokenVars,
		LookupEnv:           o.lookupEnv,
	}
}

// VolcEnv returns the environment provider of volc-sdk-golang: VOLC_ACCESSKEY
// and VOLC_SECRETKEY. There is no session token variable. Only WithLookupEnv
// applies.
func VolcEnv(opts ...Option) EnvProvider {
	o := newOptions(opts)
	return EnvProvider{
		AccessKeyIDVars:     []string{"VOLC_ACCESSKEY"},
		SecretAccessKeyVars: []string{"VOLC_SECRETKEY"},
		LookupEnv:           o.lookupEnv,
	}
}

// VolcengineSharedCredentialsFile returns a provider that reads the shared
// credentials file of volcengine-go-sdk, an INI file of profiles:
//
//	[default]
//	volcengine_access_key_id = AKLT...
//	volcengine_secret_access_key = ...
//	volcengine_session_token = ...        (optional)
//
// The volcstack_ key names of the Java SDK are accepted too. path "" means
// $VOLCSTACK_SHARED_CREDENTIALS_FILE, else $HOME/.volcengine/credentials. The
// profile is the one given WithProfile, else $VOLCSTACK_PROFILE, else
// "default". A missing file, or a missing "default" profile, is ErrNotFound; a
// profile selected by name that is missing, or a file that does not parse, is
// ErrInvalid. The file is never written.
func VolcengineSharedCredentialsFile(path string, opts ...Option) Provider {
	return volcengineSharedCredentialsFile(path, newOptions(opts))
}

func volcengineSharedCredentialsFile(path string, o *options) *fileProvider {
	return &fileProvider{
		display: "$HOME/.volcengine/credentials",
		locate:  locateFile(o, path, volcengineCredentialsFileVar, ".volcengine", "credentials"),
		extract: func(path string, data []byte) (fileSettings, error) {
			profile, selectedBy := o.profile, "WithProfile"
			if profile == "" {
				profile, selectedBy = o.getenv(volcengineProfileVar), volcengineProfileVar
			}
			if profile == "" {
				profile, selectedBy = "default", ""
			}
			return parseVolcengineCredentials(path, data, profile, selectedBy)
		},
	}
}

// parseVolcengineCredentials extracts one profile from a Volcengine shared
// credentials file: its credentials and its region (the key
// volcengine-go-sdk's shared config reads). selectedBy names what selected
// the profile ("" for the default profile).
func parseVolcengineCredentials(path string, data []byte, profile, selectedBy string) (fileSettings, error) {
	f, err := parseINI(path, data, volcengineKnownKeys)
	if err != nil {
		return fileSettings{}, err
	}
	return profileSettings(f, path, profile, selectedBy, volcengineIDKeys, volcengineSecretKeys, volcengineTokenKeys, volcengineRegionKey)
}

// profileSettings picks a profile out of a parsed INI file: its credentials
// under the given keys and its place (region) under placeKey. A missing
// profile is the error: ErrInvalid when it was selected by name, ErrNotFound
// for the default one.
func profileSettings(f *iniFile, path, profile, selectedBy string, idKeys, secretKeys, tokenKeys []string, placeKey string) (fileSettings, error) {
	where := "file " + path + ", profile " + strconv.Quote(profile)
	sec, ok := f.sections[profile]
	if !ok {
		if selectedBy != "" {
			return fileSettings{}, profileNotFound(path, profile, selectedBy)
		}
		return fileSettings{}, notFound(where + " (no such profile)")
	}
	get := func(k string) (string, int, bool) {
		v, ok := sec.values[k]
		return v.value, v.line, ok
	}
	token := field{}
	if len(tokenKeys) > 0 {
		token = pick(get, tokenKeys...)
	}
	s := fileSettings{path: path, place: pick(get, placeKey)}
	s.creds, s.credsErr = credentialsFromFields(path, where, pick(get, idKeys...), pick(get, secretKeys...), token)
	return s, nil
}

// VolcConfigFile returns a provider that reads volc-sdk-golang's JSON file,
// {"ak": "...", "sk": "..."}. path "" means $HOME/.volc/config. Other members
// of the object are ignored; "ak" and "sk" must be strings and appear once. A
// missing file, or a file without "ak" and "sk", is ErrNotFound; one that does
// not parse is ErrInvalid. The file is never written.
func VolcConfigFile(path string, opts ...Option) Provider {
	o := newOptions(opts)
	return &fileProvider{
		display: "$HOME/.volc/config",
		locate:  locateFile(o, path, "", ".volc", "config"),
		extract: parseVolcConfig,
	}
}

// parseVolcConfig reads {"ak": ..., "sk": ...}; the file has no region.
// Errors give the line and never the text of encoding/json's errors, which
// can quote the input.
func parseVolcConfig(path string, data []byte) (fileSettings, error) {
	r := newJSONReader(path, data)
	tok, err := r.dec.Token()
	if err != nil {
		return fileSettings{}, r.jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fileSettings{}, r.errAt(r.dec.InputOffset(), "", "expected a JSON object")
	}
	ak, sk := field{key: "ak"}, field{key: "sk"}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return fileSettings{}, r.jsonErr(err)
		}
		name, _ := tok.(string) // object keys are always strings
		var dst *field
		switch name {
		case "ak":
			dst = &ak
		case "sk":
			dst = &sk
		default:
			if err := r.skip(); err != nil {
				return fileSettings{}, err
			}
			continue
		}
		if dst.line != 0 {
			return fileSettings{}, r.errAt(r.dec.InputOffset(), name, "duplicate key")
		}
		if err := r.str(name, false, dst); err != nil {
			return fileSettings{}, err
		}
	}
	if _, err := r.dec.Token(); err != nil { // the closing '}'
		return fileSettings{}, r.jsonErr(err)
	}
	if err := r.end(); err != nil {
		return fileSettings{}, err
	}
	s := fileSettings{path: path}
	s.creds, s.credsErr = credentialsFromFields(path, "file "+path, ak, sk, field{})
	return s, nil
}

// VolcengineRegion returns the default Volcengine region from the places
// VolcengineDefault reads credentials from, in the same order and with the
// same profile selection:
//
//  1. the environment variables VOLCENGINE_REGION, then VOLCSTACK_REGION;
//  2. the key region of the shared credentials file's profile
//     ($VOLCSTACK_SHARED_CREDENTIALS_FILE or $HOME/.volcengine/credentials,
//     profile from WithProfile, $VOLCSTACK_PROFILE or "default");
//  3. the member "region" of the ve CLI's profile
//     ($VOLCENGINE_CLI_CONFIG_FILE or $HOME/.volcengine/config.json, profile
//     from WithProfile, $VOLCENGINE_PROFILE, $VOLCSTACK_PROFILE, "current" or
//     "default"), when the shared credentials file gave no credentials: the
//     region is looked for no further than the file the credentials come
//     from.
//
// volc-sdk-golang's $HOME/.volc/config holds only keys, so it names no
// region and is not read. It returns "" and a nil error when no source names
// a region. A file that does not parse, or a profile selected by name that is
// missing, gives the *ParseError (ErrInvalid) that VolcengineDefault would
// give; errors never hold a secret. WithLookupEnv, WithHomeDir and
// WithProfile apply.
func VolcengineRegion(opts ...Option) (string, error) {
	o := newOptions(opts)
	return defaultPlace(o, volcengineRegionVars, volcengineSharedCredentialsFile("", o), volcengineCLIConfigFile("", o))
}

// VolcengineDefault returns the chain the Volcengine client uses when given no
// credentials. It looks, in this order, at:
//
//  1. VolcengineEnv: VOLCENGINE_ACCESS_KEY | VOLCSTACK_ACCESS_KEY_ID |
//     VOLCSTACK_ACCESS_KEY, VOLCENGINE_SECRET_KEY | VOLCSTACK_SECRET_ACCESS_KEY |
//     VOLCSTACK_SECRET_KEY, VOLCENGINE_SESSION_TOKEN | VOLCSTACK_SESSION_TOKEN;
//  2. VolcEnv: VOLC_ACCESSKEY, VOLC_SECRETKEY;
//  3. VolcengineSharedCredentialsFile: $VOLCSTACK_SHARED_CREDENTIALS_FILE or
//     $HOME/.volcengine/credentials, profile from WithProfile,
//     $VOLCSTACK_PROFILE or "default";
//  4. VolcengineCLIConfigFile: the ve CLI's $VOLCENGINE_CLI_CONFIG_FILE or
//     $HOME/.volcengine/config.json, profile from WithProfile,
//     $VOLCENGINE_PROFILE, $VOLCSTACK_PROFILE, the file's "current" or
//     "default";
//  5. VolcConfigFile: $HOME/.volc/config.
//
// The order of 1, 3 and 4 is volcengine-go-sdk's: its session takes keys from
// the environment, then from the shared credentials file's profile, and only
// when that has none falls back to its default chain, where the ve CLI file
// comes after the environment (volcengine/session/credentials.go,
// volcengine/defaults/defaults.go, cf20b61). volc-sdk-golang's sources are a
// different SDK's and come after the same kind of source of volcengine-go-sdk.
//
// See Chain for what stops the search.
func VolcengineDefault(opts ...Option) *ChainProvider {
	return Chain(
		VolcengineEnv(opts...),
		VolcEnv(opts...),
		VolcengineSharedCredentialsFile("", opts...),
		VolcengineCLIConfigFile("", opts...),
		VolcConfigFile("", opts...),
	)
}
