package cloudtest

import (
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// JD Cloud's JDCLOUD2-HMAC-SHA256 scheme, as its gateway checks it:
//
//   - Authorization: JDCLOUD2-HMAC-SHA256 Credential=AK/yyyymmdd/region/
//     service/jdcloud2_request, SignedHeaders=..., Signature=hex;
//   - the canonical request is METHOD, the path exactly as sent, the query
//     sorted by key then value and RFC 3986 encoded (what the docs, the Java
//     and the Python SDKs do), the listed headers trimmed, and the hex
//     SHA-256 of the body;
//   - host, x-jdcloud-date and x-jdcloud-nonce must be signed; the key is
//     derived from "JDCLOUD2"+secret;
//   - a nonce is good once (within the clock-skew window).
//
// Every failure is HTTP 401 with status ACCESS_ERROR. Only "sign result is
// not same [gw]" is on record (jdcloud-api/jdcloud-sdk-php issue #88); the
// other messages are the emulator's, in the same style.
const (
	jdAlgorithm  = "JDCLOUD2-HMAC-SHA256"
	jdTerminator = "jdcloud2_request"
	jdDateLayout = "20060102T150405Z"

	jdMsgSignature = "sign result is not same [gw]"
)

// jdMustSign are the headers a signature has to cover.
var jdMustSign = []string{"host", "x-jdcloud-date", "x-jdcloud-nonce"}

func (p *jdcloud) authenticate(in *incoming) *reply {
	h := in.r.Header
	a, ok := parseScopeAuthorization(h.Get("Authorization"), jdAlgorithm)
	if !ok {
		return p.denied("authorization header is missing or malformed [gw]")
	}
	in.accessKey = a.accessKey
	creds, ok := p.s.lookupKey(a.accessKey)
	if !ok {
		return p.denied("accesskey " + a.accessKey + " does not exist [gw]")
	}
	date := h.Get("X-Jdcloud-Date")
	t, err := time.Parse(jdDateLayout, date)
	if err != nil {
		return p.denied("x-jdcloud-date is missing or malformed [gw]")
	}
	if skewed(t, in.now, p.s.cfg.skew) {
		return p.denied("request has expired: x-jdcloud-date is too far from the server time [gw]")
	}
	nonce := h.Get("X-Jdcloud-Nonce")
	if nonce == "" {
		return p.denied("x-jdcloud-nonce is missing [gw]")
	}
	for _, name := range jdMustSign {
		if !a.signs(name) {
			return p.denied(name + " must be signed [gw]")
		}
	}
	query, err := canonicalQuery(in.r.URL.RawQuery, percent.SortByKeyThenValue)
	if err != nil {
		return p.denied(jdMsgSignature)
	}
	method := in.r.Method
	canon := canonicalRequest(method, in.path, query, a, func(name string) string {
		return requestHeader(in.r, name)
	}, in.body)
	want := signScope(jdAlgorithm, "JDCLOUD2", creds.SecretAccessKey, date, a, canon)
	if a.terminator != jdTerminator || a.date != date[:8] || !equalSignature(a.signature, want) {
		return p.denied(jdMsgSignature)
	}
	// The gateway signs with the service and region the URL names, so a
	// scope for another service or region cannot match.
	if rt, ok := in.route.(*jdRoute); ok && (a.service != rt.service || rt.region != "" && a.region != rt.region) {
		return p.denied(jdMsgSignature)
	}
	if !p.useNonce(nonce, t, in.now) {
		return p.denied("x-jdcloud-nonce has been used [gw]")
	}
	in.creds = creds
	return nil
}

// denied is JD Cloud's authentication failure.
func (p *jdcloud) denied(msg string) *reply {
	return p.errorReply(http.StatusUnauthorized, "ACCESS_ERROR", msg)
}

// useNonce records a nonce, and reports false when it was already used.
// Nonces older than the skew window are forgotten: their requests would be
// refused for their date anyway.
func (p *jdcloud) useNonce(nonce string, t, now time.Time) bool {
	if !p.s.cfg.nonceCheck {
		return true
	}
	p.nonceMu.Lock()
	defer p.nonceMu.Unlock()
	if _, used := p.nonces[nonce]; used {
		return false
	}
	if len(p.nonces) >= 4096 {
		for n, at := range p.nonces {
			if skewed(at, now, p.s.cfg.skew) {
				delete(p.nonces, n)
			}
		}
	}
	p.nonces[nonce] = t
	return true
}

// skewed reports whether a signing time t is more than skew away from now.
func skewed(t, now time.Time, skew time.Duration) bool {
	d := now.Sub(t)
	return d > skew || d < -skew
}
