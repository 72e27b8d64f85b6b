package multicloud_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// The call benchmarks measure the SDK's whole pipeline (build, sign, send,
// read, check for errors, decode) against a loopback server answering a
// realistic 2 KiB body in the provider's envelope, beside BenchmarkRawHTTP:
// plain net/http to the same server, decoding the same body into a map. Client-side rate limiting is
// off: a limiter's waiting is deliberate, not overhead.

var keys = credentials.Static(signer.Credentials{AccessKeyID: "AKBENCH", SecretAccessKey: "SKBENCH0123456789"})

// instances returns n fake instance objects in the given field style,
// about 2 KiB for n = 8.
func instances(n int, idKey, statusKey, typeKey string) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{%q:"i-%08x",%q:"running",%q:"g.n2.large","name":"web-%02d","privateIp":"10.0.%d.%d","zone":"cn-north-1a","createdTime":"2026-11-01T08:00:00Z","tags":[{"key":"env","value":"prod"}]}`,
			idKey, i, statusKey, typeKey, i, i, i+10)
	}
	return "[" + strings.Join(items, ",") + "]"
}

var bodies = map[string]string{
	"jdcloud":    `{"requestId":"bpe3gqg2w1","result":{"instances":` + instances(8, "instanceId", "status", "instanceType") + `,"totalCount":8}}`,
	"volcengine": `{"ResponseMetadata":{"RequestId":"2026112208","Action":"DescribeInstances","Version":"2020-04-01","Service":"ecs","Region":"cn-beijing"},"Result":{"Instances":` + instances(8, "InstanceId", "Status", "InstanceTypeId") + `,"NextToken":""}}`,
	"qingcloud":  `{"action":"DescribeInstancesResponse","instance_set":` + instances(8, "instance_id", "status", "instance_type") + `,"total_count":8,"ret_code":0}`,
}

func benchServer(b *testing.B, provider string) *httptest.Server {
	b.Helper()
	body := []byte(bodies[provider])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func coreOptions(srv *httptest.Server) []multicloud.Option {
	return []multicloud.Option{
		multicloud.WithEndpoint(srv.URL), multicloud.WithInsecureHTTP(),
		multicloud.WithHTTPClient(srv.Client()),
		multicloud.WithRateLimiter(ratelimit.Unlimited{}),
	}
}

// BenchmarkRawHTTP is the baseline for each provider's call benchmark: the
// same server, the same body, plain net/http, decoded into a map.
func BenchmarkRawHTTP(b *testing.B) {
	for _, provider := range []string{"jdcloud", "volcengine", "qingcloud"} {
		b.Run(provider, func(b *testing.B) {
			srv := benchServer(b, provider)
			hc := srv.Client()
			url := srv.URL + "/v1/regions/cn-north-1/instances?pageNumber=1&pageSize=10"
			b.ReportAllocs()
			for b.Loop() {
				req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
				if err != nil {
					b.Fatal(err)
				}
				resp, err := hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				var out map[string]any
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCallJDCloud(b *testing.B) {
	srv := benchServer(b, "jdcloud")
	c, err := jdcloud.New(jdcloud.Config{Credentials: keys, Region: "cn-north-1"}, coreOptions(srv)...)
	if err != nil {
		b.Fatal(err)
	}
	req := &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances",
		Params: map[string]any{"pageNumber": 1, "pageSize": 10}}
	b.ReportAllocs()
	for b.Loop() {
		var out map[string]any
		if err := c.Call(context.Background(), req, &out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallVolcengine(b *testing.B) {
	srv := benchServer(b, "volcengine")
	c, err := volcengine.New(volcengine.Config{Credentials: keys, Region: "cn-beijing"}, coreOptions(srv)...)
	if err != nil {
		b.Fatal(err)
	}
	req := &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "DescribeInstances",
		Params: map[string]any{"MaxResults": 10}}
	b.ReportAllocs()
	for b.Loop() {
		var out map[string]any
		if err := c.Call(context.Background(), req, &out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCallQingCloud(b *testing.B) {
	srv := benchServer(b, "qingcloud")
	c, err := qingcloud.New(qingcloud.Config{Credentials: keys, Zone: "pek3a"}, coreOptions(srv)...)
	if err != nil {
		b.Fatal(err)
	}
	req := &qingcloud.Request{Action: "DescribeInstances", Params: map[string]any{"limit": 10, "verbose": 1}}
	b.ReportAllocs()
	for b.Loop() {
		var out map[string]any
		if err := c.Call(context.Background(), req, &out); err != nil {
			b.Fatal(err)
		}
	}
}
