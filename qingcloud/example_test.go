package qingcloud_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/signer"
)

// A generic call reaches any QingCloud action. Parameters are flattened the
// QingCloud way (instances.1, instances.2) and the response's fields decode
// from the top level. A local test server stands in for api.qingcloud.com.
func ExampleClient_Call() {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Println(q.Get("action"), q.Get("zone"), q["instances.1"], q["instances.2"], q.Get("version"))
		fmt.Fprint(w, `{"action":"DescribeInstancesResponse","instance_set":[{"instance_id":"i-abc","status":"running"}],"total_count":1,"ret_code":0}`)
	}))
	defer srv.Close()

	client, err := qingcloud.New(
		qingcloud.Config{Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}), Zone: "pek3a", Endpoint: srv.URL + "/iaas/"},
		multicloud.WithHTTPClient(srv.Client()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct {
		InstanceSet []struct {
			InstanceID string `json:"instance_id"`
			Status     string `json:"status"`
		} `json:"instance_set"`
		TotalCount int `json:"total_count"`
	}
	err = client.Call(context.Background(), &qingcloud.Request{
		Action: "DescribeInstances",
		Params: map[string]any{"instances": []string{"i-abc", "i-def"}, "verbose": true},
	}, &out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.TotalCount, out.InstanceSet[0].InstanceID, out.InstanceSet[0].Status)
	// Output:
	// DescribeInstances pek3a [i-abc] [i-def] 1
	// 1 i-abc running
}
