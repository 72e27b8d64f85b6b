package iam_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/iam"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_DescribeSubUsersAll() {
	srv := typedtest.HTTPServer(func(r *typedtest.Request) (int, string) {
		return http.StatusOK, `{"requestId":"r","result":{"subUsers":[{"name":"alice"},{"name":"bob"}],"total":2}}`
	})
	defer srv.Close()

	c, err := iam.New(jdcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	for u, err := range c.DescribeSubUsersAll(context.Background(), nil) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(u.Name)
	}
	// Output:
	// alice
	// bob
}
