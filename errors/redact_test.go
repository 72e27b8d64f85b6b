package errors_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		// Nothing to hide.
		{"", ""},
		{"PermissionDenied, instance [i-2aypaijz] is not running", "PermissionDenied, instance [i-2aypaijz] is not running"},
		{"The request signature we calculated does not match the signature you provided.",
			"The request signature we calculated does not match the signature you provided."},
		{"The security token expired", "The security token expired"},

		// Query form, QingCloud style: signature_method and signature_version stay.
		{"access_key_id=QYACCESSKEYIDEXAMPLE&action=RunInstances&signature_method=HmacSHA256&signature_version=1&signature=32bseYy39DOlatuewpeuW5vpmW51sD1A%2FJdGynqSpP8%3D",
			"access_key_id=REDACTED&action=RunInstances&signature_method=HmacSHA256&signature_version=1&signature=REDACTED"},
		{"token=abc&zone=pek3", "token=REDACTED&zone=pek3"},
		{"login_passwd=p%40ss w0rd", "login_passwd=REDACTED w0rd"},
		{"signature=", "signature="},

		// JSON form, with odd spacing, escaped quotes and JSON inside a JSON string.
		{`{"SecretAccessKey":"abc\"def","Zone":"z"}`, `{"SecretAccessKey":"REDACTED","Zone":"z"}`},
		{`{ "password" : "hunter2" , "name":"n"}`, `{ "password" : "REDACTED" , "name":"n"}`},
		{`{"msg":"{\"access_key_id\":\"AK\",\"a\":1}"}`, `{"msg":"{\"access_key_id\":\"REDACTED\",\"a\":1}"}`},
		{`{"SessionToken":null,"x":1}`, `{"SessionToken":REDACTED,"x":1}`},
		{`{"tokens":["a","b"],"n":1}`, `{"tokens":[REDACTED],"n":1}`},
		{`{"credentials":{"secret":"s"}}`, `{"credentials":{"secret":"REDACTED"}}`},
		{`{'passwd': 'x'}`, `{'passwd': 'REDACTED'}`},
		{`{"NextToken":"page-2"}`, `{"NextToken":"page-2"}`},

		// Header form: an Authorization value runs to the end of the line.
		{"Authorization: Bearer eyJhbGciOi.payload.sig\r\nHost: x", "Authorization: REDACTED\r\nHost: x"},
		{"authorization: JDCLOUD2-HMAC-SHA256 Credential=AK/20240808/jdcloud-api/iam/jdcloud2_request, SignedHeaders=content-type;host, Signature=0123abcd",
			"authorization: REDACTED"},
		{"HMAC-SHA256 Credential=AKLTabc/20240601/cn-beijing/billing/request, SignedHeaders=host;x-date, Signature=deadbeef",
			"HMAC-SHA256 Credential=REDACTED, SignedHeaders=host;x-date, Signature=REDACTED"},
		{"X-Jdcloud-Security-Token: dG9rZW4=", "X-Jdcloud-Security-Token: REDACTED"},

		// Volcengine echoes the access key in brackets.
		{"The accesskey [AKLTNDQ2YTRlNTBiYTg1NDcyNmE3MDA1MTUzNzc5MWMwNmI] included in the request is invalid.",
			"The accesskey [REDACTED] included in the request is invalid."},

		// Unterminated values are hidden to the end.
		{`{"password":"hun`, `{"password":"REDACTED`},
		{`accesskey [AKLT`, `accesskey [REDACTED`},
	}
	for _, tt := range tests {
		got := mcerrors.Redact(tt.in)
		assert.Equal(t, tt.want, got, "Redact(%q)", tt.in)
		assert.Equal(t, got, mcerrors.Redact(got), "idempotent on %q", tt.in)
	}
}

func TestExcerpt(t *testing.T) {
	assert.Equal(t, "", mcerrors.Excerpt(nil))
	assert.Equal(t, "a b c", mcerrors.Excerpt([]byte("\n a\r\n\tb \x00 c \n")))
	assert.Equal(t, "bad \uFFFD byte", mcerrors.Excerpt([]byte("bad \xff byte")))
	assert.Equal(t, "bidi override", mcerrors.Excerpt([]byte("bidi\u202eoverride")))

	long := strings.Repeat("界", 100) // 300 bytes of 3-byte runes
	ex := mcerrors.Excerpt([]byte(long))
	assert.LessOrEqual(t, len(ex), mcerrors.MaxExcerpt)
	assert.True(t, utf8.ValidString(ex))
	assert.True(t, strings.HasSuffix(ex, "…"))

	// A secret that straddles the cut is redacted before the cut is made.
	body := strings.Repeat("x", mcerrors.MaxExcerpt-20) + `&signature=` + strings.Repeat("S", 100)
	ex = mcerrors.Excerpt([]byte(body))
	assert.NotContains(t, ex, "SSS")
	assert.Contains(t, ex, "signature=RED")

	// A secret far past the window is simply not read.
	body = strings.Repeat(" ", 10000) + "password=hunter2"
	assert.Equal(t, "", mcerrors.Excerpt([]byte(body)))
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		`{"password":"x"}`, "signature=abc&b=1", "Authorization: Bearer x\n", "accesskey [A]",
		`\"token\":\"v\"`, `token="a\`, "token= [x", `{"a":{"secret":[1,2]}}`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := mcerrors.Redact(s)
		if r2 := mcerrors.Redact(r); r2 != r {
			t.Fatalf("not idempotent:\n in  %q\n 1st %q\n 2nd %q", s, r, r2)
		}
		ex := mcerrors.Excerpt([]byte(s))
		if len(ex) > mcerrors.MaxExcerpt {
			t.Fatalf("excerpt of %d bytes", len(ex))
		}
		if !utf8.ValidString(ex) {
			t.Fatalf("excerpt not UTF-8: %q", ex)
		}
		for _, c := range ex {
			if unicode.IsControl(c) {
				t.Fatalf("control character %U in excerpt %q", c, ex)
			}
		}
	})
}
