package cloudtest

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// Volcengine's HMAC-SHA256 scheme, as its gateway checks it:
//
//   - Authorization: HMAC-SHA256 Credential=AK/yyyymmdd/region/service/
//     request, SignedHeaders=..., Signature=hex; X-Date carries the time;
//   - the canonical request is METHOD, each segment of the decoded path
//     re-encoded (RFC 3986), the query sorted by key (a repeated key keeps
//     its values' order) and encoded, the listed headers trimmed (host
//     without :80 or :443), and the hex SHA-256 of the body;
//   - the key is derived from the secret with no prefix;
//   - X-Date may be 15 minutes off (the default X-Expires, 900 s).
//
// The codes, CodeN values and statuses are the common error-code table's
// (volcengine.com/docs/6369/68677).
const (
	volcAlgorithm  = "HMAC-SHA256"
	volcTerminator = "request"
	volcDateLayout = "20060102T150405Z"
)

func (p *volcengine) authenticate(in *incoming) *reply {
	h := in.r.Header
	raw := h.Get("Authorization")
	if raw == "" {
		return p.errorReply(in, http.StatusUnauthorized, "MissingAuthenticationToken", 100003,
			"The request does not carry authentication information")
	}
	a, ok := parseScopeAuthorization(raw, volcAlgorithm)
	if !ok {
		return p.errorReply(in, http.StatusBadRequest, "InvalidAuthorization", 0,
			"The Authorization header is malformed")
	}
	in.accessKey = a.accessKey
	date := h.Get("X-Date")
	if date == "" {
		return p.errorReply(in, http.StatusBadRequest, "MissingRequestInfo", 100004,
			"The request is missing X-Date")
	}
	creds, ok := p.s.lookupKey(a.accessKey)
	if !ok {
		return p.errorReply(in, http.StatusUnauthorized, "InvalidAccessKey", 100009,
			"The specified access key is not valid")
	}
	t, err := time.Parse(volcDateLayout, date)
	if err != nil || skewed(t, in.now, p.s.cfg.skew) {
		return p.errorReply(in, http.StatusBadRequest, "InvalidTimestamp", 100006,
			"The request has expired or its X-Date is in the future: check the system clock")
	}
	if creds.SessionToken != "" && h.Get("X-Security-Token") != creds.SessionToken {
		return p.errorReply(in, http.StatusUnauthorized, "InvalidSecretToken", 0,
			"The session token is not valid or has expired")
	}
	path := volcCanonicalPath(in.r.URL)
	query, err := canonicalQuery(in.r.URL.RawQuery, percent.SortByKey)
	if err != nil {
		return p.mismatch(in)
	}
	canon := canonicalRequest(in.r.Method, path, query, a, func(name string) string {
		if name == "host" {
			return volcStripPort(in.r.Host)
		}
		return requestHeader(in.r, name)
	}, in.body)
	want := signScope(volcAlgorithm, "", creds.SecretAccessKey, date, a, canon)
	if a.terminator != volcTerminator || a.date != date[:8] || !equalSignature(a.signature, want) {
		return p.mismatch(in)
	}
	in.creds = creds
	return nil
}

func (p *volcengine) mismatch(in *incoming) *reply {
	return p.errorReply(in, http.StatusUnauthorized, "SignatureDoesNotMatch", 100010,
		"The request signature we calculated does not match the signature you provided. "+
			"Check your Secret Access Key and signing method.")
}

// volcCanonicalPath re-encodes every segment of the decoded path; "/" when
// empty.
func volcCanonicalPath(u *url.URL) string {
	p := u.Path
	if p == "" || p == "/" {
		return "/"
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = percent.Encode(s)
	}
	return strings.Join(segs, "/")
}

// volcStripPort drops the default ports 80 and 443 from a host.
func volcStripPort(host string) string {
	h, port, err := net.SplitHostPort(host)
	if err == nil && (port == "80" || port == "443") {
		if strings.Contains(h, ":") {
			return "[" + h + "]"
		}
		return h
	}
	return host
}
