package credentials_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// veConfig is a config.json as ve writes it (MarshalIndent, four spaces),
// with three access-key profiles and an SSO one; "current" is prod.
var veConfig = `{
    "current": "prod",
    "profiles": {
        "default": {
            "name": "default",
            "mode": "ak",
            "access-key": "AKdefault",
            "secret-key": "SKdefault",
            "region": "cn-beijing",
            "endpoint": "",
            "session-token": "",
            "disable-ssl": false,
            "sso-session-name": "",
            "account-id": "",
            "role-name": "",
            "sts-expiration": 0
        },
        "prod": {
            "name": "prod",
            "mode": "ak",
            "access-key": "` + secretAK + `",
            "secret-key": "` + secretSK + `",
            "region": "cn-shanghai",
            "endpoint": "",
            "session-token": "` + secretToken + `",
            "disable-ssl": false
        },
        "nomode": {
            "access-key": "AKnomode",
            "secret-key": "SKnomode"
        },
        "sso": {
            "name": "sso",
            "mode": "sso",
            "region": "cn-guangzhou",
            "sso-session-name": "corp",
            "account-id": "2100000001",
            "role-name": "admin",
            "sts-expiration": 0
        }
    },
    "enableColor": true,
    "sso-session": {"corp": {"name": "corp", "start-url": "https://example.com/start", "region": "cn-beijing"}}
}
`

// veRetrieve reads config.json from a fresh home directory with only the
// given variables set.
func veRetrieve(t *testing.T, content string, vars map[string]string, opts ...credentials.Option) (signer.Credentials, error) {
	t.Helper()
	home := t.TempDir()
	if content != "" {
		writeFile(t, home, ".volcengine/config.json", content)
	}
	e := map[string]string{"HOME": home, "USERPROFILE": home}
	for k, v := range vars {
		e[k] = v
	}
	opts = append([]credentials.Option{credentials.WithLookupEnv(env(e))}, opts...)
	return credentials.VolcengineCLIConfigFile("", opts...).Retrieve(t.Context())
}

func TestVolcengineCLIConfigFileProfiles(t *testing.T) {
	t.Parallel()
	noCurrent := `{"profiles": {"default": {"mode": "ak", "access-key": "AKdefault", "secret-key": "SKdefault"}, ` +
		`"prod": {"mode": "ak", "access-key": "AKprod", "secret-key": "SKprod"}}}`
	for _, tt := range []struct {
		name    string
		file    string
		vars    map[string]string
		opts    []credentials.Option
		want    signer.Credentials
		wantErr error
		errHas  string
	}{
		{name: "current", file: veConfig, want: signer.Credentials{AccessKeyID: secretAK, SecretAccessKey: secretSK, SessionToken: secretToken}},
		{name: "WithProfile beats current", file: veConfig, opts: []credentials.Option{credentials.WithProfile("default")},
			want: signer.Credentials{AccessKeyID: "AKdefault", SecretAccessKey: "SKdefault"}},
		{name: "VOLCENGINE_PROFILE beats current", file: veConfig, vars: map[string]string{"VOLCENGINE_PROFILE": "default"},
			want: signer.Credentials{AccessKeyID: "AKdefault", SecretAccessKey: "SKdefault"}},
		{name: "VOLCENGINE_PROFILE beats VOLCSTACK_PROFILE", file: veConfig, vars: map[string]string{"VOLCENGINE_PROFILE": "default", "VOLCSTACK_PROFILE": "prod"},
			want: signer.Credentials{AccessKeyID: "AKdefault", SecretAccessKey: "SKdefault"}},
		{name: "VOLCSTACK_PROFILE", file: noCurrent, vars: map[string]string{"VOLCSTACK_PROFILE": "prod"},
			want: signer.Credentials{AccessKeyID: "AKprod", SecretAccessKey: "SKprod"}},
		{name: "WithProfile beats the variables", file: veConfig, vars: map[string]string{"VOLCENGINE_PROFILE": "default"},
			opts: []credentials.Option{credentials.WithProfile("prod")}, want: signer.Credentials{AccessKeyID: secretAK, SecretAccessKey: secretSK, SessionToken: secretToken}},
		{name: "default without current", file: noCurrent, want: signer.Credentials{AccessKeyID: "AKdefault", SecretAccessKey: "SKdefault"}},
		{name: "empty current is default", file: `{"current": "", "profiles": {"default": {"access-key": "A1", "secret-key": "B1"}}}`,
			want: signer.Credentials{AccessKeyID: "A1", SecretAccessKey: "B1"}},
		{name: "no mode is access-key mode", file: veConfig, opts: []credentials.Option{credentials.WithProfile("nomode")},
			want: signer.Credentials{AccessKeyID: "AKnomode", SecretAccessKey: "SKnomode"}},
		{name: "mode is case-insensitive", file: `{"profiles": {"default": {"mode": " AK ", "access-key": "A1", "secret-key": "B1"}}}`,
			want: signer.Credentials{AccessKeyID: "A1", SecretAccessKey: "B1"}},
		{name: "null strings are empty", file: `{"profiles": {"default": {"access-key": "A1", "secret-key": "B1", "session-token": null, "region": null}}}`,
			want: signer.Credentials{AccessKeyID: "A1", SecretAccessKey: "B1"}},
		{name: "VOLCENGINE_CLI_CONFIG_FILE names the file", vars: map[string]string{"VOLCENGINE_CLI_CONFIG_FILE": "PATH"},
			want: signer.Credentials{AccessKeyID: secretAK, SecretAccessKey: secretSK, SessionToken: secretToken}},

		{name: "no file", wantErr: credentials.ErrNotFound, errHas: "config.json (does not exist)"},
		{name: "empty file, as ve creates it", file: " \n", wantErr: credentials.ErrNotFound, errHas: "config.json (empty)"},
		{name: "no default profile", file: `{"current": "", "profiles": {"prod": {}}}`, wantErr: credentials.ErrNotFound, errHas: `profile "default" (no such profile)`},
		{name: "null profiles", file: `{"current": "", "profiles": null}`, wantErr: credentials.ErrNotFound, errHas: `profile "default" (no such profile)`},
		{name: "null profile is no profile", file: `{"profiles": {"default": null}}`, wantErr: credentials.ErrNotFound, errHas: `(no such profile)`},
		{name: "profile without keys", file: `{"profiles": {"default": {"mode": "ak", "region": "cn-beijing"}}}`,
			wantErr: credentials.ErrNotFound, errHas: `profile "default" (no access-key or secret-key)`},

		{name: "WithProfile names a missing profile", file: veConfig, opts: []credentials.Option{credentials.WithProfile("nosuch")},
			wantErr: credentials.ErrInvalid, errHas: `profile "nosuch" (selected by WithProfile) not found`},
		{name: "VOLCENGINE_PROFILE names a missing profile", file: veConfig, vars: map[string]string{"VOLCENGINE_PROFILE": "nosuch"},
			wantErr: credentials.ErrInvalid, errHas: `profile "nosuch" (selected by VOLCENGINE_PROFILE) not found`},
		{name: "current names a missing profile", file: "{\n  \"current\": \"nosuch0\",\n  \"profiles\": {}\n}",
			wantErr: credentials.ErrInvalid, errHas: `config.json:2: current: names a profile that is not in "profiles"`},
		{name: "sso mode", file: veConfig, opts: []credentials.Option{credentials.WithProfile("sso")},
			wantErr: credentials.ErrInvalid, errHas: `config.json:34: mode: mode "sso" is not supported; only "ak" profiles hold keys`},
		{name: "unknown mode", file: `{"profiles": {"default": {"mode": "magic0", "access-key": "A1", "secret-key": "B1"}}}`,
			wantErr: credentials.ErrInvalid, errHas: `config.json:1: mode: unknown mode; only "ak" profiles hold keys`},
		{name: "key without secret", file: "{\"profiles\": {\"default\": {\n\"access-key\": \"" + secretAK + "\",\n\"secret-key\": \"\"}}}",
			wantErr: credentials.ErrInvalid, errHas: "config.json:2: access-key: set, but secret-key is missing or empty"},
		{name: "secret with a space", file: "{\"profiles\": {\"default\": {\n\"access-key\": \"A1\",\n\"secret-key\": \"" + secretSK + " \"}}}",
			wantErr: credentials.ErrInvalid, errHas: "config.json:3: secret-key: value contains whitespace"},
		{name: "syntax error", file: "{\n  \"profiles\": {\n    \"default\": {\"access-key\": \"" + secretAK + "\" \"secret-key\": \"" + secretSK + "\"}\n  }\n}",
			wantErr: credentials.ErrInvalid, errHas: "config.json:3: invalid JSON"},
		{name: "trailing comma", file: "{\"profiles\": {\"default\": {\"access-key\": \"A1\", \"secret-key\": \"" + secretSK + "\",}}}\n",
			wantErr: credentials.ErrInvalid, errHas: "config.json:1: invalid JSON"},
		{name: "truncated", file: "{\"profiles\": {\n\"default\": {\"access-key\": \"A1\",\n\"secret-key\": \"" + secretSK,
			wantErr: credentials.ErrInvalid, errHas: "config.json:3: unexpected end of JSON"},
		{name: "not an object", file: `["` + secretSK + `"]`, wantErr: credentials.ErrInvalid, errHas: "config.json:1: expected a JSON object"},
		{name: "profiles not an object", file: "{\n\"profiles\": [1]}", wantErr: credentials.ErrInvalid, errHas: "config.json:2: profiles: expected a JSON object"},
		{name: "key not a string", file: "{\"profiles\": {\"default\": {\n\"access-key\": 1234,\n\"secret-key\": \"B1\"}}}",
			wantErr: credentials.ErrInvalid, errHas: "config.json:2: access-key: value is not a string"},
		{name: "current not a string", file: "{\"current\": {\"x\": 1}}", wantErr: credentials.ErrInvalid, errHas: "config.json:1: current: value is not a string"},
		{name: "duplicate profile", file: "{\"profiles\": {\n\"default\": {},\n\"default\": {}}}", wantErr: credentials.ErrInvalid, errHas: "config.json:3: profiles: duplicate key in object"},
		{name: "duplicate member", file: "{\"profiles\": {\"default\": {\n\"secret-key\": \"" + secretSK + "\",\n\"secret-key\": \"" + secretSK + "\"}}}",
			wantErr: credentials.ErrInvalid, errHas: "config.json:3: profiles: duplicate key in object"},
		{name: "text after the object", file: "{}\n{}", wantErr: credentials.ErrInvalid, errHas: "config.json:2: text after the JSON object"},
		{name: "byte order mark", file: "\ufeff{}", wantErr: credentials.ErrInvalid, errHas: "config.json:1: invalid JSON"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			vars := tt.vars
			if vars["VOLCENGINE_CLI_CONFIG_FILE"] == "PATH" {
				vars = map[string]string{"VOLCENGINE_CLI_CONFIG_FILE": writeFile(t, t.TempDir(), "ve.json", veConfig)}
			}
			got, err := veRetrieve(t, tt.file, vars, tt.opts...)
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, mcerrors.KindUnauthenticated, mcerrors.KindOf(err))
			assert.Empty(t, got)
			assert.Contains(t, err.Error(), tt.errHas)
			if tt.wantErr == credentials.ErrInvalid {
				var pe *credentials.ParseError
				require.ErrorAs(t, err, &pe)
			}
			for _, secret := range []string{secretAK, secretSK, secretToken, "nosuch0", "magic0"} {
				assert.NotContains(t, err.Error(), secret)
			}
		})
	}
}

// A profile in a mode that fetches keys from a service stops the default
// chain rather than falling back to volc-sdk-golang's keys.
func TestVolcengineDefaultStopsAtOtherModes(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".volcengine/config.json", `{"current": "sso", "profiles": {"sso": {"mode": "sso", "region": "cn-guangzhou"}}}`)
	writeFile(t, home, ".volc/config", `{"ak": "AKjson", "sk": "SKjson"}`)
	opts := []credentials.Option{credentials.WithLookupEnv(env(map[string]string{})), credentials.WithHomeDir(home)}
	_, err := credentials.VolcengineDefault(opts...).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrInvalid)
	assert.Contains(t, err.Error(), `mode "sso" is not supported`)
	region, err := credentials.VolcengineRegion(opts...)
	require.NoError(t, err)
	assert.Equal(t, "cn-guangzhou", region)
}

func TestVolcengineRegionFromCLIConfig(t *testing.T) {
	t.Parallel()
	shared := "[default]\nvolcengine_access_key_id = " + secretAK + "\nvolcengine_secret_access_key = " + secretSK + "\nregion = cn-hongkong\n"
	runPlaceCases(t, credentials.VolcengineRegion, []placeCase{
		{name: "current", files: map[string]string{".volcengine/config.json": veConfig}, want: "cn-shanghai"},
		{name: "WithProfile", files: map[string]string{".volcengine/config.json": veConfig},
			opts: []credentials.Option{credentials.WithProfile("default")}, want: "cn-beijing"},
		{name: "VOLCENGINE_PROFILE", files: map[string]string{".volcengine/config.json": veConfig},
			env: map[string]string{"VOLCENGINE_PROFILE": "default"}, want: "cn-beijing"},
		{name: "VOLCENGINE_REGION wins", files: map[string]string{".volcengine/config.json": veConfig},
			env: map[string]string{"VOLCENGINE_REGION": "ap-southeast-1"}, want: "ap-southeast-1"},
		{name: "profile without a region", files: map[string]string{".volcengine/config.json": veConfig},
			opts: []credentials.Option{credentials.WithProfile("nomode")}, want: ""},
		{name: "empty file", files: map[string]string{".volcengine/config.json": ""}, want: ""},
		{name: "the shared credentials file's region comes first", files: map[string]string{".volcengine/credentials": shared, ".volcengine/config.json": veConfig},
			want: "cn-hongkong"},
		{name: "not past the file the credentials come from",
			files: map[string]string{".volcengine/credentials": "[default]\nvolcengine_access_key_id = A1\nvolcengine_secret_access_key = B1\n", ".volcengine/config.json": veConfig},
			want:  ""},
		{name: "a later broken file does not matter",
			files: map[string]string{".volcengine/credentials": "[default]\nvolcengine_access_key_id = A1\nvolcengine_secret_access_key = B1\n", ".volcengine/config.json": "{"},
			want:  ""},
		{name: "shared credentials file without keys: on to config.json",
			files: map[string]string{".volcengine/credentials": "[other]\nregion = cn-hongkong\n", ".volcengine/config.json": veConfig},
			want:  "cn-shanghai"},
		{name: "malformed config.json", files: map[string]string{".volcengine/config.json": "{\n\"current\": \"prod\",\n\"profiles\": {\"prod\": {\"region\": 5}}}"},
			wantErr: ":3: region: value is not a string"},
		{name: "current names a missing profile", files: map[string]string{".volcengine/config.json": `{"current": "nosuch"}`},
			wantErr: `current: names a profile that is not in "profiles"`},
		{name: "region with a space", files: map[string]string{".volcengine/config.json": "{\"profiles\": {\"default\": {\n\"region\": \"cn beijing\"}}}"},
			wantErr: ":2: region: value contains whitespace"},
	})
}

// The region and the credentials come from the same ve profile, whichever
// selects it, and a broken file gives the same error to both.
func TestVolcengineRegionAgreesWithTheChain(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".volcengine/config.json", veConfig)
	for _, tt := range []struct {
		name   string
		vars   map[string]string
		opts   []credentials.Option
		ak     string
		region string
	}{
		{name: "current", ak: secretAK, region: "cn-shanghai"},
		{name: "WithProfile", opts: []credentials.Option{credentials.WithProfile("default")}, ak: "AKdefault", region: "cn-beijing"},
		{name: "VOLCENGINE_PROFILE", vars: map[string]string{"VOLCENGINE_PROFILE": "default"}, ak: "AKdefault", region: "cn-beijing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := append([]credentials.Option{credentials.WithLookupEnv(env(tt.vars)), credentials.WithHomeDir(home)}, tt.opts...)
			c, err := credentials.VolcengineDefault(opts...).Retrieve(t.Context())
			require.NoError(t, err)
			region, err := credentials.VolcengineRegion(opts...)
			require.NoError(t, err)
			assert.Equal(t, tt.ak, c.AccessKeyID)
			assert.Equal(t, tt.region, region)
		})
	}

	broken := t.TempDir()
	writeFile(t, broken, ".volcengine/config.json", "{\"profiles\": {\"default\": {\"access-key\": \""+secretAK+"\",\n\"secret-key\": \""+secretSK+"\"")
	opts := []credentials.Option{credentials.WithLookupEnv(env(nil)), credentials.WithHomeDir(broken)}
	_, credErr := credentials.VolcengineDefault(opts...).Retrieve(t.Context())
	_, regionErr := credentials.VolcengineRegion(opts...)
	require.Error(t, credErr)
	require.Error(t, regionErr)
	assert.Equal(t, credErr.Error(), regionErr.Error())
	var pe *credentials.ParseError
	require.ErrorAs(t, regionErr, &pe)
	assert.Equal(t, filepath.Join(broken, ".volcengine", "config.json"), pe.Path)
	assert.Equal(t, 2, pe.Line)
}

// Printing the provider, in any way, shows no key.
func TestVolcengineCLIConfigFileFormatting(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".volcengine/config.json", veConfig)
	p := credentials.VolcengineCLIConfigFile("", credentials.WithHomeDir(home))
	_, err := p.Retrieve(t.Context())
	require.NoError(t, err)
	chain := credentials.VolcengineDefault(credentials.WithHomeDir(home), credentials.WithLookupEnv(env(nil)))
	assert.Contains(t, chain.String(), "credentials.File($HOME/.volcengine/config.json)")
	for _, s := range []string{fmt.Sprintf("%v", p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), fmt.Sprintf("%v", chain)} {
		for _, secret := range []string{secretAK, secretSK, secretToken} {
			assert.NotContains(t, s, secret)
		}
	}
}

// A profile named by WithProfile that the shared credentials file lacks is
// taken from the ve CLI's config.json, credentials and region alike; a
// profile neither file has is the first file's "profile not found"
// (ErrInvalid), not a generic "no credentials".
func TestNamedProfileFromALaterFile(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = AKshared\nvolcengine_secret_access_key = SKshared\nregion = cn-north-1\n")
	writeFile(t, home, ".volcengine/config.json", veConfig)
	opts := func(profile string) []credentials.Option {
		return []credentials.Option{credentials.WithLookupEnv(env(nil)), credentials.WithHomeDir(home), credentials.WithProfile(profile)}
	}

	c, err := credentials.VolcengineDefault(opts("prod")...).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, secretAK, c.AccessKeyID, "prod is only in config.json")
	region, err := credentials.VolcengineRegion(opts("prod")...)
	require.NoError(t, err)
	assert.Equal(t, "cn-shanghai", region)

	c, err = credentials.VolcengineDefault(opts("default")...).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "AKshared", c.AccessKeyID, "the first file that has the profile wins")

	_, credErr := credentials.VolcengineDefault(opts("prdo")...).Retrieve(t.Context())
	_, regionErr := credentials.VolcengineRegion(opts("prdo")...)
	for _, err := range []error{credErr, regionErr} {
		var pe *credentials.ParseError
		require.ErrorAs(t, err, &pe)
		assert.ErrorIs(t, err, credentials.ErrInvalid)
		assert.Equal(t, filepath.Join(home, ".volcengine", "credentials"), pe.Path)
		assert.Contains(t, pe.Reason, `profile "prdo"`)
	}
}
