package vm

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-querystring/query"

	"github.com/multicloud-go/multicloud/internal/params"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// The encoding benchmarks compare three ways to turn a typed input into the
// sorted query parameters the plumbing signs: the generated encoder (what
// the package uses), the plumbing's reflection path (a JSON round trip
// through internal/params), and github.com/google/go-querystring with
// query.Encoder list types, which needs the mirror types below because its
// own list forms are name=a&name=b or name0, name1, never name.1.

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

// qsList is a go-querystring list of strings sent as name.1, name.2, ...
type qsList []string

func (l qsList) EncodeValues(key string, v *url.Values) error {
	for i, s := range l {
		v.Add(key+"."+strconv.Itoa(i+1), s)
	}
	return nil
}

// qsObjects is a go-querystring list of objects sent as name.N.field.
type qsObjects[T any] []T

func (l qsObjects[T]) EncodeValues(key string, v *url.Values) error {
	for i := range l {
		inner, err := query.Values(l[i])
		if err != nil {
			return err
		}
		for k, vs := range inner {
			for _, s := range vs {
				v.Add(key+"."+strconv.Itoa(i+1)+"."+k, s)
			}
		}
	}
	return nil
}

type qsFilter struct {
	Name     string  `url:"name"`
	Operator *string `url:"operator,omitempty"`
	Values   qsList  `url:"values,omitempty"`
}

type qsTagFilter struct {
	Key    *string `url:"key,omitempty"`
	Values qsList  `url:"values,omitempty"`
}

type qsDescribeInstances struct {
	PageNumber *int64                 `url:"pageNumber,omitempty"`
	PageSize   *int64                 `url:"pageSize,omitempty"`
	Tags       qsObjects[qsTagFilter] `url:"tags,omitempty"`
	Filters    qsObjects[qsFilter]    `url:"filters,omitempty"`
}

func qsInput(in *DescribeInstancesInput) *qsDescribeInstances {
	out := &qsDescribeInstances{PageNumber: in.PageNumber, PageSize: in.PageSize}
	for _, f := range in.Filters {
		out.Filters = append(out.Filters, qsFilter{Name: f.Name, Operator: f.Operator, Values: f.Values})
	}
	for _, t := range in.Tags {
		out.Tags = append(out.Tags, qsTagFilter{Key: t.Key, Values: t.Values})
	}
	return out
}

// TestEncodingsAgree checks that the three encodings send the same query.
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
	qs, err := query.Values(qsInput(in))
	if err != nil {
		t.Fatal(err)
	}
	viaQS, _ := params.Flatten(nil, qs, params.Options{})
	if len(generated) != 15 {
		t.Fatalf("generated %d parameters: %v", len(generated), generated)
	}
	for i := range generated {
		if generated[i] != reflected[i] || generated[i] != viaQS[i] {
			t.Fatalf("parameter %d: generated %v, reflection %v, go-querystring %v", i, generated[i], reflected[i], viaQS[i])
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
	qin := qsInput(in)
	b.Run("go-querystring", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := query.Values(qin)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := params.Flatten(nil, v, params.Options{}); err != nil {
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
