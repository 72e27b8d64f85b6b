package jdcloud

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// errorProvider is the Provider of every error this package decodes.
const errorProvider = "jdcloud"

// errorRequestIDHeader carries the request id when the body has none.
const errorRequestIDHeader = "X-Jdcloud-Request-Id"

// errorRow is one documented JD Cloud error: the "status" string of the
// error object, the HTTP status the docs pair it with, and our Kind.
type errorRow struct {
	Status string
	HTTP   int
	Kind   mcerrors.Kind
}

// errorTable is JD Cloud's error-code table, one row per status.
//
// Source: docs.jdcloud.com/cn/common-declaration/api/error-codes ("公共说明",
// 2019-07-23), which lists (code, status, reason); the reason is quoted
// after each row. Two rows come from elsewhere and say so.
var errorTable = []errorRow{
	{"INVALID_ARGUMENT", 400, mcerrors.KindInvalidArgument},   // 参数错误, bad parameter
	{"FAILED_PRECONDITION", 400, mcerrors.KindConflict},       // 此操作需要的预置条件不满足, the resource is not in the state the operation needs
	{"OUT_OF_RANGE", 400, mcerrors.KindInvalidArgument},       // 参数超出范围, parameter out of range
	{"UNAUTHENTICATED", 401, mcerrors.KindUnauthenticated},    // 验证失败, authentication failed
	{"HTTP_FORBIDDEN", 403, mcerrors.KindPermissionDenied},    // 没有权限, no permission
	{"NOT_FOUND", 404, mcerrors.KindNotFound},                 // 找不到对象, object not found
	{"ABORTED", 409, mcerrors.KindConflict},                   // 操作终止, operation aborted (a concurrent change)
	{"ALREADY_EXISTS", 409, mcerrors.KindConflict},            // 对象已存在, object already exists
	{"QUOTA_EXCEEDED", 429, mcerrors.KindQuotaExceeded},       // 配额不足, quota exhausted: not a rate limit, not retried
	{"RATE_LIMIT", 429, mcerrors.KindThrottled},               // 请求过频繁, requests too frequent
	{"CANCELLED", 499, mcerrors.KindUnknown},                  // 取消操作, operation cancelled
	{"UNKNOWN", 500, mcerrors.KindUnavailable},                // 未知错误, unknown server error
	{"INTERNAL", 500, mcerrors.KindUnavailable},               // 内部错误, internal error
	{"NOT_IMPLEMENTED", 501, mcerrors.KindInvalidArgument},    // 操作未实现, the operation does not exist
	{"SOURCE_UNAVAILABLE", 502, mcerrors.KindUnavailable},     // 源站不可用, origin unavailable
	{"UNAVAILABLE", 503, mcerrors.KindUnavailable},            // 服务不可用, service unavailable
	{"ACCESS_ERROR", 401, mcerrors.KindUnauthenticated},       // not on the page: the gateway's signature mismatch, jdcloud-api/jdcloud-sdk-php issue #88
	{"PERMISSION_DENIED", 403, mcerrors.KindPermissionDenied}, // not on the page: the gRPC-style name some services use
}

// errorKindByStatus indexes errorTable by status.
var errorKindByStatus = func() map[string]mcerrors.Kind {
	m := make(map[string]mcerrors.Kind, len(errorTable))
	for _, r := range errorTable {
		m[r.Status] = r.Kind
	}
	return m
}()

// errorKey is what a body must contain to carry an error object. A 2xx body
// without it is a success, found without decoding the body.
var errorKey = []byte(`"error"`)

// errorEnvelope is the part of JD Cloud's response envelope
// {"requestId", "result", "error": {"code", "status", "message", "details"}}
// that errors need; "result" is skipped.
type errorEnvelope struct {
	RequestID string       `json:"requestId"`
	Error     *errorObject `json:"error"`
}

type errorObject struct {
	Code    errorNumber     `json:"code"`
	Status  string          `json:"status"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

func (o *errorObject) empty() bool {
	return o == nil || (o.Code == "" || o.Code == "0") && o.Status == "" && o.Message == ""
}

// errorNumber holds the numeric "code" as text. It accepts a JSON number or
// a string, and never fails, so an odd code cannot hide the rest of the
// error.
type errorNumber string

// UnmarshalJSON implements json.Unmarshaler.
func (n *errorNumber) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*n = errorNumber(s)
	} else if len(b) > 0 && (b[0] == '-' || '0' <= b[0] && b[0] <= '9') {
		*n = errorNumber(b)
	}
	return nil
}

// DecodeError turns a JD Cloud answer into an error, or returns nil when the
// answer is a success.
//
// An error is a non-2xx answer, or any answer whose body holds a non-empty
// "error" object. Kind comes from errorTable by the JD "status" (so 429
// RATE_LIMIT is Throttled and 429 QUOTA_EXCEEDED is QuotaExceeded), then
// from the numeric code, then from the HTTP status. Code is the status
// verbatim, or the numeric code when the status is empty. The request id
// falls back to the X-Jdcloud-Request-Id header; Retry-After (seconds or an
// HTTP date) becomes RetryAfter. The "details" member is appended to Message
// as a short redacted excerpt; ErrorDetails returns it whole.
//
// A body that is not the envelope (an HTML page, truncated or non-JSON text)
// keeps its status and an excerpt: see mcerrors.UnexpectedResponse. Service,
// Action and Attempts are left for the core client to fill.
//
// A 2xx body that does not contain "error" is a success without being
// decoded, so the check costs one byte search on the success path.
func DecodeError(statusCode int, header http.Header, body []byte) *mcerrors.Error {
	success := statusCode >= 200 && statusCode <= 299
	if success && !bytes.Contains(body, errorKey) {
		return nil
	}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return errorFinish(mcerrors.UnexpectedResponse(errorProvider, statusCode, body), "", header)
	}
	if env.Error.empty() {
		if success {
			return nil
		}
		return errorFinish(mcerrors.UnexpectedResponse(errorProvider, statusCode, body), env.RequestID, header)
	}
	o := env.Error
	code := o.Status
	if code == "" && o.Code != "0" {
		code = string(o.Code)
	}
	msg := mcerrors.Redact(o.Message)
	if d := errorDetailsText(o.Details); d != "" {
		msg += " (details: " + d + ")"
	}
	e := &mcerrors.Error{
		Provider:   errorProvider,
		Kind:       errorKindFor(o.Status, string(o.Code), statusCode),
		StatusCode: statusCode,
		Code:       code,
		Message:    msg,
	}
	return errorFinish(e, env.RequestID, header)
}

// errorKindFor maps a JD status, numeric code and HTTP status to a Kind.
func errorKindFor(status, code string, httpStatus int) mcerrors.Kind {
	if k, ok := errorKindByStatus[status]; ok {
		return k
	}
	if n, err := strconv.Atoi(code); err == nil {
		if k := mcerrors.KindForStatus(n); k != mcerrors.KindUnknown {
			return k
		}
	}
	return mcerrors.KindForStatus(httpStatus)
}

// errorFinish sets the request id (from the body, else the header) and
// RetryAfter.
func errorFinish(e *mcerrors.Error, requestID string, header http.Header) *mcerrors.Error {
	if requestID == "" {
		requestID = header.Get(errorRequestIDHeader)
	}
	e.RequestID = requestID
	if v := header.Get("Retry-After"); v != "" {
		e.RetryAfter = mcerrors.ParseRetryAfter(v, time.Now())
	}
	return e
}

// errorDetailsText is the short, redacted form of details put in Message,
// or "" when there are none.
func errorDetailsText(d json.RawMessage) string {
	d = bytes.TrimSpace(d)
	switch string(d) {
	case "", "null", "[]", "{}", `""`:
		return ""
	}
	return mcerrors.Excerpt(d)
}

// ErrorDetails returns the "details" member of a JD Cloud error body as raw
// JSON, or nil when the body has none or is not the envelope. DecodeError
// keeps only a short redacted excerpt of it in Message, because the Error
// type has no room for structured data; use ErrorDetails on the raw body
// (from a response hook or a test) when you need all of it. The result is
// not redacted.
func ErrorDetails(body []byte) json.RawMessage {
	var env struct {
		Error *struct {
			Details json.RawMessage `json:"details"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		return nil
	}
	if d := bytes.TrimSpace(env.Error.Details); len(d) > 0 && string(d) != "null" {
		return env.Error.Details
	}
	return nil
}
