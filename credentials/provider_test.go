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
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// Compile-time checks of what each provider implements.
var (
	_ credentials.Provider         = credentials.StaticProvider{}
	_ credentials.Provider         = credentials.Func(nil)
	_ credentials.ExpiringProvider = credentials.ExpiringFunc(nil)
	_ credentials.ExpiringProvider = (*credentials.ChainProvider)(nil)
	_ credentials.ExpiringProvider = (*credentials.Cache)(nil)
	_ credentials.Provider         = credentials.EnvProvider{}
)

var good = signer.Credentials{AccessKeyID: secretAK, SecretAccessKey: secretSK, SessionToken: secretToken}

func TestStatic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		creds   signer.Credentials
		wantErr error
	}{
		{"complete", good, nil},
		{"without token", signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}, nil},
		{"empty", signer.Credentials{}, credentials.ErrNotFound},
		{"no secret", signer.Credentials{AccessKeyID: "AK"}, credentials.ErrInvalid},
		{"no key id", signer.Credentials{SecretAccessKey: secretSK}, credentials.ErrInvalid},
		{"space in secret", signer.Credentials{AccessKeyID: "AK", SecretAccessKey: secretSK + " "}, credentials.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := credentials.Static(tt.creds).Retrieve(t.Context())
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Equal(t, signer.Credentials{}, got)
				assert.NotContains(t, err.Error(), secretSK)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.creds, got)
		})
	}
}

func TestFunc(t *testing.T) {
	t.Parallel()
	boom := errors.New("secrets manager unavailable")
	tests := []struct {
		name    string
		f       credentials.Func
		want    signer.Credentials
		wantErr error
	}{
		{"ok", func(context.Context) (signer.Credentials, error) { return good, nil }, good, nil},
		{"error passed through", func(context.Context) (signer.Credentials, error) { return good, boom }, signer.Credentials{}, boom},
		{"empty without error", func(context.Context) (signer.Credentials, error) { return signer.Credentials{}, nil }, signer.Credentials{}, credentials.ErrInvalid},
		{"empty secret", func(context.Context) (signer.Credentials, error) {
			return signer.Credentials{AccessKeyID: "AK"}, nil
		}, signer.Credentials{}, credentials.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.f.Retrieve(t.Context())
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExpiringFunc(t *testing.T) {
	t.Parallel()
	exp := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	f := credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) { return good, exp, nil })
	e, err := f.RetrieveExpiring(t.Context())
	require.NoError(t, err)
	assert.Equal(t, credentials.Expiring{Credentials: good, Expires: exp}, e)
	c, err := f.Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, good, c)

	empty := credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) {
		return signer.Credentials{}, exp, nil
	})
	_, err = empty.RetrieveExpiring(t.Context())
	require.ErrorIs(t, err, credentials.ErrInvalid)
}

// Every provider refuses a nil or finished context before doing anything.
func TestContextChecked(t *testing.T) {
	t.Parallel()
	called := false
	f := credentials.Func(func(context.Context) (signer.Credentials, error) { called = true; return good, nil })
	providers := map[string]credentials.Provider{
		"static":  credentials.Static(good),
		"func":    f,
		"env":     credentials.VolcengineEnv(credentials.WithLookupEnv(env(nil))),
		"file":    credentials.QingCloudConfigFile("/nonexistent"),
		"chain":   credentials.Chain(f),
		"cache":   credentials.NewCache(f),
		"default": credentials.JDCloudDefault(credentials.WithLookupEnv(env(nil))),
	}
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	var nilCtx context.Context
	for name, p := range providers {
		_, err := p.Retrieve(nilCtx)
		require.Error(t, err, name)
		_, err = p.Retrieve(cancelled)
		require.ErrorIs(t, err, context.Canceled, name)
	}
	assert.False(t, called)
}

// Printing providers and results never shows the secret or the token.
func TestFormattingRedacts(t *testing.T) {
	t.Parallel()
	values := []any{
		credentials.Static(good),
		credentials.Expiring{Credentials: good, Expires: time.Unix(0, 0)},
		&credentials.Expiring{Credentials: good},
		credentials.NewCache(credentials.Static(good)),
		credentials.Chain(credentials.Static(good), credentials.NewCache(credentials.Chain(credentials.Static(good)))),
		credentials.VolcengineDefault(),
	}
	warm := credentials.NewCache(credentials.Static(good))
	_, err := warm.Retrieve(t.Context())
	require.NoError(t, err)
	values = append(values, warm)
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	for _, v := range values {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			s := fmt.Sprintf(format, v)
			assert.NotContains(t, s, secretSK, format)
			assert.NotContains(t, s, secretToken, format)
		}
		logger.Info("provider", "p", v)
	}
	assert.NotContains(t, buf.String(), secretSK)
	assert.NotContains(t, buf.String(), secretToken)
	assert.Contains(t, fmt.Sprint(warm), "Cached: true")
}

// TestFailuresAreUnauthenticated: every credentials failure has a kind
// through mcerrors.KindOf, the one a call that needed them fails with.
func TestFailuresAreUnauthenticated(t *testing.T) {
	for name, p := range map[string]credentials.Provider{
		"empty":              credentials.Static(signer.Credentials{}),
		"key without secret": credentials.Static(signer.Credentials{AccessKeyID: "AKONLY"}),
		"secret without key": credentials.Static(signer.Credentials{SecretAccessKey: "s"}),
		"whitespace":         credentials.Static(signer.Credentials{AccessKeyID: "AK ID", SecretAccessKey: "s"}),
		"func returns empty": credentials.Func(func(context.Context) (signer.Credentials, error) { return signer.Credentials{}, nil }),
		"empty chain":        credentials.Chain(),
		"nil func":           credentials.Func(nil),
	} {
		_, err := p.Retrieve(t.Context())
		require.Error(t, err, name)
		assert.Equal(t, mcerrors.KindUnauthenticated, mcerrors.KindOf(err), "%s: %v", name, err)
		assert.ErrorIs(t, err, mcerrors.ErrUnauthenticated, name)
	}
	assert.ErrorIs(t, &credentials.ParseError{Path: "f", Reason: "bad"}, mcerrors.ErrUnauthenticated)
}
