package signer

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// JDCloud signs requests with JD Cloud's JDCLOUD2-HMAC-SHA256 scheme.
//
// Sign sets X-Jdcloud-Date from t, X-Jdcloud-Nonce (a random UUIDv4 unless the
// request already carries a nonce, which is kept), X-Jdcloud-Security-Token
// when the credentials have a session token, and Authorization. It signs the
// host and every header on the request except Authorization, User-Agent and
// X-Jdcloud-Request-Id, and rewrites the query into its canonical form:
// parameters sorted by key, then value, and percent-encoded.
type JDCloud struct {
	// Service is the service of the credential scope, such as "vm" or
	// "vpc": the first label of the service's endpoint.
	Service string
	// Region is the region of the credential scope, such as "cn-north-1".
	// APIs that have no region sign with "jdcloud-api", which is what an
	// empty Region means.
	Region string
}

// JD Cloud header names, in Go's canonical form.
const (
	jdDateHeader      = "X-Jdcloud-Date"
	jdNonceHeader     = "X-Jdcloud-Nonce"
	jdTokenHeader     = "X-Jdcloud-Security-Token"
	jdRequestIDHeader = "X-Jdcloud-Request-Id"
)

// jdDefaultRegion is the scope region of APIs that have no region.
const jdDefaultRegion = "jdcloud-api"

var jdScheme = headerScheme{
	algorithm:  "JDCLOUD2-HMAC-SHA256",
	keyPrefix:  "JDCLOUD2",
	terminator: "jdcloud2_request",
	sortValues: true,
	signs: func(name string) bool {
		return !strings.EqualFold(name, authorizationHeader) &&
			!strings.EqualFold(name, "User-Agent") &&
			!strings.EqualFold(name, jdRequestIDHeader)
	},
}

// Sign signs r in place for JD Cloud at time t. body must be the exact
// payload that will be sent (nil for none).
func (s JDCloud) Sign(r *http.Request, body []byte, c Credentials, t time.Time) error {
	if err := checkInput(r, c); err != nil {
		return err
	}
	if s.Service == "" {
		return fmt.Errorf("%w: JDCloud.Service is empty", ErrInvalidRequest)
	}
	region := s.Region
	if region == "" {
		region = jdDefaultRegion
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	t = t.UTC()
	canonicalizeSpellings(r.Header, jdDateHeader, jdNonceHeader, jdTokenHeader, authorizationHeader)
	w := getWork()
	defer putWork(w)

	// One backing array holds the values of the headers the signer sets.
	values := make([]string, 4)
	sc := newScope(t, region, s.Service)
	values[0] = string(sc.amzDate[:])
	r.Header[jdDateHeader] = values[0:1:1]
	if nonce := first(r.Header, jdNonceHeader); nonce == "" { // a caller's nonce is kept
		var err error
		if values[1], err = w.random.newNonce(); err != nil {
			return err
		}
		r.Header[jdNonceHeader] = values[1:2:2]
	} else if len(r.Header[jdNonceHeader]) > 1 {
		r.Header[jdNonceHeader] = r.Header[jdNonceHeader][:1]
	}
	if c.SessionToken != "" {
		values[2] = c.SessionToken
		r.Header[jdTokenHeader] = values[2:3:3]
	}

	auth, err := jdScheme.sign(w, r, body, c, sc,
		canonicalPathAsSent(r), requestHost(r))
	if err != nil {
		return err
	}
	values[3] = auth
	r.Header[authorizationHeader] = values[3:4:4]
	return nil
}

// canonicalPathAsSent is the path exactly as it goes on the wire, "/" when
// empty: JD Cloud signs the escaped path without normalising it.
func canonicalPathAsSent(r *http.Request) string {
	if p := r.URL.EscapedPath(); p != "" {
		return p
	}
	return "/"
}

// requestHost is the host the request is sent to, port kept as written.
func requestHost(r *http.Request) string {
	if r.Host != "" {
		return r.Host
	}
	return r.URL.Host
}
