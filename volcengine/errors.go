package volcengine

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// errorProvider is the Provider of every error this package decodes.
const errorProvider = "volcengine"

// errorRow is one documented Volcengine error code: the code, its numeric
// CodeN (0 when the docs give none), the HTTP status the docs give (0 when
// none) and our Kind.
type errorRow struct {
	Code  string
	CodeN int64
	HTTP  int
	Kind  mcerrors.Kind
}

// errorTable is Volcengine's common (gateway) error-code table.
//
// Sources, cited per row:
//   - [C] the common error-code page volcengine.com/docs/6369/68677 (the
//     same table is at /docs/6440/71573 and /docs/6469/1126806), as
//     summarised in ../shared/providers/volcengine.md §d;
//   - [G] the gateway table with CodeN, volcengine.com/docs/6664/116016 and
//     its older copy /docs/4640/65080 (which still uses some old names);
//   - [B] BytePlus "Common error codes of BytePlus OpenAPI",
//     docs.byteplus.com/byteplus-platform/reference/common-error-codes;
//   - [A] the Ark common error codes, volcengine.com/docs/82379/1299023.
//
// Lookup is by Code, then by the prefix before the first '.' (errorPrefixes),
// then by CodeN; any HTTP 429 is Throttled whatever the code.
var errorTable = []errorRow{
	{"UndefinedError", 100001, 500, mcerrors.KindUnavailable},                 // [G] undefined internal error
	{"MissingParameter", 100002, 400, mcerrors.KindInvalidArgument},           // [C][G][B] e.g. Action or Version missing
	{"MissingAuthenticationToken", 100003, 401, mcerrors.KindUnauthenticated}, // [G][B] no authentication information
	{"MissingRequestInfo", 100004, 400, mcerrors.KindInvalidArgument},         // [C][G][B] e.g. X-Date, service or region missing
	{"MissingSignature", 100005, 401, mcerrors.KindUnauthenticated},           // [G][B] no signature
	{"InvalidTimestamp", 100006, 400, mcerrors.KindUnauthenticated},           // [C][B] X-Date expired or in the future (403 in [G])
	{"ServiceNotFound", 100007, 404, mcerrors.KindInvalidArgument},            // [C][G][B] unknown service: a caller error, not a missing resource
	{"InvalidActionOrVersion", 100008, 404, mcerrors.KindInvalidArgument},     // [C][G][B] unknown Action or Version
	{"InvalidAccessKey", 100009, 401, mcerrors.KindUnauthenticated},           // [C][G][B] unknown access key
	{"InvalidClientTokenId", 100009, 401, mcerrors.KindUnauthenticated},       // [G] /4640/65080: the older name of InvalidAccessKey
	{"SignatureDoesNotMatch", 100010, 401, mcerrors.KindUnauthenticated},      // [C][G][B]
	{"ServiceShouldCallSelfApi", 100011, 0, mcerrors.KindPermissionDenied},    // [G] /4640/65080: a service key may call only its own APIs
	{"LackPolicy", 100012, 403, mcerrors.KindPermissionDenied},                // [C][G][B] sub-user has no policy
	{"AccessDenied", 100013, 403, mcerrors.KindPermissionDenied},              // [C][G][B] [A] sub-user's policy forbids the action
	{"InternalError", 100014, 500, mcerrors.KindUnavailable},                  // [C][G] the service behind the gateway failed
	{"InternalServiceTimeout", 100016, 0, mcerrors.KindUnavailable},           // [C] the service behind the gateway timed out
	{"FlowLimitExceeded", 100018, 429, mcerrors.KindThrottled},                // the flow-limit code Volcengine's Terraform provider matches; CodeN from volcengine.md §d (HTTP status unverified)
	{"ServiceUnavailable", 0, 503, mcerrors.KindUnavailable},                  // service temporarily unavailable; see errorKindFor for the old 404 meaning in [G] /4640/65080
	{"InvalidSecretToken", 0, 401, mcerrors.KindUnauthenticated},              // [C] STS token bad or expired
	{"InvalidAuthorization", 0, 400, mcerrors.KindUnauthenticated},            // [C] Authorization header badly formed
	{"InvalidCredential", 0, 400, mcerrors.KindUnauthenticated},               // [C] Credential in Authorization badly formed
	{"InvalidParameter", 0, 400, mcerrors.KindInvalidArgument},                // [A] one or more parameters not valid
	{"AccountOverdueError", 0, 403, mcerrors.KindQuotaExceeded},               // [A] the account has an overdue balance
}

// errorPrefixes classify product codes of the form "<Prefix>.<Detail>" that
// are not in errorTable.
var errorPrefixes = map[string]mcerrors.Kind{
	"MissingParameter":  mcerrors.KindInvalidArgument, // [A] MissingParameter.{parameter}
	"InvalidParameter":  mcerrors.KindInvalidArgument, // [A] InvalidParameter.{parameter}
	"NotFound":          mcerrors.KindNotFound,        // [B] response example: NotFound.Workspace
	"RateLimitExceeded": mcerrors.KindThrottled,       // [A] RateLimitExceeded.EndpointRPMExceeded (429)
}

// errorKindByCode and errorKindByCodeN index errorTable.
var errorKindByCode, errorKindByCodeN = func() (map[string]mcerrors.Kind, map[int64]mcerrors.Kind) {
	byCode := make(map[string]mcerrors.Kind, len(errorTable))
	byN := make(map[int64]mcerrors.Kind, len(errorTable))
	for _, r := range errorTable {
		byCode[r.Code] = r.Kind
		if r.CodeN != 0 {
			byN[r.CodeN] = r.Kind
		}
	}
	return byCode, byN
}()

// errorKey is what a body must contain to carry ResponseMetadata.Error. A 2xx
// body without it is a success, found without decoding the body.
var errorKey = []byte(`"Error"`)

// errorEnvelope is the part of Volcengine's envelope
// {"ResponseMetadata":{RequestId, Action, Version, Service, Region,
// Error{CodeN, Code, Message}}, "Result":{...}} that errors need; "Result" is
// skipped.
type errorEnvelope struct {
	ResponseMetadata *struct {
		RequestID string       `json:"RequestId"`
		Error     *errorObject `json:"Error"`
	} `json:"ResponseMetadata"`
}

type errorObject struct {
	CodeN   errorNumber `json:"CodeN"`
	Code    string      `json:"Code"`
	Message string      `json:"Message"`
}

func (o *errorObject) empty() bool {
	return o == nil || o.Code == "" && o.CodeN == 0 && o.Message == ""
}

// errorNumber is CodeN. It accepts a JSON number or a string holding one and
// never fails, so an odd CodeN cannot hide the rest of the error.
type errorNumber int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *errorNumber) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = errorNumber(v)
	}
	return nil
}

// DecodeError turns a Volcengine answer into an error, or returns nil when
// the answer is a success.
//
// An error is a non-2xx answer, or any answer (a 200 included) whose
// ResponseMetadata holds a non-empty Error. Any HTTP 429 is Throttled;
// otherwise Kind comes from errorTable by Code (so FlowLimitExceeded is
// Throttled whatever the status), then by the Code's prefix, then by CodeN,
// then from the HTTP status. Code is Error.Code verbatim, or CodeN when Code
// is empty. Retry-After (seconds or an HTTP date) becomes RetryAfter.
//
// A body that is not the envelope (an HTML page, truncated or non-JSON text,
// another JSON shape) keeps its status and an excerpt: see
// mcerrors.UnexpectedResponse. Service, Action and Attempts are left for the
// core client to fill.
//
// A 2xx body that does not contain "Error" is a success without being
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
	md := env.ResponseMetadata
	if md == nil || md.Error.empty() {
		if success {
			return nil
		}
		id := ""
		if md != nil {
			id = md.RequestID
		}
		return errorFinish(mcerrors.UnexpectedResponse(errorProvider, statusCode, body), id, header)
	}
	o := md.Error
	code := o.Code
	if code == "" && o.CodeN != 0 {
		code = strconv.FormatInt(int64(o.CodeN), 10)
	}
	e := &mcerrors.Error{
		Provider:   errorProvider,
		Kind:       errorKindFor(o.Code, int64(o.CodeN), statusCode),
		StatusCode: statusCode,
		Code:       code,
		Message:    mcerrors.Redact(o.Message),
	}
	return errorFinish(e, md.RequestID, header)
}

// errorKindFor maps a Volcengine Code, CodeN and HTTP status to a Kind.
func errorKindFor(code string, codeN int64, httpStatus int) mcerrors.Kind {
	if httpStatus == http.StatusTooManyRequests {
		return mcerrors.KindThrottled
	}
	// The older gateway table (/docs/4640/65080) used ServiceUnavailable,
	// CodeN 100007, for what is now ServiceNotFound: a 404 for an unknown
	// service, which no retry fixes.
	if code == "ServiceUnavailable" && (httpStatus == http.StatusNotFound || codeN == 100007) {
		return errorKindByCode["ServiceNotFound"]
	}
	if k, ok := errorKindByCode[code]; ok {
		return k
	}
	if i := strings.IndexByte(code, '.'); i > 0 {
		if k, ok := errorPrefixes[code[:i]]; ok {
			return k
		}
	}
	if k, ok := errorKindByCodeN[codeN]; ok {
		return k
	}
	return mcerrors.KindForStatus(httpStatus)
}

// errorFinish sets the request id and RetryAfter.
func errorFinish(e *mcerrors.Error, requestID string, header http.Header) *mcerrors.Error {
	e.RequestID = requestID
	if v := header.Get("Retry-After"); v != "" {
		e.RetryAfter = mcerrors.ParseRetryAfter(v, time.Now())
	}
	return e
}
