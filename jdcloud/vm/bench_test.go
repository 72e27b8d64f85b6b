package vm

import (
	"context"
	"testing"

	"github.com/multicloud-go/multicloud/internal/params"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// The encoding benchmarks compare two ways to turn a typed input into the
// sorted query parameters the plumbing signs: the generated encoder (what
// the package uses) and the plumbing's reflection path (a JSON round trip
// through internal/params). github.com/google/go-querystring was measured
// too, with query.Encoder list types, and was slower than both (its own list
// forms are name=a&name=b or name0, name1, never name.1); it is not a
// dependency.

func benchInput() *DescribeInstancesInput {
	return &DescribeInstancesInput{
		RegionID:   "cn-north-1",
		PageNumber: ptr[int64](3),
		PageSize:   ptr[int64](100),
		Filters: []Filter{
			{Name: "instanceId", Values: []string{"i-5n2vgcesdj", "i-7d2f8s0kqz", "i-9x1m3c7vbn"}},
			{Name: "status", Operator: ptr("eq"), Values: []string{"running", "stopped"}},
			{Name: "vpcId", Values: []string{"vpc-8bw7jsewkp"}},
		},
		Tags: []TagFilter{{Key: ptr("env"), Values: []string{"prod", "staging"}}},
	}
}

// TestEncodingsAgree checks that the two encodings send the same query.
func TestEncodingsAgree(t *testing.T) {
	in := benchInput()
	e := wire.New(wire.Query, wire.Dotted)
	in.encode(e)
	generated, err := params.Flatten(nil, e.Values(), params.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reflected, err := params.Flatten(nil, struct {
		*DescribeInstancesInput
		RegionID string `json:"regionId,omitempty"` // a path parameter
	}{DescribeInstancesInput: in}, params.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(generated) != 15 {
		t.Fatalf("generated %d parameters: %v", len(generated), generated)
	}
	for i := range generated {
		if generated[i] != reflected[i] {
			t.Fatalf("parameter %d: generated %v, reflection %v", i, generated[i], reflected[i])
		}
	}
}

func BenchmarkEncodeQuery(b *testing.B) {
	in := benchInput()
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e := wire.New(wire.Query, wire.Dotted)
			in.encode(e)
			if _, err := params.Flatten(nil, e.Values(), params.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reflection-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := params.Flatten(nil, in, params.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchCreate() *CreateInstancesInput {
	return &CreateInstancesInput{
		RegionID: "cn-north-1",
		MaxCount: ptr[int64](2),
		InstanceSpec: &InstanceSpec{
			Name: "web", InstanceType: ptr("g.n2.medium"), ImageID: ptr("img-m5s0vr7a3w"), Az: ptr("cn-north-1a"),
			PrimaryNetworkInterface: &InstanceNetworkInterfaceAttachmentSpec{
				NetworkInterface: &NetworkInterfaceSpec{SubnetID: "subnet-1", SecurityGroups: []string{"sg-1", "sg-2"}},
			},
			SystemDisk: &InstanceDiskAttachmentSpec{DiskCategory: ptr("cloud"), CloudDiskSpec: &DiskSpec{Az: "cn-north-1a", Name: "sys", DiskType: "ssd.gp1", DiskSizeGB: ptr[int64](40)}},
			DataDisks:  []InstanceDiskAttachmentSpec{{DiskCategory: ptr("local")}, {DiskCategory: ptr("cloud")}},
			UserTags:   []Tag{{Key: ptr("env"), Value: ptr("prod")}},
			NoPassword: ptr(true),
		},
	}
}

func BenchmarkEncodeJSONBody(b *testing.B) {
	in := benchCreate()
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e := wire.New(wire.JSON, wire.Dotted)
			in.encode(e)
			_ = e.Body()
		}
	})
	b.Run("reflection-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := params.JSONBody(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCall is one whole DescribeInstances call: encode, sign, send
// through an httpmock transport, decode a one-instance result, so that the
// encoding can be seen as a share of a call.
func BenchmarkCall(b *testing.B) {
	body := `{"requestId":"r","result":{"instances":[{"instanceId":"i-5n2vgcesdj","status":"running","privateIpAddress":"10.0.0.4"}],"totalCount":1}}`
	srv, opts := typedtest.New(typedtest.Reply(body))
	srv.Forget()
	c, err := New(jdcloudConfig(), opts...)
	if err != nil {
		b.Fatal(err)
	}
	in := benchInput()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.DescribeInstances(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

func jdcloudConfig() jdcloud.Config {
	return jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}
}
