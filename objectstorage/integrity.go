package objectstorage

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"strings"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// Integrity: every upload carries Content-MD5 (the digest the three
// providers' S3 endpoints check, answering BadDigest on a mismatch), and the
// ETag of the answer is compared with the digest the client computed.
// Downloads of whole single-part objects are hashed as they stream and
// compared with the ETag at the end.

// contentMD5 is the base64 MD5 of b, the value of Content-MD5.
func contentMD5(b []byte) (b64 string, sum [md5.Size]byte) {
	sum = md5.Sum(b)
	return base64.StdEncoding.EncodeToString(sum[:]), sum
}

// plainETag returns the hex MD5 an ETag carries, and false for ETags that
// are not an MD5 of the content (multipart "…-N" ETags, encrypted objects).
func plainETag(etag string) (string, bool) {
	e := strings.Trim(etag, `"`)
	if len(e) != 2*md5.Size {
		return "", false
	}
	if _, err := hex.DecodeString(e); err != nil {
		return "", false
	}
	return strings.ToLower(e), true
}

// checkETag compares an upload's answer with the MD5 the client sent. An
// ETag that is not a plain MD5 is not checked.
func (c *Client) checkETag(action, etag string, sum [md5.Size]byte) error {
	want, ok := plainETag(etag)
	if !ok {
		return nil
	}
	if want != hex.EncodeToString(sum[:]) {
		return &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service, Action: action,
			Kind: mcerrors.KindInvalidResponse, Code: "BadDigest",
			Message: "the ETag the server answered is not the MD5 of what was sent"}
	}
	return nil
}

// verifyingReader hashes a download and fails the last Read when the
// digest is not the one the ETag promised.
type verifyingReader struct {
	r        io.ReadCloser
	h        hash.Hash
	want     string // hex MD5, "" when not checked
	progress func(int64)
	n        int64
	err      func() error // the mismatch error
}

func (v *verifyingReader) Read(p []byte) (int, error) {
	n, err := v.r.Read(p)
	if n > 0 {
		if v.h != nil {
			v.h.Write(p[:n])
		}
		v.n += int64(n)
		if v.progress != nil {
			v.progress(v.n)
		}
	}
	if err == io.EOF && v.h != nil && v.want != "" {
		if hex.EncodeToString(v.h.Sum(nil)) != v.want {
			return n, v.err()
		}
	}
	return n, err
}

func (v *verifyingReader) Close() error { return v.r.Close() }
