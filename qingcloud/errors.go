package qingcloud

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// errorProvider is the Provider of every error this package decodes.
const errorProvider = "qingcloud"

// errorRow is one documented QingCloud ret_code, with the doc's error type
// and our Kind.
type errorRow struct {
	RetCode int
	Type    string
	Kind    mcerrors.Kind
}

// errorTable is QingCloud's ret_code table.
//
// Source: the official docs repository yunify/qingcloud-docs,
// content/development_docs/api/error_code.md ("错误码"; published at
// docsv3.qingcloud.com/development_docs/api/error_code/). The doc's type is
// given in Chinese with a translation. Codes that an API client cannot
// receive (registration and login 1500-1662, licence 4000-4005, config file
// 8000-8004) and codes with no clear kind (lease 2200/2300, 5500) are left
// out and decode as KindUnknown.
var errorTable = []errorRow{
	{1100, "消息格式错误 bad message format or parameter", mcerrors.KindInvalidArgument},
	{1101, "请求方法错误 bad request method", mcerrors.KindInvalidArgument},
	{1200, "身份验证失败 authentication failure: unknown access_key_id or bad signature", mcerrors.KindUnauthenticated},
	{1300, "消息已过期 message expired: time_stamp more than 60 s off", mcerrors.KindUnauthenticated},
	{1400, "访问被拒绝 access denied: not your resource, no permission, or a state that forbids the change", mcerrors.KindPermissionDenied},
	{2000, "登录会话过期 session expired", mcerrors.KindUnauthenticated},
	{2100, "找不到资源 resource not found", mcerrors.KindNotFound},
	{2110, "资源已存在 resource already exists", mcerrors.KindConflict},
	{2400, "余额不足 insufficient balance", mcerrors.KindQuotaExceeded},
	{2500, "超过配额 over quota: resources, or API requests (Throttled, see errorRateWords)", mcerrors.KindQuotaExceeded},
	{3300, "无效的 API 模块 invalid API module", mcerrors.KindInvalidArgument},
	{5000, "内部错误 internal error", mcerrors.KindUnavailable},
	{5100, "服务器繁忙 server busy or timed out: retry later", mcerrors.KindUnavailable},
	{5200, "资源不足 insufficient backend resources: not retryable, a capacity limit", mcerrors.KindQuotaExceeded},
	{5300, "服务更新中 service updating: retry later", mcerrors.KindUnavailable},
	{5400, "存在依赖关系 has dependencies", mcerrors.KindConflict},
	{5600, "不支持的硬盘类型 unsupported disk type", mcerrors.KindInvalidArgument},
}

// errorQuotaCode is the ret_code shared by resource quotas and API request
// quotas.
const errorQuotaCode = 2500

// errorRateWords tell a request-rate 2500 from a resource-quota 2500: a
// 2500 whose message contains one of them (compared in lower case) is
// Throttled. error_code.md describes 2500 as "当用户试图创建的资源超过用户配额，
// 或者短时间内的API访问请求超过配额限制" (resources over quota, or API access
// requests in a short time over the quota limit) and says the API request
// quota resets at 00:00 the next day; overview.md calls the API limit "API
// 访问配额" (2000 requests per 3600 s). The one server message on record is
// "QuotasExceeded, access too frequently, your requests will be rejected for
// a period of time" (QingCloudAppcenter/QKE issue #257).
var errorRateWords = []string{
	"frequen",                   // "access too frequently", "request frequency"
	"requests will be rejected", // QKE #257
	"too many request",
	"rate limit",
	"throttl",
	"api request", "api call", // "API request quota exceeded"; not "api access", which also starts "API access key"
	"频繁",   // 访问过于频繁, too frequent
	"频率",   // 请求频率, request frequency
	"访问请求", // API访问请求超过配额, error_code.md
	"访问配额", // API 访问配额, overview.md
	"请求过多", // too many requests
	"请求次数", // number of requests
	"限流",   // rate limiting
	"api请求", "api 请求", "api调用", "api 调用",
}

// errorKindByCode indexes errorTable.
var errorKindByCode = func() map[int64]mcerrors.Kind {
	m := make(map[int64]mcerrors.Kind, len(errorTable))
	for _, r := range errorTable {
		m[int64(r.RetCode)] = r.Kind
	}
	return m
}()

// errorRetCodeKey is the key every QingCloud answer carries.
var errorRetCodeKey = []byte(`"ret_code"`)

// errorEnvelope is the part of a QingCloud answer
// {"action", "ret_code", "message", ...} that errors need.
type errorEnvelope struct {
	RetCode *errorNumber `json:"ret_code"`
	Message string       `json:"message"`
}

// errorNumber is ret_code: a JSON number, or a string holding one. It never
// fails to decode; valid tells whether it held an integer.
type errorNumber struct {
	n     int64
	valid bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *errorNumber) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = errorNumber{v, true}
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		*n = errorNumber{int64(f), true}
	}
	return nil
}

// DecodeError turns a QingCloud answer into an error, or returns nil when
// the answer is a success.
//
// QingCloud reports errors with HTTP 200 and a non-zero ret_code:
// {"message":"PermissionDenied, ...","ret_code":1400}. Kind comes from
// errorTable by ret_code, except that a 2500 whose message is about API
// request frequency is Throttled rather than QuotaExceeded (errorRateWords).
// An unlisted ret_code is KindUnknown on a 2xx, otherwise the HTTP status
// decides. Code is the ret_code in decimal; the answer has no request id.
// Retry-After (seconds or an HTTP date) becomes RetryAfter.
//
// A body without a ret_code (an HTML page, truncated or non-JSON text,
// another JSON shape) keeps its status and an excerpt: see
// mcerrors.UnexpectedResponse. That includes a 2xx, since every QingCloud
// answer has a ret_code. Service, Action and Attempts are left for the core
// client to fill.
//
// On the success path the body is not decoded: finding every "ret_code"
// key followed by the value 0 takes a few byte searches.
func DecodeError(statusCode int, header http.Header, body []byte) *mcerrors.Error {
	success := statusCode >= 200 && statusCode <= 299
	if success && errorRetCodesZero(body) {
		return nil
	}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err != nil || env.RetCode == nil || !env.RetCode.valid ||
		(env.RetCode.n == 0 && !success) {
		return errorFinish(mcerrors.UnexpectedResponse(errorProvider, statusCode, body), header)
	}
	code := env.RetCode.n
	if code == 0 {
		return nil
	}
	e := &mcerrors.Error{
		Provider:   errorProvider,
		Kind:       errorKindFor(code, env.Message, statusCode),
		StatusCode: statusCode,
		Code:       strconv.FormatInt(code, 10),
		Message:    mcerrors.Redact(env.Message),
	}
	return errorFinish(e, header)
}

// errorKindFor maps a ret_code, its message and the HTTP status to a Kind.
func errorKindFor(code int64, message string, httpStatus int) mcerrors.Kind {
	if code == errorQuotaCode && errorAboutRate(message) {
		return mcerrors.KindThrottled
	}
	if k, ok := errorKindByCode[code]; ok {
		return k
	}
	return mcerrors.KindForStatus(httpStatus)
}

// errorAboutRate reports whether a 2500 message is about request rate.
func errorAboutRate(message string) bool {
	m := strings.ToLower(message)
	for _, w := range errorRateWords {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// errorRetCodesZero reports whether body has at least one "ret_code" key
// and every one of them is followed by the value 0. It is the cheap success
// check; anything else (no key, another value, odd spacing it cannot read,
// the key spelled in a way it does not look for) sends the body to the full
// decode.
func errorRetCodesZero(body []byte) bool {
	if errorOtherSpelling(body) {
		return false
	}
	found := false
	for {
		i := bytes.Index(body, errorRetCodeKey)
		if i < 0 {
			return found
		}
		body = body[i+len(errorRetCodeKey):]
		j := errorSkipSpace(body, 0)
		if j >= len(body) || body[j] != ':' {
			return false
		}
		j = errorSkipSpace(body, j+1)
		if j >= len(body) || body[j] != '0' {
			return false
		}
		if j+1 < len(body) {
			switch body[j+1] {
			case ',', '}', ' ', '\t', '\r', '\n':
			default:
				return false
			}
		}
		found = true
		body = body[j+1:]
	}
}

// errorOtherSpelling reports whether body may hold the ret_code key spelled
// otherwise than "ret_code", which the byte search would miss and the full
// decode (encoding/json matches keys case-insensitively and unescaped) would
// find: {"job_set":[{"ret_code":0}],"RET_CODE":1400} is no success. Such a
// key has another letter case, or an ASCII character escaped as \u00XX.
func errorOtherSpelling(body []byte) bool {
	if bytes.Contains(body, errorASCIIEscape) {
		return true
	}
	n := len(errorRetCodeKey)
	for i := bytes.IndexByte(body, '_'); i >= 0; {
		// The key's `"ret` is the 4 bytes before the _, `code"` the 5 after.
		if start := i - 4; start >= 0 && start+n <= len(body) && body[start] == '"' && body[i+1]|0x20 == 'c' {
			if w := body[start : start+n]; bytes.EqualFold(w, errorRetCodeKey) && !bytes.Equal(w, errorRetCodeKey) {
				return true
			}
		}
		j := bytes.IndexByte(body[i+1:], '_')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// errorASCIIEscape starts a JSON escape of an ASCII character.
var errorASCIIEscape = []byte(`\u00`)

func errorSkipSpace(b []byte, j int) int {
	for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n') {
		j++
	}
	return j
}

// errorFinish sets RetryAfter.
func errorFinish(e *mcerrors.Error, header http.Header) *mcerrors.Error {
	if v := header.Get("Retry-After"); v != "" {
		e.RetryAfter = mcerrors.ParseRetryAfter(v, time.Now())
	}
	return e
}
