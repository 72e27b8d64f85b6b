package objectstorage

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// The mappings the SDK promises, one row each.
func TestErrorKindsOfTheS3Codes(t *testing.T) {
	p := Profile{Provider: "test", Service: "s3"}
	for code, want := range map[string]mcerrors.Kind{
		"NoSuchKey": mcerrors.KindNotFound, "NoSuchBucket": mcerrors.KindNotFound, "NoSuchUpload": mcerrors.KindNotFound,
		"AccessDenied": mcerrors.KindPermissionDenied, "SlowDown": mcerrors.KindThrottled,
		"BucketAlreadyOwnedByYou": mcerrors.KindConflict, "BucketNotEmpty": mcerrors.KindConflict,
		"BadDigest": mcerrors.KindInvalidArgument, "InvalidDigest": mcerrors.KindInvalidArgument,
		"SignatureDoesNotMatch": mcerrors.KindUnauthenticated, "InvalidAccessKeyId": mcerrors.KindUnauthenticated,
		"RequestTimeTooSkewed": mcerrors.KindUnauthenticated, "ServiceUnavailable": mcerrors.KindUnavailable,
		"InternalError": mcerrors.KindUnavailable, "TooManyBuckets": mcerrors.KindQuotaExceeded,
	} {
		body := fmt.Sprintf("<?xml version=\"1.0\"?><Error><Code>%s</Code><Message>m</Message><RequestId>rid</RequestId></Error>", code)
		e := p.decode(400, http.Header{}, []byte(body))
		assert.Equal(t, want, e.Kind, code)
		assert.Equal(t, code, e.Code)
		assert.Equal(t, "rid", e.RequestID)
	}
	// Every row of the table decodes to its kind.
	for code, want := range s3ErrorKinds {
		assert.Equal(t, want, p.ErrorKind(code, 500), code)
	}
	// The provider's own table comes first.
	p.ErrorKinds = map[string]mcerrors.Kind{"SlowDown": mcerrors.KindQuotaExceeded}
	assert.Equal(t, mcerrors.KindQuotaExceeded, p.ErrorKind("SlowDown", 503))
}

func TestErrorsWithoutABody(t *testing.T) {
	p := Profile{Provider: "test", Service: "s3"}
	for status, want := range map[int]mcerrors.Kind{
		404: mcerrors.KindNotFound, 403: mcerrors.KindPermissionDenied, 503: mcerrors.KindUnavailable,
		412: mcerrors.KindConflict, 301: mcerrors.KindInvalidArgument, 302: mcerrors.KindInvalidResponse,
	} {
		e := p.decode(status, http.Header{"X-Amz-Request-Id": {"r1"}}, nil)
		assert.Equal(t, want, e.Kind, status)
		assert.Equal(t, "r1", e.RequestID)
	}
	e := p.decode(502, http.Header{}, []byte("<html>bad gateway</html>"))
	assert.Equal(t, mcerrors.KindUnavailable, e.Kind)
	assert.Contains(t, e.Message, "bad gateway")
}

func TestKeyPathEncoding(t *testing.T) {
	for key, want := range map[string]string{
		"a b":        "a%20b",
		"a+b":        "a%2Bb",
		"100%":       "100%25",
		"dir/中.txt":  "dir/%E4%B8%AD.txt",
		"~-_.":       "~-_.",
		"q?#":        "q%3F%23",
		"//double//": "//double//",
	} {
		assert.Equal(t, want, string(appendKeyPath(nil, key)), key)
	}
}
