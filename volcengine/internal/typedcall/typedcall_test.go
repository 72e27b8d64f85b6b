package typedcall

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typed"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/volcengine"
)

func TestForm(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"ResponseMetadata":{"RequestId":"req-7"},"Result":{"Id":"x","Count":"3"}}`))
	c, err := volcengine.New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	var out struct {
		ID    string `json:"Id"`
		Count int64  `json:"Count"`
	}
	enc := func(e *wire.Encoder) {
		e.RequiredString("Name", "a b")
		e.Strings("Ids", []string{"1", "2"})
	}
	md, err := Do(context.Background(), c, "svc", Op{Action: "SubmitForm", Method: http.MethodPost, Version: "2024-01-01"}, enc, &out, nil)
	require.NoError(t, err)
	assert.Equal(t, "x", out.ID)
	assert.Equal(t, int64(3), out.Count)
	assert.Equal(t, "req-7", md.RequestID)
	assert.Equal(t, 1, md.Attempts)
	assert.Equal(t, http.StatusOK, md.StatusCode)
	r := srv.Last()
	assert.Equal(t, volcengine.ContentForm, r.Header.Get("Content-Type"))
	assert.Equal(t, "Ids.1=1&Ids.2=2&Name=a%20b", string(r.Body))
	assert.Equal(t, url.Values{"Action": {"SubmitForm"}, "Version": {"2024-01-01"}}, r.Query)
}

func TestNilClient(t *testing.T) {
	_, err := Do(context.Background(), nil, "ecs", Op{Action: "DescribeInstances"}, func(*wire.Encoder) {}, &struct{}{}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
}

// tokenInput stands for a generated input with an idempotency token and a
// secret; encode is what the emitter writes for it.
type tokenInput struct {
	ClientToken *string
	Password    *string
}

func (v *tokenInput) encode(e *wire.Encoder) {
	e.Token("ClientToken", v.ClientToken)
	e.SecretString("Password", v.Password)
}

func TestIdempotencyTokenSameOnEveryAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := 0
		srv, opts := typedtest.New(func(*typedtest.Request) (int, string) {
			n++
			if n < 3 {
				return http.StatusTooManyRequests, `{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"FlowLimitExceeded","Message":"slow down"}}}`
			}
			return http.StatusOK, `{"ResponseMetadata":{"RequestId":"ok"},"Result":{}}`
		})
		c, err := volcengine.New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
		require.NoError(t, err)
		in := &tokenInput{Password: ptr("pw-secret")}
		op := Op{Action: "RunInstances", Method: http.MethodPost, Version: "2020-04-01", JSON: true}
		md, err := Do(t.Context(), c, "ecs", op, in.encode, &struct{}{}, []multicloud.CallOption{multicloud.WithCallRetry(multicloud.RetryPolicy{MaxAttempts: 3})})
		require.NoError(t, err)
		assert.Equal(t, 3, md.Attempts)
		assert.Nil(t, in.ClientToken, "the caller's input is not written")

		reqs := srv.Requests()
		require.Len(t, reqs, 3)
		var tokens []string
		for _, r := range reqs {
			var body struct{ ClientToken, Password string }
			require.NoError(t, json.Unmarshal(r.Body, &body))
			tokens = append(tokens, body.ClientToken)
			assert.Equal(t, "pw-secret", body.Password)
		}
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, tokens[0])
		assert.Equal(t, []string{tokens[0], tokens[0], tokens[0]}, tokens, "one token across the SDK's retries")

		_, err = Do(t.Context(), c, "ecs", op, in.encode, &struct{}{}, nil)
		require.NoError(t, err)
		var again struct{ ClientToken string }
		require.NoError(t, json.Unmarshal(srv.Last().Body, &again))
		assert.NotEqual(t, tokens[0], again.ClientToken, "a new call gets a new token")
	})
}

func TestExtrasReachTheRequest(t *testing.T) {
	// What Do hands the provider: the secrets and the token, with who chose it.
	mine := "caller-token"
	for _, tc := range []struct {
		in     *tokenInput
		caller bool
	}{{&tokenInput{Password: ptr("pw")}, false}, {&tokenInput{ClientToken: &mine, Password: ptr("pw")}, true}} {
		e := wire.New(wire.JSON, wire.Dotted)
		tc.in.encode(e)
		x := typed.Extras(e, nil)
		assert.Equal(t, []string{"pw"}, x.Secrets)
		assert.Equal(t, tc.caller, x.CallerToken)
		assert.NotEmpty(t, x.IdempotencyToken)
		if tc.caller {
			assert.Equal(t, mine, x.IdempotencyToken)
		}
	}
}

func ptr[T any](v T) *T { return &v }
