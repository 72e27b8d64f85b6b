package errors_test

import (
	"errors"
	"fmt"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// describe stands for any SDK call; here it fails the way a throttled JD
// Cloud call does once the core client has given up.
func describe() error {
	err := &mcerrors.Error{
		Provider: "jdcloud", Service: "vm", Action: "DescribeInstances",
		Kind: mcerrors.KindThrottled, StatusCode: 429, Code: "RATE_LIMIT",
		Message: "request too frequent", RequestID: "bgvmivir54gv2ctqhb4o",
		RetryAfter: 2 * time.Second, Attempts: 4,
	}
	return fmt.Errorf("list servers: %w", err)
}

// Test a failure's kind with errors.Is and the package's sentinels; they
// match wherever the *Error sits in the chain.
func Example_is() {
	err := describe()
	switch {
	case errors.Is(err, mcerrors.ErrThrottled):
		fmt.Println("throttled: slow down")
	case errors.Is(err, mcerrors.ErrNotFound):
		fmt.Println("gone")
	}
	fmt.Println(mcerrors.KindOf(err))
	// Output:
	// throttled: slow down
	// Throttled
}

// Reach the provider's details with errors.As.
func Example_as() {
	var e *mcerrors.Error
	if errors.As(describe(), &e) {
		fmt.Println(e.Provider, e.Code, e.StatusCode, e.RequestID, e.RetryAfter, e.Retryable())
		fmt.Println(e)
	}
	// Output:
	// jdcloud RATE_LIMIT 429 bgvmivir54gv2ctqhb4o 2s true
	// jdcloud vm/DescribeInstances: RATE_LIMIT: request too frequent (HTTP 429, request id bgvmivir54gv2ctqhb4o, 4 attempts)
}

// An answer that is not the provider's envelope keeps its status and a
// short, redacted excerpt.
func ExampleUnexpectedResponse() {
	e := mcerrors.UnexpectedResponse("qingcloud", 502, []byte("<html><h1>502 Bad Gateway</h1></html>"))
	fmt.Println(e.Kind, e.Retryable())
	fmt.Println(e)
	// Output:
	// Unavailable true
	// qingcloud: Unavailable: unexpected response body: <html><h1>502 Bad Gateway</h1></html> (HTTP 502)
}

func ExampleRedact() {
	fmt.Println(mcerrors.Redact(`access_key_id=QYACCESSKEYIDEXAMPLE&zone=pek3&signature=byjccvWIvAftaq%2Boublemag`))
	fmt.Println(mcerrors.Redact(`{"SecretAccessKey":"s3cr3t","Region":"cn-beijing"}`))
	// Output:
	// access_key_id=REDACTED&zone=pek3&signature=REDACTED
	// {"SecretAccessKey":"REDACTED","Region":"cn-beijing"}
}

// A mutation whose answer was lost may have been applied: look before
// calling again, unless you passed your own idempotency token.
func ExampleMayHaveSucceeded() {
	// What a RunInstances call returns when the connection broke after the
	// request was written (the core fills these fields).
	var err error = &mcerrors.Error{Provider: "volcengine", Service: "ecs", Action: "RunInstances",
		Kind: mcerrors.KindUnavailable, StatusCode: 502, Attempts: 1, MayHaveSucceeded: true}

	switch {
	case mcerrors.IsRetryable(err):
		fmt.Println("call again later")
	case mcerrors.MayHaveSucceeded(err):
		fmt.Println("describe the instances first: the call may have created one")
	}
	// Output: describe the instances first: the call may have created one
}
