package reliability_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// A cloud is one provider as the suite drives it: a typed client, one
// read-only call and one mutating call, and what a raw TCP server must
// answer to look like it.
type cloud struct {
	name string
	// start starts the provider's cloudtest emulator.
	start func(...cloudtest.Option) *cloudtest.Server
	// readAction and writeAction are the calls' API names as the servers
	// record them.
	readAction, writeAction string
	// idempotencyToken: the write carries the provider's idempotency
	// token, so the core may send it again after a lost answer.
	idempotencyToken bool
	// basePath is the endpoint's path ("/iaas/" for QingCloud).
	basePath string
	// region is the region or zone the client is configured with.
	region string
	// okBody is a minimal success answer, for the raw server.
	okBody string
	// connect builds the typed clients for a configuration.
	connect func(creds credentials.Provider, region string, opts []multicloud.Option) (api, error)
	// rawAction names the API a request to a raw server calls.
	rawAction func(r *http.Request) string
}

// api is the pair of calls the suite makes through a typed client.
type api struct {
	read, write func(ctx context.Context) error
}

var clouds = []cloud{
	{
		name: "jdcloud", start: cloudtest.NewJDCloud,
		readAction: "DescribeInstances", writeAction: "CreateInstances", idempotencyToken: true,
		region: "cn-north-1",
		okBody: `{"requestId":"raw","result":{"instances":[],"totalCount":0,"instanceIds":["i-raw"]}}`,
		connect: func(creds credentials.Provider, region string, opts []multicloud.Option) (api, error) {
			c, err := vm.New(jdcloud.Config{Credentials: creds, Region: region}, opts...)
			if err != nil {
				return api{}, err
			}
			return api{
				read: func(ctx context.Context) error {
					_, err := c.DescribeInstances(ctx, &vm.DescribeInstancesInput{})
					return err
				},
				write: func(ctx context.Context) error {
					_, err := c.CreateInstances(ctx, &vm.CreateInstancesInput{InstanceSpec: &vm.InstanceSpec{
						Az: multicloud.Ptr("cn-north-1a"), InstanceType: multicloud.Ptr("g.n2.medium"),
						ImageID: multicloud.Ptr("img-reliability"), Name: "reliability",
					}})
					return err
				},
			}, nil
		},
		rawAction: func(r *http.Request) string {
			if r.Method == http.MethodPost {
				return "CreateInstances"
			}
			return "DescribeInstances"
		},
	},
	{
		name: "volcengine", start: cloudtest.NewVolcengine,
		readAction: "DescribeInstances", writeAction: "RunInstances", idempotencyToken: true,
		region: "cn-beijing",
		okBody: `{"ResponseMetadata":{"RequestId":"raw","Service":"ecs","Region":"cn-beijing"},"Result":{}}`,
		connect: func(creds credentials.Provider, region string, opts []multicloud.Option) (api, error) {
			c, err := ecs.New(volcengine.Config{Credentials: creds, Region: region}, opts...)
			if err != nil {
				return api{}, err
			}
			return api{
				read: func(ctx context.Context) error {
					_, err := c.DescribeInstances(ctx, &ecs.DescribeInstancesInput{})
					return err
				},
				write: func(ctx context.Context) error {
					_, err := c.RunInstances(ctx, &ecs.RunInstancesInput{
						ImageID: "image-reliability", InstanceName: "reliability", ZoneID: "cn-beijing-a",
						InstanceTypeID: multicloud.Ptr("ecs.g1.large"),
					})
					return err
				},
			}, nil
		},
		rawAction: func(r *http.Request) string { return r.URL.Query().Get("Action") },
	},
	{
		name: "qingcloud", start: cloudtest.NewQingCloud,
		readAction: "DescribeInstances", writeAction: "RunInstances",
		basePath: "/iaas/", region: "pek3a",
		okBody: `{"ret_code":0,"instance_set":[],"total_count":0,"instances":["i-raw"],"job_id":"j-raw"}`,
		connect: func(creds credentials.Provider, region string, opts []multicloud.Option) (api, error) {
			c, err := iaas.New(qingcloud.Config{Credentials: creds, Zone: region}, opts...)
			if err != nil {
				return api{}, err
			}
			return api{
				read: func(ctx context.Context) error {
					_, err := c.DescribeInstances(ctx, &iaas.DescribeInstancesInput{})
					return err
				},
				write: func(ctx context.Context) error {
					_, err := c.RunInstances(ctx, &iaas.RunInstancesInput{
						ImageID: "img-reliability", LoginMode: "keypair", LoginKeypair: multicloud.Ptr("kp-reliability"),
						InstanceType: multicloud.Ptr("small_b"),
					})
					return err
				},
			}, nil
		},
		rawAction: func(r *http.Request) string { return r.URL.Query().Get("action") },
	},
}

// noWait retries up to attempts times without backoff, so that the suite
// counts attempts without sleeping. A server's Retry-After still applies.
func noWait(attempts int) multicloud.RetryPolicy {
	return multicloud.RetryPolicy{
		MaxAttempts: attempts, BaseDelay: time.Nanosecond, ThrottleBaseDelay: time.Nanosecond,
		MaxDelay: time.Nanosecond, Jitter: func(time.Duration) time.Duration { return 0 },
	}
}

// rawCredentials are what clients of raw servers sign with; the servers do
// not check them.
var rawCredentials = credentials.Static(signer.Credentials{AccessKeyID: "AKRAWRELIABILITY", SecretAccessKey: "raw-reliability-secret"})

// ---------------------------------------------------------------------------
// Response bodies: every one the transport returns must be closed.

// bodyTracker wraps a transport and counts the response bodies it hands out
// and the ones closed.
type bodyTracker struct {
	base http.RoundTripper

	mu             sync.Mutex
	opened, closed int
	// onFirstBodyRead, when set, runs once, when a response body first
	// yields bytes: the call is then reading the body.
	onFirstBodyRead func()
	fired           bool
}

func (t *bodyTracker) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil || resp == nil {
		return resp, err
	}
	t.mu.Lock()
	t.opened++
	t.mu.Unlock()
	resp.Body = &trackedBody{ReadCloser: resp.Body, t: t}
	return resp, nil
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the
// wrapped transport.
func (t *bodyTracker) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// unclosed reports how many bodies were handed out and not closed, and how
// many were handed out in all.
func (t *bodyTracker) unclosed() (open, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.opened - t.closed, t.opened
}

type trackedBody struct {
	io.ReadCloser
	t    *bodyTracker
	once sync.Once
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.t.mu.Lock()
		f := b.t.onFirstBodyRead
		fire := f != nil && !b.t.fired
		b.t.fired = b.t.fired || fire
		b.t.mu.Unlock()
		if fire {
			f()
		}
	}
	return n, err
}

func (b *trackedBody) Close() error {
	b.once.Do(func() {
		b.t.mu.Lock()
		b.t.closed++
		b.t.mu.Unlock()
	})
	return b.ReadCloser.Close()
}

// ---------------------------------------------------------------------------
// Goroutines: none may outlive a call.

// goroutines returns the stacks of all goroutines by id.
func goroutines() map[int]string {
	buf := make([]byte, 256<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[int]string{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		head, _, _ := strings.Cut(g, " [")
		id, err := strconv.Atoi(strings.TrimPrefix(head, "goroutine "))
		if err == nil {
			out[id] = g
		}
	}
	return out
}

// ignoredCreators start goroutines that belong to the runtime, not to a
// call: GC workers, the finalizer and cleanup queues, unique's cleanup.
var ignoredCreators = []string{"created by runtime.", "created by unique.", "created by internal/", "created by testing."}

// leaked returns the stacks of goroutines started since before that are
// still running and belong to no runtime service.
func leaked(before map[int]string) []string {
	var out []string
	for id, stack := range goroutines() {
		if _, ok := before[id]; ok {
			continue
		}
		ignore := !strings.Contains(stack, "created by ")
		for _, c := range ignoredCreators {
			ignore = ignore || strings.Contains(stack, c)
		}
		if !ignore {
			out = append(out, stack)
		}
	}
	sort.Strings(out)
	return out
}

// requireNoLeak waits, for a bounded time, until every goroutine started
// since before has ended, calling flush (which closes idle connections) on
// each round: a connection's goroutines end a moment after it closes, on
// both sides, and a loaded machine may take a while to run them.
func requireNoLeak(t *testing.T, before map[int]string, flush func()) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		flush()
		left := leaked(before)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			require.Failf(t, "goroutines outlived the call", "%d left:\n\n%s", len(left), strings.Join(left, "\n\n"))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ---------------------------------------------------------------------------
// A deadline the test controls: it passes when something observable
// happens (the server read the request, the body started to arrive), so
// that the outcome does not depend on how fast a loaded machine runs.

type triggeredDeadline struct {
	context.Context
	done chan struct{}
	once sync.Once
	stop func() bool
}

// newTriggeredDeadline returns a context whose deadline passes when expire
// is called, or after limit at the latest.
func newTriggeredDeadline(limit time.Duration) *triggeredDeadline {
	d := &triggeredDeadline{Context: context.Background(), done: make(chan struct{})}
	d.stop = time.AfterFunc(limit, d.expire).Stop
	return d
}

func (d *triggeredDeadline) expire()                     { d.once.Do(func() { close(d.done) }) }
func (d *triggeredDeadline) Done() <-chan struct{}       { return d.done }
func (d *triggeredDeadline) Deadline() (time.Time, bool) { return time.Time{}, false }
func (d *triggeredDeadline) Err() error {
	select {
	case <-d.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// ---------------------------------------------------------------------------
// Clients.

// newTransport is a transport of its own for a client of a raw server, so
// that closing its idle connections touches nothing else.
func newTransport() *http.Transport {
	return &http.Transport{MaxIdleConnsPerHost: 100, IdleConnTimeout: time.Minute}
}

// paddedJSON is a JSON object of a little over n bytes.
func paddedJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"pad":"`)
	b.Write(bytes.Repeat([]byte{'x'}, n))
	b.WriteString(`"}`)
	return b.Bytes()
}

// defaultOptions are the options every suite client starts from: no
// client-side rate limit (the servers throttle), no backoff waits, three
// attempts.
func defaultOptions() []multicloud.Option {
	return []multicloud.Option{
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
		multicloud.WithRetry(noWait(3)),
	}
}
