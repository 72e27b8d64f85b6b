package apis

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// wantOps is the number of operations per package, keyed provider/package.
// The first nine are the staged specs' counts (jdcloud/SOURCE.md,
// volcengine/SOURCE.md; QingCloud 286: the Swagger root's 260 paths and
// the 26 actions of the official Go SDK it lacks, so every one of the SDK's
// 284 methods (283 actions) is here, with 3 spec-only actions). The
// others are the operation counts of the official SDKs that issue 11 lists
// for its required packages; the importer reaches each exactly.
var wantOps = map[string]int{
	"jdcloud/billing":          9,
	"jdcloud/clouddnsservice":  26,
	"jdcloud/disk":             26,
	"jdcloud/iam":              65,
	"jdcloud/kubernetes":       21,
	"jdcloud/lb":               56,
	"jdcloud/monitor":          20,
	"jdcloud/privatezone":      16,
	"jdcloud/rds":              122,
	"jdcloud/redis":            145,
	"jdcloud/vm":               62,
	"jdcloud/vpc":              99,
	"qingcloud/iaas":           286,
	"volcengine/alb":           66,
	"volcengine/billing":       57,
	"volcengine/clb":           87,
	"volcengine/cloudmonitor":  72,
	"volcengine/dns":           30,
	"volcengine/ecs":           121,
	"volcengine/iam":           80,
	"volcengine/natgateway":    28,
	"volcengine/privatezone":   53,
	"volcengine/rdsmysql":      152,
	"volcengine/rdspostgresql": 88,
	"volcengine/redis":         101,
	"volcengine/storageebs":    42,
	"volcengine/vke":           49,
	"volcengine/vpc":           167,
}

// wantPaging counts list operations per service and paging style.
var wantPaging = map[string]map[string]int{
	"jdcloud/billing":          {api.StylePage: 8},
	"jdcloud/clouddnsservice":  {api.StylePage: 7},
	"jdcloud/kubernetes":       {api.StylePage: 3},
	"jdcloud/lb":               {api.StylePage: 11},
	"jdcloud/privatezone":      {api.StylePage: 4},
	"jdcloud/rds":              {api.StylePage: 18},
	"jdcloud/redis":            {api.StylePage: 17},
	"volcengine/alb":           {api.StylePage: 10, api.StyleToken: 1},
	"volcengine/clb":           {api.StylePage: 7, api.StyleToken: 8},
	"volcengine/cloudmonitor":  {api.StylePage: 16},
	"volcengine/dns":           {api.StylePage: 7},
	"volcengine/iam":           {api.StyleOffset: 10, api.StyleToken: 1},
	"volcengine/natgateway":    {api.StylePage: 5, api.StyleToken: 1},
	"volcengine/privatezone":   {api.StylePage: 9, api.StyleToken: 1},
	"volcengine/rdsmysql":      {api.StyleOffset: 2, api.StylePage: 12},
	"volcengine/rdspostgresql": {api.StylePage: 11},
	"volcengine/redis":         {api.StylePage: 10},
	"volcengine/storageebs":    {api.StylePage: 10},
	"volcengine/vke":           {api.StylePage: 10, api.StyleToken: 3},
	"jdcloud/disk":             {api.StylePage: 6},
	"jdcloud/iam":              {api.StylePage: 10},
	"jdcloud/monitor":          {api.StylePage: 3},
	"jdcloud/vm":               {api.StylePage: 9},
	"jdcloud/vpc":              {api.StylePage: 19},
	"qingcloud/iaas":           {api.StyleOffset: 50},
	"volcengine/billing":       {api.StyleOffset: 21, api.StyleToken: 5},
	"volcengine/ecs":           {api.StylePage: 5, api.StyleToken: 24},
	"volcengine/vpc":           {api.StyleToken: 34},
}

func TestLoadCounts(t *testing.T) {
	svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	totals := map[string]int{}
	seen := map[string]bool{}
	for _, s := range svcs {
		key := s.Provider + "/" + s.PackageName()
		seen[key] = true
		totals[s.Provider] += len(s.Operations)
		if got, want := len(s.Operations), wantOps[key]; got != want {
			t.Errorf("%s: %d operations, want %d", key, got, want)
		}
		paging := map[string]int{}
		for _, o := range s.Operations {
			if o.Paging != nil {
				paging[o.Paging.Style]++
			}
		}
		for style, want := range wantPaging[key] {
			if paging[style] != want {
				t.Errorf("%s: %d list operations of style %s, want %d", key, paging[style], style, want)
			}
		}
		if len(paging) != len(wantPaging[key]) {
			t.Errorf("%s: paging styles %v, want %v", key, paging, wantPaging[key])
		}
	}
	for key := range wantOps {
		if !seen[key] {
			t.Errorf("missing description %s", key)
		}
	}
	for prov, want := range map[string]int{api.ProviderJDCloud: 667, api.ProviderVolcengine: 1193, api.ProviderQingCloud: 286} {
		if totals[prov] != want {
			t.Errorf("%s: %d operations in total, want %d", prov, totals[prov], want)
		}
	}
}

// TestNames checks every name the emitter will print as Go: Decode already
// validates them, this says so explicitly.
func TestNames(t *testing.T) {
	svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, name string) {
		if !api.IsExportedIdent(name) {
			t.Errorf("%s: %q is not an exported Go identifier", where, name)
		}
	}
	for _, s := range svcs {
		for _, o := range s.Operations {
			check(s.Name, o.Name)
			check(s.Name, o.Name+"Input")
			for _, f := range append(o.Input, o.Output...) {
				check(s.Name+"."+o.Name, f.GoName)
			}
		}
		for _, ty := range s.Types {
			check(s.Name, ty.GoName)
			for _, f := range ty.Fields {
				check(s.Name+"."+ty.GoName, f.GoName)
			}
		}
	}
}

// TestLayoutStable checks the committed files are exactly what Marshal
// writes, so re-running the importer cannot produce a layout-only diff.
func TestLayoutStable(t *testing.T) {
	svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		name := s.Provider + "/" + s.PackageName() + ".json"
		want, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := api.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: re-encoding changes the file", name)
		}
	}
}

// TestNoProse checks that no provider documentation text slipped in: the
// format has no member for it (Decode rejects unknown members), and no
// string holds CJK text.
func TestNoProse(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, r := range line {
				if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
					t.Errorf("%s:%d: CJK text: %.80s", p, i+1, line)
					break
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSamples pins a few operations the typed packages and their tests rely
// on.
func TestSamples(t *testing.T) {
	svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*api.Service{}
	for _, s := range svcs {
		by[s.Provider+"/"+s.PackageName()] = s
	}
	op := func(svc, name string) *api.Operation {
		t.Helper()
		o := by[svc].Operation(name)
		if o == nil {
			t.Fatalf("%s: no operation %s", svc, name)
		}
		return o
	}

	o := op("jdcloud/vm", "DescribeInstances")
	if o.HTTPMethod != "GET" || o.Path != "/regions/{regionId}/instances" || o.Version != "v1" || !o.ReadOnly {
		t.Errorf("jdcloud vm DescribeInstances: %+v", o)
	}
	if f := o.InputField("regionId"); f == nil || f.GoName != "RegionID" || f.Location != api.LocationPath || !f.Required {
		t.Errorf("jdcloud vm DescribeInstances regionId: %+v", f)
	}
	if p := o.Paging; p == nil || p.Style != api.StylePage || p.Total != "totalCount" || p.Items != "instances" ||
		p.ItemType.Ref != "Instance" || p.MaxPageSize != 100 {
		t.Errorf("jdcloud vm DescribeInstances paging: %+v", o.Paging)
	}
	o = op("jdcloud/vm", "StartInstance")
	if o.HTTPMethod != "POST" || o.Path != "/regions/{regionId}/instances/{instanceId}:startInstance" || o.BodyEncoding != api.BodyJSON || o.ReadOnly {
		t.Errorf("jdcloud vm StartInstance: %+v", o)
	}

	o = op("volcengine/billing", "ListBill")
	if o.HTTPMethod != "POST" || o.BodyEncoding != api.BodyJSON || o.Action != "ListBill" || o.Version != "2022-01-01" {
		t.Errorf("volcengine ListBill: %+v", o)
	}
	if p := o.Paging; p == nil || p.Style != api.StyleOffset || p.Limit != "Limit" || p.Total != "Total" || p.TotalRequires != "NeedRecordNum" || p.Items != "List" {
		t.Errorf("volcengine ListBill paging: %+v", o.Paging)
	}
	o = op("volcengine/ecs", "DescribeInstances")
	if p := o.Paging; o.HTTPMethod != "GET" || p == nil || p.Style != api.StyleToken || p.NextToken != "NextToken" || p.Items != "Instances" {
		t.Errorf("volcengine ecs DescribeInstances: %+v %+v", o, o.Paging)
	}
	if f := o.InputField("InstanceIds"); f == nil || f.GoName != "InstanceIDs" || f.Type.Kind != api.KindList {
		t.Errorf("volcengine ecs DescribeInstances InstanceIds: %+v", f)
	}
	o = op("volcengine/vpc", "DescribeVpcs")
	if p := o.Paging; p == nil || p.Style != api.StyleToken || len(p.AlsoAccepts) != 1 || p.AlsoAccepts[0] != api.StylePage {
		t.Errorf("volcengine vpc DescribeVpcs paging: %+v", o.Paging)
	}
	if f := o.InputField("VpcIds"); f == nil || f.GoName != "VpcIDs" {
		t.Errorf("volcengine vpc DescribeVpcs VpcIds: %+v", f)
	}

	o = op("qingcloud/iaas", "DescribeInstances")
	if o.HTTPMethod != "GET" || o.Path != "/iaas/" || o.Action != "DescribeInstances" || o.BodyEncoding != api.BodyNone {
		t.Errorf("qingcloud DescribeInstances: %+v", o)
	}
	if p := o.Paging; p == nil || p.Style != api.StyleOffset || p.Total != "total_count" || p.Items != "instance_set" || p.MaxPageSize != 100 {
		t.Errorf("qingcloud DescribeInstances paging: %+v", o.Paging)
	}
	if f := o.InputField("zone"); f == nil || !f.Required || f.Location != api.LocationQuery {
		t.Errorf("qingcloud DescribeInstances zone: %+v", f)
	}
	if f := o.InputField("status"); f == nil || len(f.Enum) == 0 || f.Type.Kind != api.KindList {
		t.Errorf("qingcloud DescribeInstances status: %+v", f)
	}
	o = op("qingcloud/iaas", "CreateServerCertificate")
	if o.HTTPMethod != "POST" || o.BodyEncoding != api.BodyForm {
		t.Errorf("qingcloud CreateServerCertificate: %+v", o)
	}
	if ty := by["qingcloud/iaas"].Type("Job"); ty == nil {
		t.Error("qingcloud: no Job type")
	}
}

// TestEveryDescriptionHasAPackage checks that each committed description is
// generated into <provider>/<package> (a doc.go with its go:generate line)
// and that the generated package has one method per operation: the counts
// of wantOps reach the Go code, not only the descriptions.
func TestEveryDescriptionHasAPackage(t *testing.T) {
	svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..", "..")
	for _, s := range svcs {
		key := s.Provider + "/" + s.PackageName()
		doc, err := os.ReadFile(filepath.Join(root, s.Provider, s.PackageName(), "doc.go"))
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if !strings.Contains(string(doc), "internal/gen/cmd/emit -service "+key+"\n") {
			t.Errorf("%s: doc.go has no go:generate line for %s", key, key)
		}
		ops, err := os.ReadFile(filepath.Join(root, s.Provider, s.PackageName(), "operations_gen.go"))
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		methods := regexp.MustCompile(`(?m)^func \(c \*Client\) ([A-Z]\w*)\(ctx context\.Context, in \*(\w+)Input`).FindAllStringSubmatch(string(ops), -1)
		if len(methods) != len(s.Operations) {
			t.Errorf("%s: %d generated operation methods, want %d", key, len(methods), len(s.Operations))
		}
	}
}
