package multicloud

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/percent"
	"github.com/multicloud-go/multicloud/signer"
)

// A scrubber removes from text the values one attempt sent as secrets: the
// secret key, the session token, the signature and the request's Secrets. A
// server that quotes what it received (an error message naming the bad
// value, a copy of the query) would otherwise put them into error text and
// logs. Each value is looked for raw and in every form a server is likely to
// quote it in: percent-encoded once or twice (RFC 3986 or form encoding, %20
// or +, upper or lower hex), JSON-escaped and base64 (standard and URL,
// padded or not). Redact, the pattern-based net, stays in place for secrets
// the client did not send (another key echoed in a key=value form).
//
// It keeps references to what the attempt sent and works out the values and
// their Replacer on first use: a call that succeeds needs neither.
type scrubber struct {
	secretKey, token string
	auth, rawQuery   string // the signed Authorization header and query
	secrets          []string
	once             sync.Once // builds replacer: an error's text may be read from many goroutines
	replacer         *strings.Replacer
}

// newScrubber returns the scrubber of one attempt, signed with creds as in
// hreq, carrying req's Secrets.
func newScrubber(req *Request, creds signer.Credentials, hreq *http.Request) *scrubber {
	s := &scrubber{secretKey: creds.SecretAccessKey, token: creds.SessionToken, secrets: req.Secrets}
	if hreq != nil {
		s.auth = hreq.Header.Get("Authorization")
		if hreq.URL != nil {
			s.rawQuery = hreq.URL.RawQuery
		}
	}
	return s
}

// values returns the secret values of the attempt.
func (s *scrubber) values() []string {
	v := make([]string, 0, 3+len(s.secrets))
	v = append(v, s.secretKey, s.token, signatureOf(s.auth, s.rawQuery))
	return append(v, s.secrets...)
}

// signatureOf returns the signature a signed request carries: Signature= in
// the Authorization header (JD Cloud, Volcengine) or QingCloud's signature
// query parameter.
func signatureOf(auth, rawQuery string) string {
	if i := strings.Index(auth, "Signature="); i >= 0 {
		sig := auth[i+len("Signature="):]
		if j := strings.IndexAny(sig, ", "); j >= 0 {
			sig = sig[:j]
		}
		return sig
	}
	for q := rawQuery; q != ""; {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if v, ok := strings.CutPrefix(pair, "signature="); ok {
			if d, err := percent.Decode(v, true); err == nil {
				return d
			}
			return v
		}
	}
	return ""
}

// String returns text with every form of every secret value replaced by
// REDACTED. A nil scrubber returns text unchanged.
func (s *scrubber) String(text string) string {
	if s == nil || text == "" {
		return text
	}
	s.once.Do(func() { s.replacer = newSecretReplacer(s.values()) })
	return s.replacer.Replace(text)
}

// Error scrubs the text fields of a provider's error in place.
func (s *scrubber) Error(e *mcerrors.Error) {
	if s == nil || e == nil {
		return
	}
	e.Message = s.String(e.Message)
	e.Code = s.String(e.Code)
	e.RequestID = s.String(e.RequestID)
}

// newSecretReplacer builds a Replacer of every form of values, longest
// first, so that an encoded form is replaced whole before a shorter form
// inside it could be.
func newSecretReplacer(values []string) *strings.Replacer {
	seen := map[string]bool{}
	var forms []string
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			forms = append(forms, f)
		}
	}
	for _, v := range values {
		if v == "" {
			continue
		}
		add(v)
		for _, j := range jsonForms(v) {
			add(j)
		}
		for _, p := range percentForms(v) {
			add(p)
			for _, pp := range percentForms(p) { // a quoted copy of an encoded query
				add(pp)
			}
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			add(enc.EncodeToString([]byte(v)))
		}
	}
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, redacted)
	}
	return strings.NewReplacer(pairs...)
}

// jsonForms returns v as it appears inside a JSON string, with and without
// HTML escaping, and escaped once more (a JSON document quoted inside a JSON
// string).
func jsonForms(v string) []string {
	var out []string
	for _, html := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		if enc.Encode(v) != nil {
			continue
		}
		q := strings.TrimSuffix(b.String(), "\n")
		once := q[1 : len(q)-1]
		out = append(out, once)
		b.Reset()
		if enc.Encode(once) == nil {
			q2 := strings.TrimSuffix(b.String(), "\n")
			out = append(out, q2[1:len(q2)-1])
		}
	}
	return out
}

// percentForms returns v percent-encoded in the ways encoders differ: RFC
// 3986 (every byte but letters, digits and -._~), form encoding (space as
// +), path encoding, and every byte but letters and digits; each with upper-
// and lower-case hex.
func percentForms(v string) []string {
	var out []string
	for _, f := range []string{
		percent.Encode(v),
		url.QueryEscape(v),
		url.PathEscape(v),
		escapeAllButAlnum(v),
	} {
		if f == v {
			continue
		}
		out = append(out, f, strings.ReplaceAll(f, "+", "%20"), lowerHex(f))
		if strings.Contains(f, "%20") {
			out = append(out, strings.ReplaceAll(f, "%20", "+"))
		}
	}
	return out
}

// escapeAllButAlnum percent-encodes every byte but ASCII letters and digits.
func escapeAllButAlnum(v string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// lowerHex lower-cases the hex digits of every percent escape in s.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if 'A' <= b[j] && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}
