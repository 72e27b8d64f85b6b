package multicloud_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// echoCreds are the keys of the security tests: a session token too, so
// that the token headers are sent.
var echoCreds = signer.Credentials{
	AccessKeyID:     "AKECHOKEYID0001",
	SecretAccessKey: "ECHO-SECRET-never-seen-5190",
	SessionToken:    "ECHO-TOKEN-never-seen-7262",
}

// echoPassword is a secret request field with characters that every escape
// changes: space, slash, plus, quotes, angle brackets, ampersand, non-ASCII.
const echoPassword = `Pw 9/+&=<"é>~x!-never-seen`

// providerCall is one provider's generic client making a mutation that
// carries a password, marked secret through CallExtras.
type providerCall struct {
	name string
	// call sends the mutation to endpoint (the server's URL).
	call func(ctx context.Context, endpoint string, creds credentials.Provider, extras multicloud.CallExtras, opts ...multicloud.Option) error
}

var providerCalls = []providerCall{
	{"jdcloud", func(ctx context.Context, endpoint string, creds credentials.Provider, extras multicloud.CallExtras, opts ...multicloud.Option) error {
		c, err := jdcloud.New(jdcloud.Config{Credentials: creds, Region: "cn-north-1", Endpoint: endpoint}, opts...)
		if err != nil {
			return err
		}
		return c.Call(ctx, &jdcloud.Request{Service: "vm", Method: http.MethodPost, Path: "/regions/{regionId}/instances",
			Action: "CreateInstances", Params: map[string]any{"password": echoPassword}, CallExtras: extras}, nil)
	}},
	{"volcengine", func(ctx context.Context, endpoint string, creds credentials.Provider, extras multicloud.CallExtras, opts ...multicloud.Option) error {
		c, err := volcengine.New(volcengine.Config{Credentials: creds, Region: "cn-beijing", Endpoint: endpoint}, opts...)
		if err != nil {
			return err
		}
		return c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "RunInstances", Method: http.MethodPost,
			Params: map[string]any{"Password": echoPassword}, CallExtras: extras}, nil)
	}},
	{"qingcloud", func(ctx context.Context, endpoint string, creds credentials.Provider, extras multicloud.CallExtras, opts ...multicloud.Option) error {
		c, err := qingcloud.New(qingcloud.Config{Credentials: creds, Zone: "pek3a", Endpoint: endpoint + "/iaas/"}, opts...)
		if err != nil {
			return err
		}
		return c.Call(ctx, &qingcloud.Request{Action: "RunInstances",
			Params: map[string]any{"login_passwd": echoPassword}, CallExtras: extras}, nil)
	}},
}

// signatureOf returns the signature a request carried: Signature= in the
// Authorization header, or QingCloud's signature query parameter.
func signatureOf(r *http.Request) string {
	if m := regexp.MustCompile(`Signature=([0-9a-fA-F]+)`).FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		return m[1]
	}
	return r.URL.Query().Get("signature")
}

// secretForms returns the forms in which a secret may be found in text: raw,
// percent-encoded (once and twice, %20 and +, upper and lower hex),
// JSON-escaped and base64.
func secretForms(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s), strings.ReplaceAll(url.QueryEscape(s), "+", "%20"),
		url.QueryEscape(url.QueryEscape(s)),
		base64.StdEncoding.EncodeToString([]byte(s)), base64.URLEncoding.EncodeToString([]byte(s)),
		base64.RawStdEncoding.EncodeToString([]byte(s)), base64.RawURLEncoding.EncodeToString([]byte(s))}
	j, _ := json.Marshal(s)
	forms = append(forms, strings.Trim(string(j), `"`))
	for _, f := range forms[1:5] {
		forms = append(forms, lowerHex(f))
	}
	return forms
}

// lowerHex lower-cases the hex digits of every percent escape.
func lowerHex(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(s, strings.ToLower)
}

// assertNoSecretForms checks text for every form of every secret.
func assertNoSecretForms(t *testing.T, where, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s == "" {
			continue
		}
		for _, f := range secretForms(s) {
			if i := strings.Index(text, f); f != "" && i >= 0 {
				t.Errorf("%s: a form (%q) of secret %q leaked: ...%s...", where, f, s, text[max(0, i-80):min(len(text), i+len(f)+20)])
				break
			}
		}
	}
	assert.NotEmpty(t, text, where)
}
