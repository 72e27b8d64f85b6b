package objectstorage

import (
	"encoding/xml"
	"io"
	"net/http"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// s3ErrorKinds classifies the S3 error codes that JD Cloud OSS, Volcengine
// TOS and QingStor return on their S3-compatible endpoints (the codes of
// the S3 API's error table, which all three document as compatible). A
// code that is not here is classified by its HTTP status.
var s3ErrorKinds = map[string]mcerrors.Kind{
	// The thing named does not exist.
	"NoSuchKey":                    mcerrors.KindNotFound,
	"NoSuchBucket":                 mcerrors.KindNotFound,
	"NoSuchUpload":                 mcerrors.KindNotFound,
	"NoSuchVersion":                mcerrors.KindNotFound,
	"NotFound":                     mcerrors.KindNotFound, // HEAD answers carry no body: the status gives this code
	"NoSuchBucketPolicy":           mcerrors.KindNotFound,
	"NoSuchLifecycleConfiguration": mcerrors.KindNotFound,

	// Who is asking is known, but may not.
	"AccessDenied":       mcerrors.KindPermissionDenied,
	"AllAccessDisabled":  mcerrors.KindPermissionDenied,
	"AccountProblem":     mcerrors.KindPermissionDenied,
	"InvalidObjectState": mcerrors.KindPermissionDenied,

	// Who is asking is not known: bad key, bad signature, stale time.
	"InvalidAccessKeyId":           mcerrors.KindUnauthenticated,
	"SignatureDoesNotMatch":        mcerrors.KindUnauthenticated,
	"ExpiredToken":                 mcerrors.KindUnauthenticated,
	"InvalidToken":                 mcerrors.KindUnauthenticated,
	"TokenRefreshRequired":         mcerrors.KindUnauthenticated,
	"RequestTimeTooSkewed":         mcerrors.KindUnauthenticated,
	"MissingSecurityHeader":        mcerrors.KindUnauthenticated,
	"AuthorizationHeaderMalformed": mcerrors.KindUnauthenticated,

	// The state of the bucket or object is in the way.
	"BucketAlreadyOwnedByYou": mcerrors.KindConflict,
	"BucketAlreadyExists":     mcerrors.KindConflict,
	"BucketNotEmpty":          mcerrors.KindConflict,
	"OperationAborted":        mcerrors.KindConflict,
	"PreconditionFailed":      mcerrors.KindConflict,

	// The request itself is wrong.
	"BadDigest":                          mcerrors.KindInvalidArgument,
	"InvalidDigest":                      mcerrors.KindInvalidArgument,
	"InvalidBucketName":                  mcerrors.KindInvalidArgument,
	"InvalidArgument":                    mcerrors.KindInvalidArgument,
	"InvalidRequest":                     mcerrors.KindInvalidArgument,
	"InvalidRange":                       mcerrors.KindInvalidArgument,
	"InvalidPart":                        mcerrors.KindInvalidArgument,
	"InvalidPartOrder":                   mcerrors.KindInvalidArgument,
	"EntityTooSmall":                     mcerrors.KindInvalidArgument,
	"EntityTooLarge":                     mcerrors.KindInvalidArgument,
	"KeyTooLongError":                    mcerrors.KindInvalidArgument,
	"MetadataTooLarge":                   mcerrors.KindInvalidArgument,
	"MalformedXML":                       mcerrors.KindInvalidArgument,
	"IncompleteBody":                     mcerrors.KindInvalidArgument,
	"MissingContentLength":               mcerrors.KindInvalidArgument,
	"InvalidLocationConstraint":          mcerrors.KindInvalidArgument,
	"IllegalLocationConstraintException": mcerrors.KindInvalidArgument,
	"PermanentRedirect":                  mcerrors.KindInvalidArgument, // the bucket is in another region
	"NotImplemented":                     mcerrors.KindInvalidArgument,

	// Quotas of resources.
	"TooManyBuckets": mcerrors.KindQuotaExceeded,

	// Slow down, or try again later.
	"SlowDown":             mcerrors.KindThrottled,
	"TooManyRequests":      mcerrors.KindThrottled,
	"RequestLimitExceeded": mcerrors.KindThrottled,
	"ServiceUnavailable":   mcerrors.KindUnavailable,
	"InternalError":        mcerrors.KindUnavailable,
	"RequestTimeout":       mcerrors.KindUnavailable,
}

// ErrorKind classifies an error code: the provider's own table first, then
// the S3 codes all three share, then the HTTP status.
func (p Profile) ErrorKind(code string, status int) mcerrors.Kind {
	if k, ok := p.ErrorKinds[code]; ok {
		return k
	}
	if k, ok := s3ErrorKinds[code]; ok {
		return k
	}
	return mcerrors.KindForStatus(status)
}

// errorBody is the S3 XML error document.
type errorBody struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	RequestID string   `xml:"RequestId"`
}

// decodeError is the core's DecodeError: nil for a 2xx answer, the
// provider's error otherwise.
func (c *Client) decodeError(status int, h http.Header, body []byte) *mcerrors.Error {
	if status >= 200 && status <= 299 {
		return nil
	}
	return c.profile.decode(status, h, body)
}

func (p Profile) decode(status int, h http.Header, body []byte) *mcerrors.Error {
	e := &mcerrors.Error{Provider: p.Provider, Service: p.Service, StatusCode: status, RequestID: requestID(h)}
	var doc errorBody
	if len(body) > 0 && xml.Unmarshal(body, &doc) == nil && doc.Code != "" {
		e.Code, e.Message = doc.Code, mcerrors.Redact(doc.Message)
		if doc.RequestID != "" {
			e.RequestID = doc.RequestID
		}
	} else {
		// HEAD answers and some gateways carry no XML: the status decides.
		e.Code = statusCode(status)
		if len(body) > 0 {
			e.Message = "unexpected response body: " + mcerrors.Excerpt(body)
		}
	}
	e.Kind = p.ErrorKind(e.Code, status)
	if e.Kind == mcerrors.KindUnknown && status >= 300 && status <= 399 {
		e.Kind = mcerrors.KindInvalidResponse // a redirect is never followed with a signature
	}
	e.RetryAfter = mcerrors.ParseRetryAfter(h.Get("Retry-After"), time.Now())
	return e
}

// statusCode names the error of an answer without a body, as S3 does for
// HEAD requests.
func statusCode(status int) string {
	switch status {
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusForbidden:
		return "AccessDenied"
	case http.StatusPreconditionFailed:
		return "PreconditionFailed"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable"
	case http.StatusMovedPermanently:
		return "PermanentRedirect"
	}
	return ""
}

// requestID is the provider's request id: S3's x-amz-request-id, which all
// three return, or TOS's own x-tos-request-id.
func requestID(h http.Header) string {
	for _, name := range []string{"X-Amz-Request-Id", "X-Tos-Request-Id", "X-Qs-Request-Id"} {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}

// maxErrorBody bounds how much of an error answer ResponseError reads.
const maxErrorBody = 64 << 10

// ResponseError turns the answer to a presigned URL fetched with any HTTP
// client into the provider's error, nil for a 2xx answer. It reads (up to
// 64 KiB of) and closes the body of an error answer. An expired presigned
// URL comes back as AccessDenied (kind PermissionDenied) with the
// provider's message.
func (c *Client) ResponseError(resp *http.Response) error {
	if resp == nil {
		return c.invalid("ResponseError", "nil *http.Response")
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	e := c.profile.decode(resp.StatusCode, resp.Header, body)
	e.Action = "PresignedRequest"
	return e
}
