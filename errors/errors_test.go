package errors_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// kinds lists every Kind with its sentinel (nil for KindUnknown) and name.
var kinds = []struct {
	kind     mcerrors.Kind
	sentinel error
	name     string
}{
	{mcerrors.KindUnknown, nil, "Unknown"},
	{mcerrors.KindInvalidArgument, mcerrors.ErrInvalidArgument, "InvalidArgument"},
	{mcerrors.KindUnauthenticated, mcerrors.ErrUnauthenticated, "Unauthenticated"},
	{mcerrors.KindPermissionDenied, mcerrors.ErrPermissionDenied, "PermissionDenied"},
	{mcerrors.KindNotFound, mcerrors.ErrNotFound, "NotFound"},
	{mcerrors.KindConflict, mcerrors.ErrConflict, "Conflict"},
	{mcerrors.KindQuotaExceeded, mcerrors.ErrQuotaExceeded, "QuotaExceeded"},
	{mcerrors.KindThrottled, mcerrors.ErrThrottled, "Throttled"},
	{mcerrors.KindUnavailable, mcerrors.ErrUnavailable, "Unavailable"},
	{mcerrors.KindInvalidResponse, mcerrors.ErrInvalidResponse, "InvalidResponse"},
}

func TestKindString(t *testing.T) {
	for _, k := range kinds {
		assert.Equal(t, k.name, k.kind.String())
	}
	assert.Equal(t, "Kind(42)", mcerrors.Kind(42).String())
	assert.Equal(t, "Kind(-1)", mcerrors.Kind(-1).String())
}

func TestIsMatchesExactlyTheSentinelOfItsKind(t *testing.T) {
	for _, k := range kinds {
		e := &mcerrors.Error{Provider: "jdcloud", Kind: k.kind}
		wrapped := fmt.Errorf("describe instances: %w", e)
		for _, other := range kinds {
			if other.sentinel == nil {
				continue
			}
			want := other.kind == k.kind
			assert.Equal(t, want, errors.Is(e, other.sentinel), "%v is %v", k.kind, other.kind)
			assert.Equal(t, want, errors.Is(wrapped, other.sentinel), "wrapped %v is %v", k.kind, other.kind)
		}
		assert.False(t, errors.Is(e, context.DeadlineExceeded))
		assert.False(t, errors.Is(e, errors.New(k.name)), "only the package's sentinels match")
	}
}

func TestSentinelsAreDistinctAndNamed(t *testing.T) {
	seen := map[error]bool{}
	for _, k := range kinds {
		if k.sentinel == nil {
			continue
		}
		require.False(t, seen[k.sentinel], "sentinel of %v reused", k.kind)
		seen[k.sentinel] = true
		assert.NotEmpty(t, k.sentinel.Error())
		assert.Equal(t, k.kind, mcerrors.KindOf(k.sentinel), "KindOf(sentinel)")
		assert.Equal(t, k.kind, mcerrors.KindOf(fmt.Errorf("x: %w", k.sentinel)))
	}
}

func TestAsAndKindOf(t *testing.T) {
	orig := &mcerrors.Error{Provider: "qingcloud", Kind: mcerrors.KindNotFound, Code: "2100", RequestID: "r-1"}
	err := fmt.Errorf("wait for instance: %w", fmt.Errorf("describe: %w", orig))

	var e *mcerrors.Error
	require.True(t, errors.As(err, &e))
	assert.Same(t, orig, e)
	assert.Equal(t, mcerrors.KindNotFound, mcerrors.KindOf(err))

	assert.Equal(t, mcerrors.KindUnknown, mcerrors.KindOf(nil))
	assert.Equal(t, mcerrors.KindUnknown, mcerrors.KindOf(errors.New("plain")))
	assert.Equal(t, mcerrors.KindUnknown, mcerrors.KindOf(context.Canceled))
	var nilErr *mcerrors.Error
	assert.Equal(t, mcerrors.KindUnknown, mcerrors.KindOf(nilErr))

	assert.Equal(t, mcerrors.KindUnavailable, mcerrors.KindOf(fmt.Errorf("x: %w", transportLike{})),
		"a type whose Is matches a sentinel")

	joined := errors.Join(errors.New("first"), &mcerrors.Error{Kind: mcerrors.KindThrottled})
	assert.Equal(t, mcerrors.KindThrottled, mcerrors.KindOf(joined))
	assert.ErrorIs(t, joined, mcerrors.ErrThrottled)
}

// transportLike stands for an error type of another package that matches
// ErrUnavailable through its Is method.
type transportLike struct{}

func (transportLike) Error() string        { return "connection reset" }
func (transportLike) Is(target error) bool { return target == mcerrors.ErrUnavailable }

func TestRetryable(t *testing.T) {
	for _, k := range kinds {
		want := k.kind == mcerrors.KindThrottled || k.kind == mcerrors.KindUnavailable
		assert.Equal(t, want, (&mcerrors.Error{Kind: k.kind}).Retryable(), k.name)
	}
	var nilErr *mcerrors.Error
	assert.False(t, nilErr.Retryable())
	assert.False(t, nilErr.Is(mcerrors.ErrNotFound))
	assert.Equal(t, "<nil>", nilErr.Error())
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		name string
		err  mcerrors.Error
		want string
	}{{
		name: "everything",
		err: mcerrors.Error{Provider: "jdcloud", Service: "vm", Action: "DescribeInstances", Kind: mcerrors.KindThrottled,
			StatusCode: 429, Code: "RATE_LIMIT", Message: "too frequent", RequestID: "bgvmivir54gv2ctqhb4o", Attempts: 3},
		want: "jdcloud vm/DescribeInstances: RATE_LIMIT: too frequent (HTTP 429, request id bgvmivir54gv2ctqhb4o, 3 attempts)",
	}, {
		name: "as decoded, before the core fills service and action",
		err:  mcerrors.Error{Provider: "qingcloud", Kind: mcerrors.KindPermissionDenied, StatusCode: 200, Code: "1400", Message: "PermissionDenied, no"},
		want: "qingcloud: 1400: PermissionDenied, no (HTTP 200)",
	}, {
		name: "no code: the kind stands in",
		err:  mcerrors.Error{Provider: "volcengine", Action: "ListBill", Kind: mcerrors.KindUnavailable, StatusCode: 502, Message: "unexpected response body: <html>"},
		want: "volcengine ListBill: Unavailable: unexpected response body: <html> (HTTP 502)",
	}, {
		name: "one attempt is not mentioned",
		err:  mcerrors.Error{Provider: "volcengine", Service: "billing", Kind: mcerrors.KindNotFound, Code: "X", Attempts: 1},
		want: "volcengine billing: X",
	}, {
		name: "zero value",
		want: "multicloud: Unknown",
	}, {
		name: "control characters cannot forge log lines",
		err:  mcerrors.Error{Provider: "jdcloud", Code: "BAD\nCODE", Message: "line1\r\nline2\x00\x1b[31m", RequestID: "id\n2"},
		want: "jdcloud: BAD CODE: line1 line2 [31m (request id id 2)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

// secrets are values that must never appear in an error's text or log.
var secrets = []string{"SK-s3cr3t-VALUE", "sig+Base64/Value=", "AKLTsecretAccessKeyID", "tok.en.value", "hunter2"}

func TestErrorTextHasNoSecret(t *testing.T) {
	// A message that echoes a request, as a careless gateway might.
	msg := `bad request access_key_id=AKLTsecretAccessKeyID&signature=sig+Base64/Value=&zone=pek3 ` +
		`{"SecretAccessKey":"SK-s3cr3t-VALUE","X-Security-Token":"tok.en.value","login_passwd":"hunter2"}`
	e := &mcerrors.Error{Provider: "qingcloud", Kind: mcerrors.KindInvalidArgument, Code: "1100", Message: msg}

	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Error("call failed", "err", e)
	for _, out := range []string{e.Error(), logged.String(), fmt.Sprint(e), fmt.Sprintf("%v", error(e))} {
		for _, s := range secrets {
			assert.NotContains(t, out, s)
		}
		assert.Contains(t, out, "REDACTED")
		assert.Contains(t, out, "zone=pek3", "harmless parameters stay readable")
	}
}

func TestLogValue(t *testing.T) {
	e := &mcerrors.Error{Provider: "volcengine", Service: "billing", Action: "ListBill", Kind: mcerrors.KindThrottled,
		StatusCode: 429, Code: "FlowLimitExceeded", Message: "slow down", RequestID: "2024x", RetryAfter: 2 * time.Second, Attempts: 2}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})).Warn("retrying", "err", e)
	assert.Equal(t, `level=WARN msg=retrying err.provider=volcengine err.service=billing err.action=ListBill `+
		`err.kind=Throttled err.status=429 err.code=FlowLimitExceeded err.message="slow down" err.request_id=2024x `+
		`err.retry_after=2s err.attempts=2`+"\n", buf.String())

	var nilErr *mcerrors.Error
	assert.Equal(t, "<nil>", nilErr.LogValue().String())
	var _ slog.LogValuer = e
}

func TestKindForStatus(t *testing.T) {
	tests := map[int]mcerrors.Kind{
		200: mcerrors.KindUnknown, 204: mcerrors.KindUnknown, 302: mcerrors.KindUnknown,
		400: mcerrors.KindInvalidArgument, 422: mcerrors.KindInvalidArgument,
		401: mcerrors.KindUnauthenticated, 403: mcerrors.KindPermissionDenied,
		404: mcerrors.KindNotFound, 410: mcerrors.KindNotFound,
		409: mcerrors.KindConflict, 412: mcerrors.KindConflict,
		429: mcerrors.KindThrottled, 408: mcerrors.KindUnavailable, 418: mcerrors.KindUnknown,
		499: mcerrors.KindUnknown, 500: mcerrors.KindUnavailable, 501: mcerrors.KindUnknown,
		502: mcerrors.KindUnavailable, 503: mcerrors.KindUnavailable, 504: mcerrors.KindUnavailable,
		599: mcerrors.KindUnavailable, 600: mcerrors.KindUnknown, 0: mcerrors.KindUnknown, -1: mcerrors.KindUnknown,
	}
	for status, want := range tests {
		assert.Equal(t, want, mcerrors.KindForStatus(status), "status %d", status)
	}
}

func TestUnexpectedResponse(t *testing.T) {
	html := []byte("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
	tests := []struct {
		name   string
		status int
		body   []byte
		kind   mcerrors.Kind
		msg    string
	}{
		{"5xx HTML page is Unavailable", 502, html, mcerrors.KindUnavailable,
			"unexpected response body: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> </body> </html>"},
		{"empty 503", 503, nil, mcerrors.KindUnavailable, "empty response body"},
		{"429 page is Throttled", 429, []byte("Too Many Requests"), mcerrors.KindThrottled, "unexpected response body: Too Many Requests"},
		{"4xx non-envelope is InvalidResponse", 403, []byte(`{"errorcode":403,"msg":"forbidden"}`), mcerrors.KindInvalidResponse,
			`unexpected response body: {"errorcode":403,"msg":"forbidden"}`},
		{"truncated 200", 200, []byte(`{"requestId":"x","error":{"code":4`), mcerrors.KindInvalidResponse,
			`unexpected response body: {"requestId":"x","error":{"code":4`},
		{"blank body", 400, []byte("\r\n \t"), mcerrors.KindInvalidResponse, "blank response body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mcerrors.UnexpectedResponse("jdcloud", tt.status, tt.body)
			require.NotNil(t, e)
			assert.Equal(t, "jdcloud", e.Provider)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.kind, e.Kind)
			assert.Empty(t, e.Code)
			assert.Equal(t, tt.msg, e.Message)
		})
	}

	big := append([]byte(`{"password":"hunter2",`), bytes.Repeat([]byte("x"), 10000)...)
	e := mcerrors.UnexpectedResponse("qingcloud", 400, big)
	assert.NotContains(t, e.Message, "hunter2")
	assert.LessOrEqual(t, len(e.Message), len("unexpected response body: ")+mcerrors.MaxExcerpt)
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"5", 5 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"-5", 0},
		{"1.5", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"Saturday, 01-Mar-25 12:00:30 GMT", 30 * time.Second}, // RFC 850, still accepted by HTTP
		{"99999999999999999999", time.Duration(1<<63 - 1)},
		{"9223372037", time.Duration(1<<63 - 1)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mcerrors.ParseRetryAfter(tt.value, now), "%q", tt.value)
	}
}

func TestDocCommentsHoldForEveryKind(t *testing.T) {
	// Every defined kind has a name, and names are unique: a new kind
	// added without a name would print as "Kind(n)".
	names := map[string]bool{}
	for _, k := range kinds {
		require.False(t, strings.HasPrefix(k.kind.String(), "Kind("))
		require.False(t, names[k.kind.String()])
		names[k.kind.String()] = true
	}
	assert.True(t, strings.HasPrefix(mcerrors.Kind(len(kinds)).String(), "Kind("), "kinds table is complete")
}

// ambiguousErr has a MayHaveSucceeded method, as the core's TransportError.
type ambiguousErr struct{ maybe, retry bool }

func (a ambiguousErr) Error() string          { return "ambiguous" }
func (a ambiguousErr) MayHaveSucceeded() bool { return a.maybe }
func (a ambiguousErr) Retryable() bool        { return a.retry }

func TestMayHaveSucceededAndRetryable(t *testing.T) {
	for _, tc := range []struct {
		name       string
		err        *mcerrors.Error
		maybe, try bool
	}{
		{"unavailable", &mcerrors.Error{Kind: mcerrors.KindUnavailable}, false, true},
		{"unavailable, may have been applied", &mcerrors.Error{Kind: mcerrors.KindUnavailable, MayHaveSucceeded: true}, true, false},
		{"applied, caller's token", &mcerrors.Error{Kind: mcerrors.KindUnavailable, MayHaveSucceeded: true, Idempotent: true}, true, true},
		{"throttled", &mcerrors.Error{Kind: mcerrors.KindThrottled}, false, true},
		{"invalid response, applied", &mcerrors.Error{Kind: mcerrors.KindInvalidResponse, MayHaveSucceeded: true}, true, false},
		{"not found", &mcerrors.Error{Kind: mcerrors.KindNotFound}, false, false},
	} {
		wrapped := fmt.Errorf("op: %w", tc.err)
		assert.Equal(t, tc.maybe, mcerrors.MayHaveSucceeded(wrapped), tc.name)
		assert.Equal(t, tc.try, tc.err.Retryable(), tc.name)
		assert.Equal(t, tc.try, mcerrors.IsRetryable(wrapped), tc.name)
	}
	assert.True(t, mcerrors.MayHaveSucceeded(fmt.Errorf("x: %w", ambiguousErr{maybe: true})))
	assert.True(t, mcerrors.MayHaveSucceeded(errors.Join(errors.New("a"), ambiguousErr{maybe: true})))
	assert.False(t, mcerrors.MayHaveSucceeded(errors.Join(errors.New("a"), ambiguousErr{})))
	assert.False(t, mcerrors.MayHaveSucceeded(nil))
	assert.True(t, mcerrors.IsRetryable(ambiguousErr{retry: true}))
	assert.False(t, mcerrors.IsRetryable(errors.New("plain")))
	assert.Contains(t, (&mcerrors.Error{Kind: mcerrors.KindUnavailable, MayHaveSucceeded: true}).Error(), "may have been applied")
}

func TestErrorWrapsItsCause(t *testing.T) {
	cause := errors.New("vault sealed")
	e := &mcerrors.Error{Kind: mcerrors.KindUnauthenticated, Err: cause}
	assert.ErrorIs(t, e, cause)
	assert.ErrorIs(t, e, mcerrors.ErrUnauthenticated)
	assert.Contains(t, e.Error(), "vault sealed", "with no message, the cause says what happened")
	assert.Equal(t, mcerrors.KindUnauthenticated, mcerrors.KindOf(fmt.Errorf("x: %w", e)))

	timeout := &mcerrors.Error{Kind: mcerrors.KindUnavailable, Message: "gave up waiting after 3 polls", Err: mcerrors.ErrWaitTimeout}
	assert.ErrorIs(t, timeout, mcerrors.ErrWaitTimeout)
	assert.NotContains(t, timeout.Error(), "\n")
}
