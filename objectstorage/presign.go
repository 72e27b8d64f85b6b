package objectstorage

import (
	"context"
	"fmt"
	"net/http"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/signer"
)

// MaxPresignExpiry is the longest validity of a presigned URL (SigV4's
// limit).
const MaxPresignExpiry = signer.MaxPresignExpiry

// PresignGetObject returns a URL that downloads the object with a plain
// HTTP GET, without credentials, until expires (1s to 7 days) has passed.
// Fetch it with any HTTP client; ResponseError decodes a refusal (an
// expired URL is AccessDenied).
func (c *Client) PresignGetObject(ctx context.Context, bucket, key string, expires time.Duration) (string, error) {
	return c.presign(ctx, "PresignGetObject", http.MethodGet, bucket, key, expires, "")
}

// PresignPutObject returns a URL that uploads the object with a plain HTTP
// PUT until expires has passed. A non-empty contentType is signed: the PUT
// must send that Content-Type.
func (c *Client) PresignPutObject(ctx context.Context, bucket, key string, expires time.Duration, contentType string) (string, error) {
	return c.presign(ctx, "PresignPutObject", http.MethodPut, bucket, key, expires, contentType)
}

func (c *Client) presign(ctx context.Context, action, method, bucket, key string, expires time.Duration, contentType string) (string, error) {
	if err := c.checkObject(action, bucket, key); err != nil {
		return "", err
	}
	if expires < time.Second || expires > MaxPresignExpiry {
		return "", c.invalid(action, fmt.Sprintf("expiry %s is outside 1s to %s", expires, MaxPresignExpiry))
	}
	if !printableASCII(contentType) {
		return "", c.invalid(action, "content type must be printable ASCII")
	}
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return "", &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service, Action: action,
			Kind: mcerrors.KindOf(err), Message: "retrieving credentials: " + err.Error()}
	}
	r := &http.Request{Method: method, URL: c.objectURL(bucket, key, nil), Header: make(http.Header)}
	r.Host = r.URL.Host
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if err := c.signer.Presign(r, creds, c.now(), expires); err != nil {
		return "", c.invalid(action, err.Error())
	}
	return r.URL.String(), nil
}
