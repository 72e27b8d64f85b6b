package wire

import (
	"encoding/json"
	"math"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The types below are written the way the emitter writes input types.

type filter struct {
	Name     string
	Operator *string
	Values   []string
}

func (v *filter) encode(e *Encoder) {
	e.RequiredString("name", v.Name)
	e.String("operator", v.Operator)
	e.Strings("values", v.Values)
}

type listener struct {
	Port    *int64
	CertIDs []string
	Backend []filter
	Created *time.Time
}

func (v *listener) encode(e *Encoder) {
	e.Int("port", v.Port)
	e.Strings("server_certificate_id", v.CertIDs)
	List(e, "backends", v.Backend, (*filter).encode)
	e.Time("create_time", v.Created)
}

type input struct {
	RegionID  string
	PageSize  *int64
	Ratio     *float64
	Force     *bool
	Filters   []filter
	Listeners []listener
	Placement *filter
	Extra     any
	Bools     []bool
	Ints      []int64
}

func (in *input) encode(e *Encoder) {
	e.Path("regionId", in.RegionID)
	e.Int("pageSize", in.PageSize)
	e.Float("ratio", in.Ratio)
	e.Bool("force", in.Force)
	List(e, "filters", in.Filters, (*filter).encode)
	List(e, "listeners", in.Listeners, (*listener).encode)
	Object(e, "placement", in.Placement, (*filter).encode)
	e.Any("extra", in.Extra)
	e.Bools("bools", in.Bools)
	e.Ints("ints", in.Ints)
}

func ptr[T any](v T) *T { return &v }

func sample() *input {
	return &input{
		RegionID: "cn-north-1",
		PageSize: ptr[int64](100),
		Ratio:    ptr(0.5),
		Force:    ptr(false),
		Filters: []filter{
			{Name: "instanceId", Values: []string{"i-1", "i-2"}},
			{Name: "status", Operator: ptr("eq"), Values: []string{"running"}},
		},
		Listeners: []listener{{
			Port:    ptr[int64](443),
			CertIDs: []string{"sc-1", "sc-2"},
			Backend: []filter{{Name: "b1"}},
			Created: ptr(time.Date(2024, 1, 2, 11, 4, 5, 0, time.FixedZone("CST", 8*3600))),
		}},
		Placement: &filter{Name: "zone", Values: []string{"a"}},
		Extra:     map[string]int{"k": 1},
		Bools:     []bool{true, false},
		Ints:      []int64{1 << 40},
	}
}

func TestQueryDotted(t *testing.T) {
	e := New(Query, Dotted)
	sample().encode(e)
	require.NoError(t, e.Err())
	assert.Empty(t, e.Missing())
	assert.Equal(t, map[string]string{"regionId": "cn-north-1"}, e.PathParams())
	assert.Equal(t, url.Values{
		"pageSize":                            {"100"},
		"ratio":                               {"0.5"},
		"force":                               {"false"},
		"filters.1.name":                      {"instanceId"},
		"filters.1.values.1":                  {"i-1"},
		"filters.1.values.2":                  {"i-2"},
		"filters.2.name":                      {"status"},
		"filters.2.operator":                  {"eq"},
		"filters.2.values.1":                  {"running"},
		"listeners.1.port":                    {"443"},
		"listeners.1.server_certificate_id.1": {"sc-1"},
		"listeners.1.server_certificate_id.2": {"sc-2"},
		"listeners.1.backends.1.name":         {"b1"},
		"listeners.1.create_time":             {"2024-01-02T03:04:05Z"},
		"placement.name":                      {"zone"},
		"placement.values.1":                  {"a"},
		"extra":                               {`{"k":1}`},
		"bools.1":                             {"true"},
		"bools.2":                             {"false"},
		"ints.1":                              {"1099511627776"},
	}, e.Values())
}

func TestQueryQingCloud(t *testing.T) {
	e := New(Query, QingCloud)
	sample().encode(e)
	require.NoError(t, e.Err())
	v := e.Values()
	assert.Equal(t, "0", v.Get("force"))
	assert.Equal(t, []string{"1"}, v["bools.1"])
	assert.Equal(t, "sc-1,sc-2", v.Get("listeners.1.server_certificate_id"), "a list in a list item is joined")
	assert.Equal(t, `[{"name":"b1"}]`, v.Get("listeners.1.backends"), "objects in a list item are JSON text")
	assert.Equal(t, `{"name":"zone","values":["a"]}`, v.Get("placement"), "a single object is JSON text")
	assert.Equal(t, "instanceId", v.Get("filters.1.name"), "top-level lists of objects stay dotted")
	assert.Equal(t, "i-1,i-2", v.Get("filters.1.values"))
}

func TestJSON(t *testing.T) {
	e := New(JSON, Dotted)
	sample().encode(e)
	require.NoError(t, e.Err())
	body := e.Body()
	assert.True(t, json.Valid(body), string(body))
	assert.JSONEq(t, `{
		"pageSize":100,"ratio":0.5,"force":false,
		"filters":[{"name":"instanceId","values":["i-1","i-2"]},{"name":"status","operator":"eq","values":["running"]}],
		"listeners":[{"port":443,"server_certificate_id":["sc-1","sc-2"],"backends":[{"name":"b1"}],"create_time":"2024-01-02T03:04:05Z"}],
		"placement":{"name":"zone","values":["a"]},
		"extra":{"k":1},"bools":[true,false],"ints":[1099511627776]
	}`, string(body))
	assert.NotContains(t, string(body), "regionId", "path parameters stay out of the body")
}

func TestEmptyInput(t *testing.T) {
	e := New(JSON, Dotted)
	(&input{}).encode(e)
	assert.Equal(t, "{}", string(e.Body()))
	assert.Equal(t, []string{"regionId"}, e.Missing())

	q := New(Query, Dotted)
	(&input{RegionID: "r"}).encode(q)
	assert.Empty(t, q.Values())
	assert.Empty(t, q.Missing())
}

func TestMissingNested(t *testing.T) {
	for _, mode := range []Mode{Query, JSON} {
		for _, d := range []Dialect{Dotted, QingCloud} {
			e := New(mode, d)
			in := &input{RegionID: "r", Filters: []filter{{Name: "a"}, {}}, Placement: &filter{},
				Listeners: []listener{{Backend: []filter{{}}}}}
			in.encode(e)
			assert.Equal(t, []string{"filters.2.name", "listeners.1.backends.1.name", "placement.name"}, e.Missing(), "mode %d dialect %d", mode, d)
		}
	}
}

func TestRequire(t *testing.T) {
	e := New(Query, Dotted)
	e.Require("count", false)
	e.Require("other", true)
	e.PathInt("id", nil)
	e.PathInt("n", ptr[int64](12345678))
	assert.Equal(t, []string{"count", "id"}, e.Missing())
	assert.Equal(t, "12345678", e.PathParams()["n"])
}

func TestBadValues(t *testing.T) {
	e := New(JSON, Dotted)
	e.Float("f", ptr(math.NaN()))
	require.ErrorContains(t, e.Err(), "f: NaN is not a finite number")

	e = New(Query, Dotted)
	e.Any("a", func() {})
	require.ErrorContains(t, e.Err(), "a: json: unsupported type")

	e = New(Query, Dotted)
	e.Any("s", "raw text")
	assert.Equal(t, "raw text", e.Values().Get("s"))
}

func TestFloatText(t *testing.T) {
	e := New(Query, Dotted)
	e.Floats("f", []float64{1e21, 1e-7, 12345678, 0.1})
	assert.Equal(t, url.Values{
		"f.1": {"1000000000000000000000"}, "f.2": {"0.0000001"}, "f.3": {"12345678"}, "f.4": {"0.1"},
	}, e.Values())
}

func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "ctl\x00\x1f\n\r\t", "中文 <&>", "bad\xffutf8", "sep\u2028\u2029"} {
		got := appendJSONString(nil, s)
		want, err := json.Marshal(s)
		require.NoError(t, err)
		var back string
		require.NoError(t, json.Unmarshal(got, &back), "%q", got)
		var wantBack string
		require.NoError(t, json.Unmarshal(want, &wantBack))
		assert.Equal(t, wantBack, back)
	}
	assert.Equal(t, `"<&>"`, string(appendJSONString(nil, "<&>")), "no HTML escaping")
}

func FuzzJSONString(f *testing.F) {
	f.Add("a\"b\\c\x00\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q gives invalid JSON %q: %v", s, got, err)
		}
		want, _ := json.Marshal(s)
		var wantBack string
		_ = json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Fatalf("%q round-trips to %q, encoding/json to %q", s, back, wantBack)
		}
	})
}

func TestMap(t *testing.T) {
	labels := map[string]string{"b": "2", "a": "1"}
	e := New(Query, Dotted)
	Map(e, "labels", labels)
	Map(e, "weights", map[string]float64{"x": 0.5})
	Map(e, "flags", map[string]bool{"on": true})
	Map(e, "nested", map[string]any{"k": []int{1}})
	Map(e, "empty", map[string]int64{})
	require.NoError(t, e.Err())
	assert.Equal(t, url.Values{
		"labels.a": {"1"}, "labels.b": {"2"}, "weights.x": {"0.5"}, "flags.on": {"true"}, "nested.k": {"[1]"},
	}, e.Values())

	j := New(JSON, Dotted)
	Map(j, "labels", labels)
	assert.JSONEq(t, `{"labels":{"a":"1","b":"2"}}`, string(j.Body()))

	q := New(Query, QingCloud)
	Map(q, "labels", labels)
	assert.Equal(t, `{"a":"1","b":"2"}`, q.Values().Get("labels"))
}
