package vpc_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vpc"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_CreateVpc() {
	srv := fakeServer(func(r *http.Request) string {
		return `{"requestId":"r","result":{"vpcId":"vpc-8bw7jsewkp"}}`
	})
	defer srv.Close()

	c, err := vpc.New(jdcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-north-1",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	out, err := c.CreateVpc(context.Background(), &vpc.CreateVpcInput{VpcName: "prod", AddressPrefix: multicloud.Ptr("10.0.0.0/16")})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.VpcID)

	// A required field left out is refused before anything is sent.
	_, err = c.CreateVpc(context.Background(), &vpc.CreateVpcInput{AddressPrefix: multicloud.Ptr("10.0.0.0/16")})
	fmt.Println(err)
	// Output:
	// vpc-8bw7jsewkp
	// jdcloud vpc/CreateVpc: InvalidArgument: required field vpcName is not set
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
