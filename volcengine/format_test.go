package volcengine_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// Regression test, found by the reliability suite's secret sweep: %v, %+v
// and %#v of a Client printed the secret key and session token of its
// Config's credentials, and %s of a typed service client, which holds a
// *Client, did too.
func TestClientPrintsNoSecret(t *testing.T) {
	secret, token := "FORMAT-SECRET-never-printed", "FORMAT-TOKEN-never-printed"
	creds := credentials.Static(signer.Credentials{AccessKeyID: "AKFMT", SecretAccessKey: secret, SessionToken: token})
	c, err := volcengine.New(volcengine.Config{Credentials: creds, Region: "cn-beijing"})
	require.NoError(t, err)
	typed := struct{ provider *volcengine.Client }{c} // as a generated service client holds it
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	for _, v := range []any{c, *c, typed, &typed, c.Config()} {
		logger.Info("value", "v", v)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d"} {
			text := fmt.Sprintf(verb, v)
			assert.NotContains(t, text, secret, "%s of %T", verb, v)
			assert.NotContains(t, text, token, "%s of %T", verb, v)
		}
	}
	assert.NotContains(t, log.String(), secret)
	assert.NotContains(t, log.String(), token)
	assert.Contains(t, fmt.Sprint(c), "credentials.StaticProvider")
}
