package cloudtest

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// QingCloud's signature_version 1, as its API checks it
// (docs.qingcloud.com/api/common/signature.html):
//
//   - the parameters other than signature, sorted by name (byte order) and
//     RFC 3986 encoded, make the query of the string to sign
//     "METHOD\nPATH\nQUERY", PATH exactly as requested;
//   - signature is base64 HMAC-SHA256 (or HmacSHA1) with the secret;
//   - time_stamp may be 60 seconds off (ret_code 1300), and expires, when
//     given, must not have passed.
//
// Failures are HTTP 200 with ret_code 1100 (malformed), 1200
// (authentication) or 1300 (expired).
const qcTimeLayout = "2006-01-02T15:04:05Z"

func (p *qingcloud) authenticate(in *incoming) *reply {
	if _, ok := in.route.(qcPathOK); !ok {
		return htmlPage(http.StatusNotFound)
	}
	q := in.params
	in.accessKey = q.str("access_key_id")
	sig := strings.ReplaceAll(q.str("signature"), " ", "+") // a '+' sent raw reads as a space
	switch {
	case in.accessKey == "":
		return p.errorReply(http.StatusOK, 1200, "AuthFailure, the parameter [access_key_id] is required")
	case sig == "":
		return p.errorReply(http.StatusOK, 1200, "AuthFailure, the parameter [signature] is required")
	}
	creds, ok := p.s.lookupKey(in.accessKey)
	if !ok {
		return p.errorReply(http.StatusOK, 1200, "AuthFailure, access key id ["+in.accessKey+"] does not exist")
	}
	var mac func() hash.Hash
	switch q.str("signature_method") {
	case "HmacSHA256":
		mac = sha256.New
	case "HmacSHA1":
		mac = sha1.New
	default:
		return p.errorReply(http.StatusOK, 1100, "InvalidParameterValue, signature_method must be HmacSHA256 or HmacSHA1")
	}
	if q.str("signature_version") != "1" {
		return p.errorReply(http.StatusOK, 1100, "InvalidParameterValue, signature_version must be 1")
	}
	stamp := q.str("time_stamp")
	t, err := time.Parse(qcTimeLayout, stamp)
	if err != nil {
		return p.errorReply(http.StatusOK, 1100, "InvalidParameterValue, time_stamp ["+stamp+"] is not a UTC ISO 8601 time")
	}
	if skewed(t, in.now, p.s.cfg.skew) {
		return p.errorReply(http.StatusOK, 1300, "RequestExpired, time_stamp ["+stamp+"] is too far from the server time")
	}
	if exp := q.str("expires"); exp != "" {
		e, err := time.Parse(qcTimeLayout, exp)
		if err != nil || !in.now.Before(e) {
			return p.errorReply(http.StatusOK, 1300, "RequestExpired, the request expired at ["+exp+"]")
		}
	}
	m := hmac.New(mac, []byte(creds.SecretAccessKey))
	m.Write([]byte(in.r.Method + "\n" + in.path + "\n" + qcCanonical(q)))
	if !hmac.Equal([]byte(sig), []byte(base64.StdEncoding.EncodeToString(m.Sum(nil)))) {
		return p.errorReply(http.StatusOK, 1200, "AuthFailure, signature not matched")
	}
	if creds.SessionToken != "" && q.str("token") != creds.SessionToken {
		return p.errorReply(http.StatusOK, 1200, "AuthFailure, the token is not valid or has expired")
	}
	in.creds = creds
	return nil
}

// qcCanonical is every parameter but signature, sorted by name, encoded.
func qcCanonical(q flat) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "signature" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var pairs []percent.Pair
	for _, k := range keys {
		for _, v := range q[k] {
			pairs = append(pairs, percent.Pair{Key: k, Value: v})
		}
	}
	return string(percent.AppendQuery(nil, pairs))
}
