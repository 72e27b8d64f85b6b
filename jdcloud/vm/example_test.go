package vm_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/signer"
)

// fakeVM lists two pages of instances and reports i-1 running.
func fakeVM() *httptest.Server {
	return fakeServer(func(r *http.Request) string {
		switch {
		case strings.HasSuffix(r.URL.Path, "/instances/i-1"):
			return `{"requestId":"r","result":{"instance":{"instanceId":"i-1","status":"running"}}}`
		case r.URL.Query().Get("pageNumber") == "1":
			return `{"requestId":"r","result":{"instances":[{"instanceId":"i-1","status":"running"},{"instanceId":"i-2","status":"stopped"}],"totalCount":3}}`
		default:
			return `{"requestId":"r","result":{"instances":[{"instanceId":"i-3","status":"running"}],"totalCount":3}}`
		}
	})
}

func newClient(endpoint string) *vm.Client {
	c, err := vm.New(jdcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-north-1",
		Endpoint:    endpoint,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	return c
}

func ExampleClient_DescribeInstancesAll() {
	srv := fakeVM()
	defer srv.Close()
	c := newClient(srv.URL)

	// Pages of 2 here; left unset, the page size is 100, the maximum.
	in := &vm.DescribeInstancesInput{PageSize: multicloud.Ptr[int64](2)}
	for inst, err := range c.DescribeInstancesAll(context.Background(), in) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(inst.InstanceID, inst.Status)
	}
	// Output:
	// i-1 running
	// i-2 stopped
	// i-3 running
}

func ExampleClient_WaitInstanceStatus() {
	srv := fakeVM()
	defer srv.Close()
	c := newClient(srv.URL)

	inst, err := c.WaitInstanceStatus(context.Background(), "i-1", "running")
	if err != nil {
		panic(err)
	}
	fmt.Println(inst.InstanceID, inst.Status)
	// Output: i-1 running
}

func ExampleClient_DescribeInstance_callOptions() {
	srv := fakeVM()
	defer srv.Close()
	c := newClient(srv.URL)

	// Options after the input change this call only.
	out, err := c.DescribeInstance(context.Background(), &vm.DescribeInstanceInput{InstanceID: "i-1"},
		multicloud.WithCallAttemptTimeout(5*time.Second),
		multicloud.WithCallHeader("X-Trace-Id", "deploy-42"),
		multicloud.WithCallRetry(multicloud.RetryPolicy{MaxAttempts: 5}),
	)
	if err != nil {
		panic(err)
	}
	// ResultMetadata names the request that succeeded.
	fmt.Println(out.Instance.Status, out.ResultMetadata.RequestID, out.ResultMetadata.Attempts)
	// Output: running r 1
}

func ExampleClient_zeroValue() {
	var c vm.Client // not made with vm.New
	_, err := c.DescribeInstances(context.Background(), nil)
	fmt.Println(errors.Is(err, mcerrors.ErrInvalidArgument))
	// Output: true
}

// fakeServer stands in for the provider's endpoint in this example: it
// answers every request with the JSON body that answer returns. A program
// leaves Config.Endpoint empty and talks to the real API.
func fakeServer(answer func(r *http.Request) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer(r))
	}))
}
