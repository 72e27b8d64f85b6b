package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// TestNoSecretInErrors drives every public entry point into every failure it
// has, with secrets placed wherever a careless parser or message could pick
// them up, and checks that no error string, %+v of an error, or log line
// holds a secret.
func TestNoSecretInErrors(t *testing.T) {
	t.Parallel()
	secrets := []string{secretAK, secretSK, secretToken}
	ak, sk, tok := secretAK, secretSK, secretToken

	// Broken files, in each format. Every one must fail.
	files := map[string][]string{
		".qingcloud/config.yaml": {
			"qy_access_key_id: '" + ak + "'\n",
			"qy_secret_access_key: '" + sk + "'\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: '" + sk + "\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: \"" + sk + "\\q\"\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + " trailing words\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: {" + sk + "}\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: [" + sk + "]\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: &" + sk + "\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: '" + sk + "' junk\n",
			"qy_access_key_id: " + ak + "\n  qy_secret_access_key: " + sk + "\n",
			"qy_access_key_id: " + ak + "\n" + sk + "\n",
			"qy_access_key_id: " + ak + "\n" + sk + ": x\n" + sk + ": y\n",
			"qy_access_key_id: " + ak + "\n'" + sk + "': x\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + "\nqy_secret_access_key: " + sk + "\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + ": x\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + "\xff\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + "\x01\n",
			"qy_access_key_id: \"" + ak + "\\t\"\nqy_secret_access_key: " + sk + "\n",
			"qy_access_key_id: " + ak + "é\nqy_secret_access_key: " + sk + "\n",
			"qy_access_key_id: " + ak + "\nqy_secret_access_key: " + sk + "\n---\n" + sk + ": 1\n",
		},
		".volcengine/credentials": {
			"[default]\nvolcengine_access_key_id = " + ak + "\n",
			"[default]\nvolcengine_secret_access_key = " + sk + "\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\nvolcengine_secret_access_key = " + sk + " # old\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\nvolcengine_secret_access_key = '" + sk + "'\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\nvolcengine_secret_access_key = " + sk + "\nvolcengine_session_token = " + tok + " x\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\n" + sk + "\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\n  " + sk + "\n",
			"[default]\n" + sk + " = 1\n" + sk + " = 2\n",
			"[" + sk + "]\n[" + sk + "]\n",
			"[" + sk + "\n",
			"[default] " + sk + "\n",
			sk + " = " + ak + "\n",
			"[default]\n" + sk + " x = 1\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\nvolcengine_access_key_id = " + ak + "\n",
			"[default]\nvolcengine_access_key_id = " + ak + "\x00\n",
		},
		".jdc/config": {
			"[default]\naccess_key = " + ak + "\n",
			"[default]\nsecret_key = " + sk + "\n",
			"[default]\naccess_key = " + ak + "\nsecret_key = " + sk + " ; x\n",
			"[DEFAULT]\naccess_key = " + ak + "\nsecret_key = " + sk + "\n[default]\n",
			"[default]\naccess_key = " + ak + "\n\t" + sk + "\n",
			"[default]\naccess_key: " + ak + "\n",
			"access_key = " + ak + "\n",
			"[default]\naccess_key = " + ak + "\nACCESS_KEY = " + sk + "\n",
		},
		".volc/config": {
			`{"ak": "` + ak + `"}`,
			`{"sk": "` + sk + `"}`,
			`{"ak": "` + ak + `", "sk": ` + sk + `}`,
			`{"ak": "` + ak + `", "sk": "` + sk,
			`{"ak": "` + ak + `", "sk": "` + sk + ` "}`,
			`{"ak": "` + ak + `", "sk": "` + sk + `", "ak": "` + ak + `"}`,
			`{"ak": "` + ak + `", "sk": "` + sk + `"} "` + sk + `"`,
			`{"ak": "` + ak + `", "sk": "` + sk + `\u0000"}`,
			`{"ak": "` + ak + `", "sk": ["` + sk + `"]}`,
			`{"ak": "` + ak + `", "` + sk + `": 1, "sk": 2}`,
			`{"ak": "` + ak + `" "sk": "` + sk + `"}`,
			`"` + sk + `"`,
			`{"ak": "` + ak + `", "sk": "` + sk + `",}`,
		},
	}
	var errs []error
	for rel, contents := range files {
		for _, content := range contents {
			home := t.TempDir()
			writeFile(t, home, rel, content)
			writeFile(t, home, ".jdc/current", "default")
			opts := []credentials.Option{credentials.WithLookupEnv(env(map[string]string{"HOME": home, "USERPROFILE": home}))}
			var p credentials.Provider
			switch rel {
			case ".qingcloud/config.yaml":
				p = credentials.QingCloudDefault(opts...)
			case ".volcengine/credentials":
				p = credentials.VolcengineSharedCredentialsFile("", opts...)
			case ".jdc/config":
				p = credentials.JDCloudDefault(opts...)
			case ".volc/config":
				p = credentials.VolcengineDefault(opts...)
			}
			_, err := p.Retrieve(t.Context())
			require.Error(t, err, "%s: %q should fail", rel, content)
			errs = append(errs, err)
		}
	}

	// Environment variables, half set or malformed.
	for _, e := range []map[string]string{
		{"VOLCSTACK_ACCESS_KEY_ID": ak},
		{"VOLCSTACK_SECRET_ACCESS_KEY": sk},
		{"VOLCSTACK_SESSION_TOKEN": tok, "VOLCSTACK_SECRET_KEY": sk},
		{"VOLCSTACK_ACCESS_KEY_ID": ak, "VOLCSTACK_SECRET_ACCESS_KEY": sk + " "},
		{"VOLCSTACK_ACCESS_KEY_ID": ak, "VOLCSTACK_SECRET_ACCESS_KEY": sk, "VOLCSTACK_SESSION_TOKEN": tok + "\n"},
		{"VOLC_ACCESSKEY": ak},
		{"VOLC_SECRETKEY": sk},
		{"VOLC_ACCESSKEY": "'" + ak + "'", "VOLC_SECRETKEY": sk},
	} {
		_, err := credentials.VolcengineDefault(credentials.WithLookupEnv(env(e))).Retrieve(t.Context())
		require.Error(t, err, "%v", e)
		errs = append(errs, err)
	}
	for _, e := range []map[string]string{
		{"QINGCLOUD_ACCESS_KEY_ID": ak}, {"QINGCLOUD_SECRET_ACCESS_KEY": sk}, {"QINGCLOUD_ACCESS_KEY_ID": ak, "QINGCLOUD_SECRET_ACCESS_KEY": "\t" + sk},
	} {
		_, err := credentials.QingCloudDefault(credentials.WithLookupEnv(env(e))).Retrieve(t.Context())
		require.Error(t, err)
		errs = append(errs, err)
	}
	for _, e := range []map[string]string{
		{"JDCLOUD_ACCESS_KEY": ak}, {"JDCLOUD_SECRET_KEY": sk}, {"JDCLOUD_ACCESS_KEY": ak, "JDCLOUD_SECRET_KEY": sk + "\x7f"},
	} {
		_, err := credentials.JDCloudDefault(credentials.WithLookupEnv(env(e))).Retrieve(t.Context())
		require.Error(t, err)
		errs = append(errs, err)
	}

	// Static, Func, Chain and Cache failures.
	for _, p := range []credentials.Provider{
		credentials.Static(signer.Credentials{AccessKeyID: ak}),
		credentials.Static(signer.Credentials{SecretAccessKey: sk, SessionToken: tok}),
		credentials.Static(signer.Credentials{AccessKeyID: ak, SecretAccessKey: sk + " "}),
		credentials.Func(func(context.Context) (signer.Credentials, error) { return signer.Credentials{AccessKeyID: ak}, nil }),
		credentials.Chain(credentials.Static(signer.Credentials{}), credentials.Static(signer.Credentials{AccessKeyID: ak})),
		credentials.NewCache(credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) {
			return signer.Credentials{AccessKeyID: ak, SecretAccessKey: sk, SessionToken: tok}, time.Now().Add(-time.Hour), nil
		})),
		credentials.NewCache(credentials.Func(func(context.Context) (signer.Credentials, error) {
			return signer.Credentials{SecretAccessKey: sk, SessionToken: tok}, nil
		})),
	} {
		_, err := p.Retrieve(t.Context())
		require.Error(t, err)
		errs = append(errs, err)
	}

	var logs strings.Builder
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	for _, err := range errs {
		logger.Debug("retrieve failed", "err", err)
		var pe *credentials.ParseError
		if errors.As(err, &pe) {
			logger.Debug("parse error", "detail", pe)
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			for _, secret := range secrets {
				assert.NotContains(t, s, secret)
			}
		}
		assert.True(t, errors.Is(err, credentials.ErrNotFound) || errors.Is(err, credentials.ErrInvalid), "unclassified: %v", err)
	}
	for _, secret := range secrets {
		assert.NotContains(t, logs.String(), secret)
	}
	t.Logf("%d failures checked", len(errs))
}
