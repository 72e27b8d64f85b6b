package errors

import (
	"errors"
	"net/http"
	"strconv"
)

// Kind classifies a failure independently of the provider that reported it.
// Callers usually test a kind with errors.Is and the matching sentinel
// (ErrThrottled, ErrNotFound, ...) or read it with KindOf.
type Kind int

// The kinds of failure. The zero value is KindUnknown.
const (
	// KindUnknown is a failure that fits none of the other kinds.
	KindUnknown Kind = iota
	// KindInvalidArgument: the request is malformed, misses a parameter, has
	// a value out of range or names an API that does not exist.
	KindInvalidArgument
	// KindUnauthenticated: the provider could not authenticate the request
	// (unknown access key, bad signature, expired signing time or token).
	KindUnauthenticated
	// KindPermissionDenied: the caller is authenticated but not allowed to
	// perform the operation on the resource.
	KindPermissionDenied
	// KindNotFound: the resource the request names does not exist.
	KindNotFound
	// KindConflict: the resource already exists, is in a state that forbids
	// the operation, or another operation got in the way.
	KindConflict
	// KindQuotaExceeded: a resource, capacity or balance quota is exhausted.
	// Retrying does not help until the quota is raised or resources freed.
	KindQuotaExceeded
	// KindThrottled: the request rate is above the provider's limit. The
	// request was rejected before processing; retry after a pause.
	KindThrottled
	// KindUnavailable: the provider failed internally or is overloaded or
	// being updated; retrying later may succeed.
	KindUnavailable
	// KindInvalidResponse: the answer could not be understood (not JSON,
	// truncated, an HTML page, larger than the body limit).
	KindInvalidResponse

	numKinds // keep last
)

var kindNames = [numKinds]string{
	KindUnknown:          "Unknown",
	KindInvalidArgument:  "InvalidArgument",
	KindUnauthenticated:  "Unauthenticated",
	KindPermissionDenied: "PermissionDenied",
	KindNotFound:         "NotFound",
	KindConflict:         "Conflict",
	KindQuotaExceeded:    "QuotaExceeded",
	KindThrottled:        "Throttled",
	KindUnavailable:      "Unavailable",
	KindInvalidResponse:  "InvalidResponse",
}

// String returns the kind's name without the Kind prefix, for example
// "Throttled", or "Kind(42)" for a value outside the defined set.
func (k Kind) String() string {
	if k >= 0 && k < numKinds {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// sentinel is the type of the Err* values: an error that stands for one Kind.
type sentinel struct {
	kind Kind
	text string
}

func (s *sentinel) Error() string { return s.text }

// Sentinels, one per Kind except KindUnknown. An *Error matches the sentinel
// of its Kind under errors.Is, wherever it sits in a chain of wrapped errors:
//
//	if errors.Is(err, mcerrors.ErrThrottled) { ... }
var (
	// ErrInvalidArgument matches errors of KindInvalidArgument.
	ErrInvalidArgument error = &sentinel{KindInvalidArgument, "invalid argument"}
	// ErrUnauthenticated matches errors of KindUnauthenticated.
	ErrUnauthenticated error = &sentinel{KindUnauthenticated, "unauthenticated"}
	// ErrPermissionDenied matches errors of KindPermissionDenied.
	ErrPermissionDenied error = &sentinel{KindPermissionDenied, "permission denied"}
	// ErrNotFound matches errors of KindNotFound.
	ErrNotFound error = &sentinel{KindNotFound, "not found"}
	// ErrConflict matches errors of KindConflict.
	ErrConflict error = &sentinel{KindConflict, "conflict"}
	// ErrQuotaExceeded matches errors of KindQuotaExceeded.
	ErrQuotaExceeded error = &sentinel{KindQuotaExceeded, "quota exceeded"}
	// ErrThrottled matches errors of KindThrottled.
	ErrThrottled error = &sentinel{KindThrottled, "throttled"}
	// ErrUnavailable matches errors of KindUnavailable.
	ErrUnavailable error = &sentinel{KindUnavailable, "unavailable"}
	// ErrInvalidResponse matches errors of KindInvalidResponse.
	ErrInvalidResponse error = &sentinel{KindInvalidResponse, "invalid response"}
)

// sentinels indexes the Err* values by Kind.
var sentinels = [numKinds]error{
	KindInvalidArgument:  ErrInvalidArgument,
	KindUnauthenticated:  ErrUnauthenticated,
	KindPermissionDenied: ErrPermissionDenied,
	KindNotFound:         ErrNotFound,
	KindConflict:         ErrConflict,
	KindQuotaExceeded:    ErrQuotaExceeded,
	KindThrottled:        ErrThrottled,
	KindUnavailable:      ErrUnavailable,
	KindInvalidResponse:  ErrInvalidResponse,
}

// KindOf returns the Kind of the first *Error in err's chain. Failing that,
// it returns the kind of the first sentinel that errors.Is(err, sentinel)
// matches, so a sentinel wrapped on its own (fmt.Errorf("...: %w",
// ErrNotFound)) or another type whose Is method matches a sentinel (the core
// client's transport errors match ErrUnavailable) gives that kind too.
// Anything else, including nil, is KindUnknown.
func KindOf(err error) Kind {
	if err == nil {
		return KindUnknown
	}
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e.Kind
	}
	for k, s := range sentinels {
		if s != nil && errors.Is(err, s) {
			return Kind(k)
		}
	}
	return KindUnknown
}

// KindForStatus is the Kind an HTTP status implies when the body says no
// more: 400 and 422 InvalidArgument, 401 Unauthenticated, 403
// PermissionDenied, 404 and 410 NotFound, 409 and 412 Conflict, 429
// Throttled, 408 and every 5xx except 501 Unavailable. Other statuses,
// including every 2xx and 3xx, are KindUnknown.
//
// Provider decoders use it as the last resort after their code tables.
func KindForStatus(statusCode int) Kind {
	switch statusCode {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return KindInvalidArgument
	case http.StatusUnauthorized:
		return KindUnauthenticated
	case http.StatusForbidden:
		return KindPermissionDenied
	case http.StatusNotFound, http.StatusGone:
		return KindNotFound
	case http.StatusConflict, http.StatusPreconditionFailed:
		return KindConflict
	case http.StatusTooManyRequests:
		return KindThrottled
	case http.StatusRequestTimeout:
		return KindUnavailable
	case http.StatusNotImplemented:
		return KindUnknown
	}
	if statusCode >= 500 && statusCode <= 599 {
		return KindUnavailable
	}
	return KindUnknown
}

// ErrWaitTimeout is wrapped by the error of a waiter (WaitJob,
// WaitInstanceStatus and the like in the typed service packages) that gave
// up after its MaxWait while the operation had not finished. That error is
// an *Error of KindUnavailable: the resource may still get there, and
// waiting again is safe.
//
//	if errors.Is(err, mcerrors.ErrWaitTimeout) { ... }
var ErrWaitTimeout = errors.New("multicloud: gave up waiting")
