package multicloud_test

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/ratelimit"
)

// Every provider constructor takes the same options. This one retries up to
// five times, waits at most a minute for a server-requested delay, logs at
// debug level with secrets redacted, and leaves rate limiting to the caller.
func Example_options() {
	opts := []multicloud.Option{
		multicloud.WithRetry(multicloud.RetryPolicy{MaxAttempts: 5, MaxRetryAfter: time.Minute}),
		multicloud.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
		multicloud.WithUserAgent("inventory-sync/2.1"),
		multicloud.WithAttemptTimeout(20 * time.Second),
	}
	// For example: qingcloud.New(qingcloud.Config{...}, opts...)
	c, err := multicloud.New(opts...)
	fmt.Println(c != nil, err)
	// Output: true <nil>
}

// Retry safety follows the action, not the HTTP method: QingCloud mutates
// with GET, so a failed RunInstances that may have reached the server is not
// sent again, while a DescribeInstances is.
func ExampleIsReadOnlyAction() {
	for _, action := range []string{"DescribeInstances", "ListBill", "RunInstances", "describeVpcs"} {
		fmt.Println(action, multicloud.IsReadOnlyAction(action))
	}
	// Output:
	// DescribeInstances true
	// ListBill true
	// RunInstances false
	// describeVpcs true
}

// A shared retry budget bounds the retries of many clients together.
func ExampleNewRetryBudget() {
	budget := multicloud.NewRetryBudget(200)
	policy := multicloud.RetryPolicy{Budget: budget}
	_, err := multicloud.New(multicloud.WithRetry(policy))
	fmt.Println(err, budget.Available())
	// Output: <nil> 200
}

func ExamplePtr() {
	limit := multicloud.Ptr[int64](100)
	fmt.Println(*limit)
	// Output: 100
}
