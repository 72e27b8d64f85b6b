package cloudtest_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/signer"
)

// Regression test, found by the reliability suite's secret sweep: the
// provider CredentialsProvider returns, and the Server itself, printed the
// secret key and session token with %v, %+v and %#v.
func TestServerAndCredentialsPrintNoSecret(t *testing.T) {
	creds := signer.Credentials{AccessKeyID: "AKFMT", SecretAccessKey: "FORMAT-SECRET-never-printed", SessionToken: "FORMAT-TOKEN-never-printed"}
	s := cloudtest.NewVolcengine(cloudtest.WithCredentials(creds))
	defer s.Close()
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	for _, v := range []any{s, s.CredentialsProvider()} {
		logger.Info("value", "v", v)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			text := fmt.Sprintf(verb, v)
			assert.NotContains(t, text, creds.SecretAccessKey, verb)
			assert.NotContains(t, text, creds.SessionToken, verb)
		}
	}
	assert.NotContains(t, log.String(), creds.SecretAccessKey)
	assert.NotContains(t, log.String(), creds.SessionToken)
	assert.Contains(t, fmt.Sprint(s.CredentialsProvider()), "AKFMT", "the access key id still shows")
}
