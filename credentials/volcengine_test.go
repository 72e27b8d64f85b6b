package credentials_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

const volcengineCredentialsFile = `# written by hand
[default]
volcengine_access_key_id = AKLTdefault
volcengine_secret_access_key = SKdefault==

; a second profile
[prod]
volcengine_access_key_id     = AKLTprod
volcengine_secret_access_key = SKprod
volcengine_session_token     = STS2prod
region = cn-beijing

[java]
volcstack_access_key_id = AKLTjava
volcstack_secret_access_key = SKjava
volcstack_session_token = STS2java

[regiononly]
region = cn-shanghai
`

func TestVolcengineSharedCredentialsFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		file    string // "" for no file
		env     map[string]string
		opts    []credentials.Option
		want    signer.Credentials
		wantErr error
		errHas  string
	}{
		{name: "default profile", file: volcengineCredentialsFile,
			want: signer.Credentials{AccessKeyID: "AKLTdefault", SecretAccessKey: "SKdefault=="}},
		{name: "VOLCSTACK_PROFILE", file: volcengineCredentialsFile, env: map[string]string{"VOLCSTACK_PROFILE": "prod"},
			want: signer.Credentials{AccessKeyID: "AKLTprod", SecretAccessKey: "SKprod", SessionToken: "STS2prod"}},
		{name: "WithProfile beats VOLCSTACK_PROFILE", file: volcengineCredentialsFile, env: map[string]string{"VOLCSTACK_PROFILE": "prod"},
			opts: []credentials.Option{credentials.WithProfile("java")},
			want: signer.Credentials{AccessKeyID: "AKLTjava", SecretAccessKey: "SKjava", SessionToken: "STS2java"}},
		{name: "no file", wantErr: credentials.ErrNotFound, errHas: "(does not exist)"},
		{name: "no default profile", file: "[prod]\nvolcengine_access_key_id = A\nvolcengine_secret_access_key = B\n",
			wantErr: credentials.ErrNotFound, errHas: `profile "default" (no such profile)`},
		{name: "named profile missing", file: volcengineCredentialsFile, env: map[string]string{"VOLCSTACK_PROFILE": "staging"},
			wantErr: credentials.ErrInvalid, errHas: `profile "staging" (selected by VOLCSTACK_PROFILE) not found`},
		{name: "profile without keys", file: volcengineCredentialsFile, opts: []credentials.Option{credentials.WithProfile("regiononly")},
			wantErr: credentials.ErrNotFound, errHas: "no volcengine_access_key_id or volcengine_secret_access_key"},
		{name: "key without secret", file: "[default]\nvolcengine_access_key_id = " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: volcengine_access_key_id: set, but volcengine_secret_access_key is missing or empty"},
		{name: "inline comment is not stripped, so rejected", file: "[default]\nvolcengine_access_key_id = AK\nvolcengine_secret_access_key = " + secretSK + " ; old key\n",
			wantErr: credentials.ErrInvalid, errHas: ":3: volcengine_secret_access_key: value contains whitespace"},
		{name: "quoted value", file: "[default]\nvolcengine_access_key_id = \"" + secretAK + "\"\nvolcengine_secret_access_key = x\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: volcengine_access_key_id: value contains quote characters"},
		{name: "syntax error", file: "[default]\n" + secretSK + "\n",
			wantErr: credentials.ErrInvalid, errHas: `:2: expected "key = value"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			if tt.file != "" {
				writeFile(t, home, ".volcengine/credentials", tt.file)
			}
			e := map[string]string{"HOME": home, "USERPROFILE": home}
			for k, v := range tt.env {
				e[k] = v
			}
			p := credentials.VolcengineSharedCredentialsFile("", append([]credentials.Option{credentials.WithLookupEnv(env(e))}, tt.opts...)...)
			got, err := p.Retrieve(t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.errHas)
			assert.Contains(t, err.Error(), filepath.Join(home, ".volcengine", "credentials"))
			assert.NotContains(t, err.Error(), secretAK)
			assert.NotContains(t, err.Error(), secretSK)
		})
	}
}

func TestVolcengineSharedCredentialsFileLocation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	custom := writeFile(t, dir, "elsewhere/creds", "[default]\nvolcengine_access_key_id = AKenv\nvolcengine_secret_access_key = SKenv\n")
	explicit := writeFile(t, dir, "explicit", "[default]\nvolcengine_access_key_id = AKarg\nvolcengine_secret_access_key = SKarg\n")

	got, err := credentials.VolcengineSharedCredentialsFile("", credentials.WithLookupEnv(env(map[string]string{
		"VOLCSTACK_SHARED_CREDENTIALS_FILE": custom,
	}))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "AKenv", got.AccessKeyID)

	got, err = credentials.VolcengineSharedCredentialsFile(explicit, credentials.WithLookupEnv(env(map[string]string{
		"VOLCSTACK_SHARED_CREDENTIALS_FILE": custom,
	}))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "AKarg", got.AccessKeyID)

	_, err = credentials.VolcengineSharedCredentialsFile("", credentials.WithLookupEnv(env(nil))).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrNotFound)
	assert.Contains(t, err.Error(), "file $HOME/.volcengine/credentials (")
	assert.Contains(t, err.Error(), "is not set)")

	home := t.TempDir()
	writeFile(t, home, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = AKhome\nvolcengine_secret_access_key = SKhome\n")
	got, err = credentials.VolcengineSharedCredentialsFile("", credentials.WithLookupEnv(env(map[string]string{"HOME": dir, "USERPROFILE": dir})), credentials.WithHomeDir(home)).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "AKhome", got.AccessKeyID)
}

func TestVolcConfigFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		file    string
		want    signer.Credentials
		wantErr error
		errHas  string
	}{
		{name: "ak and sk", file: `{"ak": "AKLTvolc", "sk": "SKvolc"}`, want: signer.Credentials{AccessKeyID: "AKLTvolc", SecretAccessKey: "SKvolc"}},
		{name: "other members ignored", file: "{\n  \"region\": \"cn-north-1\",\n  \"ak\": \"A\",\n  \"nested\": {\"x\": [1, 2]},\n  \"sk\": \"B\"\n}\n",
			want: signer.Credentials{AccessKeyID: "A", SecretAccessKey: "B"}},
		{name: "empty object", file: `{}`, wantErr: credentials.ErrNotFound, errHas: "(no ak or sk)"},
		{name: "sk missing", file: "{\"ak\": \"" + secretAK + "\"}", wantErr: credentials.ErrInvalid, errHas: ":1: ak: set, but sk is missing or empty"},
		{name: "not a string", file: "{\"ak\": \"A\",\n\"sk\": 12345678901234}", wantErr: credentials.ErrInvalid, errHas: ":2: sk: value is not a string"},
		{name: "duplicate", file: "{\"ak\": \"A\", \"sk\": \"B\",\n\"ak\": \"C\"}", wantErr: credentials.ErrInvalid, errHas: ":2: ak: duplicate key"},
		{name: "syntax error", file: "{\"ak\": \"A\",\n\"sk\": " + secretSK + "}", wantErr: credentials.ErrInvalid, errHas: ":2: invalid JSON"},
		{name: "truncated", file: "{\"ak\": \"A\",\n\"sk\": \"" + secretSK, wantErr: credentials.ErrInvalid, errHas: ": unexpected end of JSON"},
		{name: "array", file: `["ak", "sk"]`, wantErr: credentials.ErrInvalid, errHas: "expected a JSON object"},
		{name: "trailing text", file: `{"ak": "A", "sk": "B"} x`, wantErr: credentials.ErrInvalid, errHas: "text after the JSON object"},
		{name: "escape producing control character", file: `{"ak": "A", "sk": "B\u0000"}`, wantErr: credentials.ErrInvalid, errHas: "sk: value contains control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			writeFile(t, home, ".volc/config", tt.file)
			got, err := credentials.VolcConfigFile("", credentials.WithHomeDir(home)).Retrieve(t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.errHas)
			assert.NotContains(t, err.Error(), secretAK)
			assert.NotContains(t, err.Error(), secretSK)
		})
	}
}

func TestVolcengineDefaultOrder(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = AKfile\nvolcengine_secret_access_key = SKfile\n")
	writeFile(t, home, ".volc/config", `{"ak": "AKjson", "sk": "SKjson"}`)
	both := map[string]string{
		"HOME": home, "USERPROFILE": home,
		"VOLCSTACK_ACCESS_KEY_ID": "AKenv", "VOLCSTACK_SECRET_ACCESS_KEY": "SKenv",
		"VOLC_ACCESSKEY": "AKvolc", "VOLC_SECRETKEY": "SKvolc",
	}
	retrieve := func(e map[string]string) (signer.Credentials, error) {
		return credentials.VolcengineDefault(credentials.WithLookupEnv(env(e))).Retrieve(t.Context())
	}
	without := func(keys ...string) map[string]string {
		m := map[string]string{}
		for k, v := range both {
			m[k] = v
		}
		for _, k := range keys {
			delete(m, k)
		}
		return m
	}

	got, err := retrieve(both)
	require.NoError(t, err)
	assert.Equal(t, "AKenv", got.AccessKeyID)

	got, err = retrieve(without("VOLCSTACK_ACCESS_KEY_ID", "VOLCSTACK_SECRET_ACCESS_KEY"))
	require.NoError(t, err)
	assert.Equal(t, "AKvolc", got.AccessKeyID)

	got, err = retrieve(without("VOLCSTACK_ACCESS_KEY_ID", "VOLCSTACK_SECRET_ACCESS_KEY", "VOLC_ACCESSKEY", "VOLC_SECRETKEY"))
	require.NoError(t, err)
	assert.Equal(t, "AKfile", got.AccessKeyID)

	// The ve CLI's config.json comes after the shared credentials file and
	// before volc-sdk-golang's file.
	home2 := t.TempDir()
	writeFile(t, home2, ".volc/config", `{"ak": "AKjson", "sk": "SKjson"}`)
	writeFile(t, home2, ".volcengine/config.json", `{"current": "default", "profiles": {"default": {"mode": "ak", "access-key": "AKcli", "secret-key": "SKcli"}}}`)
	got, err = retrieve(map[string]string{"HOME": home2, "USERPROFILE": home2})
	require.NoError(t, err)
	assert.Equal(t, "AKcli", got.AccessKeyID)
	writeFile(t, home2, ".volcengine/credentials", "[default]\nvolcengine_access_key_id = AKfile\nvolcengine_secret_access_key = SKfile\n")
	got, err = retrieve(map[string]string{"HOME": home2, "USERPROFILE": home2})
	require.NoError(t, err)
	assert.Equal(t, "AKfile", got.AccessKeyID)

	home3 := t.TempDir()
	writeFile(t, home3, ".volc/config", `{"ak": "AKjson", "sk": "SKjson"}`)
	writeFile(t, home3, ".volcengine/config.json", "") // as ve creates it
	got, err = retrieve(map[string]string{"HOME": home3, "USERPROFILE": home3})
	require.NoError(t, err)
	assert.Equal(t, "AKjson", got.AccessKeyID)

	empty := t.TempDir()
	_, err = retrieve(map[string]string{"HOME": empty, "USERPROFILE": empty})
	require.ErrorIs(t, err, credentials.ErrNotFound)
	var nf *credentials.NotFoundError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, []string{
		"environment variables VOLCENGINE_ACCESS_KEY | VOLCSTACK_ACCESS_KEY_ID | VOLCSTACK_ACCESS_KEY and VOLCENGINE_SECRET_KEY | VOLCSTACK_SECRET_ACCESS_KEY | VOLCSTACK_SECRET_KEY (not set)",
		"environment variables VOLC_ACCESSKEY and VOLC_SECRETKEY (not set)",
		"file " + filepath.Join(empty, ".volcengine", "credentials") + " (does not exist)",
		"file " + filepath.Join(empty, ".volcengine", "config.json") + " (does not exist)",
		"file " + filepath.Join(empty, ".volc", "config") + " (does not exist)",
	}, nf.Places)

	// Half-set variables stop the chain instead of falling back to the file.
	_, err = retrieve(without("VOLCSTACK_SECRET_ACCESS_KEY"))
	require.ErrorIs(t, err, credentials.ErrInvalid)
	assert.NotErrorIs(t, err, credentials.ErrNotFound)
}
