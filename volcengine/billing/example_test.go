package billing_test

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
	"github.com/multicloud-go/multicloud/volcengine/billing"
)

func ExampleClient_ListBillAll() {
	srv := fakeServer(func(r *http.Request) string {
		return `{"ResponseMetadata":{"RequestId":"r","Action":"ListBill"},"Result":{"List":[
			{"BillID":"Bill-1","Product":"ECS","PayableAmount":"5.04"},
			{"BillID":"Bill-2","Product":"VPC","PayableAmount":"0.60"}],"Total":0,"Limit":100,"Offset":0}}`
	})
	defer srv.Close()

	c, err := billing.New(volcengine.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-beijing",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	// Limit is required (at most 300, the docs say); the pages follow Offset.
	in := &billing.ListBillInput{BillPeriod: "2024-05", Limit: multicloud.Ptr[int64](100)}
	for b, err := range c.ListBillAll(context.Background(), in) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(b.BillID, b.Product, b.PayableAmount)
	}
	// Output:
	// Bill-1 ECS 5.04
	// Bill-2 VPC 0.60
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
