package credentials_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// The QingCloud SDK's default file (qingcloud-sdk-go config/contract.go).
const qingCloudDefaultFile = `# QingCloud services configuration

#qy_access_key_id: 'ACCESS_KEY_ID'
#qy_secret_access_key: 'SECRET_ACCESS_KEY'

host: 'api.qingcloud.com'
port: 443
protocol: 'https'
uri: '/iaas'
connection_retries: 3
connection_timeout: 30

# Valid log levels are "debug", "info", "warn", "error", and "fatal".
log_level: 'warn'

`

func TestQingCloudConfigFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		file    string
		want    signer.Credentials
		wantErr error
		errHas  string
	}{
		{name: "single quotes", file: "qy_access_key_id: 'QYACCESSKEY'\nqy_secret_access_key: 'QYSECRET'\nzone: 'pek3'\n",
			want: signer.Credentials{AccessKeyID: "QYACCESSKEY", SecretAccessKey: "QYSECRET"}},
		{name: "plain, double quotes, comments", file: "---\n# mine\nqy_access_key_id: QYACCESSKEY   # the key\nqy_secret_access_key: \"QY/SECRET+==\"  # shh\n",
			want: signer.Credentials{AccessKeyID: "QYACCESSKEY", SecretAccessKey: "QY/SECRET+=="}},
		{name: "CRLF and BOM", file: "\ufeffqy_access_key_id: A\r\nqy_secret_access_key: B\r\n",
			want: signer.Credentials{AccessKeyID: "A", SecretAccessKey: "B"}},
		{name: "uncommented default file", file: qingCloudDefaultFile + "qy_access_key_id: 'QYAK'\nqy_secret_access_key: 'QYSK'\n",
			want: signer.Credentials{AccessKeyID: "QYAK", SecretAccessKey: "QYSK"}},
		{name: "SDK default file has no keys", file: qingCloudDefaultFile,
			wantErr: credentials.ErrNotFound, errHas: "(no qy_access_key_id or qy_secret_access_key)"},
		{name: "null keys", file: "qy_access_key_id: ~\nqy_secret_access_key: null\n",
			wantErr: credentials.ErrNotFound, errHas: "(no qy_access_key_id or qy_secret_access_key)"},
		{name: "secret missing", file: "qy_access_key_id: '" + secretAK + "'\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: qy_access_key_id: set, but qy_secret_access_key is missing or empty"},
		{name: "unterminated quote", file: "qy_access_key_id: A\nqy_secret_access_key: '" + secretSK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: qy_secret_access_key: unterminated single-quoted value"},
		{name: "nested", file: "credentials:\n  qy_access_key_id: " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: indented line"},
		{name: "flow mapping", file: "qy_access_key_id: {id: " + secretAK + "}\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: qy_access_key_id: unsupported value"},
		{name: "anchor", file: "qy_access_key_id: &k " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: qy_access_key_id: unsupported value"},
		{name: "duplicate", file: "qy_access_key_id: A\nqy_secret_access_key: B\nqy_access_key_id: " + secretAK + "\n",
			wantErr: credentials.ErrInvalid, errHas: ":3: qy_access_key_id: duplicate key (first on line 1)"},
		{name: "space inside plain value", file: "qy_access_key_id: A\nqy_secret_access_key: " + secretSK + " tail\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: qy_secret_access_key: value contains whitespace"},
		{name: "no colon: a pasted secret", file: "qy_access_key_id: A\n" + secretSK + "\n",
			wantErr: credentials.ErrInvalid, errHas: `:2: expected "key: value"`},
		{name: "unknown key is not named", file: secretAK + ": {x}\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: unsupported value"},
		{name: "second document", file: "qy_access_key_id: A\n---\nqy_secret_access_key: B\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: several YAML documents"},
		{name: "bad escape", file: "qy_access_key_id: \"\\x41\"\n",
			wantErr: credentials.ErrInvalid, errHas: ":1: qy_access_key_id: unsupported escape sequence"},
		{name: "invalid UTF-8", file: "qy_access_key_id: A\nzone: \xff\n",
			wantErr: credentials.ErrInvalid, errHas: ":2: not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			path := writeFile(t, home, ".qingcloud/config.yaml", tt.file)
			got, err := credentials.QingCloudConfigFile("", credentials.WithLookupEnv(env(map[string]string{"HOME": home, "USERPROFILE": home}))).Retrieve(t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), path)
			assert.Contains(t, err.Error(), tt.errHas)
			assert.NotContains(t, err.Error(), secretAK)
			assert.NotContains(t, err.Error(), secretSK)
		})
	}
}

// Unlike the QingCloud SDK, a missing file is reported, not created.
func TestQingCloudConfigFileNeverWrites(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	_, err := credentials.QingCloudConfigFile("", credentials.WithHomeDir(home)).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrNotFound)
	assert.Equal(t, "credentials: no credentials found; looked in: file "+filepath.Join(home, ".qingcloud", "config.yaml")+" (does not exist)", err.Error())
	entries, err := os.ReadDir(home)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestQingCloudDefaultOrder(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".qingcloud/config.yaml", "qy_access_key_id: QYfile\nqy_secret_access_key: SKfile\n")
	e := map[string]string{"HOME": home, "USERPROFILE": home, "QINGCLOUD_ACCESS_KEY_ID": "QYenv", "QINGCLOUD_SECRET_ACCESS_KEY": "SKenv"}
	got, err := credentials.QingCloudDefault(credentials.WithLookupEnv(env(e))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "QYenv", got.AccessKeyID)

	got, err = credentials.QingCloudDefault(credentials.WithLookupEnv(env(map[string]string{"HOME": home, "USERPROFILE": home}))).Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "QYfile", got.AccessKeyID)

	// A broken file is reported, not skipped.
	broken := t.TempDir()
	writeFile(t, broken, ".qingcloud/config.yaml", "qy_access_key_id: [x]\n")
	_, err = credentials.QingCloudDefault(credentials.WithLookupEnv(env(map[string]string{"HOME": broken, "USERPROFILE": broken}))).Retrieve(t.Context())
	var pe *credentials.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 1, pe.Line)
	assert.Equal(t, "qy_access_key_id", pe.Key)
}

func TestFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := credentials.QingCloudConfigFile(dir).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrInvalid)
	assert.Contains(t, err.Error(), "is not a regular file")

	big := writeFile(t, dir, "big.yaml", string(make([]byte, 1<<20+1)))
	_, err = credentials.QingCloudConfigFile(big).Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrInvalid)
	assert.Contains(t, err.Error(), "larger than")

	if os.Getuid() != 0 { // root reads anything
		unreadable := writeFile(t, dir, "unreadable.yaml", "qy_access_key_id: A\n")
		require.NoError(t, os.Chmod(unreadable, 0))
		_, err = credentials.QingCloudConfigFile(unreadable).Retrieve(t.Context())
		require.ErrorIs(t, err, credentials.ErrInvalid)
		assert.Contains(t, err.Error(), "permission denied")
	}
}
