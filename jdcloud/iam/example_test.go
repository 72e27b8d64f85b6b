package iam_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/iam"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_DescribeSubUsersAll() {
	srv := fakeServer(func(r *http.Request) string {
		return `{"requestId":"r","result":{"subUsers":[{"name":"alice"},{"name":"bob"}],"total":2}}`
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

// fakeServer stands in for the provider's endpoint in this example: it
// answers every request with the JSON body that answer returns. A program
// leaves Config.Endpoint empty and talks to the real API.
func fakeServer(answer func(r *http.Request) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer(r))
	}))
}
