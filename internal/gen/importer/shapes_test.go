package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// shapesConfig names the fixtures of the shapes the all-services import
// brought: JD Cloud shapes.json (optional path parameter, HEAD, string page
// number and total, input list of any, list of lists, idempotency token,
// secret, ChargeSpec facts, doc ranges and defaults), Volcengine crate (a
// lowerCamel action, a string PageNumber, maps of objects and of lists) and
// crate_v2 (metadata tier only, typed from crate), and QingCloud with the
// SDK fixture (a new action, new fields, allowed values).
var shapesConfig = Config{
	JDCloud:      []string{"shapes"},
	Volcengine:   []VolcengineService{{"crate", "2024-01-01"}, {"crate_v2", "2024-01-01"}},
	QingCloud:    "qingcloud/swagger/api.json",
	QingCloudSDK: "qingcloud/sdk",
}

func importShapes(t *testing.T) map[string]*api.Service {
	t.Helper()
	svcs, err := Import(os.DirFS("testdata/specs"), shapesConfig)
	require.NoError(t, err)
	out := map[string]*api.Service{}
	for _, s := range svcs {
		out[DescriptionPath(s)] = s
	}
	return out
}

// TestShapesGolden pins the fixtures' descriptions (go test -update
// rewrites testdata/golden/shapes).
func TestShapesGolden(t *testing.T) {
	for p, s := range importShapes(t) {
		got, err := api.Marshal(s)
		require.NoError(t, err)
		golden := filepath.Join("testdata", "golden", "shapes", p)
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			require.NoError(t, os.WriteFile(golden, got, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(got, want), "%s differs from the import; run go test -update and review the diff\n%s", golden, got)
	}
}

func TestJDCloudShapes(t *testing.T) {
	s := importShapes(t)["jdcloud/shapes.json"]
	require.NotNil(t, s)

	bills := s.Operation("ListBills").Paging
	require.NotNil(t, bills, "pageIndex with the total in a nested object pages")
	assert.Equal(t, "pageIndex", bills.PageNumber)
	assert.Equal(t, "pagination.numberRecords", bills.Total)
	assert.Len(t, s.OutputPath(s.Operation("ListBills"), bills.Total), 2)

	get := s.Operation("GetThing")
	assert.True(t, get.InputField("thingId").Required, "a path parameter marked optional is required")
	assert.Contains(t, s.Notes, "path parameter thingId is marked optional in the source; it is required, since the path cannot be built without it")

	assert.Equal(t, "HEAD", s.Operation("HeadThing").HTTPMethod)
	assert.Equal(t, api.BodyNone, s.Operation("HeadThing").BodyEncoding)

	list := s.Operation("DescribeThings")
	require.NotNil(t, list.Paging, "a string pageNumber and total still page")
	assert.Equal(t, "pageNumber", list.Paging.PageNumber)
	assert.Equal(t, "totalCount", list.Paging.Total)
	assert.Equal(t, api.KindString, list.InputField("pageNumber").Type.Kind)
	tags := list.InputField("tags").Type
	assert.Equal(t, api.KindAny, tags.Elem.Kind)

	shards := s.Operation("ShardThings").InputField("shards").Type
	assert.Equal(t, api.KindList, shards.Elem.Kind)

	create := s.Operation("CreateThing")
	assert.Equal(t, "clientToken", create.IdempotencyToken)
	assert.True(t, create.InputField("password").Secret)
	count := create.InputField("count")
	assert.Equal(t, []string{"1", "100", "1"}, []string{count.Min, count.Max, count.Default})
	size := create.InputField("size")
	assert.Empty(t, size.Min+size.Max, "two ranges in one doc depend on something else: none taken")

	assert.Equal(t, []string{"cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"}, create.InputField("regionId").Enum)

	spec := s.Type("ChargeSpec")
	require.NotNil(t, spec)
	assert.Equal(t, []string{"prepaid_by_duration", "postpaid_by_usage", "postpaid_by_duration"}, spec.Fields[0].Enum)
	assert.Equal(t, "prepaid_by_duration", spec.Fields[0].Default)
}

func TestVolcengineShapes(t *testing.T) {
	all := importShapes(t)
	crate := all["volcengine/crate.json"]
	require.NotNil(t, crate)
	o := crate.Operation("ListCrates")
	require.NotNil(t, o, "a lowerCamel action gets an exported name")
	assert.Equal(t, "listCrates", o.Action)
	assert.Equal(t, "https://api.volcengine.com/api-docs/view?serviceCode=crate&version=2024-01-01&action=listCrates", o.DocURL)
	require.NotNil(t, o.Paging)
	assert.Equal(t, api.KindString, o.InputField("PageNumber").Type.Kind)
	groups := o.OutputField("Groups").Type
	assert.Equal(t, api.KindMap, groups.Kind)
	assert.Equal(t, api.KindObject, groups.Elem.Kind)
	dims := o.OutputField("Dims").Type
	assert.Equal(t, "map", dims.Kind)
	assert.Equal(t, api.KindList, dims.Elem.Kind)

	v2 := all["volcengine/cratev2.json"]
	require.NotNil(t, v2, "crate_v2 is package cratev2")
	assert.Equal(t, "crate_v2", v2.Name)
	assert.Equal(t, "crate", v2.SigningName, "a _v2 folder is signed as its API")
	o2 := v2.Operation("ListCrates")
	require.NotNil(t, o2)
	assert.Nil(t, o2.InputField("Gone"), "a donor field the metadata does not list is left out")
	assert.Equal(t, api.KindAny, o2.InputField("Extra").Type.Kind, "a field only the metadata names is any")
	assert.Equal(t, api.KindString, o2.InputField("PageNumber").Type.Kind, "types come from the donor")
	item := v2.Type(o2.Paging.ItemType.Ref)
	require.NotNil(t, item)
	assert.Equal(t, api.KindAny, item.Fields[1].Type.Kind, "a nested field only the metadata names is any")
}

func TestQingCloudSDK(t *testing.T) {
	s := importShapes(t)["qingcloud/box.json"]
	require.NotNil(t, s)
	o := s.Operation("AllocateCrates")
	require.NotNil(t, o, "an action only the SDK has is added under its API name")
	assert.True(t, o.InputField("zone").Required)
	assert.True(t, o.InputField("vxnet_id").Required)
	assert.Equal(t, "1", o.InputField("count").Default)
	assert.True(t, o.InputField("crate_key").Secret == false)
	d := s.Operation("DescribeBoxes")
	cls := d.InputField("box_class")
	require.NotNil(t, cls, "a field only the SDK has is added")
	assert.Equal(t, []string{"0", "1"}, cls.Enum)
	assert.Equal(t, api.KindList, d.InputField("owner_tags").Type.Kind)
	box := s.Type("Box")
	require.NotNil(t, box)
	var secret bool
	for _, f := range box.Fields {
		if f.WireName == "secret_key" {
			secret = f.Secret
		}
	}
	assert.True(t, secret, "a model field only the SDK has is added, with its facts")
}

func TestVolcenginePackages(t *testing.T) {
	names := VolcenginePackages([]VolcengineService{
		{"iam", "2021-08-01"}, {"iam", "2018-01-01"},
		{"rds_mysql", "2018-01-01"}, {"rds_mysql", "2022-01-01"}, {"rds_mysql_v2", "2022-01-01"},
		{"fw_center", "2021-09-06"}, {"fwcenter", "2021-09-06"},
		{"storage_ebs", "2020-04-01"},
	})
	assert.Equal(t, map[VolcengineService]string{
		{"iam", "2018-01-01"}:          "iam",
		{"iam", "2021-08-01"}:          "iam20210801",
		{"rds_mysql", "2018-01-01"}:    "rdsmysql20180101",
		{"rds_mysql", "2022-01-01"}:    "rdsmysql20220101",
		{"rds_mysql_v2", "2022-01-01"}: "rdsmysql",
		{"fw_center", "2021-09-06"}:    "fwcenter20210906",
		{"fwcenter", "2021-09-06"}:     "fwcenter",
		{"storage_ebs", "2020-04-01"}:  "storageebs",
	}, names)
}

func TestSelect(t *testing.T) {
	fsys := os.DirFS("testdata/specs")
	cfg, err := Select(fsys, "")
	require.NoError(t, err)
	assert.Equal(t, DefaultConfig.JDCloud, cfg.JDCloud)

	cfg, err = Select(fsys, "all")
	require.NoError(t, err)
	assert.Equal(t, []string{"box", "shapes"}, cfg.JDCloud)
	assert.Len(t, cfg.Volcengine, 3)

	cfg, err = Select(fsys, "jdcloud/shapes, volcengine/cratev2 volcengine/box@2024-01-01")
	require.NoError(t, err)
	assert.Equal(t, []string{"shapes"}, cfg.JDCloud)
	assert.Equal(t, []VolcengineService{{"crate_v2", "2024-01-01"}, {"box", "2024-01-01"}}, cfg.Volcengine, "in the order asked")
	assert.Empty(t, cfg.QingCloud)

	for _, bad := range []string{"nope", "aws/ec2", "jdcloud/nosuch"} {
		_, err := Select(fsys, bad)
		assert.Error(t, err, bad)
	}
}

// TestImportEachReportsPerService: a service that cannot be imported is
// reported with its reason and does not stop the others.
func TestImportEachReportsPerService(t *testing.T) {
	rs := ImportEach(os.DirFS("testdata/specs"), Config{JDCloud: []string{"missing", "shapes"}})
	require.Len(t, rs, 2)
	assert.Error(t, rs[0].Err)
	assert.Equal(t, "jdcloud/missing", rs[0].Key)
	assert.NoError(t, rs[1].Err)
	assert.NotNil(t, rs[1].Service)
}

func TestPickList(t *testing.T) {
	str := api.TypeRef{Kind: api.KindString}
	l := func(n string) api.Field {
		return api.Field{WireName: n, Type: api.TypeRef{Kind: api.KindList, Elem: &str}}
	}
	got, ok := pickList("DescribeAcls", []api.Field{l("Acls"), l("Tags")})
	assert.True(t, ok)
	assert.Equal(t, "Acls", got.WireName)
	got, ok = pickList("ListThings", []api.Field{l("items")})
	assert.True(t, ok, "a single list is the items whatever its name")
	assert.Equal(t, "items", got.WireName)
	_, ok = pickList("DescribeIndexPerformance", []api.Field{l("a"), l("b")})
	assert.False(t, ok)
	_, ok = pickList("DescribeThings", nil)
	assert.False(t, ok)
}
