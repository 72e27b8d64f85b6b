package lenient_test

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine/billing"
)

// FuzzUnmarshal decodes arbitrary bytes into generated output types of the
// three clouds, as the typed services do with every answer. It must not
// panic; whatever encoding/json accepts must decode to exactly what
// encoding/json gives; and a well-formed JSON object must never fail to
// decode (a value that cannot be coerced is left out, not fatal).
func FuzzUnmarshal(f *testing.F) {
	// Seeds: the providers' documented bodies, kept beside the typed
	// services, and the inconsistencies the providers are known for.
	for _, path := range []string{
		"../../qingcloud/iaas/testdata/describe_instances.json",
		"../../jdcloud/vm/testdata/describe_instances.json",
		"../../volcengine/billing/testdata/list_bill.json",
	} {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{"instance_set":[{"instance_id":12345678901,"vcpus_current":"4","memory_current":"2040.000000","create_time":"",` +
			`"eip":{"bandwidth":"50"},"vxnets":{"vxnet_id":"single"},"volume_ids":"vol-1"}],"total_count":"2"}`,
		`{"result":{"instances":[{"instanceId":"i-1","systemDisk":"{\"diskCategory\":\"local\"}","launchTime":"2024-01-02 03:04:05"}],"totalCount":1.0}}`,
		`{"Result":{"List":[{"BillID":1,"PayableAmount":12.5,"ExpenseBeginTime":"2024-05-01 00:00:00"}],"Total":"3","Limit":null}}`,
		`{"total_count":1e400}`, `{"instance_set":[null,1,"x",[]]}`, `[]`, `"text"`, `null`, `{`,
	} {
		f.Add([]byte(s))
	}
	type jdOut struct {
		Result vm.DescribeInstancesOutput `json:"result"`
	}
	type volcOut struct {
		Result billing.ListBillOutput `json:"Result"`
	}
	targets := []func() any{
		func() any { return new(iaas.DescribeInstancesOutput) },
		func() any { return new(jdOut) },
		func() any { return new(volcOut) },
		func() any { return new(map[string]any) },
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		object := json.Valid(data) && isObject(data)
		for _, newTarget := range targets {
			got, strict := newTarget(), newTarget()
			err := lenient.Unmarshal(data, got)
			if json.Unmarshal(data, strict) == nil {
				if err != nil {
					t.Fatalf("%T: encoding/json accepts %q, lenient fails: %v", got, data, err)
				}
				if !reflect.DeepEqual(got, strict) {
					t.Fatalf("%T: %q decodes to %+v, encoding/json gives %+v", got, data, got, strict)
				}
				continue
			}
			if object && err != nil {
				t.Fatalf("%T: a JSON object %q fails: %v", got, data, err)
			}
		}
	})
}

func isObject(data []byte) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(data, &m) == nil
}
