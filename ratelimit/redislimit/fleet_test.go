package redislimit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"

	"github.com/multicloud-go/multicloud/ratelimit"
)

// The fleet test: fleetProcs processes (this test binary, run again) of
// fleetGoroutines goroutines each send requests as fast as their limiter
// lets them for fleetSeconds to a server in the parent that counts arrivals
// per second. Run once with one quota shared through Redis and once with an
// in-process limiter of the same quota in each process.
const (
	fleetProcs      = 4
	fleetGoroutines = 8
	fleetSeconds    = 5
	// fleetLead is how far in the future the children are told to start, so
	// that all of them are running when the first second begins.
	fleetLead = 1500 * time.Millisecond

	fleetModeEnv    = "REDISLIMIT_FLEET_CHILD" // "redis" or "local"; set only in children
	fleetURLEnv     = "REDISLIMIT_FLEET_URL"
	fleetStartEnv   = "REDISLIMIT_FLEET_START" // Unix nanoseconds
	fleetAccountEnv = "REDISLIMIT_FLEET_ACCOUNT"
	fleetPrefixEnv  = "REDISLIMIT_FLEET_PREFIX"
)

// fleetLimit is the quota the fleet shares: 50 requests per second with a
// burst of 10, so no second may see more than 60.
func fleetLimit() Limit { return Limit{Rate: 50, Period: time.Second, Burst: 10} }

func TestFleetSharesOneQuota(t *testing.T) {
	testRedis(t) // skip, or fail in CI, without Redis
	lim := fleetLimit()
	ceiling := lim.Rate + lim.Burst
	start := time.Now().Add(fleetLead)
	shared, local := newArrivalCounter(start), newArrivalCounter(start)
	sharedSrv, localSrv := httptest.NewServer(shared), httptest.NewServer(local)
	defer sharedSrv.Close()
	defer localSrv.Close()

	// Both fleets run at the same time, each against its own server, so that
	// the test takes about fleetLead + fleetSeconds.
	account, prefix := "AKID"+randomID(t), testPrefix(t)
	var children []*fleetChild
	for _, run := range []struct {
		mode string
		srv  *httptest.Server
	}{{"redis", sharedSrv}, {"local", localSrv}} {
		for i := range fleetProcs {
			c := startFleetChild(t, run.mode, i, run.srv.URL, start, account, prefix)
			children = append(children, c)
		}
	}
	for _, c := range children {
		c.wait(t, start.Add(fleetSeconds*time.Second+20*time.Second))
	}

	sharedCounts, sharedLate := shared.counts(fleetSeconds)
	localCounts, localLate := local.counts(fleetSeconds)
	t.Logf("quota: %v (at most %d in any second)", lim, ceiling)
	t.Logf("shared through Redis, %d processes x %d goroutines: arrivals per second %v (after the end: %d)",
		fleetProcs, fleetGoroutines, sharedCounts, sharedLate)
	t.Logf("in-process limiter in each process:          arrivals per second %v (after the end: %d)",
		localCounts, localLate)

	total := 0
	for i, n := range sharedCounts {
		assert.LessOrEqualf(t, n, ceiling, "shared quota: second %d saw %d requests", i, n)
		total += n
	}
	assert.Greater(t, total, lim.Rate, "the shared fleet sent requests at all")
	assert.Zero(t, shared.early()+local.early(), "requests before the start")
	assert.Greater(t, maxOf(localCounts), ceiling, "in-process limiters alone exceed the fleet's quota")
}

// TestFleetChild is one process of TestFleetSharesOneQuota; it does nothing
// when run by itself.
func TestFleetChild(t *testing.T) {
	mode := os.Getenv(fleetModeEnv)
	if mode == "" {
		t.Skip("helper process of TestFleetSharesOneQuota; runs only when that test starts it")
	}
	startNanos, err := strconv.ParseInt(os.Getenv(fleetStartEnv), 10, 64)
	require.NoError(t, err)
	start := time.Unix(0, startNanos)
	end := start.Add(fleetSeconds * time.Second)
	url := os.Getenv(fleetURLEnv)

	var lim ratelimit.Limiter
	switch mode {
	case "redis":
		rdb := redis.NewClient(&redis.Options{Addr: os.Getenv(redisAddrEnv), PoolSize: 4})
		defer rdb.Close()
		require.NoError(t, rdb.Ping(t.Context()).Err()) // connect before the start
		g, err := NewGroup(rdb, "fleet", os.Getenv(fleetAccountEnv), fleetLimit(),
			WithPrefix(os.Getenv(fleetPrefixEnv)),
			WithRedisTimeout(5*time.Second)) // a loaded machine is not a Redis outage
		require.NoError(t, err)
		lim = g.For("fleet/test")
	case "local":
		l := fleetLimit()
		lim = ratelimit.NewTokenBucket(rate.Limit(l.perSecond()), l.Burst)
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: fleetGoroutines}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	time.Sleep(time.Until(start))
	ctx, cancel := context.WithDeadline(context.Background(), end)
	defer cancel()
	var wg sync.WaitGroup
	for range fleetGoroutines {
		wg.Go(func() {
			for {
				if err := lim.Wait(ctx); err != nil {
					if !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("Wait: %v", err)
					}
					return
				}
				resp, err := client.Get(url)
				if err != nil {
					t.Errorf("GET: %v", err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		})
	}
	wg.Wait()
}

// fleetChild is a running child process.
type fleetChild struct {
	name string
	cmd  *exec.Cmd
	out  *bytes.Buffer
	done chan error
}

func startFleetChild(t *testing.T, mode string, i int, url string, start time.Time, account, prefix string) *fleetChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFleetChild$", "-test.count=1", "-test.timeout=60s")
	cmd.Env = append(os.Environ(),
		fleetModeEnv+"="+mode,
		fleetURLEnv+"="+url,
		fleetStartEnv+"="+strconv.FormatInt(start.UnixNano(), 10),
		fleetAccountEnv+"="+account,
		fleetPrefixEnv+"="+prefix,
	)
	out := new(bytes.Buffer)
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	c := &fleetChild{name: fmt.Sprintf("%s child %d", mode, i), cmd: cmd, out: out, done: make(chan error, 1)}
	go func() { c.done <- cmd.Wait() }()
	return c
}

// wait waits for the child to exit, killing it at deadline, and fails the
// test with its output if it failed.
func (c *fleetChild) wait(t *testing.T, deadline time.Time) {
	t.Helper()
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("%s: %v\n%s", c.name, err, c.out)
		}
	case <-time.After(time.Until(deadline)):
		_ = c.cmd.Process.Kill()
		<-c.done
		t.Errorf("%s did not finish in time\n%s", c.name, c.out)
	}
}

// arrivalCounter is an HTTP handler that counts requests per second of
// wall-clock time from start.
type arrivalCounter struct {
	start time.Time

	mu        sync.Mutex
	perSecond map[int]int
	before    int
}

func newArrivalCounter(start time.Time) *arrivalCounter {
	return &arrivalCounter{start: start, perSecond: make(map[int]int)}
}

func (a *arrivalCounter) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	since := time.Since(a.start)
	a.mu.Lock()
	if since < 0 {
		a.before++
	} else {
		a.perSecond[int(since/time.Second)]++
	}
	a.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// counts returns the arrivals in each of the first n seconds, and how many
// came later (requests admitted just before the end).
func (a *arrivalCounter) counts(n int) (perSecond []int, later int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	perSecond = make([]int, n)
	for s, c := range a.perSecond {
		if s < n {
			perSecond[s] = c
		} else {
			later += c
		}
	}
	return perSecond, later
}

// early returns how many requests came before the start.
func (a *arrivalCounter) early() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.before
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
