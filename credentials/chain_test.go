package credentials_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
)

// recorder is a provider that records that it was asked.
type recorder struct {
	name  string
	calls *[]string
	creds signer.Credentials
	err   error
}

func (r recorder) Retrieve(context.Context) (signer.Credentials, error) {
	*r.calls = append(*r.calls, r.name)
	return r.creds, r.err
}

func TestChainOrder(t *testing.T) {
	t.Parallel()
	a := signer.Credentials{AccessKeyID: "A", SecretAccessKey: "a"}
	b := signer.Credentials{AccessKeyID: "B", SecretAccessKey: "b"}
	notHere := &credentials.NotFoundError{Places: []string{"somewhere"}}
	broken := errors.New("sts: 500")
	tests := []struct {
		name      string
		providers []recorder
		want      signer.Credentials
		wantCalls []string
		wantErr   error
		errIsNot  error
	}{
		{
			name:      "first wins",
			providers: []recorder{{name: "1", creds: a}, {name: "2", creds: b}},
			want:      a, wantCalls: []string{"1"},
		},
		{
			name:      "not found is skipped",
			providers: []recorder{{name: "1", err: notHere}, {name: "2", err: credentials.ErrNotFound}, {name: "3", creds: b}},
			want:      b, wantCalls: []string{"1", "2", "3"},
		},
		{
			name:      "invalid stops the chain",
			providers: []recorder{{name: "1", err: notHere}, {name: "2", err: credentials.ErrInvalid}, {name: "3", creds: b}},
			wantCalls: []string{"1", "2"}, wantErr: credentials.ErrInvalid, errIsNot: credentials.ErrNotFound,
		},
		{
			name:      "other errors stop the chain",
			providers: []recorder{{name: "1", err: broken}, {name: "2", creds: b}},
			wantCalls: []string{"1"}, wantErr: broken, errIsNot: credentials.ErrNotFound,
		},
		{
			name:      "empty success is not success",
			providers: []recorder{{name: "1"}, {name: "2", creds: b}},
			wantCalls: []string{"1"}, wantErr: credentials.ErrInvalid,
		},
		{
			name:      "none found",
			providers: []recorder{{name: "1", err: notHere}, {name: "2", err: notHere}},
			wantCalls: []string{"1", "2"}, wantErr: credentials.ErrNotFound,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls []string
			var ps []credentials.Provider
			for _, p := range tt.providers {
				p.calls = &calls
				ps = append(ps, p)
			}
			got, err := credentials.Chain(ps...).Retrieve(t.Context())
			assert.Equal(t, tt.wantCalls, calls)
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			if tt.errIsNot != nil {
				assert.NotErrorIs(t, err, tt.errIsNot)
			}
			assert.Equal(t, signer.Credentials{}, got)
		})
	}
}

// The chain's error names every place, in order, as one typed error.
func TestChainNotFoundNamesEveryPlace(t *testing.T) {
	t.Parallel()
	c := credentials.Chain(
		credentials.QingCloudEnv(credentials.WithLookupEnv(env(nil))),
		credentials.QingCloudConfigFile("/nonexistent/config.yaml"),
		credentials.Func(func(context.Context) (signer.Credentials, error) {
			return signer.Credentials{}, errors.Join(credentials.ErrNotFound, errors.New("vault path secret/qingcloud is empty"))
		}),
		nil,
	)
	_, err := c.Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrNotFound)
	var nf *credentials.NotFoundError
	require.ErrorAs(t, err, &nf)
	require.Len(t, nf.Places, 3)
	assert.Equal(t, "environment variables QINGCLOUD_ACCESS_KEY_ID and QINGCLOUD_SECRET_ACCESS_KEY (not set)", nf.Places[0])
	assert.Equal(t, "file /nonexistent/config.yaml (does not exist)", nf.Places[1])
	assert.Contains(t, nf.Places[2], "vault path secret/qingcloud is empty")
	assert.Equal(t, "credentials: no credentials found; looked in: "+
		"environment variables QINGCLOUD_ACCESS_KEY_ID and QINGCLOUD_SECRET_ACCESS_KEY (not set); "+
		"file /nonexistent/config.yaml (does not exist); "+nf.Places[2], err.Error())

	_, err = credentials.Chain().Retrieve(t.Context())
	require.ErrorIs(t, err, credentials.ErrNotFound)
	assert.Contains(t, err.Error(), "no providers")
}

func TestChainPassesExpiryThrough(t *testing.T) {
	t.Parallel()
	exp := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	c := credentials.Chain(
		credentials.Static(signer.Credentials{}),
		credentials.ExpiringFunc(func(context.Context) (signer.Credentials, time.Time, error) { return good, exp, nil }),
	)
	e, err := c.RetrieveExpiring(t.Context())
	require.NoError(t, err)
	assert.Equal(t, exp, e.Expires)
	assert.Equal(t, good, e.Credentials)

	e, err = credentials.Chain(credentials.Static(good)).RetrieveExpiring(t.Context())
	require.NoError(t, err)
	assert.True(t, e.Expires.IsZero())
}

// A context cancelled by a provider stops the chain before the next one.
func TestChainStopsOnCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	var second bool
	c := credentials.Chain(
		credentials.Func(func(context.Context) (signer.Credentials, error) {
			cancel()
			return signer.Credentials{}, credentials.ErrNotFound
		}),
		credentials.Func(func(context.Context) (signer.Credentials, error) { second = true; return good, nil }),
	)
	_, err := c.Retrieve(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.False(t, second)
}
