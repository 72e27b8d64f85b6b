package disk_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/disk"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_DescribeDisksAll() {
	srv := fakeServer(func(r *http.Request) string {
		return `{"requestId":"r","result":{"disks":[{"diskId":"vol-1","diskSizeGB":40,"status":"in-use"},{"diskId":"vol-2","diskSizeGB":100,"status":"available"}],"totalCount":2}}`
	})
	defer srv.Close()

	c, err := disk.New(jdcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-north-1",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	in := &disk.DescribeDisksInput{Filters: []disk.Filter{{Name: "diskType", Values: []string{"ssd.gp1"}}}}
	for d, err := range c.DescribeDisksAll(context.Background(), in) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(d.DiskID, d.DiskSizeGB, d.Status)
	}
	// Output:
	// vol-1 40 in-use
	// vol-2 100 available
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
