package vpc_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/vpc"
)

func ExampleClient_DescribeVpcsAll() {
	srv := typedtest.HTTPServer(func(r *typedtest.Request) (int, string) {
		if r.Query.Get("NextToken") == "" {
			return http.StatusOK, `{"ResponseMetadata":{"RequestId":"r"},"Result":{"Vpcs":[{"VpcId":"vpc-a","CidrBlock":"10.0.0.0/16"}],"NextToken":"page2"}}`
		}
		return http.StatusOK, `{"ResponseMetadata":{"RequestId":"r"},"Result":{"Vpcs":[{"VpcId":"vpc-b","CidrBlock":"172.16.0.0/12"}],"NextToken":""}}`
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
