package ecs_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

func ExampleClient_WaitInstanceStatus() {
	srv := fakeServer(func(r *http.Request) string {
		switch r.URL.Query().Get("Action") {
		case "RunInstances":
			return `{"ResponseMetadata":{"RequestId":"r"},"Result":{"InstanceIds":["i-new"]}}`
		default:
			return `{"ResponseMetadata":{"RequestId":"r"},"Result":{"Instances":[{"InstanceId":"i-new","Status":"RUNNING","Cpus":"2"}]}}`
		}
	})
	defer srv.Close()

	c, err := ecs.New(volcengine.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-beijing",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	run, err := c.RunInstances(ctx, &ecs.RunInstancesInput{
		ImageID: "image-ybqi99s7yq8rx7mnk44b", InstanceName: "web", ZoneID: "cn-beijing-a",
		NetworkInterfaces: []ecs.NetworkInterfaceForRunInstancesInput{{SubnetID: "subnet-1"}},
	})
	if err != nil {
		panic(err)
	}
	inst, err := c.WaitInstanceStatus(ctx, run.InstanceIDs[0], "RUNNING")
	if err != nil {
		panic(err)
	}
	fmt.Println(inst.InstanceID, inst.Status, inst.CPUs)
	// Output: i-new RUNNING 2
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
