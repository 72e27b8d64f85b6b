package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// S3 signs requests with AWS Signature Version 4 as S3 and the
// S3-compatible object stores use it (JD Cloud OSS, Volcengine TOS's S3
// endpoints, QingStor's S3 endpoints): AWS4-HMAC-SHA256 in the
// Authorization header, or in the query for a presigned URL.
//
// Sign sets X-Amz-Date from t, X-Amz-Content-Sha256 and, for a session
// token, X-Amz-Security-Token. The payload hash is the caller's
// X-Amz-Content-Sha256 when the request already carries one (a precomputed
// hex SHA-256, or UnsignedPayload for a body streamed without hashing);
// otherwise it is the SHA-256 of body. The path is signed exactly as escaped
// on the URL (S3 does not escape it again), the query is rewritten into
// canonical form (sorted by key, then value), and every header is signed
// except Authorization, User-Agent, X-Amzn-Trace-Id, Expect and
// Transfer-Encoding; a positive r.ContentLength is signed as content-length.
// A default port (443 for https, 80 for http) is dropped from the signed
// host and from r.Host, so that what is sent matches what was signed.
//
// The output matches aws-sdk-go-v2's v4 signer as its S3 client configures
// it, byte for byte (testdata/vectors/s3.json).
type S3 struct {
	// Region is the region of the credential scope: "cn-north-1" for JD
	// Cloud, "cn-beijing" for Volcengine, the zone ("pek3b") for QingStor.
	Region string
	// Service is the service of the credential scope; empty means "s3".
	Service string
}

var _ Signer = S3{}

// UnsignedPayload is the X-Amz-Content-Sha256 value of a request whose body
// is not covered by the signature: a streamed upload, or a presigned URL.
const UnsignedPayload = "UNSIGNED-PAYLOAD"

// MaxPresignExpiry is the longest validity SigV4 allows a presigned URL.
const MaxPresignExpiry = 7 * 24 * time.Hour

// S3 header names, in Go's canonical form.
const (
	amzDateHeader    = "X-Amz-Date"
	amzContentSHA256 = "X-Amz-Content-Sha256"
	amzTokenHeader   = "X-Amz-Security-Token"
)

const (
	s3Algorithm  = "AWS4-HMAC-SHA256"
	s3KeyPrefix  = "AWS4"
	s3Terminator = "aws4_request"
)

// s3Unsigned are the headers SigV4 leaves out of the signature: the
// signature itself and headers that proxies and the transport add or change.
var s3Unsigned = []string{"Authorization", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Transfer-Encoding"}

func s3Signs(name string) bool {
	for _, u := range s3Unsigned {
		if strings.EqualFold(name, u) {
			return false
		}
	}
	// content-length comes from r.ContentLength, not the map.
	return !strings.EqualFold(name, "Content-Length")
}

func (s S3) scope() (region, service string, err error) {
	if s.Region == "" {
		return "", "", fmt.Errorf("%w: S3.Region is empty", ErrInvalidRequest)
	}
	service = s.Service
	if service == "" {
		service = "s3"
	}
	return s.Region, service, nil
}

// Sign signs r in place at time t. body is the exact payload (nil for none);
// it is hashed only when r carries no X-Amz-Content-Sha256.
func (s S3) Sign(r *http.Request, body []byte, c Credentials, t time.Time) error {
	if err := checkInput(r, c); err != nil {
		return err
	}
	region, service, err := s.scope()
	if err != nil {
		return err
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	t = t.UTC()
	canonicalizeSpellings(r.Header, amzDateHeader, amzContentSHA256, amzTokenHeader, authorizationHeader)
	delete(r.Header, authorizationHeader) // a retry replaces the previous signature
	sc := newScope(t, region, service)
	r.Header[amzDateHeader] = []string{string(sc.amzDate[:])}
	payload := first(r.Header, amzContentSHA256)
	if payload == "" {
		payload = string(appendBodyHash(nil, body))
	}
	r.Header[amzContentSHA256] = []string{payload}
	if c.SessionToken != "" {
		r.Header[amzTokenHeader] = []string{c.SessionToken}
	} else {
		delete(r.Header, amzTokenHeader)
	}

	w := getWork()
	defer putWork(w)
	host := s3Host(r)
	sig, signedHeaders, err := s3Signature(w, r, c, sc, host, payload, nil)
	if err != nil {
		return err
	}
	auth := make([]byte, 0, 128+len(c.AccessKeyID)+len(signedHeaders))
	auth = append(auth, s3Algorithm+" Credential="...)
	auth = append(auth, c.AccessKeyID...)
	auth = append(auth, '/')
	auth = appendScope(auth, sc)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, signedHeaders...)
	auth = append(auth, ", Signature="...)
	auth = append(auth, sig...)
	r.Header[authorizationHeader] = []string{string(auth)}
	return nil
}

// Presign turns r into a presigned URL valid for expires from t: the
// X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
// X-Amz-SignedHeaders, X-Amz-Security-Token (for a session token) and
// X-Amz-Signature parameters are written into r.URL.RawQuery. The payload is
// UnsignedPayload. Headers already on r (such as Content-Type) are signed
// and must be sent with the URL. expires must be from one second to
// MaxPresignExpiry.
func (s S3) Presign(r *http.Request, c Credentials, t time.Time, expires time.Duration) error {
	if err := checkInput(r, c); err != nil {
		return err
	}
	region, service, err := s.scope()
	if err != nil {
		return err
	}
	if expires < time.Second || expires > MaxPresignExpiry {
		return fmt.Errorf("%w: presign expiry %s is outside 1s to %s", ErrInvalidRequest, expires, MaxPresignExpiry)
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	t = t.UTC()
	sc := newScope(t, region, service)
	host := s3Host(r)

	w := getWork()
	defer putWork(w)
	// The signed-header list goes into the query before signing, so it is
	// computed first.
	names := s3HeaderNames(w, r)
	signedHeaders := appendSignedHeaderList(nil, names)

	credential := make([]byte, 0, 64+len(c.AccessKeyID))
	credential = append(credential, c.AccessKeyID...)
	credential = append(credential, '/')
	credential = appendScope(credential, sc)
	extra := []presignParam{
		{"X-Amz-Algorithm", s3Algorithm},
		{"X-Amz-Credential", string(credential)},
		{"X-Amz-Date", string(sc.amzDate[:])},
		{"X-Amz-Expires", strconv.FormatInt(int64(expires/time.Second), 10)},
		{"X-Amz-SignedHeaders", string(signedHeaders)},
	}
	if c.SessionToken != "" {
		extra = append(extra, presignParam{"X-Amz-Security-Token", c.SessionToken})
	}
	sig, _, err := s3Signature(w, r, c, sc, host, UnsignedPayload, extra)
	if err != nil {
		return err
	}
	r.URL.RawQuery += "&X-Amz-Signature=" + string(sig)
	return nil
}

// presignParam is a query parameter Presign sets, replacing any the URL had.
type presignParam struct{ key, value string }

// appendScope appends the credential scope: day/region/service/aws4_request.
func appendScope(dst []byte, sc scope) []byte {
	dst = append(dst, sc.amzDate[:8]...)
	dst = append(dst, '/')
	dst = append(dst, sc.region...)
	dst = append(dst, '/')
	dst = append(dst, sc.service...)
	dst = append(dst, '/')
	return append(dst, s3Terminator...)
}

// s3Host is the host that is signed and sent: r.Host or r.URL.Host, with a
// port that is the scheme's default dropped (and r.Host set to match).
func s3Host(r *http.Request) string {
	host := requestHost(r)
	if h, port, ok := cutPort(host); ok {
		scheme := strings.ToLower(r.URL.Scheme)
		if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
			r.Host = h
			host = h
		}
	}
	return host
}

// cutPort splits "host:port" and "[v6]:port"; ok is false without a port.
func cutPort(hostport string) (host, port string, ok bool) {
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 || strings.LastIndexByte(hostport, ']') > i {
		return hostport, "", false
	}
	return hostport[:i], hostport[i+1:], true
}

// s3HeaderNames returns the request's signed header names (map keys, any
// spelling), "Host" and, for a positive ContentLength, "Content-Length"
// included, sorted by their lower-case form.
func s3HeaderNames(w *work, r *http.Request) []string {
	names := append(w.names[:0], "Host")
	if r.ContentLength > 0 {
		names = append(names, "Content-Length")
	}
	for name := range r.Header {
		if !strings.EqualFold(name, "host") && s3Signs(name) {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, compareFold)
	w.names = names
	return names
}

// appendSignedHeaderList appends the names, lower-cased, joined by ';', each
// spelling of one header once.
func appendSignedHeaderList(dst []byte, names []string) []byte {
	for i, name := range names {
		if i > 0 && strings.EqualFold(name, names[i-1]) {
			continue
		}
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = appendLower(dst, name)
	}
	return dst
}

// s3Signature builds the canonical request and string to sign and returns
// the hex signature and the signed-header list. extra are presign
// parameters to set in the query before it is canonicalized.
func s3Signature(w *work, r *http.Request, c Credentials, sc scope, host, payload string, extra []presignParam) (sig, signedHeaders []byte, err error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	canon := append(w.canon[:0], method...)
	canon = append(canon, '\n')
	canon = append(canon, canonicalPathAsSent(r)...)
	canon = append(canon, '\n')
	w.canon = canon

	raw := r.URL.RawQuery
	if len(extra) > 0 {
		raw = withParams(raw, extra)
	}
	query, err := w.appendCanonicalQuery(raw, true)
	if err != nil {
		return nil, nil, err
	}
	writeBackQuery(r, query)
	w.canon = append(w.canon, '\n')

	names := s3HeaderNames(w, r)
	for i, name := range names {
		if i > 0 && strings.EqualFold(name, names[i-1]) {
			// The same header under two spellings: one line, values joined.
			w.canon = append(w.canon[:len(w.canon)-1], ',')
		} else {
			w.canon = appendLower(w.canon, name)
			w.canon = append(w.canon, ':')
		}
		switch {
		case name == "Host":
			w.canon = appendStripped(w.canon, host)
		case name == "Content-Length":
			w.canon = strconv.AppendInt(w.canon, r.ContentLength, 10)
		default:
			for j, v := range r.Header[name] {
				if j > 0 {
					w.canon = append(w.canon, ',')
				}
				w.canon = appendStripped(w.canon, v)
			}
		}
		w.canon = append(w.canon, '\n')
	}
	w.canon = append(w.canon, '\n')
	listStart := len(w.canon)
	w.canon = appendSignedHeaderList(w.canon, names)
	signedHeaders = w.canon[listStart:]
	w.canon = append(w.canon, '\n')
	w.canon = append(w.canon, payload...)

	canonHash := sha256.Sum256(w.canon)
	sts := append(w.sts[:0], s3Algorithm+"\n"...)
	sts = append(sts, sc.amzDate[:]...)
	sts = append(sts, '\n')
	sts = appendScope(sts, sc)
	sts = append(sts, '\n')
	sts = hex.AppendEncode(sts, canonHash[:])
	w.sts = sts
	w.stsLen = len(sts)

	key := derivedKeys.get(&w.mac, scopeKey{
		prefix: s3KeyPrefix, secret: c.SecretAccessKey, region: sc.region, service: sc.service, day: sc.day,
	}, sc.amzDate[:8], s3Terminator)
	mac := key.sum(w.hash, &w.sum, sts)
	return hex.AppendEncode(nil, mac), slices.Clone(signedHeaders), nil
}

// withParams returns raw with each extra parameter set, replacing earlier
// values of the same key, and without a previous X-Amz-Signature.
func withParams(raw string, extra []presignParam) string {
	var b strings.Builder
	for seg := range strings.SplitSeq(raw, "&") {
		if seg == "" {
			continue
		}
		k, _, _ := strings.Cut(seg, "=")
		if k == "X-Amz-Signature" || slices.ContainsFunc(extra, func(p presignParam) bool { return p.key == k }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(seg)
	}
	for _, p := range extra {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.Write(percent.AppendEncode(nil, p.value))
	}
	return b.String()
}

// appendStripped appends v with leading and trailing white space removed
// and every run of inner spaces collapsed to one, as SigV4 canonical header
// values are.
func appendStripped(dst []byte, v string) []byte {
	v = strings.TrimSpace(v)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}
