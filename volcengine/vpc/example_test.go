package vpc_test

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
	"github.com/multicloud-go/multicloud/volcengine/vpc"
)

func ExampleClient_DescribeVpcsAll() {
	srv := fakeServer(func(r *http.Request) string {
		if r.URL.Query().Get("NextToken") == "" {
			return `{"ResponseMetadata":{"RequestId":"r"},"Result":{"Vpcs":[{"VpcId":"vpc-a","CidrBlock":"10.0.0.0/16"}],"NextToken":"page2"}}`
		}
		return `{"ResponseMetadata":{"RequestId":"r"},"Result":{"Vpcs":[{"VpcId":"vpc-b","CidrBlock":"172.16.0.0/12"}],"NextToken":""}}`
	})
	defer srv.Close()

	c, err := vpc.New(volcengine.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-beijing",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	for v, err := range c.DescribeVpcsAll(context.Background(), nil) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(v.VpcID, v.CidrBlock)
	}
	// Output:
	// vpc-a 10.0.0.0/16
	// vpc-b 172.16.0.0/12
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
