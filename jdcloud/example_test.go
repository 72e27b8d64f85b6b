package jdcloud_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/signer"
)

// A generic call reaches any JD Cloud API, typed or not. Here a local test
// server stands in for vm.jdcloud-api.com.
func ExampleClient_Call() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.Path, r.URL.RawQuery)
		fmt.Fprint(w, `{"requestId":"c9d1","result":{"instances":[{"instanceId":"i-7f3a","status":"running"}],"totalCount":1}}`)
	}))
	defer srv.Close()

	client, err := jdcloud.New(
		jdcloud.Config{Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}), Region: "cn-north-1", Endpoint: srv.URL},
		multicloud.WithHTTPClient(srv.Client()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		Instances []struct {
			InstanceID string `json:"instanceId"`
			Status     string `json:"status"`
		} `json:"instances"`
		TotalCount int `json:"totalCount"`
	}
	err = client.Call(context.Background(), &jdcloud.Request{
		Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances",
		Params: map[string]any{"pageNumber": 1, "pageSize": 10},
	}, &out)
	if errors.Is(err, mcerrors.ErrThrottled) {
		fmt.Println("slow down")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.TotalCount, out.Instances[0].InstanceID, out.Instances[0].Status)
	// Output:
	// GET /v1/regions/cn-north-1/instances pageNumber=1&pageSize=10
	// 1 i-7f3a running
}
