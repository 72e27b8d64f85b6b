package errors

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// UnexpectedResponse is the error for an answer whose body is not the
// provider's envelope: an HTML gateway page, a truncated or non-JSON body, a
// JSON document of another shape, or an empty body where one was needed.
// Provider decoders call it so that the rule lives in one place:
//
//   - a 5xx status is KindUnavailable: the page comes from a failing server,
//     proxy or load balancer, and retrying later may succeed;
//   - 429 is KindThrottled, whatever the body;
//   - any other status is KindInvalidResponse.
//
// Message holds a short redacted excerpt of the body (see Excerpt); Code is
// empty. The caller fills RequestID and RetryAfter from the headers.
func UnexpectedResponse(provider string, statusCode int, body []byte) *Error {
	kind := KindInvalidResponse
	switch {
	case statusCode == http.StatusTooManyRequests:
		kind = KindThrottled
	case statusCode >= 500 && statusCode <= 599:
		kind = KindUnavailable
	}
	msg := "empty response body"
	if ex := Excerpt(body); ex != "" {
		msg = "unexpected response body: " + ex
	} else if len(body) > 0 {
		msg = "blank response body"
	}
	return &Error{Provider: provider, Kind: kind, StatusCode: statusCode, Message: msg}
}

// ParseRetryAfter converts a Retry-After header value, either delay-seconds
// ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT", taken relative
// to now), to a duration. An empty, malformed, negative or past value gives
// 0; a delay too large for time.Duration gives the largest Duration.
func ParseRetryAfter(value string, now time.Time) time.Duration {
	v := strings.TrimSpace(value)
	if v == "" {
		return 0
	}
	if allDigits(v) {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > math.MaxInt64/int64(time.Second) {
			return math.MaxInt64
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if d := t.Sub(now); d > 0 {
		return d
	}
	return 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
