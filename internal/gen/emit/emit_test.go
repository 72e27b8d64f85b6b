package emit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
	"github.com/multicloud-go/multicloud/internal/gen/apis"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// boxes are the importer's golden descriptions of a small made-up "box"
// service per provider: every shape the emitter handles, in a few lines.
var boxes = []string{"jdcloud", "qingcloud", "volcengine"}

func loadBox(t *testing.T, provider string) *api.Service {
	t.Helper()
	s, err := api.Load(filepath.Join("..", "importer", "testdata", "golden", provider, "box.json"))
	require.NoError(t, err)
	return s
}

// TestGolden pins the generated code of the box services; run with -update
// after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	for _, p := range boxes {
		t.Run(p, func(t *testing.T) {
			files, err := Files(loadBox(t, p))
			require.NoError(t, err)
			for name, src := range files {
				golden := filepath.Join("testdata", p, name+".golden")
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, src, 0o644))
					continue
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test ./internal/gen/emit -update")
				assert.Equal(t, string(want), string(src), "%s differs from %s", name, golden)
			}
		})
	}
}

func TestDeterministicAndHeaders(t *testing.T) {
	svcs, err := apis.Load()
	require.NoError(t, err)
	require.Len(t, svcs, 28)
	for _, s := range svcs[:2] {
		a, err := Files(s)
		require.NoError(t, err)
		b, err := Files(s)
		require.NoError(t, err)
		require.Len(t, a, 6)
		for name := range a {
			assert.True(t, bytes.Equal(a[name], b[name]), "%s/%s %s is not deterministic", s.Provider, s.Name, name)
			assert.True(t, strings.HasPrefix(string(a[name]), Header(s)+"\n"), name)
		}
	}
}

func TestGoTypes(t *testing.T) {
	g := &gen{imports: map[string]bool{}}
	str := api.TypeRef{Kind: api.KindString}
	cases := []struct {
		f        api.Field
		in       bool
		ptr      bool
		expected string
	}{
		{api.Field{Type: str, Required: true}, true, false, "string"},
		{api.Field{Type: str}, true, false, "*string"},
		{api.Field{Type: str}, false, false, "string"},
		{api.Field{Type: api.TypeRef{Kind: api.KindInt64}, Required: true}, true, false, "*int64"},
		{api.Field{Type: api.TypeRef{Kind: api.KindTime}}, false, false, "time.Time"},
		{api.Field{Type: api.TypeRef{Kind: api.KindAny}}, true, false, "any"},
		{api.Field{Type: api.TypeRef{Kind: api.KindAny}}, false, false, "json.RawMessage"},
		{api.Field{Type: api.TypeRef{Kind: api.KindList, Elem: &api.TypeRef{Kind: api.KindObject, Ref: "Tag"}}}, true, false, "[]Tag"},
		{api.Field{Type: api.TypeRef{Kind: api.KindMap, Elem: &str}}, false, false, "map[string]string"},
		{api.Field{Type: api.TypeRef{Kind: api.KindObject, Ref: "Tag"}}, true, false, "*Tag"},
		{api.Field{Type: api.TypeRef{Kind: api.KindObject, Ref: "Tag"}}, false, false, "Tag"},
		{api.Field{Type: api.TypeRef{Kind: api.KindObject, Ref: "Node"}}, false, true, "*Node"},
	}
	for _, c := range cases {
		assert.Equal(t, c.expected, g.goType(c.f, c.in, c.ptr), "%+v in=%v", c.f, c.in)
	}
	assert.True(t, g.imports["time"] && g.imports["json"])
}

func TestValueCycles(t *testing.T) {
	obj := func(ref string) api.TypeRef { return api.TypeRef{Kind: api.KindObject, Ref: ref} }
	list := func(ref string) api.TypeRef {
		r := obj(ref)
		return api.TypeRef{Kind: api.KindList, Elem: &r}
	}
	s := &api.Service{Types: []api.Type{
		{GoName: "A", Fields: []api.Field{{WireName: "b", Type: obj("B")}, {WireName: "c", Type: obj("C")}}},
		{GoName: "B", Fields: []api.Field{{WireName: "a", Type: obj("A")}}},
		{GoName: "C", Fields: []api.Field{{WireName: "as", Type: list("A")}}},
		{GoName: "Self", Fields: []api.Field{{WireName: "parent", Type: obj("Self")}, {WireName: "c", Type: obj("C")}}},
		{GoName: "In", Fields: []api.Field{{WireName: "in", Type: obj("In")}}},
	}}
	got := valueCycles(s, map[string]bool{"In": true})
	assert.Equal(t, map[string]map[string]bool{
		"A":    {"b": true},
		"B":    {"a": true},
		"Self": {"parent": true},
	}, got, "only by-value cycles need pointers; lists break them, input types use pointers anyway")
}

func TestRequiredDoc(t *testing.T) {
	req := func(wire, goName, loc string) api.Field {
		return api.Field{WireName: wire, GoName: goName, Location: loc, Required: true, Type: api.TypeRef{Kind: api.KindString}}
	}
	jd := &gen{svc: &api.Service{Provider: api.ProviderJDCloud}}
	qc := &gen{svc: &api.Service{Provider: api.ProviderQingCloud}}
	assert.Equal(t, "No field is required; in may be nil.", jd.requiredDoc(nil))
	assert.Equal(t, "Required: InstanceID. RegionID may be left empty when the client's Config.Region is set.",
		jd.requiredDoc([]api.Field{req("regionId", "RegionID", api.LocationPath), req("instanceId", "InstanceID", api.LocationPath)}))
	assert.Equal(t, "Zone may be left empty for the client's Config.Zone; then in may be nil.",
		qc.requiredDoc([]api.Field{req("zone", "Zone", api.LocationQuery)}))
}

func TestUnsupportedInputShapes(t *testing.T) {
	g := &gen{svc: &api.Service{Provider: api.ProviderVolcengine}, imports: map[string]bool{}}
	str := api.TypeRef{Kind: api.KindString}
	for _, f := range []api.Field{
		{WireName: "h", Location: api.LocationHeader, Type: str},
		{WireName: "p", Location: api.LocationPath, Type: api.TypeRef{Kind: api.KindBool}},
	} {
		_, err := g.encodeLine(f)
		assert.Error(t, err, f.WireName)
	}
}

// TestNewInputShapes covers the shapes the all-services import brought:
// lists of any and lists of lists go through wire.Values, maps of lists
// through wire.Map.
func TestNewInputShapes(t *testing.T) {
	g := &gen{svc: &api.Service{Provider: api.ProviderJDCloud}, imports: map[string]bool{}}
	str := api.TypeRef{Kind: api.KindString}
	anyT := api.TypeRef{Kind: api.KindAny}
	for _, c := range []struct {
		f    api.Field
		want string
	}{
		{api.Field{WireName: "tags", GoName: "Tags", Location: api.LocationQuery, Type: api.TypeRef{Kind: api.KindList, Elem: &anyT}}, `wire.Values(e, "tags", v.Tags)`},
		{api.Field{WireName: "ll", GoName: "Ll", Location: api.LocationBody, Type: api.TypeRef{Kind: api.KindList, Elem: &api.TypeRef{Kind: api.KindList, Elem: &str}}}, `wire.Values(e, "ll", v.Ll)`},
		{api.Field{WireName: "m", GoName: "M", Location: api.LocationQuery, Type: api.TypeRef{Kind: api.KindMap, Elem: &api.TypeRef{Kind: api.KindList, Elem: &str}}}, `wire.Map(e, "m", v.M)`},
	} {
		got, err := g.encodeLine(c.f)
		require.NoError(t, err)
		assert.Equal(t, c.want, got)
	}
	assert.Equal(t, "[][]string", g.goType(api.Field{Type: api.TypeRef{Kind: api.KindList, Elem: &api.TypeRef{Kind: api.KindList, Elem: &str}}}, true, false))
	assert.Equal(t, "[]any", g.goType(api.Field{Type: api.TypeRef{Kind: api.KindList, Elem: &anyT}}, true, false))
}
