package catalog_test

import (
	"fmt"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// Walk one operation's inputs, as a command line or an emulator would.
func Example() {
	cat := catalog.New()
	svc, op, err := cat.Operation(catalog.QingCloud, "iaas", "DescribeInstances")
	if err != nil {
		panic(err)
	}
	fmt.Println(svc.Provider, svc.Name, op.Name, op.Method, op.Path)
	fmt.Println("required:", op.Required())
	status := op.InputField("status")
	fmt.Println(status.WireName, status.Type, status.Enum[:2])
	fmt.Println("pages by", op.Paging.Style, "items in", op.Paging.Items, "of", op.Paging.ItemType)
	// Output:
	// qingcloud iaas DescribeInstances GET /iaas/
	// required: [zone]
	// status list of string [pending running]
	// pages by offset items in instance_set of object Instance
}

// List what the catalog holds without decoding any service.
func ExampleCatalog_Services() {
	for _, s := range catalog.New().Services(catalog.Volcengine) {
		if s.Name == "ecs" {
			fmt.Println(s.Provider, s.Name, s.Version)
		}
	}
	// Output:
	// volcengine ecs 2020-04-01
}
