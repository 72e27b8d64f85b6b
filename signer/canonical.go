package signer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// work holds the scratch buffers of one signing. Pooling them keeps signing
// down to the few allocations its results need (header values and the
// rewritten query).
type work struct {
	canon []byte // canonical request
	sts   []byte // string to sign, then the Authorization value
	// stsLen is the length of the string to sign at the start of sts.
	stsLen int
	mac    []byte // HMAC scratch
	pairs  []percent.Pair
	names  []string
	spans  [][2]int // positions of the lower-cased header names in canon
	// random supplies JD Cloud nonces.
	random randomBytes
	hash   hash.Hash // SHA-256 for the signature's HMAC
	sum    []byte    // its digests
}

var workPool = sync.Pool{New: func() any {
	return &work{
		canon: make([]byte, 0, 1024),
		sts:   make([]byte, 0, 512),
		mac:   make([]byte, 0, 512),
		pairs: make([]percent.Pair, 0, 32),
		names: make([]string, 0, 16),
		hash:  sha256.New(),
		sum:   make([]byte, 0, sha256.Size),
	}
}}

func getWork() *work { return workPool.Get().(*work) }

func putWork(w *work) {
	// Drop references to request strings so the pool does not keep them alive.
	clear(w.pairs[:cap(w.pairs)])
	clear(w.names[:cap(w.names)])
	w.canon, w.sts, w.mac = w.canon[:0], w.sts[:0], w.mac[:0]
	w.pairs, w.names = w.pairs[:0], w.names[:0]
	workPool.Put(w)
}

// appendCanonicalQuery decodes the raw query, sorts it by key (and by value
// when sortValues is set), appends its canonical encoding to w.canon and
// returns that encoding (a slice of w.canon). A query that is canonical
// already is copied as it is.
func (w *work) appendCanonicalQuery(raw string, sortValues bool) ([]byte, error) {
	start := len(w.canon)
	if percent.IsCanonical(raw, sortValues) {
		w.canon = append(w.canon, raw...)
		return w.canon[start:], nil
	}
	var err error
	w.pairs, err = percent.ParseQuery(w.pairs[:0], raw)
	if err != nil {
		return nil, fmt.Errorf("%w: query: %w", ErrInvalidRequest, err)
	}
	if sortValues {
		percent.SortByKeyThenValue(w.pairs)
	} else {
		percent.SortByKey(w.pairs)
	}
	w.canon = percent.AppendQuery(w.canon, w.pairs)
	return w.canon[start:], nil
}

// writeBackQuery makes the URL carry the canonical query it was signed with,
// allocating only when the two differ.
func writeBackQuery(r *http.Request, canonical []byte) {
	if string(canonical) != r.URL.RawQuery {
		r.URL.RawQuery = string(canonical)
	}
}

// headerScheme is what JD Cloud's and Volcengine's header signatures share:
// a SigV4-shaped canonical request, a credential scope and a derived key.
type headerScheme struct {
	algorithm  string // first line of the string to sign, and Authorization's prefix
	keyPrefix  string // prepended to the secret to seed the key derivation
	terminator string // last element of the credential scope
	// sortValues orders the values of a repeated query key too (JD Cloud);
	// otherwise they keep their order (Volcengine).
	sortValues bool
	// signs reports whether a request header (by name, any case) is signed;
	// host is always signed and need not be listed.
	signs func(name string) bool
}

// scope is one signing's time, region and service. The time is formatted
// once, here, for the date header, the string to sign and the key's day.
type scope struct {
	amzDate         [16]byte // "20060102T150405Z"
	day             int32    // yyyymmdd, the cache key of the day's signing key
	region, service string
}

// newScope returns the scope of a signing at t, which must be UTC.
func newScope(t time.Time, region, service string) scope {
	sc := scope{region: region, service: service}
	appendAmzDate(sc.amzDate[:0], t)
	y, m, d := t.Date()
	sc.day = int32(y*10000 + int(m)*100 + d)
	return sc
}

// sign builds the canonical request and string to sign for r and returns the
// Authorization value. The provider has already set its date, nonce and
// token headers. path is the canonical path, host the value of the host line.
func (s *headerScheme) sign(w *work, r *http.Request, body []byte, c Credentials, sc scope, path, host string) (string, error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet // what net/http sends for an empty Method
	}
	canon := append(w.canon[:0], method...)
	canon = append(canon, '\n')
	canon = append(canon, path...)
	canon = append(canon, '\n')
	w.canon = canon
	query, err := w.appendCanonicalQuery(r.URL.RawQuery, s.sortValues)
	if err != nil {
		return "", err
	}
	writeBackQuery(r, query)
	w.canon = append(w.canon, '\n')

	signedStart, signedEnd := s.appendHeaders(w, r.Header, host)

	w.canon = append(w.canon, '\n')
	w.canon = appendBodyHash(w.canon, body)

	// String to sign: algorithm, time, scope, hash of the canonical request.
	canonHash := sha256.Sum256(w.canon)
	sts := append(w.sts[:0], s.algorithm...)
	sts = append(sts, '\n')
	sts = append(sts, sc.amzDate[:]...)
	sts = append(sts, '\n')
	scopeStart := len(sts)
	sts = append(sts, sc.amzDate[:8]...) // the day: yyyymmdd
	date := sts[scopeStart:]
	sts = append(sts, '/')
	sts = append(sts, sc.region...)
	sts = append(sts, '/')
	sts = append(sts, sc.service...)
	sts = append(sts, '/')
	sts = append(sts, s.terminator...)
	scopeEnd := len(sts)
	sts = append(sts, '\n')
	sts = hex.AppendEncode(sts, canonHash[:])

	key := derivedKeys.get(&w.mac, scopeKey{
		prefix: s.keyPrefix, secret: c.SecretAccessKey, region: sc.region, service: sc.service, day: sc.day,
	}, date, s.terminator)
	sig := key.sum(w.hash, &w.sum, sts)
	w.stsLen = len(sts)

	// The Authorization value reuses the scope already written in sts, so
	// it is built after the signature in a fresh region of the buffer.
	auth := sts[len(sts):]
	auth = append(auth, s.algorithm...)
	auth = append(auth, " Credential="...)
	auth = append(auth, c.AccessKeyID...)
	auth = append(auth, '/')
	auth = append(auth, sts[scopeStart:scopeEnd]...)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, w.canon[signedStart:signedEnd]...)
	auth = append(auth, ", Signature="...)
	auth = hex.AppendEncode(auth, sig)
	w.sts = sts
	return string(auth), nil
}

// authorizationHeader carries the signature of both header signers.
const authorizationHeader = "Authorization"

// appendAmzDate appends t, which must be UTC, in the ISO 8601 basic format
// "20060102T150405Z" that both header signers use for their date header and
// string to sign. It is time.AppendFormat's result without its layout parsing,
// which showed in profiles of the signing hot path.
func appendAmzDate(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	dst = appendDigits(dst, y, 4)
	dst = appendDigits(dst, int(mo), 2)
	dst = appendDigits(dst, d, 2)
	dst = append(dst, 'T')
	dst = appendDigits(dst, h, 2)
	dst = appendDigits(dst, mi, 2)
	dst = appendDigits(dst, s, 2)
	return append(dst, 'Z')
}

// appendISOTime appends t, which must be UTC, as "2006-01-02T15:04:05Z",
// QingCloud's time_stamp, without time.AppendFormat's layout parsing.
func appendISOTime(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	dst = appendDigits(dst, y, 4)
	dst = append2(append(dst, '-'), int(mo))
	dst = append2(append(dst, '-'), d)
	dst = append2(append(dst, 'T'), h)
	dst = append2(append(dst, ':'), mi)
	dst = append2(append(dst, ':'), s)
	return append(dst, 'Z')
}

// appendDigits appends the last width (2 or 4) decimal digits of a
// non-negative n.
func appendDigits(dst []byte, n, width int) []byte {
	if width == 4 {
		dst = append2(dst, n/100%100)
	}
	return append2(dst, n%100)
}

// append2 appends n, 0 to 99, as two digits.
func append2(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/10), byte('0'+n%10))
}

// emptyBodyHash is the hex SHA-256 of an empty body, the payload of most
// GET requests.
const emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// appendBodyHash appends the lower-case hex SHA-256 of body.
func appendBodyHash(dst []byte, body []byte) []byte {
	if len(body) == 0 {
		return append(dst, emptyBodyHash...)
	}
	sum := sha256.Sum256(body)
	return hex.AppendEncode(dst, sum[:])
}

// appendHeaders appends the canonical header block and the signed-header list
// to w.canon and returns the list's position in w.canon.
func (s *headerScheme) appendHeaders(w *work, h http.Header, host string) (start, end int) {
	names := append(w.names[:0], "Host")
	for name := range h {
		if !strings.EqualFold(name, "host") && s.signs(name) {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, compareFold)
	w.names = names

	// Each name is lower-cased once, into its canonical line; the
	// signed-header list copies it from there.
	spans := w.spans[:0]
	canon := w.canon
	for i, name := range names {
		if i > 0 && strings.EqualFold(name, names[i-1]) {
			// The same header under two spellings: one line, values joined.
			canon = canon[:len(canon)-1]
			canon = append(canon, ',')
		} else {
			spans = append(spans, [2]int{len(canon), len(canon) + len(name)})
			canon = appendLower(canon, name)
			canon = append(canon, ':')
		}
		if len(name) == 4 && strings.EqualFold(name, "host") {
			canon = append(canon, strings.TrimSpace(host)...) // our own entry: the map's Host was left out
		} else {
			for j, v := range h[name] {
				if j > 0 {
					canon = append(canon, ',')
				}
				canon = append(canon, strings.TrimSpace(v)...)
			}
		}
		canon = append(canon, '\n')
	}
	canon = append(canon, '\n')
	start = len(canon)
	for i, sp := range spans {
		if i > 0 {
			canon = append(canon, ';')
		}
		canon = append(canon, canon[sp[0]:sp[1]]...)
	}
	w.canon, w.spans = canon, spans
	return start, len(canon)
}

// compareFold orders header names by their lower-case bytes.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, lower(s[i]))
	}
	return dst
}

// canonicalizeSpellings moves the values of every key of h that names one
// of canonicalNames under another spelling ("x-date" for "X-Date") to the
// canonical key, so that each header is looked up, replaced and signed
// under one name. One pass over the map serves all the names.
func canonicalizeSpellings(h http.Header, canonicalNames ...string) {
	for name, vs := range h {
		for _, c := range canonicalNames {
			if len(name) == len(c) && name != c && strings.EqualFold(name, c) {
				h[c] = append(h[c], vs...)
				delete(h, name)
			}
		}
	}
}

// first returns the first value of a header stored under its canonical name.
func first(h http.Header, canonicalName string) string {
	if vs := h[canonicalName]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
