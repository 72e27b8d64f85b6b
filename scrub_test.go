package multicloud

import (
	"encoding/base64"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

func TestSignatureOf(t *testing.T) {
	assert.Equal(t, "abc123", signatureOf("JDCLOUD2-HMAC-SHA256 Credential=AK/x, SignedHeaders=a;b, Signature=abc123", ""))
	assert.Equal(t, "abc123", signatureOf("HMAC-SHA256 Credential=AK/x, Signature=abc123, SignedHeaders=a", ""))
	assert.Equal(t, "a+b/c=", signatureOf("", "access_key_id=AK&signature=a%2Bb%2Fc%3D&zone=pek3a"))
	assert.Empty(t, signatureOf("", "signature_method=HmacSHA256&zone=pek3a"))
}

// TestScrubberForms: every form a server may quote a secret in is replaced,
// and text around it is kept.
func TestScrubberForms(t *testing.T) {
	const pw = "p@ss word/+é\"<x>"
	s := &scrubber{secrets: []string{pw}, secretKey: "SK-1", token: "TOK-2"}
	strict := strings.ReplaceAll(url.QueryEscape(pw), "+", "%20")
	for _, form := range []string{
		pw, url.QueryEscape(pw), url.PathEscape(pw), strict, strings.ToLower(strict),
		url.QueryEscape(url.QueryEscape(pw)), url.QueryEscape(strict),
		base64.StdEncoding.EncodeToString([]byte(pw)), base64.RawURLEncoding.EncodeToString([]byte(pw)),
		`p@ss word/+é\"\u003cx\u003e`, `p@ss word/+é\"<x>`, `p@ss word/+é\\\"<x>`,
		"SK-1", "TOK-2",
	} {
		got := s.String("before " + form + " after")
		assert.Equal(t, "before REDACTED after", got, "form %q", form)
	}
	var nilScrubber *scrubber
	assert.Equal(t, "text", nilScrubber.String("text"))
	e := &mcerrors.Error{Message: "bad " + pw, Code: "SK-1", RequestID: "TOK-2"}
	s.Error(e)
	assert.Equal(t, "bad REDACTED", e.Message)
	assert.Equal(t, "REDACTED", e.Code)
	assert.Equal(t, "REDACTED", e.RequestID)
}

// TestScrubberSharedAcrossGoroutines reads one scrubber from several
// goroutines at once, as callers do who share the error a call returned
// (its Error method scrubs lazily). Run with -race.
func TestScrubberSharedAcrossGoroutines(t *testing.T) {
	s := &scrubber{secrets: []string{"pw-1"}, secretKey: "SK-1"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			assert.Equal(t, "a REDACTED b REDACTED", s.String("a pw-1 b SK-1"))
		})
	}
	wg.Wait()
}
