package jdcloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

// TestDecodeErrorTableRows decodes one body per row of errorTable, at the
// row's documented HTTP status and inside a 200.
func TestDecodeErrorTableRows(t *testing.T) {
	seen := map[string]bool{}
	for _, row := range errorTable {
		t.Run(row.Status, func(t *testing.T) {
			require.False(t, seen[row.Status], "duplicate row")
			seen[row.Status] = true
			body := fmt.Sprintf(`{"requestId":"req-%d","error":{"code":%d,"status":%q,"message":"m %s"}}`,
				row.HTTP, row.HTTP, row.Status, row.Status)
			for _, status := range []int{row.HTTP, http.StatusOK} {
				e := DecodeError(status, nil, []byte(body))
				assertErrKind(t, row.Kind, e)
				assert.Equal(t, "jdcloud", e.Provider)
				assert.Equal(t, status, e.StatusCode)
				assert.Equal(t, row.Status, e.Code, "Code is the JD status verbatim")
				assert.Equal(t, "m "+row.Status, e.Message)
				assert.Equal(t, "req-"+strconv.Itoa(row.HTTP), e.RequestID)
				assert.Empty(t, e.Service+e.Action, "left for the core")
				assert.Zero(t, e.Attempts)
			}
		})
	}
}

// errNginx502 is the kind of page a gateway answers with when the API is down.
const errNginx502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// TestDecodeErrorDocumentedBodies decodes bodies in the documented shape
// (jdcloud.md §3: {"requestId","result","error":{"code","status","message",
// "details"}}) and the answers observed from the gateway.
func TestDecodeErrorDocumentedBodies(t *testing.T) {
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
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
		name:   "signature mismatch, verbatim from jdcloud-sdk-php issue #88",
		status: 401,
		body:   `{"error":{"message":"sign result is not same [gw]","status":"ACCESS_ERROR","code":401},"requestId":"ce6ttm6ir2hu3mutbkdpr7j3iecwh77q"}`,
		kind:   mcerrors.KindUnauthenticated, code: "ACCESS_ERROR", message: "sign result is not same [gw]",
		requestID: "ce6ttm6ir2hu3mutbkdpr7j3iecwh77q",
	}, {
		name:   "429 RATE_LIMIT with Retry-After seconds",
		status: 429, header: hdr("Retry-After", "3"),
		body: `{"requestId":"bgvmivir54gv2ctqhb4o","error":{"code":429,"status":"RATE_LIMIT","message":"request too frequent"}}`,
		kind: mcerrors.KindThrottled, code: "RATE_LIMIT", message: "request too frequent",
		requestID: "bgvmivir54gv2ctqhb4o", retry: 3 * time.Second,
	}, {
		name:   "429 QUOTA_EXCEEDED is a quota, not throttling",
		status: 429,
		body:   `{"requestId":"r2","error":{"code":429,"status":"QUOTA_EXCEEDED","message":"instance quota exceeded"}}`,
		kind:   mcerrors.KindQuotaExceeded, code: "QUOTA_EXCEEDED", message: "instance quota exceeded", requestID: "r2",
	}, {
		name:   "400 INVALID_ARGUMENT with details",
		status: 400,
		body: `{"requestId":"r3","error":{"code":400,"status":"INVALID_ARGUMENT","message":"pageSize out of range",` +
			`"details":[{"field":"pageSize","description":"must be in [10,100]"}]}}`,
		kind: mcerrors.KindInvalidArgument, code: "INVALID_ARGUMENT", requestID: "r3",
		message: `pageSize out of range (details: [{"field":"pageSize","description":"must be in [10,100]"}])`,
	}, {
		name:   "null details are not mentioned",
		status: 404,
		body:   `{"requestId":"r4","error":{"code":404,"status":"NOT_FOUND","message":"instance i-abc not found","details":null}}`,
		kind:   mcerrors.KindNotFound, code: "NOT_FOUND", message: "instance i-abc not found", requestID: "r4",
	}, {
		name:   "empty status: Code is the numeric code and the kind follows it",
		status: 400,
		body:   `{"requestId":"r5","error":{"code":409,"status":"","message":"x"}}`,
		kind:   mcerrors.KindConflict, code: "409", message: "x", requestID: "r5",
	}, {
		name:   "a numeric code sent as a string",
		status: 403,
		body:   `{"requestId":"r6","error":{"code":"403","message":"denied"}}`,
		kind:   mcerrors.KindPermissionDenied, code: "403", message: "denied", requestID: "r6",
	}, {
		name:   "unknown status on 429 is still throttling",
		status: 429,
		body:   `{"requestId":"r7","error":{"code":429,"status":"SOMETHING_NEW","message":"slow down"}}`,
		kind:   mcerrors.KindThrottled, code: "SOMETHING_NEW", message: "slow down", requestID: "r7",
	}, {
		name:   "an error object inside a 200 is an error",
		status: 200,
		body:   `{"requestId":"r8","result":null,"error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad"}}`,
		kind:   mcerrors.KindInvalidArgument, code: "INVALID_ARGUMENT", message: "bad", requestID: "r8",
	}, {
		name:   "request id from the header when the body has none",
		status: 503, header: hdr("x-jdcloud-request-id", "hdr-id"),
		body: `{"error":{"code":503,"status":"UNAVAILABLE","message":"busy"}}`,
		kind: mcerrors.KindUnavailable, code: "UNAVAILABLE", message: "busy", requestID: "hdr-id",
	}, {
		name:   "502 HTML page is Unavailable with an excerpt",
		status: 502, header: hdr("X-Jdcloud-Request-Id", "gw-1", "Retry-After", "10"),
		body: errNginx502,
		kind: mcerrors.KindUnavailable, requestID: "gw-1", retry: 10 * time.Second,
		message: "unexpected response body: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>",
	}, {
		name:   "empty 503",
		status: 503,
		kind:   mcerrors.KindUnavailable, message: "empty response body",
	}, {
		name:    "truncated JSON",
		status:  400,
		body:    `{"requestId":"r9","error":{"code":400,"status":"INVA`,
		kind:    mcerrors.KindInvalidResponse,
		message: `unexpected response body: {"requestId":"r9","error":{"code":400,"status":"INVA`,
	}, {
		name:   "non-envelope JSON keeps its status",
		status: 403,
		body:   `{"message":"Forbidden"}`,
		kind:   mcerrors.KindInvalidResponse, message: `unexpected response body: {"message":"Forbidden"}`,
	}, {
		name:   "an envelope without an error on a 500",
		status: 500,
		body:   `{"requestId":"r10","error":null}`,
		kind:   mcerrors.KindUnavailable, requestID: "r10", message: `unexpected response body: {"requestId":"r10","error":null}`,
	}, {
		name:   "an error of the wrong type",
		status: 400,
		body:   `{"requestId":"r11","error":"bad"}`,
		kind:   mcerrors.KindInvalidResponse, message: `unexpected response body: {"requestId":"r11","error":"bad"}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := DecodeError(tt.status, tt.header, []byte(tt.body))
			assertErrKind(t, tt.kind, e)
			assert.Equal(t, "jdcloud", e.Provider)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.message, e.Message)
			assert.Equal(t, tt.requestID, e.RequestID)
			assert.Equal(t, tt.retry, e.RetryAfter)
			assert.Equal(t, tt.kind == mcerrors.KindThrottled || tt.kind == mcerrors.KindUnavailable, e.Retryable())
		})
	}
}

func TestDecodeErrorSuccess(t *testing.T) {
	for name, body := range map[string]string{
		"documented success":  `{"requestId":"bgvmivir54gv2ctqhb4o","result":{"instances":[],"totalCount":0}}`,
		"error inside result": `{"requestId":"r","result":{"tasks":[{"id":"t1","error":"disk full"}]}}`,
		"null error":          `{"requestId":"r","result":{},"error":null}`,
		"empty error":         `{"requestId":"r","result":{},"error":{}}`,
		"zero code":           `{"requestId":"r","error":{"code":0}}`,
		"empty body":          ``,
		"HEAD":                ``,
		"not JSON, no marker": `OK`,
	} {
		for _, status := range []int{200, 201, 204} {
			assert.Nil(t, DecodeError(status, nil, []byte(body)), "%s at %d", name, status)
		}
	}
	// A 2xx that mentions "error" but is not JSON cannot be trusted.
	e := DecodeError(200, nil, []byte(`<html>"error"</html>`))
	assertErrKind(t, mcerrors.KindInvalidResponse, e)
}

func TestDecodeErrorRetryAfterDate(t *testing.T) {
	h := http.Header{"Retry-After": {time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)}}
	e := DecodeError(429, h, []byte(`{"error":{"code":429,"status":"RATE_LIMIT"}}`))
	require.NotNil(t, e)
	assert.InDelta(t, float64(time.Minute), float64(e.RetryAfter), float64(2*time.Second))

	h.Set("Retry-After", "garbage")
	e = DecodeError(429, h, []byte(`{"error":{"code":429,"status":"RATE_LIMIT"}}`))
	assert.Zero(t, e.RetryAfter)
}

func TestDecodeErrorTextHasNoSecret(t *testing.T) {
	body := `{"requestId":"r","error":{"code":400,"status":"INVALID_ARGUMENT",` +
		`"message":"bad header x-jdcloud-security-token: c2VjcmV0VG9rZW4= in request",` +
		`"details":{"request":{"password":"Hunter2!","regionId":"cn-north-1"},"authorization":"JDCLOUD2-HMAC-SHA256 Credential=AKID/20240808/cn-north-1/vm/jdcloud2_request, Signature=abc123sig"}}}`
	for _, e := range []*mcerrors.Error{
		DecodeError(400, nil, []byte(body)),
		DecodeError(400, nil, []byte(body[:len(body)-40])), // truncated: an excerpt instead
		DecodeError(502, nil, []byte("<pre>password=Hunter2! token=c2VjcmV0VG9rZW4=</pre>")),
	} {
		require.NotNil(t, e)
		for _, text := range []string{e.Error(), e.Message} {
			for _, secret := range []string{"c2VjcmV0VG9rZW4=", "Hunter2!", "AKID/2024", "abc123sig"} {
				assert.NotContains(t, text, secret)
			}
		}
		assert.Contains(t, e.Error(), "REDACTED")
	}
}

func TestErrorDetails(t *testing.T) {
	body := `{"requestId":"r","error":{"code":400,"status":"INVALID_ARGUMENT","message":"m","details":[{"field":"pageSize"}]}}`
	assert.JSONEq(t, `[{"field":"pageSize"}]`, string(ErrorDetails([]byte(body))))
	for _, b := range []string{
		`{"error":{"code":400,"details":null}}`, `{"error":{"code":400}}`, `{"result":{}}`, `<html>`, ``,
	} {
		assert.Nil(t, ErrorDetails([]byte(b)), b)
	}
}

// ExampleDecodeError shows how a throttled answer is classified and how a
// caller tells it apart from an exhausted quota.
func ExampleDecodeError() {
	header := http.Header{"Retry-After": {"2"}}
	body := []byte(`{"requestId":"bgvmivir54gv2ctqhb4o","error":{"code":429,"status":"RATE_LIMIT","message":"request too frequent"}}`)

	var err error = DecodeError(http.StatusTooManyRequests, header, body)
	if errors.Is(err, mcerrors.ErrThrottled) {
		fmt.Println("throttled")
	}
	if errors.Is(err, mcerrors.ErrQuotaExceeded) {
		fmt.Println("quota exhausted")
	}
	var e *mcerrors.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.RequestID, e.RetryAfter, e.Retryable())
	}
	fmt.Println(err)
	// Output:
	// throttled
	// RATE_LIMIT bgvmivir54gv2ctqhb4o 2s true
	// jdcloud: RATE_LIMIT: request too frequent (HTTP 429, request id bgvmivir54gv2ctqhb4o)
}

// errFuzzSeeds are the documented and observed bodies, as fuzzing seeds.
var errFuzzSeeds = []struct {
	status int
	body   string
}{
	{401, `{"error":{"message":"sign result is not same [gw]","status":"ACCESS_ERROR","code":401},"requestId":"ce6ttm6ir2hu3mutbkdpr7j3iecwh77q"}`},
	{429, `{"requestId":"bgvmivir54gv2ctqhb4o","error":{"code":429,"status":"RATE_LIMIT","message":"request too frequent"}}`},
	{429, `{"requestId":"r2","error":{"code":429,"status":"QUOTA_EXCEEDED","message":"quota"}}`},
	{400, `{"requestId":"r3","error":{"code":400,"status":"INVALID_ARGUMENT","message":"m","details":[{"field":"pageSize"}]}}`},
	{200, `{"requestId":"bgvmivir54gv2ctqhb4o","result":{"instances":[],"totalCount":0}}`},
	{502, errNginx502},
	{503, ``},
	{400, `{"requestId":"r9","error":{"code":400,"status":"INVA`},
	{200, `{"error":{"code":"4e2","status":null,"message":1}}`},
}

func FuzzDecodeError(f *testing.F) {
	for _, s := range errFuzzSeeds {
		f.Add(s.status, []byte(s.body), "")
	}
	f.Add(429, []byte(errFuzzSeeds[1].body), "120")
	f.Add(503, []byte(errNginx502), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		h := http.Header{"Retry-After": {retryAfter}}
		e := DecodeError(status, h, body)
		_ = ErrorDetails(body)
		if e == nil {
			if status < 200 || status > 299 {
				t.Fatalf("nil error for status %d", status)
			}
			return
		}
		if e.Provider != "jdcloud" || e.StatusCode != status || e.RetryAfter < 0 {
			t.Fatalf("bad error %#v", e)
		}
		if strings.HasPrefix(e.Kind.String(), "Kind(") {
			t.Fatalf("undefined kind %d", e.Kind)
		}
		if e.Error() == "" {
			t.Fatal("empty text")
		}
		_ = e.LogValue()
	})
}

// errSuccessBody is a DescribeInstances answer of about size bytes.
func errSuccessBody(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"requestId":"bgvmivir54gv2ctqhb4o","result":{"instances":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"instanceId":"i-%08d","instanceName":"web-%d","instanceType":"g.n2.medium","vpcId":"vpc-abc",`+
			`"subnetId":"subnet-def","privateIpAddress":"10.0.%d.%d","status":"running","description":"",`+
			`"imageId":"img-1","az":"cn-north-1a","keyNames":["k1"],"tags":[{"key":"env","value":"prod"}]}`, i, i, i/256%256, i%256)
	}
	fmt.Fprintf(&b, `],"totalCount":%d}}`, size/300)
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
				var env struct {
					RequestID string          `json:"requestId"`
					Error     *errorObject    `json:"error"`
					Result    json.RawMessage `json:"result"`
				}
				if err := json.Unmarshal(body, &env); err != nil || env.Error != nil {
					b.Fatal(err)
				}
			}
		})
	}
	errBody := []byte(errFuzzSeeds[1].body)
	h := http.Header{"Retry-After": {"2"}}
	b.Run("error/rate-limit", func(b *testing.B) {
		for b.Loop() {
			if DecodeError(429, h, errBody) == nil {
				b.Fatal("no error")
			}
		}
	})
}
