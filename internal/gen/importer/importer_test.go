package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the fixtures")

// fixtureConfig names the hand-written fixtures under testdata/specs: one
// tiny service per provider, each exercising the quirks of its source.
var fixtureConfig = Config{
	JDCloud:    []string{"box"},
	Volcengine: []VolcengineService{{"box", "2024-01-01"}},
	QingCloud:  "qingcloud/swagger/api.json",
}

func importFixtures(t *testing.T) map[string]*api.Service {
	t.Helper()
	svcs, err := Import(os.DirFS("testdata/specs"), fixtureConfig)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]*api.Service)
	for _, s := range svcs {
		out[s.Provider] = s
	}
	return out
}

// TestGolden compares the fixtures' descriptions with testdata/golden
// (go test -update rewrites them) and checks a second import gives the same
// bytes.
func TestGolden(t *testing.T) {
	first := importFixtures(t)
	second := importFixtures(t)
	for prov, s := range first {
		got, err := api.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		again, err := api.Marshal(second[prov])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, again) {
			t.Errorf("%s: two imports differ", prov)
		}
		golden := filepath.Join("testdata", "golden", prov, s.Name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the import; run go test -update and review the diff\n%s", golden, got)
		}
	}
}

func field(t *testing.T, fs []api.Field, wire string) api.Field {
	t.Helper()
	for _, f := range fs {
		if f.WireName == wire {
			return f
		}
	}
	t.Fatalf("no field %q", wire)
	return api.Field{}
}

func op(t *testing.T, s *api.Service, name string) *api.Operation {
	t.Helper()
	o := s.Operation(name)
	if o == nil {
		t.Fatalf("%s: no operation %s", s.Provider, name)
	}
	return o
}

func hasNote(s *api.Service, substr string) bool {
	return slices.ContainsFunc(s.Notes, func(n string) bool { return strings.Contains(n, substr) })
}

func TestJDCloud(t *testing.T) {
	s := importFixtures(t)[api.ProviderJDCloud]
	if s.Name != "box" || s.Endpoint != "box.example.com" || s.SigningName != "box" || s.ResultField != "result" {
		t.Errorf("service: %+v", s)
	}

	o := op(t, s, "CreateBox")
	if o.HTTPMethod != "POST" || o.Version != "v2" || o.BodyEncoding != api.BodyJSON || o.ReadOnly || o.Paging != nil {
		t.Errorf("CreateBox: %+v", o)
	}
	if f := field(t, o.Input, "boxId"); f.GoName != "BoxID" || f.Location != api.LocationPath || !f.Required {
		t.Errorf("boxId: %+v", f)
	}
	if f := field(t, o.Input, "labels"); f.Type.Kind != api.KindMap || f.Type.Elem.Kind != api.KindString || f.Location != api.LocationBody {
		t.Errorf("labels: %+v", f)
	}
	// A model named like the operation's input type is renamed.
	if f := field(t, o.Input, "extra"); f.Type.Ref != "CreateBoxInput2" {
		t.Errorf("extra refers to %q", f.Type.Ref)
	}

	o = op(t, s, "DescribeBoxes")
	if !o.ReadOnly || o.Path != "/regions/{regionId}/boxes/" {
		t.Errorf("DescribeBoxes: %+v", o)
	}
	p := o.Paging
	if p == nil || p.Style != api.StylePage || p.Total != "totalCount" || p.Items != "boxes" ||
		p.ItemType.Ref != "Box" || p.MaxPageSize != 50 || p.MaxPageSizeFrom != api.PageSizeFromSpec {
		t.Errorf("DescribeBoxes paging: %+v", p)
	}
	p = op(t, s, "ListTags").Paging
	if p == nil || p.Total != "total" || p.ItemType.Ref != "OtherTag" || p.MaxPageSize != 100 || p.MaxPageSizeFrom != api.PageSizeFromProvider {
		t.Errorf("ListTags paging: %+v", p)
	}
	if op(t, s, "ExportBoxes").Paging != nil || !hasNote(s, "ExportBoxes has pageNumber and pageSize") {
		t.Error("ExportBoxes is not a list operation and is noted")
	}

	box := s.Type("Box")
	if box == nil {
		t.Fatal("no Box type")
	}
	if f := field(t, box.Fields, "children"); f.Type.Elem.Ref != "Box" {
		t.Errorf("recursive children: %+v", f)
	}
	if f := field(t, box.Fields, "tag"); f.Type.Ref != "Tag" {
		t.Errorf("own-package Tag keeps its name: %+v", f)
	}
	if f := field(t, box.Fields, "meta"); f.Type.Kind != api.KindAny {
		t.Errorf("meta: %+v", f)
	}
	if f := field(t, s.Type("BoxSpec").Fields, "ipIds"); f.GoName != "IPIDs" || !field(t, s.Type("BoxSpec").Fields, "name").Required {
		t.Errorf("BoxSpec: %+v", s.Type("BoxSpec"))
	}
	if s.Type("Unused") != nil {
		t.Error("unreachable model kept")
	}
	if !hasNote(s, "model other.Tag is named OtherTag") {
		t.Errorf("notes: %q", s.Notes)
	}
}

func TestVolcengine(t *testing.T) {
	s := importFixtures(t)[api.ProviderVolcengine]
	if s.Version != "2024-01-01" || s.ResultField != "Result" || s.Endpoint != volcengineEndpoint {
		t.Errorf("service: %+v", s)
	}

	o := op(t, s, "DescribeBoxes")
	if o.HTTPMethod != "GET" || o.Path != "/" || o.Action != "DescribeBoxes" || o.Version != "2024-01-01" || o.BodyEncoding != api.BodyNone {
		t.Errorf("DescribeBoxes: %+v", o)
	}
	if f := field(t, o.Input, "BoxIds"); f.GoName != "BoxIDs" || f.Location != api.LocationQuery || f.Type.Kind != api.KindList {
		t.Errorf("BoxIds: %+v", f)
	}
	if f := field(t, o.Input, "Tags"); f.Type.Elem.Ref != "TagForDescribeBoxesInput" {
		t.Errorf("Tags: %+v", f)
	}
	if f := field(t, s.Type("TagForDescribeBoxesInput").Fields, "Key"); !f.Required {
		t.Errorf("Tag.Key: %+v", f)
	}
	p := o.Paging
	if p == nil || p.Style != api.StyleToken || !slices.Equal(p.AlsoAccepts, []string{api.StylePage}) ||
		p.NextToken != "NextToken" || p.MaxResults != "MaxResults" || p.PageSize != "PageSize" ||
		p.Total != "TotalCount" || p.Items != "Boxes" || p.ItemType.Ref != "BoxForDescribeBoxesOutput" || p.MaxPageSize != 0 {
		t.Errorf("DescribeBoxes paging: %+v", p)
	}
	item := s.Type("BoxForDescribeBoxesOutput")
	if item == nil {
		t.Fatalf("types: %v", s.Types)
	}
	if f := field(t, item.Fields, "Tags"); f.Type.Elem.Ref != "TagForDescribeBoxesOutput" {
		t.Errorf("item Tags: %+v", f)
	}
	if f := field(t, item.Fields, "Spec"); f.Type.Ref != "SpecForDescribeBoxesOutput" {
		t.Errorf("item Spec: %+v", f)
	}
	if f := field(t, item.Fields, "Ips"); f.GoName != "IPs" || f.Type.Elem.Kind != api.KindString {
		t.Errorf("item Ips: %+v", f)
	}

	o = op(t, s, "ListBoxBills")
	if o.HTTPMethod != "POST" || o.BodyEncoding != api.BodyJSON || field(t, o.Input, "Limit").Location != api.LocationBody {
		t.Errorf("ListBoxBills: %+v", o)
	}
	p = o.Paging
	if p == nil || p.Style != api.StyleOffset || p.Offset != "Offset" || p.Limit != "Limit" || p.Total != "Total" || p.TotalRequires != "NeedRecordNum" {
		t.Errorf("ListBoxBills paging: %+v", p)
	}
	// List[] inside List[]: the outer item keeps the plain name.
	if p.ItemType.Ref != "ListForListBoxBillsOutput" ||
		field(t, s.Type("ListForListBoxBillsOutput").Fields, "List").Type.Elem.Ref != "ListListForListBoxBillsOutput" {
		t.Errorf("nested List names: %+v", s.Types)
	}

	o = op(t, s, "CreateBox")
	if o.ReadOnly || o.Paging != nil || len(o.Output) != 0 {
		t.Errorf("CreateBox: %+v", o)
	}
	if f := field(t, o.Input, "Count"); !f.Required || f.Type.Kind != api.KindInt64 || f.Type.Format != "int64" {
		t.Errorf("Count: %+v", f)
	}
	spec := s.Type("SpecForCreateBoxInput")
	if f := field(t, spec.Fields, "Size"); f.Type.Kind != api.KindInt64 || f.Type.Format != "json_number" {
		t.Errorf("json_number Size: %+v", f)
	}

	o = op(t, s, "SubmitForm")
	if o.BodyEncoding != api.BodyForm || field(t, o.Input, "Name").Location != api.LocationBody {
		t.Errorf("SubmitForm: %+v", o)
	}
	if f := field(t, o.Output, "Extra"); f.Type.Kind != api.KindAny {
		t.Errorf("Extra: %+v", f)
	}
	if f := field(t, o.Output, "Labels"); f.Type.Kind != api.KindMap {
		t.Errorf("Labels: %+v", f)
	}
	for _, n := range []string{"CreateBox: a request field typed string with format json_number", "IsEnum", "SubmitForm: request fields differ", "response object Extra has no fields"} {
		if !hasNote(s, n) {
			t.Errorf("no note %q in %q", n, s.Notes)
		}
	}
}

func TestQingCloud(t *testing.T) {
	s := importFixtures(t)[api.ProviderQingCloud]
	if s.Name != "box" || s.Version != "2020-01-01" || s.Endpoint != "api.example.com" || s.ResultField != "" || s.SigningName != "" {
		t.Errorf("service: %+v", s)
	}
	if len(s.Operations) != 4 || s.Operation("CloneBoxes") != nil || !hasNote(s, "box.json#/CloneBoxes is not listed") {
		t.Errorf("operations: %d, notes %q", len(s.Operations), s.Notes)
	}
	wantSources := []string{"qingcloud/swagger/api.json", "qingcloud/swagger/box.json", "qingcloud/swagger/definitions.json", "qingcloud/swagger/parameters.json"}
	if !slices.Equal(s.Sources, wantSources) {
		t.Errorf("sources %q", s.Sources)
	}

	o := op(t, s, "DescribeBoxes")
	if o.HTTPMethod != "GET" || o.Path != "/box/" || o.Action != "DescribeBoxes" || o.Version != "" || !o.ReadOnly {
		t.Errorf("DescribeBoxes: %+v", o)
	}
	if f := field(t, o.Input, "zone"); !f.Required || f.Location != api.LocationQuery {
		t.Errorf("merged zone: %+v", f)
	}
	if f := field(t, o.Input, "status"); !slices.Equal(f.Enum, []string{"pending", "running"}) {
		t.Errorf("status: %+v", f)
	}
	if f := field(t, o.Input, "verbose"); !slices.Equal(f.Enum, []string{"0", "1"}) {
		t.Errorf("verbose: %+v", f)
	}
	if f := field(t, o.Input, "since"); f.Type.Kind != api.KindTime || f.Type.Format != "date-time" {
		t.Errorf("since: %+v", f)
	}
	if f := field(t, o.Input, "limit"); f.Default != "20" {
		t.Errorf("limit: %+v", f)
	}
	if hasField(o.Output, "action") || hasField(o.Output, "ret_code") {
		t.Errorf("envelope members in output: %+v", o.Output)
	}
	p := o.Paging
	if p == nil || p.Style != api.StyleOffset || p.Total != "total_count" || p.Items != "box_set" || p.ItemType.Ref != "Box" || p.MaxPageSize != 100 {
		t.Errorf("DescribeBoxes paging: %+v", p)
	}

	box := s.Type("Box")
	if box == nil || field(t, box.Fields, "parent").Type.Ref != "Box" {
		t.Fatalf("recursive Box: %+v", box)
	}
	if f := field(t, box.Fields, "flags"); f.Type.Kind != api.KindMap || f.Type.Elem.Kind != api.KindBool {
		t.Errorf("flags: %+v", f)
	}
	if f := field(t, box.Fields, "extra"); f.Type.Kind != api.KindAny {
		t.Errorf("extra: %+v", f)
	}
	rule := s.Type("Rule")
	if f := field(t, rule.Fields, "skip-check"); f.GoName != "SkipCheck" {
		t.Errorf("skip-check: %+v", f)
	}
	if !field(t, rule.Fields, "protocol").Required || !hasNote(s, `required "missing" is not a property`) {
		t.Errorf("rule: %+v notes %q", rule, s.Notes)
	}

	o = op(t, s, "GetBoxMonitor")
	if !hasField(o.Input, "box") || !hasNote(s, "GetBoxMonitor: the root document refers to box.json#/DescribeBoxes") {
		t.Errorf("GetBoxMonitor was not taken from its own fragment entry: %+v", o)
	}
	if f := field(t, o.Input, "keys"); !slices.Equal(f.Enum, []string{"cpu", "mem"}) || !hasNote(s, "keys has its enum on the list") {
		t.Errorf("keys: %+v", f)
	}
	if f := field(t, o.Output, "meters"); f.Type.Elem.Ref != "MeterForGetBoxMonitorOutput" {
		t.Errorf("inline object: %+v", f)
	}

	o = op(t, s, "RunBoxes")
	if f := field(t, o.Input, "zone"); f.Type.Kind != api.KindString || !f.Required || !hasNote(s, "zone is typed string but has items") {
		t.Errorf("RunBoxes zone: %+v", f)
	}
	if f := field(t, o.Input, "cpu_max"); f.Default != "" {
		t.Errorf("null default: %+v", f)
	}
	if f := field(t, o.Input, "cpu_model"); f.Default != "Westmere" || f.GoName != "CPUModel" {
		t.Errorf("cpu_model: %+v", f)
	}
	if f := field(t, o.Input, "env"); f.Type.Kind != api.KindAny {
		t.Errorf("env: %+v", f)
	}

	o = op(t, s, "UploadBox")
	if o.HTTPMethod != "POST" || o.BodyEncoding != api.BodyForm || field(t, o.Input, "content").Location != api.LocationBody ||
		!hasNote(s, "UploadBox: the spec has no zone parameter") {
		t.Errorf("UploadBox: %+v", o)
	}
}

func TestWrite(t *testing.T) {
	svcs, err := Import(os.DirFS("testdata/specs"), fixtureConfig)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stale := filepath.Join(dir, "jdcloud", "gone.json")
	keep := filepath.Join(dir, "aws", "other.json")
	for _, p := range []string{stale, keep} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := Write(dir, svcs, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Errorf("wrote %q", paths)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale description kept: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("file of another provider removed: %v", err)
	}
	for _, p := range paths {
		if _, err := api.Load(p); err != nil {
			t.Error(err)
		}
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"Tags": "Tag", "Policies": "Policy", "Addresses": "Address", "IpAddresses": "IpAddress",
		"Statuses": "Status", "Status": "Status", "Boxes": "Box", "Switches": "Switch", "Class": "Class",
		"List": "List", "TagKV": "TagKV", "Analysis": "Analysis", "Entries": "Entry", "s": "s",
	} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadOnly(t *testing.T) {
	for _, tc := range []struct {
		prov, name, method string
		want               bool
	}{
		{api.ProviderQingCloud, "DescribeInstances", "GET", true},
		{api.ProviderVolcengine, "ListBill", "POST", true},
		{api.ProviderVolcengine, "QueryPriceForRenew", "POST", true},
		{api.ProviderQingCloud, "GetQuotaLeft", "GET", true},
		{api.ProviderQingCloud, "RunInstances", "GET", false},
		{api.ProviderQingCloud, "Listen", "GET", false},
		{api.ProviderJDCloud, "ImageTasks", "GET", true},
		{api.ProviderJDCloud, "ImageTasks", "POST", false},
	} {
		if got := readOnly(tc.prov, tc.name, tc.method); got != tc.want {
			t.Errorf("readOnly(%s, %s, %s) = %v", tc.prov, tc.name, tc.method, got)
		}
	}
}

// TestCommittedUpToDate re-imports the real specs, when ../shared/specs is
// present, and checks the committed descriptions are exactly what the
// importer writes. Without the specs (a plain clone) it is skipped; the
// committed files are checked by package apis on their own.
func TestCommittedUpToDate(t *testing.T) {
	specs := filepath.Join("..", "..", "..", "..", "shared", "specs")
	if dir := os.Getenv("SPECS"); dir != "" {
		specs = dir // a checkout elsewhere: SPECS=/path/to/shared/specs go test
	}
	if _, err := os.Stat(specs); err != nil {
		t.Skipf("no spec data at %s: %v", specs, err)
	}
	svcs, err := Import(os.DirFS(specs), DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		got, err := api.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join("..", "apis", filepath.FromSlash(DescriptionPath(s)))
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: run go run ./internal/gen/cmd/import-specs -specs ../shared/specs -out internal/gen/apis", p)
		}
	}
}
