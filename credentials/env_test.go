package credentials_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

func TestEnvProviders(t *testing.T) {
	t.Parallel()
	type ctor func(...credentials.Option) credentials.EnvProvider
	tests := []struct {
		name    string
		ctor    ctor
		env     map[string]string
		want    signer.Credentials
		wantErr error
		errHas  []string // substrings the error must contain
	}{
		{
			name: "volcengine VOLCSTACK names",
			ctor: credentials.VolcengineEnv,
			env:  map[string]string{"VOLCSTACK_ACCESS_KEY_ID": "AK1", "VOLCSTACK_SECRET_ACCESS_KEY": "SK1", "VOLCSTACK_SESSION_TOKEN": "T1"},
			want: signer.Credentials{AccessKeyID: "AK1", SecretAccessKey: "SK1", SessionToken: "T1"},
		},
		{
			name: "volcengine short VOLCSTACK names",
			ctor: credentials.VolcengineEnv,
			env:  map[string]string{"VOLCSTACK_ACCESS_KEY": "AK2", "VOLCSTACK_SECRET_KEY": "SK2"},
			want: signer.Credentials{AccessKeyID: "AK2", SecretAccessKey: "SK2"},
		},
		{
			name: "volcengine VOLCENGINE names win, as in volcengine-go-sdk",
			ctor: credentials.VolcengineEnv,
			env: map[string]string{
				"VOLCENGINE_ACCESS_KEY": "AKnew", "VOLCSTACK_ACCESS_KEY_ID": "AKold", "VOLCSTACK_ACCESS_KEY": "AKolder",
				"VOLCENGINE_SECRET_KEY": "SKnew", "VOLCSTACK_SECRET_ACCESS_KEY": "SKold",
				"VOLCENGINE_SESSION_TOKEN": "Tnew", "VOLCSTACK_SESSION_TOKEN": "Told",
			},
			want: signer.Credentials{AccessKeyID: "AKnew", SecretAccessKey: "SKnew", SessionToken: "Tnew"},
		},
		{
			name: "volcengine _ID beats the short name",
			ctor: credentials.VolcengineEnv,
			env:  map[string]string{"VOLCSTACK_ACCESS_KEY_ID": "AKid", "VOLCSTACK_ACCESS_KEY": "AKshort", "VOLCSTACK_SECRET_ACCESS_KEY": "SKlong", "VOLCSTACK_SECRET_KEY": "SKshort"},
			want: signer.Credentials{AccessKeyID: "AKid", SecretAccessKey: "SKlong"},
		},
		{
			name: "volcengine empty variable is skipped",
			ctor: credentials.VolcengineEnv,
			env:  map[string]string{"VOLCENGINE_ACCESS_KEY": "", "VOLCSTACK_ACCESS_KEY_ID": "AK", "VOLCSTACK_SECRET_KEY": "SK"},
			want: signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"},
		},
		{
			name:    "volcengine nothing set",
			ctor:    credentials.VolcengineEnv,
			env:     map[string]string{"VOLCSTACK_SESSION_TOKEN": secretToken},
			wantErr: credentials.ErrNotFound,
			errHas:  []string{"VOLCENGINE_ACCESS_KEY | VOLCSTACK_ACCESS_KEY_ID | VOLCSTACK_ACCESS_KEY", "VOLCSTACK_SECRET_KEY"},
		},
		{
			name:    "volcengine key without secret",
			ctor:    credentials.VolcengineEnv,
			env:     map[string]string{"VOLCSTACK_ACCESS_KEY_ID": secretAK},
			wantErr: credentials.ErrInvalid,
			errHas:  []string{"VOLCSTACK_ACCESS_KEY_ID is set", "VOLCSTACK_SECRET_ACCESS_KEY"},
		},
		{
			name:    "volcengine secret without key",
			ctor:    credentials.VolcengineEnv,
			env:     map[string]string{"VOLCSTACK_SECRET_KEY": secretSK},
			wantErr: credentials.ErrInvalid,
			errHas:  []string{"VOLCSTACK_SECRET_KEY is set"},
		},
		{
			name:    "volcengine secret with trailing newline",
			ctor:    credentials.VolcengineEnv,
			env:     map[string]string{"VOLCSTACK_ACCESS_KEY_ID": secretAK, "VOLCSTACK_SECRET_ACCESS_KEY": secretSK + "\n"},
			wantErr: credentials.ErrInvalid,
			errHas:  []string{"VOLCSTACK_SECRET_ACCESS_KEY", "whitespace"},
		},
		{
			name:    "volcengine quoted token",
			ctor:    credentials.VolcengineEnv,
			env:     map[string]string{"VOLCSTACK_ACCESS_KEY_ID": secretAK, "VOLCSTACK_SECRET_ACCESS_KEY": secretSK, "VOLCSTACK_SESSION_TOKEN": `"` + secretToken + `"`},
			wantErr: credentials.ErrInvalid,
			errHas:  []string{"VOLCSTACK_SESSION_TOKEN", "quote"},
		},
		{
			name: "volc-sdk-golang",
			ctor: credentials.VolcEnv,
			env:  map[string]string{"VOLC_ACCESSKEY": "AK", "VOLC_SECRETKEY": "SK", "VOLCSTACK_SESSION_TOKEN": "ignored"},
			want: signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"},
		},
		{
			name:    "volc-sdk-golang nothing set",
			ctor:    credentials.VolcEnv,
			env:     map[string]string{"VOLCSTACK_ACCESS_KEY_ID": "AK", "VOLCSTACK_SECRET_KEY": "SK"},
			wantErr: credentials.ErrNotFound,
			errHas:  []string{"VOLC_ACCESSKEY and VOLC_SECRETKEY"},
		},
		{
			name: "qingcloud",
			ctor: credentials.QingCloudEnv,
			env:  map[string]string{"QINGCLOUD_ACCESS_KEY_ID": "QYAK", "QINGCLOUD_SECRET_ACCESS_KEY": "QYSK"},
			want: signer.Credentials{AccessKeyID: "QYAK", SecretAccessKey: "QYSK"},
		},
		{
			name:    "qingcloud half set",
			ctor:    credentials.QingCloudEnv,
			env:     map[string]string{"QINGCLOUD_SECRET_ACCESS_KEY": secretSK},
			wantErr: credentials.ErrInvalid,
			errHas:  []string{"QINGCLOUD_SECRET_ACCESS_KEY is set", "QINGCLOUD_ACCESS_KEY_ID"},
		},
		{
			name: "jdcloud",
			ctor: credentials.JDCloudEnv,
			env:  map[string]string{"JDCLOUD_ACCESS_KEY": "JDAK", "JDCLOUD_SECRET_KEY": "JDSK"},
			want: signer.Credentials{AccessKeyID: "JDAK", SecretAccessKey: "JDSK"},
		},
		{
			name:    "jdcloud not set",
			ctor:    credentials.JDCloudEnv,
			env:     map[string]string{"access_key": "terraform's names are not read"},
			wantErr: credentials.ErrNotFound,
			errHas:  []string{"JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY (not set)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.ctor(credentials.WithLookupEnv(env(tt.env))).Retrieve(t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, signer.Credentials{}, got)
			for _, s := range tt.errHas {
				assert.Contains(t, err.Error(), s)
			}
			for _, v := range tt.env {
				if len(v) > 4 {
					assert.NotContains(t, err.Error(), v)
				}
			}
		})
	}
}

// A custom EnvProvider, e.g. for a deployment's own variable names.
func TestEnvProviderCustom(t *testing.T) {
	t.Parallel()
	p := credentials.EnvProvider{
		AccessKeyIDVars:     []string{"MY_AK"},
		SecretAccessKeyVars: []string{"MY_SK"},
		SessionTokenVars:    []string{"MY_TOKEN"},
		LookupEnv:           env(map[string]string{"MY_AK": "a", "MY_SK": "b", "MY_TOKEN": "c"}),
	}
	got, err := p.Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, signer.Credentials{AccessKeyID: "a", SecretAccessKey: "b", SessionToken: "c"}, got)
}
