package ratelimit_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// This is how the core client uses a limiter around one request: pick the key's
// limiter if the limiter is Keyed, wait, send, and report the answer if it is an
// Observer.
func Example() {
	var limiter ratelimit.Limiter = ratelimit.NewPerKey(0, func(string) ratelimit.Limiter {
		return ratelimit.NewAdaptive()
	})
	ctx := context.Background()

	lim := limiter
	if k, ok := limiter.(ratelimit.Keyed); ok {
		lim = k.For("volcengine/ecs/DescribeInstances")
	}
	if err := lim.Wait(ctx); err != nil {
		fmt.Println(err)
		return
	}
	status := http.StatusTooManyRequests // send the request here
	if o, ok := lim.(ratelimit.Observer); ok {
		o.Observe(status == http.StatusTooManyRequests)
	}
	fmt.Println("limiting at", lim.(*ratelimit.Adaptive).Rate(), "requests per second")
	// Output: limiting at 0.5 requests per second
}

func ExampleNewTokenBucket() {
	b := ratelimit.NewTokenBucket(rate.Every(time.Second), 2) // 1 per second, 2 at once
	ctx := context.Background()
	fmt.Println(b.Wait(ctx), b.Wait(ctx))

	// The bucket is empty; the next token comes in a second, after this deadline.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	err := b.Wait(ctx)
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// <nil> <nil>
	// true
}

func ExampleNewQuota() {
	// At most 1000 requests in any minute, 50 of them at once.
	q := ratelimit.NewQuota(1000, time.Minute, 50)
	fmt.Printf("burst %d, then %.0f per minute\n", q.Burst(), float64(q.Limit())*60)
	// Output: burst 50, then 950 per minute
}

func ExampleNewPerKey() {
	// Volcengine billing APIs at 1 per second, every other action at 10 per second;
	// remember at most 256 actions.
	p := ratelimit.NewPerKey(256, func(key string) ratelimit.Limiter {
		if strings.HasPrefix(key, "volcengine/billing/") {
			return ratelimit.NewTokenBucket(1, 1)
		}
		return ratelimit.NewTokenBucket(10, 10)
	})
	fmt.Println(p.For("volcengine/billing/ListBill").(*ratelimit.TokenBucket).Limit())
	fmt.Println(p.For("volcengine/ecs/DescribeInstances").(*ratelimit.TokenBucket).Limit())
	// Output:
	// 1
	// 10
}

func ExampleJDCloudDefault() {
	p := ratelimit.JDCloudDefault()
	vm := p.For("jdcloud/vm") // the VM service line has its own quota
	if err := vm.Wait(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sent; burst of", vm.(*ratelimit.TokenBucket).Burst())
	// Output: sent; burst of 50
}

func ExampleNewAdaptive() {
	a := ratelimit.NewAdaptive(func(o *ratelimit.AdaptiveOptions) {
		o.MinRate = 0.1 // QingCloud's quota is near 0.55 per second: allow going below it
	})
	fmt.Println(a.Rate() == rate.Inf) // no limit until the server throttles
	a.Observe(true)
	fmt.Println(a.Rate())
	// Output:
	// true
	// 0.1
}

func ExampleUnlimited() {
	var l ratelimit.Limiter = ratelimit.Unlimited{}
	fmt.Println(l.Wait(context.Background()))
	// Output: <nil>
}
