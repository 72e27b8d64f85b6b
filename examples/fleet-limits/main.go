// Command fleet-limits shows several workers sharing one account's request
// quota through Redis with package redislimit.
//
// Provider quotas are per account, not per process: a fleet of workers that
// each run an in-process limiter sends the quota times the number of
// workers. Here every worker builds its own Redis client and its own
// redislimit.Group for the same provider and access key id, exactly as
// separate processes on separate machines would, and sends requests to a
// local server (standing in for the provider's API) that counts arrivals per
// second. The counts stay within the quota however many workers run.
//
// It needs a Redis server:
//
//	redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes
//	MULTICLOUD_REDIS_ADDR=127.0.0.1:6390 go run ./examples/fleet-limits
//
// Without MULTICLOUD_REDIS_ADDR it explains what it needs and exits 0.
// The demo quota (20 requests per second, burst 5) is far below JD Cloud's
// 1000 per minute so that the effect shows in a few seconds; production code
// uses redislimit.JDCloud(rdb, accessKeyID), which has the real numbers.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/multicloud-go/multicloud/ratelimit/redislimit"
)

// redisAddrEnv names the variable that gives the Redis address.
const redisAddrEnv = "MULTICLOUD_REDIS_ADDR"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program; it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("fleet-limits", flag.ContinueOnError)
	flags.SetOutput(stderr)
	workers := flags.Int("workers", 4, "workers (stand-ins for processes) sharing the quota")
	goroutines := flags.Int("goroutines", 8, "goroutines per worker")
	seconds := flags.Int("seconds", 3, "how long to send requests")
	perSecond := flags.Int("rate", 20, "demo quota: requests per second for the whole fleet")
	burst := flags.Int("burst", 5, "demo quota: requests that may go at once")
	if err := flags.Parse(args); err != nil {
		return 2
	}

	addr := os.Getenv(redisAddrEnv)
	if addr == "" {
		fmt.Fprintf(stdout, `fleet-limits needs a Redis server to share the quota through, and none is configured.
Start one and point %[1]s at it, for example:

    redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes
    %[1]s=127.0.0.1:6390 go run ./examples/fleet-limits

Nothing to do without it; exiting.
`, redisAddrEnv)
		return 0
	}
	accessKeyID := os.Getenv("JDCLOUD_ACCESS_KEY_ID")
	if accessKeyID == "" {
		accessKeyID = "AKIDEXAMPLEFLEETLIMITS" // only its SHA-256 reaches Redis
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	ctx := context.Background()
	probe := redis.NewClient(&redis.Options{Addr: addr})
	pingCtx, cancelPing := context.WithTimeout(ctx, 5*time.Second)
	err := probe.Ping(pingCtx).Err()
	cancelPing()
	_ = probe.Close()
	if err != nil {
		fmt.Fprintf(stderr, "fleet-limits: Redis at %s=%s does not answer: %v\n", redisAddrEnv, addr, err)
		return 1
	}

	// The provider's API, counting requests per second.
	start := time.Now()
	counter := &arrivals{start: start}
	api := httptest.NewServer(counter)
	defer api.Close()

	limit := redislimit.Limit{Rate: *perSecond, Period: time.Second, Burst: *burst}
	prefix := "multicloud-example:" + randomHex() + ":" // a fresh quota for each run
	end := start.Add(time.Duration(*seconds) * time.Second)
	runCtx, cancel := context.WithDeadline(ctx, end)
	defer cancel()

	fmt.Fprintf(stdout, "%d workers x %d goroutines share %v through Redis at %s for %ds\n",
		*workers, *goroutines, limit, addr, *seconds)
	var wg sync.WaitGroup
	errs := make(chan error, *workers)
	for w := range *workers {
		wg.Go(func() {
			if err := worker(runCtx, addr, accessKeyID, prefix, limit, *workers, *goroutines, api.URL, logger); err != nil {
				errs <- fmt.Errorf("worker %d: %w", w, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	code := 0
	for err := range errs {
		fmt.Fprintln(stderr, err)
		code = 1
	}

	fmt.Fprintf(stdout, "requests per second at the API: %v (quota: %d per second, burst %d, so at most %d in any second)\n",
		counter.perSecond(*seconds), limit.Rate, limit.Burst, limit.Rate+limit.Burst)
	return code
}

// worker is one member of the fleet: its own Redis client and Group, as a
// separate process would have, and goroutines that each wait for the limiter
// before every request.
func worker(ctx context.Context, addr, accessKeyID, prefix string, limit redislimit.Limit,
	workers, goroutines int, url string, logger *slog.Logger) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	limits, err := redislimit.NewGroup(rdb, "jdcloud", accessKeyID, limit,
		redislimit.WithPrefix(prefix),
		redislimit.WithFallback(1/float64(workers)), // while Redis is down, each keeps to its share
		redislimit.WithLogger(logger),
	)
	if err != nil {
		return err
	}
	lim := limits.For("jdcloud/vm") // the key the core client uses for JD Cloud's vm service line

	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for range goroutines {
		wg.Go(func() {
			for {
				if err := lim.Wait(ctx); err != nil {
					if ctx.Err() == nil && !isDeadline(err) {
						errs <- err
					}
					return
				}
				req, err := http.NewRequestWithContext(context.WithoutCancel(ctx), http.MethodGet, url, nil)
				if err != nil {
					errs <- err
					return
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs // the first error, or nil
}

// isDeadline reports whether err says the run ended before the next slot.
func isDeadline(err error) bool {
	return errors.Is(err, context.DeadlineExceeded)
}

// arrivals counts requests per second since start.
type arrivals struct {
	start time.Time
	mu    sync.Mutex
	count []int
}

func (a *arrivals) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s := int(time.Since(a.start) / time.Second)
	a.mu.Lock()
	for len(a.count) <= s {
		a.count = append(a.count, 0)
	}
	a.count[s]++
	a.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// perSecond returns the counts of the first n seconds.
func (a *arrivals) perSecond(n int) []int {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]int, n)
	copy(out, a.count)
	return out
}

// randomHex returns 8 random hex digits.
func randomHex() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
