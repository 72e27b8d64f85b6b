package api

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestGoName(t *testing.T) {
	for wire, want := range map[string]string{
		"regionId":                "RegionID",
		"instanceIds":             "InstanceIDs",
		"vpcIds":                  "VpcIDs",
		"VpcId":                   "VpcID",
		"InstanceIds":             "InstanceIDs",
		"OwnerIDs":                "OwnerIDs",
		"PayerID":                 "PayerID",
		"instance_id":             "InstanceID",
		"private_ips":             "PrivateIPs",
		"eip_addr":                "EipAddr",
		"ipv6Id":                  "IPv6ID",
		"Ipv6Addresses":           "IPv6Addresses",
		"ISP":                     "ISP",
		"ExtraPerformanceIOPS":    "ExtraPerformanceIOPS",
		"HTTPServer":              "HTTPServer",
		"log-bin-index":           "LogBinIndex",
		"val1":                    "Val1",
		"s2_server":               "S2Server",
		"cpu":                     "CPU",
		"NetworkAcls":             "NetworkACLs",
		"url":                     "URL",
		"tips":                    "Tips",
		"total_count":             "TotalCount",
		"9lives":                  "X9lives",
		"":                        "",
		"__":                      "",
		"HostName":                "HostName",
		"Hostname":                "Hostname",
		"TagForRunInstancesInput": "TagForRunInstancesInput",
	} {
		if got := GoName(wire); got != want {
			t.Errorf("GoName(%q) = %q, want %q", wire, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"HTTPServerID":  {"HTTP", "Server", "ID"},
		"OwnerIDs":      {"Owner", "IDs"},
		"IDsForX":       {"IDs", "For", "X"},
		"Ipv6Address":   {"Ipv6", "Address"},
		"a_b-c.d e":     {"a", "b", "c", "d", "e"},
		"lowerCamelID":  {"lower", "Camel", "ID"},
		"UPPER":         {"UPPER"},
		"ABCdef":        {"AB", "Cdef"},
		"x":             {"x"},
		"snake_case_42": {"snake", "case", "42"},
	} {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// tiny is a small valid service used by the codec and validation tests.
func tiny() *Service {
	str := TypeRef{Kind: KindString}
	item := TypeRef{Kind: KindObject, Ref: "Thing"}
	return &Service{
		Provider: ProviderJDCloud, Name: "box", Version: "v1", Endpoint: "box.example.com",
		Sources: []string{"jdcloud/box.json"},
		Operations: []Operation{
			{
				Name: "DescribeThings", HTTPMethod: "GET", Path: "/regions/{regionId}/things", Version: "v1",
				BodyEncoding: BodyNone, ReadOnly: true,
				Input: []Field{
					{WireName: "regionId", GoName: "RegionID", Location: LocationPath, Type: str, Required: true},
					{WireName: "pageNumber", GoName: "PageNumber", Location: LocationQuery, Type: TypeRef{Kind: KindInt64}},
					{WireName: "pageSize", GoName: "PageSize", Location: LocationQuery, Type: TypeRef{Kind: KindInt64}},
				},
				Output: []Field{
					{WireName: "things", GoName: "Things", Type: TypeRef{Kind: KindList, Elem: &item}},
					{WireName: "totalCount", GoName: "TotalCount", Type: TypeRef{Kind: KindInt64}},
				},
				Paging: &Paging{
					Style: StylePage, PageNumber: "pageNumber", PageSize: "pageSize", Total: "totalCount",
					Items: "things", ItemType: item, MaxPageSize: 100, MaxPageSizeFrom: PageSizeFromSpec,
				},
			},
			{
				Name: "StartThing", HTTPMethod: "POST", Path: "/things/{id}:start", Version: "v1",
				BodyEncoding: BodyJSON,
				Input: []Field{
					{WireName: "id", GoName: "ID", Location: LocationPath, Type: str, Required: true},
					{WireName: "why", GoName: "Why", Location: LocationBody, Type: str, Enum: []string{"a", "b & <c>"}},
				},
				Output: []Field{},
			},
		},
		Types: []Type{{GoName: "Thing", SpecName: "box.Thing", Fields: []Field{
			{WireName: "name", GoName: "Name", Type: str},
			{WireName: "tags", GoName: "Tags", Type: TypeRef{Kind: KindMap, Elem: &str}},
		}}},
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	s := tiny()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.Contains(data, []byte(`\u003c`)) {
		t.Errorf("layout: want a trailing newline and no HTML escaping:\n%s", data)
	}
	// One line per field.
	if !bytes.Contains(data, []byte("\n    {\"wireName\":\"regionId\",\"goName\":\"RegionID\",\"location\":\"path\",\"type\":{\"kind\":\"string\"},\"required\":true},\n")) {
		t.Errorf("fields are not one per line:\n%s", data)
	}
	back, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("round trip changed the encoding:\n%s\n---\n%s", data, again)
	}
	if back.Type("Thing") == nil || back.Type("Nope") != nil || back.Operation("StartThing") == nil {
		t.Error("lookups")
	}
}

func TestDecodeRejectsUnknownMembers(t *testing.T) {
	data, err := Marshal(tiny())
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"wireName":"name",`), []byte(`"wireName":"name","doc":"prose",`), 1)
	if _, err := Decode(bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), "doc") {
		t.Errorf("Decode with a doc member: err = %v", err)
	}
}

func TestValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Service)
		want string
	}{
		"bad provider":     {func(s *Service) { s.Provider = "aws" }, "unknown provider"},
		"bad op name":      {func(s *Service) { s.Operations[0].Name = "describe" }, "not an exported Go identifier"},
		"unsorted ops":     {func(s *Service) { s.Operations[0], s.Operations[1] = s.Operations[1], s.Operations[0] }, "not sorted"},
		"bad go name":      {func(s *Service) { s.Types[0].Fields[0].GoName = "func" }, "not an exported Go identifier"},
		"dup field":        {func(s *Service) { s.Types[0].Fields[1].GoName = "Name" }, "duplicate name"},
		"dangling ref":     {func(s *Service) { s.Types[0].GoName = "Other" }, "does not resolve"},
		"unreachable type": {func(s *Service) { s.Types = append(s.Types, Type{GoName: "Zed", SpecName: "z"}) }, "not reachable"},
		"reserved type":    {func(s *Service) { s.Types = append([]Type{{GoName: "Client"}}, s.Types...) }, "reserved"},
		"op type clash": {func(s *Service) {
			s.Types = append(s.Types, Type{GoName: "StartThingInput"})
		}, "clashes"},
		"missing location": {func(s *Service) { s.Operations[0].Input[1].Location = "" }, "location"},
		"output location":  {func(s *Service) { s.Operations[0].Output[1].Location = LocationQuery }, "location"},
		"path mismatch":    {func(s *Service) { s.Operations[0].Path = "/things" }, "placeholders"},
		"body on GET":      {func(s *Service) { s.Operations[0].Input[1].Location = LocationBody }, "body"},
		"unknown kind":     {func(s *Service) { s.Types[0].Fields[0].Type.Kind = "int32" }, "unknown kind"},
		"list no elem":     {func(s *Service) { s.Operations[0].Output[0].Type.Elem = nil }, "needs elem"},
		"paging field":     {func(s *Service) { s.Operations[0].Paging.PageSize = "size" }, "not an input"},
		"paging items": {func(s *Service) {
			s.Operations[0].Paging.ItemType = TypeRef{Kind: KindString}
		}, "not a list of the item type"},
		"paging max": {func(s *Service) { s.Operations[0].Paging.MaxPageSizeFrom = "" }, "max page size"},
	} {
		t.Run(name, func(t *testing.T) {
			s := tiny()
			tc.edit(s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidateNewShapes(t *testing.T) {
	s := &Service{
		Provider: ProviderVolcengine, Name: "storage_ebs", Package: "storageebs", Version: "2020-04-01", Endpoint: "e",
		Operations: []Operation{{
			Name: "HeadThing", HTTPMethod: "HEAD", Path: "/", BodyEncoding: BodyNone,
			Input:  []Field{{WireName: "Size", GoName: "Size", Location: LocationQuery, Type: TypeRef{Kind: KindInt64}, Min: "1", Max: "10"}},
			Output: []Field{},
		}},
		Types: []Type{},
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("a service name with _, its package name, HEAD and a range: %v", err)
	}
	if s.PackageName() != "storageebs" {
		t.Errorf("PackageName() = %q", s.PackageName())
	}
	bad := *s
	bad.Package = "storage_ebs"
	if bad.Validate() == nil {
		t.Error("a package name with _ passes")
	}
	bad.Package = "storage_ebs"
	bad.Name = "storage_ebs"
	if bad.Validate() == nil {
		t.Error("a package equal to the name passes")
	}
	bad = *s
	bad.Operations = []Operation{s.Operations[0]}
	bad.Operations[0].Input = []Field{{WireName: "Size", GoName: "Size", Location: LocationQuery, Type: TypeRef{Kind: KindInt64}, Max: "ten"}}
	if bad.Validate() == nil {
		t.Error("a range bound that is no number passes")
	}
}
