package multicloud_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
)

// goroutines is how many callers share one client in the parallel
// benchmarks.
const goroutines = 64

// countingServer is benchServer that counts the connections it accepts.
func countingServer(b *testing.B, provider string) (*httptest.Server, *atomic.Int64) {
	b.Helper()
	body := []byte(bodies[provider])
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	b.Cleanup(srv.Close)
	return srv, &conns
}

// runParallel runs call from 64 goroutines and reports the CPU time per
// request and the new connections per request the server saw in steady
// state (after a warm-up round).
func runParallel(b *testing.B, conns *atomic.Int64, call func() error) {
	b.Helper()
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((goroutines + procs - 1) / procs)
	warm := make(chan error, goroutines)
	for range goroutines {
		go func() { warm <- call() }()
	}
	for range goroutines {
		if err := <-warm; err != nil {
			b.Fatal(err)
		}
	}
	before := conns.Load()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := call(); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	// On a shared machine wall time follows the neighbours' load; CPU per
	// request (client and in-process server together) is what bounds
	// throughput when the cores are busy.
	b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(conns.Load()-before)/float64(b.N), "newconns/op")
}

// BenchmarkParallel compares 64 goroutines through one JD Cloud client
// with the default transport, with the transport New used before (a clone
// of http.DefaultTransport: 2 idle connections per host), and raw net/http
// with a tuned transport, all decoding the same body.
func BenchmarkParallel(b *testing.B) {
	jd := func(b *testing.B, srv *httptest.Server, opts ...multicloud.Option) func() error {
		opts = append(opts, multicloud.WithEndpoint(srv.URL), multicloud.WithInsecureHTTP(),
			multicloud.WithRateLimiter(ratelimit.Unlimited{}))
		c, err := jdcloud.New(jdcloud.Config{Credentials: keys, Region: "cn-north-1"}, opts...)
		if err != nil {
			b.Fatal(err)
		}
		req := &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances",
			Params: map[string]any{"pageNumber": 1, "pageSize": 10}}
		return func() error {
			var out map[string]any
			return c.Call(context.Background(), req, &out)
		}
	}
	b.Run("client_default", func(b *testing.B) {
		srv, conns := countingServer(b, "jdcloud")
		runParallel(b, conns, jd(b, srv))
	})
	b.Run("client_old_transport", func(b *testing.B) {
		srv, conns := countingServer(b, "jdcloud")
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		b.Cleanup(hc.CloseIdleConnections)
		runParallel(b, conns, jd(b, srv, multicloud.WithHTTPClient(hc)))
	})
	b.Run("raw_tuned", func(b *testing.B) {
		srv, conns := countingServer(b, "jdcloud")
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 256
		hc := &http.Client{Transport: t}
		b.Cleanup(hc.CloseIdleConnections)
		url := srv.URL + "/v1/regions/cn-north-1/instances?pageNumber=1&pageSize=10"
		runParallel(b, conns, func() error {
			req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
			if err != nil {
				return err
			}
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			var out map[string]any
			return json.NewDecoder(resp.Body).Decode(&out)
		})
	})
}
