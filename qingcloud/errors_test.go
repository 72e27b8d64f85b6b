package qingcloud

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

// TestDecodeErrorTableRows decodes one error answer per row of errorTable.
// QingCloud answers errors with HTTP 200.
func TestDecodeErrorTableRows(t *testing.T) {
	seen := map[int]bool{}
	for _, row := range errorTable {
		t.Run(strconv.Itoa(row.RetCode), func(t *testing.T) {
			require.False(t, seen[row.RetCode], "duplicate row")
			seen[row.RetCode] = true
			body := fmt.Sprintf(`{"action":"RunInstancesResponse","message":"Error %d, see docs","ret_code":%d}`, row.RetCode, row.RetCode)
			e := DecodeError(http.StatusOK, nil, []byte(body))
			assertErrKind(t, row.Kind, e)
			assert.Equal(t, "qingcloud", e.Provider)
			assert.Equal(t, http.StatusOK, e.StatusCode)
			assert.Equal(t, strconv.Itoa(row.RetCode), e.Code, "Code is ret_code in decimal")
			assert.Equal(t, fmt.Sprintf("Error %d, see docs", row.RetCode), e.Message)
			assert.Empty(t, e.RequestID+e.Service+e.Action)
		})
	}
}

// TestDecodeErrorRateWords decodes a 2500 per word of errorRateWords: each
// makes it Throttled.
func TestDecodeErrorRateWords(t *testing.T) {
	for _, w := range errorRateWords {
		body, _ := json.Marshal(map[string]any{"ret_code": 2500, "message": "QuotaExceeded, " + strings.ToUpper(w) + " [x]"})
		assertErrKind(t, mcerrors.KindThrottled, DecodeError(200, nil, body))
	}
}

// errDocExample is the error sample of error_code.md, verbatim (with its
// full-width comma).
const errDocExample = `{
  "message":"PermissionDenied, instance [i-2aypaijz] is not running， can not be stopped",
  "ret_code":1400
}`

// errOverviewExample is the DescribeInstances answer of overview.md, verbatim.
const errOverviewExample = `{
  "action":"DescribeInstancesResponse",
  "instance_set":[
    {
      "vcpus_current":1,
      "instance_id":"i-ogbndull",
      "vxnets":[
        {
          "vxnet_name":"primary vxnet",
          "vxnet_type":1,
          "vxnet_id":"vxnet-0",
          "nic_id":"52:54:ef:0c:ed:66",
          "private_ip":"10.50.13.54"
        }
      ],
      "memory_current":1024,
      "sub_code":0,
      "transition_status":"",
      "instance_name":"",
      "instance_type":"c1m1",
      "create_time":"2013-08-28T14:26:03Z",
      "status":"running",
      "status_time":"2013-08-28T14:26:03Z",
      "image":{
        "processor_type":"64bit",
        "platform":"linux",
        "image_size":20,
        "image_name":"CentOS 6.4 64bit",
        "image_id":"centos64x64",
        "os_family":"centos",
        "provider":"system"
      },
      "description":null
    }
  ],
  "ret_code":0,
  "total_count":1
}`

// errRateLimited is the one 2500 rate-limit message on record,
// QingCloudAppcenter/QKE issue #257.
const errRateLimited = `{"message": "QuotasExceeded, access too frequently, your requests will be rejected for a period of time", "ret_code": 2500}`

// TestDecodeErrorDocumentedBodies decodes the documented samples and the
// messages quoted in qingcloud.md.
func TestDecodeErrorDocumentedBodies(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		header  http.Header
		body    string
		kind    mcerrors.Kind
		code    string
		message string
		retry   time.Duration
	}{{
		name: "error_code.md sample", status: 200, body: errDocExample,
		kind: mcerrors.KindPermissionDenied, code: "1400",
		message: "PermissionDenied, instance [i-2aypaijz] is not running， can not be stopped",
	}, {
		name: "2500 about request frequency is Throttled", status: 200, body: errRateLimited,
		kind: mcerrors.KindThrottled, code: "2500",
		message: "QuotasExceeded, access too frequently, your requests will be rejected for a period of time",
	}, {
		name: "2500 about request frequency, in Chinese", status: 200,
		body: `{"message":"QuotaExceeded, 短时间内的API访问请求超过配额限制","ret_code":2500}`,
		kind: mcerrors.KindThrottled, code: "2500", message: "QuotaExceeded, 短时间内的API访问请求超过配额限制",
	}, {
		name: "2500 about resources is QuotaExceeded", status: 200,
		body: `{"message":"QuotaExceeded, you have no enough quota for [instance], quota left [0], need [1]","ret_code":2500}`,
		kind: mcerrors.KindQuotaExceeded, code: "2500", message: "QuotaExceeded, you have no enough quota for [instance], quota left [0], need [1]",
	}, {
		name: "2500 about API access keys is a resource quota", status: 200,
		body: `{"message":"QuotaExceeded, API access key quota [2] reached","ret_code":2500}`,
		kind: mcerrors.KindQuotaExceeded, code: "2500", message: "QuotaExceeded, API access key quota [2] reached",
	}, {
		name: "2500 about resources, in Chinese", status: 200,
		body: `{"message":"超过配额: 您试图创建的资源 [volume] 超过了用户配额","ret_code":2500}`,
		kind: mcerrors.KindQuotaExceeded, code: "2500", message: "超过配额: 您试图创建的资源 [volume] 超过了用户配额",
	}, {
		name: "1200 signature not matched (qingcloud.md)", status: 200,
		body: `{"message":"AuthFailure, signature not matched","ret_code":1200}`,
		kind: mcerrors.KindUnauthenticated, code: "1200", message: "AuthFailure, signature not matched",
	}, {
		name: "1300 message expired", status: 200,
		body: `{"message":"MessageExpired, time_stamp is expired","ret_code":1300}`,
		kind: mcerrors.KindUnauthenticated, code: "1300", message: "MessageExpired, time_stamp is expired",
	}, {
		name: "2100 not found", status: 200,
		body: `{"message":"ResourceNotFound, resource [i-abc] not found","ret_code":2100}`,
		kind: mcerrors.KindNotFound, code: "2100", message: "ResourceNotFound, resource [i-abc] not found",
	}, {
		name: "5100 busy, with Retry-After", status: 200, header: http.Header{"Retry-After": {"30"}},
		body: `{"message":"ServerBusy, please retry later","ret_code":5100}`,
		kind: mcerrors.KindUnavailable, code: "5100", message: "ServerBusy, please retry later", retry: 30 * time.Second,
	}, {
		name: "an unlisted ret_code in a 200", status: 200,
		body: `{"message":"LeaseFailed","ret_code":2200}`,
		kind: mcerrors.KindUnknown, code: "2200", message: "LeaseFailed",
	}, {
		name: "an unlisted ret_code with an error status", status: 404,
		body: `{"message":"?","ret_code":9999}`,
		kind: mcerrors.KindNotFound, code: "9999", message: "?",
	}, {
		name: "a ret_code with an error status", status: 503,
		body: `{"message":"ServerBusy","ret_code":5100}`,
		kind: mcerrors.KindUnavailable, code: "5100", message: "ServerBusy",
	}, {
		name: "ret_code as a string", status: 200,
		body: `{"message":"PermissionDenied","ret_code":"1400"}`,
		kind: mcerrors.KindPermissionDenied, code: "1400", message: "PermissionDenied",
	}, {
		name: "the top-level ret_code wins over a nested one", status: 200,
		body: `{"job_set":[{"ret_code":0}],"message":"ResourceNotFound","ret_code":2100}`,
		kind: mcerrors.KindNotFound, code: "2100", message: "ResourceNotFound",
	}, {
		name: "a 503 HTML page is Unavailable (the SDK drops the body)", status: 503,
		body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
		kind: mcerrors.KindUnavailable, message: "unexpected response body: <html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
	}, {
		name: "a 200 HTML page has no ret_code", status: 200, body: "<html>portal</html>",
		kind: mcerrors.KindInvalidResponse, message: "unexpected response body: <html>portal</html>",
	}, {
		name: "an empty 200", status: 200,
		kind: mcerrors.KindInvalidResponse, message: "empty response body",
	}, {
		name: "truncated JSON", status: 200, body: `{"message":"PermissionDenied","ret_c`,
		kind: mcerrors.KindInvalidResponse, message: `unexpected response body: {"message":"PermissionDenied","ret_c`,
	}, {
		name: "ret_code that is not a number", status: 200, body: `{"ret_code":"oops"}`,
		kind: mcerrors.KindInvalidResponse, message: `unexpected response body: {"ret_code":"oops"}`,
	}, {
		name: "a ret_code 0 on an error status", status: 500, body: `{"action":"X","ret_code":0}`,
		kind: mcerrors.KindUnavailable, message: `unexpected response body: {"action":"X","ret_code":0}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := DecodeError(tt.status, tt.header, []byte(tt.body))
			assertErrKind(t, tt.kind, e)
			assert.Equal(t, "qingcloud", e.Provider)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.message, e.Message)
			assert.Equal(t, tt.retry, e.RetryAfter)
		})
	}
}

func TestDecodeErrorSuccess(t *testing.T) {
	for name, body := range map[string]string{
		"overview.md DescribeInstances answer": errOverviewExample,
		"delayed request":                      `{"action":"RunInstancesResponse","instances":["i-abc"],"job_id":"j-123","ret_code":0}`,
		"spaces around the colon":              `{"action":"X","ret_code" : 0 }`,
		"ret_code last, no closing brace read": `{"action":"X","ret_code":0}`,
		"nested non-zero, top-level zero":      `{"job_set":[{"ret_code":5000}],"ret_code":0}`,
		"zero as a string":                     `{"ret_code":"0"}`,
		"zero as a float":                      `{"ret_code":0.0}`,
	} {
		assert.Nil(t, DecodeError(200, nil, []byte(body)), name)
	}
}

func TestDecodeErrorTextHasNoSecret(t *testing.T) {
	body := `{"message":"ParameterError, bad query access_key_id=QYACCESSKEYIDEXAMPLE&login_passwd=Passw0rd!&signature=byjccvWIvAftaq%2Boublemag&zone=pek3a","ret_code":1100}`
	for _, e := range []*mcerrors.Error{
		DecodeError(200, nil, []byte(body)),
		DecodeError(200, nil, []byte(body[:len(body)-5])), // truncated: an excerpt instead
	} {
		require.NotNil(t, e)
		for _, text := range []string{e.Error(), e.Message} {
			for _, secret := range []string{"QYACCESSKEYIDEXAMPLE", "Passw0rd!", "byjccvWIvAftaq"} {
				assert.NotContains(t, text, secret)
			}
			assert.Contains(t, text, "zone=pek3a")
		}
	}
}

// ExampleDecodeError shows that QingCloud answers errors with HTTP 200, and
// how a request-rate 2500 differs from a resource-quota 2500.
func ExampleDecodeError() {
	for _, body := range []string{
		`{"message":"QuotasExceeded, access too frequently, your requests will be rejected for a period of time","ret_code":2500}`,
		`{"message":"QuotaExceeded, you have no enough quota for [eip]","ret_code":2500}`,
	} {
		var err error = DecodeError(http.StatusOK, nil, []byte(body))
		var e *mcerrors.Error
		if errors.As(err, &e) {
			fmt.Println(e.Code, e.Kind, errors.Is(err, mcerrors.ErrThrottled), errors.Is(err, mcerrors.ErrQuotaExceeded))
		}
	}
	// Output:
	// 2500 Throttled true false
	// 2500 QuotaExceeded false true
}

// errFuzzSeeds are the documented and observed bodies, as fuzzing seeds.
var errFuzzSeeds = []struct {
	status int
	body   string
}{
	{200, errDocExample},
	{200, errOverviewExample},
	{200, errRateLimited},
	{200, `{"message":"AuthFailure, signature not matched","ret_code":1200}`},
	{200, `{"job_set":[{"ret_code":5000}],"ret_code":0}`},
	{503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"},
	{200, `{"message":"PermissionDenied","ret_c`},
	{200, `{"ret_code":1e3,"message":["x"]}`},
}

func FuzzDecodeError(f *testing.F) {
	for _, s := range errFuzzSeeds {
		f.Add(s.status, []byte(s.body), "")
	}
	f.Add(200, []byte(errRateLimited), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		e := DecodeError(status, http.Header{"Retry-After": {retryAfter}}, body)
		if e == nil {
			if status < 200 || status > 299 {
				t.Fatalf("nil error for status %d", status)
			}
			// A success must really carry ret_code 0 at the top level.
			var env errorEnvelope
			if json.Unmarshal(body, &env) == nil && env.RetCode != nil && env.RetCode.valid && env.RetCode.n != 0 {
				t.Fatalf("ret_code %d decoded as success", env.RetCode.n)
			}
			return
		}
		if e.Provider != "qingcloud" || e.StatusCode != status || e.RetryAfter < 0 {
			t.Fatalf("bad error %#v", e)
		}
		if strings.HasPrefix(e.Kind.String(), "Kind(") || e.Error() == "" {
			t.Fatalf("bad error %#v", e)
		}
		_ = e.LogValue()
	})
}

// errSuccessBody is a DescribeInstances answer of about size bytes, keys in
// the sorted order QingCloud uses, so ret_code comes after the big set.
func errSuccessBody(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"action":"DescribeInstancesResponse","instance_set":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"create_time":"2013-08-28T14:26:03Z","image":{"image_id":"centos64x64","os_family":"centos","platform":"linux"},`+
			`"instance_id":"i-%08d","instance_name":"web-%d","instance_type":"c1m1","memory_current":1024,"status":"running",`+
			`"transition_status":"","vcpus_current":1,"vxnets":[{"private_ip":"10.50.%d.%d","vxnet_id":"vxnet-0"}]}`, i, i, i/256%256, i%256)
	}
	b.WriteString(`],"ret_code":0,"total_count":1000}`)
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
				if err := json.Unmarshal(body, &env); err != nil || env.RetCode == nil {
					b.Fatal(err)
				}
			}
		})
	}
	errBody := []byte(errRateLimited)
	b.Run("error/2500-rate", func(b *testing.B) {
		for b.Loop() {
			if DecodeError(200, nil, errBody) == nil {
				b.Fatal("no error")
			}
		}
	})
}
