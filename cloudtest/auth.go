package cloudtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// This file is the verification that JD Cloud's and Volcengine's header
// signatures share: a SigV4-shaped canonical request over the headers the
// client listed, a credential scope and a derived key. It is written from
// the providers' documentation and the official SDKs' behaviour, not from
// package signer, so the two check each other.

// scopeAuth is a parsed Authorization header:
// "ALG Credential=AK/date/region/service/terminator, SignedHeaders=a;b,
// Signature=hex".
type scopeAuth struct {
	accessKey, date, region, service, terminator string
	signedHeaders                                []string
	signature                                    string
}

// parseScopeAuthorization parses an Authorization value of algorithm alg.
func parseScopeAuthorization(v, alg string) (scopeAuth, bool) {
	var a scopeAuth
	rest, ok := strings.CutPrefix(strings.TrimSpace(v), alg+" ")
	if !ok {
		return a, false
	}
	var cred, signed string
	for _, part := range strings.Split(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, false
		}
		switch strings.TrimSpace(k) {
		case "Credential":
			cred = strings.TrimSpace(val)
		case "SignedHeaders":
			signed = strings.TrimSpace(val)
		case "Signature":
			a.signature = strings.TrimSpace(val)
		}
	}
	fields := strings.Split(cred, "/")
	if len(fields) != 5 || signed == "" || a.signature == "" {
		return a, false
	}
	a.accessKey, a.date, a.region, a.service, a.terminator = fields[0], fields[1], fields[2], fields[3], fields[4]
	a.signedHeaders = strings.Split(signed, ";")
	return a, a.accessKey != ""
}

// signs reports whether the header list names h (lower case).
func (a scopeAuth) signs(h string) bool { return slices.Contains(a.signedHeaders, h) }

// canonicalRequest assembles METHOD, path, query, one "name:value" line per
// signed header, the signed-header list and the body hash.
func canonicalRequest(method, path, query string, a scopeAuth, headerValue func(name string) string, body []byte) string {
	var b strings.Builder
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(path)
	b.WriteByte('\n')
	b.WriteString(query)
	b.WriteByte('\n')
	for _, name := range a.signedHeaders {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(name))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(a.signedHeaders, ";"))
	b.WriteByte('\n')
	b.WriteString(sha256Hex(body))
	return b.String()
}

// signScope computes the hex signature of a canonical request: the string
// to sign is alg, the date header, the scope and the request's hash; the
// key is derived from keyPrefix+secret through date, region, service and
// the terminator.
func signScope(alg, keyPrefix, secret, dateHeader string, a scopeAuth, canonical string) string {
	scope := a.date + "/" + a.region + "/" + a.service + "/" + a.terminator
	sts := alg + "\n" + dateHeader + "\n" + scope + "\n" + sha256Hex([]byte(canonical))
	k := hmacSHA256([]byte(keyPrefix+secret), a.date)
	k = hmacSHA256(k, a.region)
	k = hmacSHA256(k, a.service)
	k = hmacSHA256(k, a.terminator)
	return hex.EncodeToString(hmacSHA256(k, sts))
}

// equalSignature compares two signatures in constant time.
func equalSignature(got, want string) bool {
	return hmac.Equal([]byte(got), []byte(want))
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// canonicalQuery decodes a raw query (a raw '+' is a space), orders it with
// order and encodes every key and value with the strict RFC 3986 encoder.
func canonicalQuery(raw string, order func([]percent.Pair)) (string, error) {
	pairs, err := percent.ParseQuery(nil, raw)
	if err != nil {
		return "", err
	}
	order(pairs)
	return string(percent.AppendQuery(nil, pairs)), nil
}

// requestHeader is the value of a signed header as the server received it:
// every value trimmed and joined with ','. Host comes from the request line
// or Host header, Content-Length from the framing.
func requestHeader(r *http.Request, name string) string {
	switch name {
	case "host":
		return r.Host
	case "content-length":
		if r.ContentLength >= 0 && r.Header.Get("Content-Length") == "" {
			return strconv.FormatInt(r.ContentLength, 10)
		}
	}
	vs := r.Header.Values(name)
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.TrimSpace(v)
	}
	return strings.Join(out, ",")
}
