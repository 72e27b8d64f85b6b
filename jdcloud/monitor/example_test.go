package monitor_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/monitor"
	"github.com/multicloud-go/multicloud/signer"
)

func ExampleClient_DescribeAlarmsAll() {
	srv := typedtest.HTTPServer(func(r *typedtest.Request) (int, string) {
		return http.StatusOK, `{"requestId":"r","result":{"alarmList":[{"alarmId":"alarm-1","enabled":1},{"alarmId":"alarm-2","enabled":"0"}],"total":2}}`
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
