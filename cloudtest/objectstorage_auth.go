package cloudtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
	"github.com/multicloud-go/multicloud/signer"
)

// S3's Signature Version 4, verified from the S3 documentation
// ("Authenticating Requests: Using the Authorization Header" and "Using
// Query Parameters"), with this package's own canonical-form helpers.

const (
	s3Alg             = "AWS4-HMAC-SHA256"
	s3Unsigned        = "UNSIGNED-PAYLOAD"
	s3DateLayout      = "20060102T150405Z"
	maxPresignSeconds = 7 * 24 * 3600
)

// s3Err is an S3 error answer.
type s3Err struct {
	status        int
	code, message string
}

func errS3(status int, code, message string) *s3Err { return &s3Err{status, code, message} }

// authenticateS3 checks a request's signature, in the Authorization header
// or in a presigned query.
func (s *ObjectStorage) authenticateS3(r *http.Request, body []byte) *s3Err {
	rawPath, rawQuery, _ := strings.Cut(r.RequestURI, "?")
	if auth := r.Header.Get("Authorization"); auth != "" {
		return s.authHeader(r, auth, rawPath, rawQuery, body)
	}
	if strings.Contains(rawQuery, "X-Amz-Signature=") {
		return s.authPresigned(r, rawPath, rawQuery)
	}
	return errS3(http.StatusForbidden, "AccessDenied", "Anonymous access is not allowed")
}

func (s *ObjectStorage) credentialFor(ak string) (signer.Credentials, bool) {
	for _, c := range s.cfg.creds {
		if c.AccessKeyID == ak {
			return c, true
		}
	}
	return signer.Credentials{}, false
}

// checkScope checks the credential scope against the server.
func (s *ObjectStorage) checkScope(a scopeAuth, amzDate string) *s3Err {
	if len(amzDate) != len(s3DateLayout) || a.date != amzDate[:8] {
		return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed", "the credential date does not match X-Amz-Date")
	}
	if a.region != s.cfg.region {
		return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed",
			"the region '"+a.region+"' is wrong; expecting '"+s.cfg.region+"'")
	}
	if a.service != "s3" || a.terminator != "aws4_request" {
		return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed", "the credential scope must end in s3/aws4_request")
	}
	return nil
}

func (s *ObjectStorage) authHeader(r *http.Request, auth, rawPath, rawQuery string, body []byte) *s3Err {
	a, ok := parseScopeAuthorization(auth, s3Alg)
	if !ok {
		return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed", "the authorization header is malformed")
	}
	cred, ok := s.credentialFor(a.accessKey)
	if !ok {
		return errS3(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	}
	amzDate := r.Header.Get("X-Amz-Date")
	if e := s.checkScope(a, amzDate); e != nil {
		return e
	}
	for _, h := range []string{"host", "x-amz-date", "x-amz-content-sha256"} {
		if !a.signs(h) {
			return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed", "the signature must cover "+h)
		}
	}
	t, err := time.Parse(s3DateLayout, amzDate)
	if err != nil {
		return errS3(http.StatusBadRequest, "AuthorizationHeaderMalformed", "X-Amz-Date is not yyyymmddThhmmssZ")
	}
	if d := s.cfg.now().Sub(t); d > s.cfg.skew || d < -s.cfg.skew {
		return errS3(http.StatusForbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
	}
	if cred.SessionToken != "" && (r.Header.Get("X-Amz-Security-Token") != cred.SessionToken || !a.signs("x-amz-security-token")) {
		return errS3(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload != s3Unsigned && payload != sha256Hex(body) {
		return errS3(http.StatusBadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
	}
	query, err := canonicalQuery(rawQuery, percent.SortByKeyThenValue)
	if err != nil {
		return errS3(http.StatusBadRequest, "InvalidArgument", "the query is not valid percent-encoding")
	}
	canon := s3Canonical(r, rawPath, query, a.signedHeaders, payload)
	if !equalSignature(a.signature, signScope(s3Alg, "AWS4", cred.SecretAccessKey, amzDate, a, canon)) {
		return errS3(http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
	}
	return nil
}

func (s *ObjectStorage) authPresigned(r *http.Request, rawPath, rawQuery string) *s3Err {
	pairs, err := percent.ParseQuery(nil, rawQuery)
	if err != nil {
		return errS3(http.StatusBadRequest, "InvalidArgument", "the query is not valid percent-encoding")
	}
	q := map[string]string{}
	var kept []string
	for _, p := range pairs {
		q[p.Key] = p.Value
	}
	for seg := range strings.SplitSeq(rawQuery, "&") {
		if !strings.HasPrefix(seg, "X-Amz-Signature=") && seg != "" {
			kept = append(kept, seg)
		}
	}
	if q["X-Amz-Algorithm"] != s3Alg {
		return errS3(http.StatusBadRequest, "AuthorizationQueryParametersError", "X-Amz-Algorithm must be "+s3Alg)
	}
	fields := strings.Split(q["X-Amz-Credential"], "/")
	if len(fields) != 5 {
		return errS3(http.StatusBadRequest, "AuthorizationQueryParametersError", "X-Amz-Credential is malformed")
	}
	a := scopeAuth{accessKey: fields[0], date: fields[1], region: fields[2], service: fields[3], terminator: fields[4],
		signedHeaders: strings.Split(q["X-Amz-SignedHeaders"], ";"), signature: q["X-Amz-Signature"]}
	cred, ok := s.credentialFor(a.accessKey)
	if !ok {
		return errS3(http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
	}
	amzDate := q["X-Amz-Date"]
	if e := s.checkScope(a, amzDate); e != nil {
		return e
	}
	t, err := time.Parse(s3DateLayout, amzDate)
	secs, err2 := strconv.Atoi(q["X-Amz-Expires"])
	if err != nil || err2 != nil || secs < 1 || secs > maxPresignSeconds {
		return errS3(http.StatusBadRequest, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is invalid")
	}
	now := s.cfg.now()
	if now.After(t.Add(time.Duration(secs) * time.Second)) {
		return errS3(http.StatusForbidden, "AccessDenied", "Request has expired")
	}
	if t.Sub(now) > s.cfg.skew {
		return errS3(http.StatusForbidden, "AccessDenied", "Request is not valid yet")
	}
	if cred.SessionToken != "" && q["X-Amz-Security-Token"] != cred.SessionToken {
		return errS3(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.")
	}
	query, err := canonicalQuery(strings.Join(kept, "&"), percent.SortByKeyThenValue)
	if err != nil {
		return errS3(http.StatusBadRequest, "InvalidArgument", "the query is not valid percent-encoding")
	}
	canon := s3Canonical(r, rawPath, query, a.signedHeaders, s3Unsigned)
	if !equalSignature(a.signature, signScope(s3Alg, "AWS4", cred.SecretAccessKey, amzDate, a, canon)) {
		return errS3(http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
	}
	return nil
}

// s3Canonical is the canonical request: the path as sent (S3 does not
// escape it again), the canonical query, each signed header's values
// trimmed, inner runs of spaces folded, joined with ','; the signed-header
// list; the payload hash the client declared.
func s3Canonical(r *http.Request, rawPath, query string, signed []string, payload string) string {
	if rawPath == "" {
		rawPath = "/"
	}
	var b strings.Builder
	b.WriteString(r.Method + "\n" + rawPath + "\n" + query + "\n")
	for _, name := range signed {
		var v string
		switch name {
		case "host":
			v = r.Host
		case "content-length":
			v = strconv.FormatInt(r.ContentLength, 10)
		default:
			vals := append([]string(nil), r.Header.Values(name)...)
			for i := range vals {
				vals[i] = strings.Join(strings.Fields(vals[i]), " ")
			}
			v = strings.Join(vals, ",")
		}
		b.WriteString(name + ":" + v + "\n")
	}
	b.WriteString("\n" + strings.Join(signed, ";") + "\n" + payload)
	return b.String()
}
