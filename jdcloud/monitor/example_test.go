package monitor_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/monitor"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_DescribeAlarmsAll() {
	srv := fakeServer(func(r *http.Request) string {
		return `{"requestId":"r","result":{"alarmList":[{"alarmId":"alarm-1","enabled":1},{"alarmId":"alarm-2","enabled":"0"}],"total":2}}`
	})
	defer srv.Close()

	c, err := monitor.New(jdcloud.Config{
		Credentials: credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"}),
		Region:      "cn-north-1",
		Endpoint:    srv.URL,
	}, multicloud.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	for a, err := range c.DescribeAlarmsAll(context.Background(), &monitor.DescribeAlarmsInput{ServiceCode: multicloud.Ptr("vm")}) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(a.AlarmID, a.Enabled)
	}
	// Output:
	// alarm-1 1
	// alarm-2 0
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
