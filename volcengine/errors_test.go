package volcengine

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// errTestSentinels maps each Kind to the sentinel errors.Is must match.
var errTestSentinels = map[mcerrors.Kind]error{
	mcerrors.KindInvalidArgument:  mcerrors.ErrInvalidArgument,
	mcerrors.KindUnauthenticated:  mcerrors.ErrUnauthenticated,
	mcerrors.KindPermissionDenied: mcerrors.ErrPermissionDenied,
	mcerrors.KindNotFound:         mcerrors.ErrNotFound,
	mcerrors.KindConflict:         mcerrors.ErrConflict,
	mcerrors.KindQuotaExceeded:    mcerrors.ErrQuotaExceeded,
	mcerrors.KindThrottled:        mcerrors.ErrThrottled,
	mcerrors.KindUnavailable:      mcerrors.ErrUnavailable,
	mcerrors.KindInvalidResponse:  mcerrors.ErrInvalidResponse,
}

// assertErrKind checks e's kind directly and through errors.Is and errors.As.
func assertErrKind(t *testing.T, want mcerrors.Kind, e *mcerrors.Error) {
	t.Helper()
	require.NotNil(t, e)
	assert.Equal(t, want, e.Kind)
	wrapped := fmt.Errorf("call: %w", e)
	for k, s := range errTestSentinels {
		assert.Equal(t, k == want, errors.Is(wrapped, s), "errors.Is(%v, %v)", want, s)
	}
	var as *mcerrors.Error
	require.True(t, errors.As(wrapped, &as))
	assert.Same(t, e, as)
}

// errEnvelopeBody builds an error answer in the documented envelope.
func errEnvelopeBody(requestID, code string, codeN int64, message string) string {
	b, _ := json.Marshal(map[string]any{"ResponseMetadata": map[string]any{
		"RequestId": requestID, "Action": "ListBill", "Version": "2022-01-01", "Service": "billing", "Region": "cn-north-1",
		"Error": map[string]any{"CodeN": codeN, "Code": code, "Message": message},
	}})
	return string(b)
}

// TestDecodeErrorTableRows decodes one body per row of errorTable, at the
// row's documented HTTP status (if any) and inside a 200.
func TestDecodeErrorTableRows(t *testing.T) {
	seen := map[string]bool{}
	byN := map[int64]mcerrors.Kind{}
	for _, row := range errorTable {
		t.Run(row.Code, func(t *testing.T) {
			require.False(t, seen[row.Code], "duplicate row")
			seen[row.Code] = true
			if row.CodeN != 0 {
				if k, ok := byN[row.CodeN]; ok {
					require.Equal(t, k, row.Kind, "rows sharing CodeN %d disagree", row.CodeN)
				}
				byN[row.CodeN] = row.Kind
			}
			body := errEnvelopeBody("req-"+row.Code, row.Code, row.CodeN, "m "+row.Code)
			statuses := []int{http.StatusOK}
			if row.HTTP != 0 {
				statuses = append(statuses, row.HTTP)
			}
			for _, status := range statuses {
				e := DecodeError(status, nil, []byte(body))
				assertErrKind(t, row.Kind, e)
				assert.Equal(t, "volcengine", e.Provider)
				assert.Equal(t, status, e.StatusCode)
				assert.Equal(t, row.Code, e.Code, "Code is Error.Code verbatim")
				assert.Equal(t, "m "+row.Code, e.Message)
				assert.Equal(t, "req-"+row.Code, e.RequestID)
				assert.Empty(t, e.Service+e.Action, "left for the core")
			}
			if row.CodeN != 0 {
				// The same error with only CodeN set is classified by CodeN.
				e := DecodeError(http.StatusOK, nil, []byte(errEnvelopeBody("r", "", row.CodeN, "m")))
				assertErrKind(t, row.Kind, e)
			}
		})
	}
}

func TestDecodeErrorPrefixRows(t *testing.T) {
	for prefix, kind := range errorPrefixes {
		code := prefix + ".Something"
		e := DecodeError(http.StatusOK, nil, []byte(errEnvelopeBody("r", code, 0, "m")))
		assertErrKind(t, kind, e)
		assert.Equal(t, code, e.Code)
	}
}

// errNginx502 is the kind of page a gateway answers with when the API is down.
const errNginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"

// errGatewayExample is the error example of the gateway table page,
// volcengine.com/docs/6664/116016, verbatim.
const errGatewayExample = `{ "ResponseMetadata": { "RequestId": "20211213140257010225133143062CC07B", "Action": "DescribeTemplateTask", "Version": "2021-09-01", "Service": "iccloud_muse", "Region": "cn-north-1", "Error": { "CodeN": 100007, "Code": "ServiceNotFound", "Message": "This service[iccloud_muse] not found." } } }`

// errBytePlusExample is the error example of BytePlus's response-examples page
// (docs.byteplus.com/api/docs/vmp/Response-examples), verbatim but for
// layout.
const errBytePlusExample = `{"ResponseMetadata":{"RequestId":"202010201722300102****","Action":"DeleteWorkspace","Version":"2021-03-03","Service":"vmp","Region":"ap-southeast-1","Error":{"Code":"NotFound.Workspace","Message":"The specified Workspace demo is not found."}}}`

// TestDecodeErrorDocumentedBodies decodes the documented examples and the
// answers described in volcengine.md §d.
func TestDecodeErrorDocumentedBodies(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		header    http.Header
		body      string
		kind      mcerrors.Kind
		code      string
		message   string
		requestID string
		retry     time.Duration
	}{{
		name: "gateway example: unknown service", status: 404, body: errGatewayExample,
		kind: mcerrors.KindInvalidArgument, code: "ServiceNotFound", message: "This service[iccloud_muse] not found.",
		requestID: "20211213140257010225133143062CC07B",
	}, {
		name: "BytePlus example: product NotFound.* code", status: 404, body: errBytePlusExample,
		kind: mcerrors.KindNotFound, code: "NotFound.Workspace", message: "The specified Workspace demo is not found.",
		requestID: "202010201722300102****",
	}, {
		name: "BytePlus example inside a 200", status: 200, body: errBytePlusExample,
		kind: mcerrors.KindNotFound, code: "NotFound.Workspace", message: "The specified Workspace demo is not found.",
		requestID: "202010201722300102****",
	}, {
		name: "SignatureDoesNotMatch", status: 401,
		body: errEnvelopeBody("r1", "SignatureDoesNotMatch", 100010, "The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details."),
		kind: mcerrors.KindUnauthenticated, code: "SignatureDoesNotMatch", requestID: "r1",
		message: "The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.",
	}, {
		name: "InvalidAccessKey: the echoed key is redacted", status: 401,
		body: errEnvelopeBody("r2", "InvalidAccessKey", 100009, "The accesskey [AKLTNDQ2YTRlNTBiYTg1NDcyNmE3MDA1MTUzNzc5MWMwNmI] included in the request is invalid."),
		kind: mcerrors.KindUnauthenticated, code: "InvalidAccessKey", requestID: "r2",
		message: "The accesskey [REDACTED] included in the request is invalid.",
	}, {
		name: "InvalidTimestamp at 403 (as the 6408 page has it)", status: 403,
		body: errEnvelopeBody("r3", "InvalidTimestamp", 100006, "The Signature of the request is expired"),
		kind: mcerrors.KindUnauthenticated, code: "InvalidTimestamp", message: "The Signature of the request is expired", requestID: "r3",
	}, {
		name: "FlowLimitExceeded at 400 is still throttling", status: 400,
		body: errEnvelopeBody("r4", "FlowLimitExceeded", 100018, "flow limit exceeded"),
		kind: mcerrors.KindThrottled, code: "FlowLimitExceeded", message: "flow limit exceeded", requestID: "r4",
	}, {
		name: "FlowLimitExceeded inside a 200", status: 200,
		body: errEnvelopeBody("r5", "FlowLimitExceeded", 0, "flow limit exceeded"),
		kind: mcerrors.KindThrottled, code: "FlowLimitExceeded", message: "flow limit exceeded", requestID: "r5",
	}, {
		name: "any 429 is throttling, with Retry-After", status: 429, header: http.Header{"Retry-After": {"7"}},
		body: errEnvelopeBody("r6", "InternalError", 100014, "x"),
		kind: mcerrors.KindThrottled, code: "InternalError", message: "x", requestID: "r6", retry: 7 * time.Second,
	}, {
		name: "InternalError", status: 500,
		body: errEnvelopeBody("r7", "InternalError", 100014, "Service has some internal Error. Pls Contact With Admin"),
		kind: mcerrors.KindUnavailable, code: "InternalError", message: "Service has some internal Error. Pls Contact With Admin", requestID: "r7",
	}, {
		name: "ServiceUnavailable at 503", status: 503,
		body: errEnvelopeBody("r8", "ServiceUnavailable", 0, "try later"),
		kind: mcerrors.KindUnavailable, code: "ServiceUnavailable", message: "try later", requestID: "r8",
	}, {
		name: "ServiceUnavailable as the old gateway's unknown-service 404", status: 404,
		body: errEnvelopeBody("r9", "ServiceUnavailable", 100007, "Ths service[x] is unavailable."),
		kind: mcerrors.KindInvalidArgument, code: "ServiceUnavailable", message: "Ths service[x] is unavailable.", requestID: "r9",
	}, {
		name: "only CodeN", status: 401,
		body: errEnvelopeBody("r10", "", 100010, "bad signature"),
		kind: mcerrors.KindUnauthenticated, code: "100010", message: "bad signature", requestID: "r10",
	}, {
		name: "MissingParameter.{parameter}", status: 400,
		body: errEnvelopeBody("r11", "MissingParameter.BillPeriod", 0, "The request failed because it is missing a required parameter: BillPeriod"),
		kind: mcerrors.KindInvalidArgument, code: "MissingParameter.BillPeriod", requestID: "r11",
		message: "The request failed because it is missing a required parameter: BillPeriod",
	}, {
		name: "unknown code falls back on the status", status: 409,
		body: errEnvelopeBody("r12", "InvalidVpc.InvalidStatus", 0, "busy"),
		kind: mcerrors.KindConflict, code: "InvalidVpc.InvalidStatus", message: "busy", requestID: "r12",
	}, {
		name: "unknown code inside a 200", status: 200,
		body: errEnvelopeBody("r13", "SomethingNew", 0, "?"),
		kind: mcerrors.KindUnknown, code: "SomethingNew", message: "?", requestID: "r13",
	}, {
		name: "a non-envelope error body keeps its status (volcengine.md: 403 errorcode)", status: 403,
		body: `{"errorcode":403,"message":"forbidden"}`,
		kind: mcerrors.KindInvalidResponse, message: `unexpected response body: {"errorcode":403,"message":"forbidden"}`,
	}, {
		name: "502 HTML page is Unavailable", status: 502, body: errNginx502,
		kind:    mcerrors.KindUnavailable,
		message: "unexpected response body: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>",
	}, {
		name: "truncated envelope", status: 400, body: `{"ResponseMetadata":{"RequestId":"r14","Error":{"Code":"Inv`,
		kind: mcerrors.KindInvalidResponse, message: `unexpected response body: {"ResponseMetadata":{"RequestId":"r14","Error":{"Code":"Inv`,
	}, {
		name: "an envelope without Error on a 500 keeps the request id", status: 500,
		body: `{"ResponseMetadata":{"RequestId":"r15","Action":"ListBill"}}`,
		kind: mcerrors.KindUnavailable, requestID: "r15",
		message: `unexpected response body: {"ResponseMetadata":{"RequestId":"r15","Action":"ListBill"}}`,
	}, {
		name: "a 200 that mentions Error but is not JSON", status: 200, body: `"Error": upstream`,
		kind: mcerrors.KindInvalidResponse, message: `unexpected response body: "Error": upstream`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := DecodeError(tt.status, tt.header, []byte(tt.body))
			assertErrKind(t, tt.kind, e)
			assert.Equal(t, "volcengine", e.Provider)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.message, e.Message)
			assert.Equal(t, tt.requestID, e.RequestID)
			assert.Equal(t, tt.retry, e.RetryAfter)
		})
	}
}

func TestDecodeErrorSuccess(t *testing.T) {
	for name, body := range map[string]string{
		// BytePlus response-examples page, success example.
		"documented success":      `{"ResponseMetadata":{"RequestId":"202211302208xxxx","Action":"CreateWorkspace","Version":"2021-03-03","Service":"vmp","Region":"ap-southeast-1"},"Result":{"Id":" e28ae750-bbb8-4ff4-abf4-1e0e0f88808c"}}`,
		"Error key inside Result": `{"ResponseMetadata":{"RequestId":"r"},"Result":{"List":[{"Error":"partial"}]}}`,
		"null Error":              `{"ResponseMetadata":{"RequestId":"r","Error":null},"Result":{}}`,
		"empty Error":             `{"ResponseMetadata":{"RequestId":"r","Error":{}},"Result":{}}`,
		"no metadata":             `{"Result":{"Error":1}}`,
		"empty body":              ``,
	} {
		for _, status := range []int{200, 204} {
			assert.Nil(t, DecodeError(status, nil, []byte(body)), "%s at %d", name, status)
		}
	}
}

func TestDecodeErrorTextHasNoSecret(t *testing.T) {
	msg := `bad request: Authorization: HMAC-SHA256 Credential=AKLTsecretid/20240601/cn-beijing/billing/request, SignedHeaders=host;x-date, Signature=f00dfeed` +
		"\n" + `X-Security-Token: STStokenVALUE`
	for _, e := range []*mcerrors.Error{
		DecodeError(400, nil, []byte(errEnvelopeBody("r", "InvalidAuthorization", 0, msg))),
		DecodeError(502, nil, []byte("<p>X-Security-Token: STStokenVALUE</p><p>Signature=f00dfeed</p>")),
	} {
		require.NotNil(t, e)
		for _, text := range []string{e.Error(), e.Message} {
			for _, secret := range []string{"AKLTsecretid", "f00dfeed", "STStokenVALUE"} {
				assert.NotContains(t, text, secret)
			}
		}
	}
}

// ExampleDecodeError shows that Volcengine reports errors inside an HTTP 200
// too, and that FlowLimitExceeded is throttling.
func ExampleDecodeError() {
	body := []byte(`{"ResponseMetadata":{"RequestId":"20240601120000abc","Action":"ListBill","Version":"2022-01-01",` +
		`"Service":"billing","Region":"cn-north-1","Error":{"CodeN":100018,"Code":"FlowLimitExceeded","Message":"Too many requests"}}}`)

	var err error = DecodeError(http.StatusOK, nil, body)
	fmt.Println(errors.Is(err, mcerrors.ErrThrottled))
	var e *mcerrors.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.RequestID, e.Retryable())
	}
	// Output:
	// true
	// FlowLimitExceeded 20240601120000abc true
}

// errFuzzSeeds are the documented and observed bodies, as fuzzing seeds.
var errFuzzSeeds = []struct {
	status int
	body   string
}{
	{404, errGatewayExample},
	{404, errBytePlusExample},
	{200, `{"ResponseMetadata":{"RequestId":"202211302208xxxx","Action":"CreateWorkspace","Version":"2021-03-03","Service":"vmp","Region":"ap-southeast-1"},"Result":{"Id":"x"}}`},
	{200, errEnvelopeBody("r", "FlowLimitExceeded", 100018, "x")},
	{403, `{"errorcode":403,"message":"forbidden"}`},
	{502, errNginx502},
	{400, `{"ResponseMetadata":{"RequestId":"r14","Error":{"Code":"Inv`},
	{200, `{"ResponseMetadata":{"Error":{"CodeN":"1e3","Code":5,"Message":null}}}`},
}

func FuzzDecodeError(f *testing.F) {
	for _, s := range errFuzzSeeds {
		f.Add(s.status, []byte(s.body), "")
	}
	f.Add(429, []byte(errEnvelopeBody("r", "X", 1, "m")), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		e := DecodeError(status, http.Header{"Retry-After": {retryAfter}}, body)
		if e == nil {
			if status < 200 || status > 299 {
				t.Fatalf("nil error for status %d", status)
			}
			return
		}
		if e.Provider != "volcengine" || e.StatusCode != status || e.RetryAfter < 0 {
			t.Fatalf("bad error %#v", e)
		}
		if status == http.StatusTooManyRequests && e.Kind != mcerrors.KindThrottled {
			t.Fatalf("429 decoded as %v", e.Kind)
		}
		if strings.HasPrefix(e.Kind.String(), "Kind(") || e.Error() == "" {
			t.Fatalf("bad error %#v", e)
		}
		_ = e.LogValue()
	})
}

// errSuccessBody is a ListBill answer of about size bytes.
func errSuccessBody(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"ResponseMetadata":{"RequestId":"20240601120000abc","Action":"ListBill","Version":"2022-01-01","Service":"billing","Region":"cn-north-1"},"Result":{"List":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"BillID":"bill-%08d","BillPeriod":"2024-05","PayerID":"2100057673","Product":"ECS","ProductZh":"云服务器",`+
			`"BillingMode":"PostPaid","OriginalBillAmount":"12.340000","PayableAmount":"12.340000","Currency":"CNY","PayStatus":"CompletedSettle"}`, i)
	}
	b.WriteString(`],"Total":1000,"Limit":300,"Offset":0}}`)
	return []byte(b.String())
}

// BenchmarkDecodeError measures the success path, which runs on every call,
// against a full decode of the same body, and the error path.
func BenchmarkDecodeError(b *testing.B) {
	for _, size := range []int{1 << 10, 1 << 20} {
		body := errSuccessBody(size)
		b.Run(fmt.Sprintf("success/%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if DecodeError(200, nil, body) != nil {
					b.Fatal("not a success")
				}
			}
		})
		b.Run(fmt.Sprintf("full-unmarshal-baseline/%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				var env errorEnvelope
				if err := json.Unmarshal(body, &env); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	errBody := []byte(errEnvelopeBody("r", "FlowLimitExceeded", 100018, "Too many requests"))
	b.Run("error/flow-limit", func(b *testing.B) {
		for b.Loop() {
			if DecodeError(200, nil, errBody) == nil {
				b.Fatal("no error")
			}
		}
	})
}
