package volcengine_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
)

// A generic call reaches any Volcengine action; here ListBill, which billing
// takes as a POST with a JSON body. A local test server stands in for
// open.volcengineapi.com.
func ExampleClient_Call() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.RawQuery)
		fmt.Fprint(w, `{"ResponseMetadata":{"RequestId":"2026112208","Action":"ListBill"},"Result":{"List":[{"Product":"ECS","PayableAmount":"12.50"}],"Total":1}}`)
	}))
	defer srv.Close()

	client, err := volcengine.New(
		volcengine.Config{Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}), Region: "cn-beijing", Endpoint: srv.URL},
		multicloud.WithHTTPClient(srv.Client()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		List []struct {
			Product       string
			PayableAmount string
		}
		Total int
	}
	err = client.Call(context.Background(), &volcengine.Request{
		Service: "billing", Version: "2022-01-01", Action: "ListBill", Method: "POST",
		Params: map[string]any{"BillPeriod": "2026-10", "Limit": 10, "NeedRecordNum": 1},
	}, &out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Total, out.List[0].Product, out.List[0].PayableAmount)
	// Output:
	// POST Action=ListBill&Version=2022-01-01
	// 1 ECS 12.50
}
