package redislimit_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/multicloud-go/multicloud/ratelimit/redislimit"
)

// Every worker of a fleet builds the same Group: same provider, same access
// key id, same Redis. The core client then waits on For(key) before each
// request, and the fleet as a whole keeps to JD Cloud's 1000 requests per
// minute per service line. This example needs a Redis, so it is compiled but
// not run.
func ExampleJDCloud() {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()

	limits, err := redislimit.JDCloud(rdb, os.Getenv("JDCLOUD_ACCESS_KEY_ID"),
		redislimit.WithFallback(0.25), // 4 workers: each keeps to a quarter while Redis is down
		redislimit.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, nil))),
	)
	if err != nil {
		log.Fatal(err)
	}
	// Pass limits to the client with multicloud.WithRateLimiter(limits), or wait
	// by hand:
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := limits.For("jdcloud/vm").Wait(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("may send one request to the vm service line")
}

// When Redis cannot be reached, a Group fails closed with an error matching
// ErrUnavailable, or with WithFallback waits on an in-process limiter at a
// fraction of the limit.
func ExampleWithFallback() {
	// Nothing listens on port 1: this Redis is down.
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	defer rdb.Close()
	ctx := context.Background()
	limit := redislimit.Limit{Rate: 10, Period: time.Second, Burst: 5}

	closed, err := redislimit.NewGroup(rdb, "jdcloud", "AKIDEXAMPLE", limit)
	if err != nil {
		log.Fatal(err)
	}
	err = closed.For("jdcloud/vm").Wait(ctx)
	fmt.Println("fail closed, ErrUnavailable:", errors.Is(err, redislimit.ErrUnavailable))

	open, err := redislimit.NewGroup(rdb, "jdcloud", "AKIDEXAMPLE", limit, redislimit.WithFallback(0.5))
	if err != nil {
		log.Fatal(err)
	}
	err = open.For("jdcloud/vm").Wait(ctx)
	fmt.Println("fall back, admitted:", err == nil)
	// Output:
	// fail closed, ErrUnavailable: true
	// fall back, admitted: true
}
