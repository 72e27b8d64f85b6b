package credentials_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// placeCase is one lookup of a default region or zone.
type placeCase struct {
	name    string
	files   map[string]string // home-relative path → content
	env     map[string]string // besides HOME
	opts    []credentials.Option
	want    string
	wantErr string // a part of the error; the error must be a *ParseError
}

// runPlaceCases runs each case with a fresh home directory and only the
// given variables.
func runPlaceCases(t *testing.T, lookup func(...credentials.Option) (string, error), cases []placeCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := t.TempDir()
			for rel, content := range tt.files {
				writeFile(t, home, rel, content)
			}
			vars := map[string]string{"HOME": home, "USERPROFILE": home}
			for k, v := range tt.env {
				vars[k] = v
			}
			got, err := lookup(append([]credentials.Option{credentials.WithLookupEnv(env(vars))}, tt.opts...)...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Empty(t, got)
				var pe *credentials.ParseError
				require.ErrorAs(t, err, &pe, "%v", err)
				assert.ErrorIs(t, err, credentials.ErrInvalid)
				assert.Equal(t, mcerrors.KindUnauthenticated, mcerrors.KindOf(err))
				assert.Contains(t, err.Error(), tt.wantErr)
				for _, secret := range []string{secretAK, secretSK, secretToken} {
					assert.NotContains(t, err.Error(), secret)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestJDCloudRegion(t *testing.T) {
	t.Parallel()
	config := "[default]\naccess_key = " + secretAK + "\nsecret_key = " + secretSK + "\nregion_id = cn-north-1\n\n" +
		"[prod]\naccess_key = " + secretAK + "\nsecret_key = " + secretSK + "\nregion_id = cn-east-2\n\n" +
		"[noregion]\naccess_key = " + secretAK + "\nsecret_key = " + secretSK + "\n\n" +
		"[regiononly]\nregion_id = cn-south-1\n"
	files := map[string]string{".jdc/config": config}
	withCurrent := map[string]string{".jdc/config": config, ".jdc/current": "prod"}
	runPlaceCases(t, credentials.JDCloudRegion, []placeCase{
		{name: "env wins over the file", files: files, env: map[string]string{"JDCLOUD_REGION": "cn-east-1"}, want: "cn-east-1"},
		{name: "empty env is unset", files: files, env: map[string]string{"JDCLOUD_REGION": ""}, want: "cn-north-1"},
		{name: "default profile", files: files, want: "cn-north-1"},
		{name: "WithProfile", files: files, opts: []credentials.Option{credentials.WithProfile("prod")}, want: "cn-east-2"},
		{name: "current file", files: withCurrent, want: "cn-east-2"},
		{name: "WithProfile beats the current file", files: withCurrent, opts: []credentials.Option{credentials.WithProfile("default")}, want: "cn-north-1"},
		{name: "profile without region_id", files: files, opts: []credentials.Option{credentials.WithProfile("noregion")}, want: ""},
		{name: "profile with a region and no credentials", files: files, opts: []credentials.Option{credentials.WithProfile("regiononly")}, want: "cn-south-1"},
		{name: "region_id of a DEFAULT section applies, as in configparser",
			files: map[string]string{".jdc/config": "[DEFAULT]\nregion_id = cn-east-1\n\n[default]\naccess_key = A\nsecret_key = B\n\n[prod]\nregion_id = cn-east-2\n"},
			want:  "cn-east-1"},
		{name: "a profile's own region_id beats DEFAULT's",
			files: map[string]string{".jdc/config": "[DEFAULT]\nregion_id = cn-east-1\n\n[prod]\nregion_id = cn-east-2\n"},
			opts:  []credentials.Option{credentials.WithProfile("prod")}, want: "cn-east-2"},
		{name: "no file", want: ""},
		{name: "no default profile", files: map[string]string{".jdc/config": "[prod]\nregion_id = cn-east-2\n"}, want: ""},
		{name: "profile selected by name is missing", files: files, opts: []credentials.Option{credentials.WithProfile("nosuch")},
			wantErr: `profile "nosuch" (selected by WithProfile) not found`},
		{name: "current names a missing profile", files: map[string]string{".jdc/config": config, ".jdc/current": "nosuch"},
			wantErr: `profile "nosuch" (selected by `},
		{name: "malformed file", files: map[string]string{".jdc/config": "[default]\naccess_key = " + secretAK + "\n  " + secretSK + "\nregion_id = cn-north-1\n"},
			wantErr: ":3: indented line"},
		{name: "quoted region", files: map[string]string{".jdc/config": "[default]\nregion_id = \"cn-north-1\"\n"},
			wantErr: ":2: region_id: value contains quote characters"},
	})
}

func TestVolcengineRegion(t *testing.T) {
	t.Parallel()
	shared := "[default]\nvolcengine_access_key_id = " + secretAK + "\nvolcengine_secret_access_key = " + secretSK + "\nregion = cn-beijing\n\n" +
		"[prod]\nvolcengine_access_key_id = " + secretAK + "\nvolcengine_secret_access_key = " + secretSK +
		"\nvolcengine_session_token = " + secretToken + "\nregion = cn-shanghai\n"
	files := map[string]string{".volcengine/credentials": shared}
	runPlaceCases(t, credentials.VolcengineRegion, []placeCase{
		{name: "VOLCENGINE_REGION wins over the file", files: files, env: map[string]string{"VOLCENGINE_REGION": "cn-guangzhou"}, want: "cn-guangzhou"},
		{name: "VOLCENGINE_REGION before VOLCSTACK_REGION", env: map[string]string{"VOLCENGINE_REGION": "cn-guangzhou", "VOLCSTACK_REGION": "ap-southeast-1"}, want: "cn-guangzhou"},
		{name: "VOLCSTACK_REGION wins over the file", files: files, env: map[string]string{"VOLCSTACK_REGION": "ap-southeast-1"}, want: "ap-southeast-1"},
		{name: "default profile", files: files, want: "cn-beijing"},
		{name: "WithProfile", files: files, opts: []credentials.Option{credentials.WithProfile("prod")}, want: "cn-shanghai"},
		{name: "VOLCSTACK_PROFILE", files: files, env: map[string]string{"VOLCSTACK_PROFILE": "prod"}, want: "cn-shanghai"},
		{name: "WithProfile beats VOLCSTACK_PROFILE", files: files, env: map[string]string{"VOLCSTACK_PROFILE": "prod"},
			opts: []credentials.Option{credentials.WithProfile("default")}, want: "cn-beijing"},
		{name: "no file", want: ""},
		{name: "volc-sdk-golang's file names no region", files: map[string]string{".volc/config": `{"ak": "A", "sk": "B", "region": "cn-north-1"}`}, want: ""},
		{name: "profile without a region", files: map[string]string{".volcengine/credentials": "[default]\nvolcengine_access_key_id = A\nvolcengine_secret_access_key = B\n"}, want: ""},
		{name: "profile selected by VOLCSTACK_PROFILE is missing", files: files, env: map[string]string{"VOLCSTACK_PROFILE": "nosuch"},
			wantErr: `profile "nosuch" (selected by VOLCSTACK_PROFILE) not found`},
		{name: "malformed file", files: map[string]string{".volcengine/credentials": "[default]\nvolcengine_secret_access_key = " + secretSK + "\nvolcengine_secret_access_key = " + secretSK + "\nregion = cn-beijing\n"},
			wantErr: ":3: volcengine_secret_access_key: duplicate key (first on line 2)"},
		{name: "duplicate region", files: map[string]string{".volcengine/credentials": "[default]\nregion = cn-beijing\nregion = cn-shanghai\n"},
			wantErr: ":3: region: duplicate key (first on line 2)"},
	})
}

// The shared credentials file named by VOLCSTACK_SHARED_CREDENTIALS_FILE is
// where the region comes from too.
func TestVolcengineRegionSharedCredentialsFileVar(t *testing.T) {
	t.Parallel()
	path := writeFile(t, t.TempDir(), "creds", "[default]\nregion = cn-shanghai\n")
	got, err := credentials.VolcengineRegion(credentials.WithLookupEnv(env(map[string]string{
		"HOME": t.TempDir(), "USERPROFILE": t.TempDir(), "VOLCSTACK_SHARED_CREDENTIALS_FILE": path,
	})))
	require.NoError(t, err)
	assert.Equal(t, "cn-shanghai", got)
}

func TestQingCloudZone(t *testing.T) {
	t.Parallel()
	config := "qy_access_key_id: '" + secretAK + "'\nqy_secret_access_key: '" + secretSK + "'\nzone: 'pek3a'\n"
	files := map[string]string{".qingcloud/config.yaml": config}
	runPlaceCases(t, credentials.QingCloudZone, []placeCase{
		{name: "env wins over the file", files: files, env: map[string]string{"QINGCLOUD_ZONE": "sh1a"}, want: "sh1a"},
		{name: "file", files: files, want: "pek3a"},
		{name: "WithProfile does not apply: the file has no profiles", files: files, opts: []credentials.Option{credentials.WithProfile("prod")}, want: "pek3a"},
		{name: "zone without credentials", files: map[string]string{".qingcloud/config.yaml": "zone: gd2\n"}, want: "gd2"},
		{name: "the SDK's default file", files: map[string]string{".qingcloud/config.yaml": "#qy_access_key_id: 'ACCESS_KEY_ID'\nhost: 'api.qingcloud.com'\nport: 443\n"}, want: ""},
		{name: "null zone", files: map[string]string{".qingcloud/config.yaml": "zone: ~\n"}, want: ""},
		{name: "no file", want: ""},
		{name: "malformed file", files: map[string]string{".qingcloud/config.yaml": "qy_secret_access_key: '" + secretSK + "\nzone: pek3a\n"},
			wantErr: ":1: qy_secret_access_key: unterminated single-quoted value"},
		{name: "nested zone", files: map[string]string{".qingcloud/config.yaml": "zone:\n  name: pek3a\n"},
			wantErr: ":2: indented line"},
		{name: "zone with a space", files: map[string]string{".qingcloud/config.yaml": "zone: 'pek 3a'\n"},
			wantErr: ":1: zone: value contains whitespace"},
	})
}

// Region and credentials come from one parse of one profile: the lookup and
// the chain agree on the profile and on a broken file.
func TestPlaceAgreesWithTheChain(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeFile(t, home, ".jdc/config", "[default]\naccess_key = AKdefault\nsecret_key = SKdefault\nregion_id = cn-north-1\n\n"+
		"[prod]\naccess_key = AKprod\nsecret_key = SKprod\nregion_id = cn-east-2\n")
	writeFile(t, home, ".jdc/current", "prod")
	opts := []credentials.Option{credentials.WithLookupEnv(env(map[string]string{})), credentials.WithHomeDir(home)}
	c, err := credentials.JDCloudDefault(opts...).Retrieve(context.Background())
	require.NoError(t, err)
	region, err := credentials.JDCloudRegion(opts...)
	require.NoError(t, err)
	assert.Equal(t, "AKprod", c.AccessKeyID)
	assert.Equal(t, "cn-east-2", region)

	broken := t.TempDir()
	writeFile(t, broken, ".qingcloud/config.yaml", "zone: [pek3a]\n")
	opts = []credentials.Option{credentials.WithLookupEnv(env(map[string]string{})), credentials.WithHomeDir(broken)}
	_, credErr := credentials.QingCloudDefault(opts...).Retrieve(context.Background())
	_, zoneErr := credentials.QingCloudZone(opts...)
	require.Error(t, credErr)
	require.Error(t, zoneErr)
	assert.Equal(t, credErr.Error(), zoneErr.Error())
	var pe *credentials.ParseError
	require.True(t, errors.As(zoneErr, &pe))
	assert.Equal(t, filepath.Join(broken, ".qingcloud", "config.yaml"), pe.Path)
	assert.Equal(t, "zone", pe.Key)
}
