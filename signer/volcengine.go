package signer

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// Volcengine signs requests with Volcengine's HMAC-SHA256 credential-scope
// scheme.
//
// Sign sets X-Date from t, X-Content-Sha256 (the hex SHA-256 of body),
// X-Security-Token when the credentials have a session token, Content-Type
// "application/x-www-form-urlencoded; charset=utf-8" when the request has
// none (as the official SDK does, GET included), and Authorization. It signs
// the host (ports 80 and 443 dropped), Content-Type, Content-Md5 and every
// X-* header, and rewrites the query into its canonical form: parameters
// sorted by key, values of a repeated key in their original order.
type Volcengine struct {
	// Service is the service of the credential scope, such as "billing" or
	// "ecs".
	Service string
	// Region is the region of the credential scope, such as "cn-beijing".
	Region string
}

// Volcengine header names, in Go's canonical form.
const (
	volcDateHeader        = "X-Date"
	volcContentHashHeader = "X-Content-Sha256"
	volcTokenHeader       = "X-Security-Token"
	volcDefaultType       = "application/x-www-form-urlencoded; charset=utf-8"
)

var volcScheme = headerScheme{
	algorithm:  "HMAC-SHA256",
	keyPrefix:  "",
	terminator: "request",
	sortValues: false,
	signs: func(name string) bool {
		return strings.EqualFold(name, "Content-Type") ||
			strings.EqualFold(name, "Content-Md5") ||
			len(name) >= 2 && (name[0] == 'x' || name[0] == 'X') && name[1] == '-'
	},
}

// Sign signs r in place for Volcengine at time t. body must be the exact
// payload that will be sent (nil for none).
func (s Volcengine) Sign(r *http.Request, body []byte, c Credentials, t time.Time) error {
	if err := checkInput(r, c); err != nil {
		return err
	}
	if s.Service == "" {
		return fmt.Errorf("%w: Volcengine.Service is empty", ErrInvalidRequest)
	}
	if s.Region == "" {
		return fmt.Errorf("%w: Volcengine.Region is empty", ErrInvalidRequest)
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	t = t.UTC()
	canonicalizeSpellings(r.Header, volcDateHeader, volcContentHashHeader, volcTokenHeader, authorizationHeader, "Content-Type")
	w := getWork()
	defer putWork(w)

	path, err := volcCanonicalPath(w, r)
	if err != nil {
		return err
	}
	// One backing array holds the values of the headers the signer sets.
	values := make([]string, 5)
	sc := newScope(t, s.Region, s.Service)
	values[0] = string(sc.amzDate[:])
	r.Header[volcDateHeader] = values[0:1:1]
	values[1] = string(appendBodyHash(w.canon[:0], body))
	r.Header[volcContentHashHeader] = values[1:2:2]
	if c.SessionToken != "" {
		values[2] = c.SessionToken
		r.Header[volcTokenHeader] = values[2:3:3]
	}
	if first(r.Header, "Content-Type") == "" {
		values[3] = volcDefaultType
		r.Header["Content-Type"] = values[3:4:4]
	}

	auth, err := volcScheme.sign(w, r, body, c, sc,
		path, volcHost(requestHost(r)))
	if err != nil {
		return err
	}
	values[4] = auth
	r.Header[authorizationHeader] = values[4:5:5]
	return nil
}

// volcCanonicalPath decodes each segment of the escaped path and encodes it
// again with the strict encoder, so "+" and "*" become %2B and %2A. The
// segments' slashes stay. The result is "/" for an empty path.
func volcCanonicalPath(w *work, r *http.Request) (string, error) {
	escaped := r.URL.EscapedPath()
	if escaped == "" || escaped == "/" {
		return "/", nil
	}
	b := w.mac[:0]
	for i, seg := range strings.Split(escaped, "/") {
		if i > 0 {
			b = append(b, '/')
		}
		raw, err := percent.Decode(seg, false)
		if err != nil {
			return "", fmt.Errorf("%w: path: %w", ErrInvalidRequest, err)
		}
		b = percent.AppendEncode(b, raw)
	}
	w.mac = b
	return string(b), nil
}

// volcHost drops the default ports 80 and 443 from host, as the official
// signer does.
func volcHost(host string) string {
	h, port, err := net.SplitHostPort(host)
	if err == nil && (port == "80" || port == "443") {
		if strings.Contains(h, ":") {
			return "[" + h + "]" // IPv6 literal
		}
		return h
	}
	return host
}
