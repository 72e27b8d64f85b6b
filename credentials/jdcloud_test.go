package credentials_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// As jdc configure add writes it (configparser).
const jdcConfig = `[default]
access_key = JDAKdefault
secret_key = JDSKdefault
region_id = cn-north-1
endpoint = www.jdcloud-api.com
scheme = https
timeout = 20

[test]
access_key = JDAKtest
secret_key = JDSKtest
region_id = cn-east-2
endpoint = www.jdcloud-api.com
scheme = https
timeout = 20

`

func TestJDCloudCLIConfigFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		config  string // "" for none
		current string // "" for no current file
		opts    []credentials.Option
		want    signer.Credentials
		wantErr error
		errHas  string
	}{
		{name: "no current file: default", config: jdcConfig, want: signer.Credentials{AccessKeyID: "JDAKdefault", SecretAccessKey: "JDSKdefault"}},
		{name: "current file", config: jdcConfig, current: "test", want: signer.Credentials{AccessKeyID: "JDAKtest", SecretAccessKey: "JDSKtest"}},
		{name: "current file with newline", config: jdcConfig, current: "test\n", want: signer.Credentials{AccessKeyID: "JDAKtest", SecretAccessKey: "JDSKtest"}},
		{name: "WithProfile beats current", config: jdcConfig, current: "test", opts: []credentials.Option{credentials.WithProfile("default")},
			want: signer.Credentials{AccessKeyID: "JDAKdefault", SecretAccessKey: "JDSKdefault"}},
		{name: "keys are case-insensitive, as in configparser", config: "[default]\nACCESS_KEY = A\nSecret_Key = B\n",
			want: signer.Credentials{AccessKeyID: "A", SecretAccessKey: "B"}},
		{name: "no config", current: "test", wantErr: credentials.ErrNotFound, errHas: "(does not exist)"},
		{name: "current names a missing profile", config: jdcConfig, current: "prod",
			wantErr: credentials.ErrInvalid, errHas: `profile "prod" (selected by `},
		{name: "no default profile", config: "[test]\naccess_key = A\nsecret_key = B\n",
			wantErr: credentials.ErrNotFound, errHas: `profile "default" (no such profile)`},
		{name: "DEFAULT section", config: "[DEFAULT]\naccess_key = " + secretAK + "\n[default]\nsecret_key = B\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: access_key: credentials in a [DEFAULT] section are not supported"},
		{name: "continuation line", config: "[default]\naccess_key = A\n  " + secretSK + "\nsecret_key = B\n",
			wantErr: credentials.ErrInvalid, errHas: ":3: indented line"},
		{name: "duplicate section", config: jdcConfig + "[test]\naccess_key = " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":17: duplicate section (first on line 9)"},
		{name: "duplicate key", config: "[default]\naccess_key = A\nACCESS_KEY = " + secretAK + "\nsecret_key = B\n",
			wantErr: credentials.ErrInvalid, errHas: ":3: access_key: duplicate key (first on line 2)"},
		{name: "key outside a section", config: "access_key = " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: access_key: key outside a [section]"},
		{name: "colon separator", config: "[default]\naccess_key: " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: `:2: expected "key = value"`},
		{name: "empty secret", config: "[default]\naccess_key = " + secretAK + "\nsecret_key =\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: access_key: set, but secret_key is missing or empty"},
		{name: "control character", config: "[default]\naccess_key = A\x00\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			if tt.config != "" {
				writeFile(t, home, ".jdc/config", tt.config)
			}
			if tt.current != "" {
				writeFile(t, home, ".jdc/current", tt.current)
			}
			opts := append([]credentials.Option{credentials.WithLookupEnv(env(map[string]string{"HOME": home, "USERPROFILE": home}))}, tt.opts...)
			got, err := credentials.JDCloudCLIConfigFile("", opts...).Retrieve(t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.errHas)
			assert.Contains(t, err.Error(), filepath.Join(home, ".jdc"))
			assert.NotContains(t, err.Error(), secretAK)
			assert.NotContains(t, err.Error(), secretSK)
		})
	}
}

func TestJDCloudCLIConfigFileExplicitPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := writeFile(t, dir, "jdc/config", jdcConfig)
	writeFile(t, dir, "jdc/current", "test")
	got, err := credentials.JDCloudCLIConfigFile(path).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "JDAKtest", got.AccessKeyID)
}

func TestJDCloudDefaultOrder(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".jdc/config", jdcConfig)
	base := map[string]string{"HOME": home, "USERPROFILE": home}
	got, err := credentials.JDCloudDefault(credentials.WithLookupEnv(env(map[string]string{
		"HOME": home, "USERPROFILE": home, "JDCLOUD_ACCESS_KEY": "JDAKenv", "JDCLOUD_SECRET_KEY": "JDSKenv",
	}))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, signer.Credentials{AccessKeyID: "JDAKenv", SecretAccessKey: "JDSKenv"}, got)

	got, err = credentials.JDCloudDefault(credentials.WithLookupEnv(env(base))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "JDAKdefault", got.AccessKeyID)

	got, err = credentials.JDCloudDefault(credentials.WithLookupEnv(env(base)), credentials.WithProfile("test")).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "JDAKtest", got.AccessKeyID)

	empty := t.TempDir()
	_, err = credentials.JDCloudDefault(credentials.WithLookupEnv(env(map[string]string{"HOME": empty, "USERPROFILE": empty}))).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrNotFound)
	assert.Equal(t, "credentials: no credentials found; looked in: "+
		"environment variables JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY (not set); "+
		"file "+filepath.Join(empty, ".jdc", "config")+" (does not exist)", err.Error())
}
