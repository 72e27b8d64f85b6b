package emit

import (
	"text/template"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

var wireTestTmpl = template.Must(template.New("wiretest").Parse(`
// TestWireEveryOperation sends each of the {{.Count}} operations of
// internal/gen/apis/{{.Desc}}.json, with its required fields and then with
// every field, and checks each request on the wire against the description.
func TestWireEveryOperation(t *testing.T) {
	n := wiretest.Run(t, {{printf "%q" .Desc}}, func(opts ...multicloud.Option) (any, error) {
		return New({{.Prov.Pkg}}.Config{Credentials: typedtest.Keys{}, {{.Place}}}, opts...)
	})
	if n != {{.Count}} {
		t.Errorf("exercised %d operations, want {{.Count}}", n)
	}
}
`))

// wireTest renders the package's test of every operation on the wire.
func (g *gen) wireTest() (string, error) {
	for _, p := range []string{"testing", "multicloud", "typedtest", "wiretest", g.prov.Pkg} {
		g.use(p)
	}
	place := "Region: wiretest.Region"
	if g.svc.Provider == api.ProviderQingCloud {
		place = "Zone: wiretest.Zone"
	}
	return render(wireTestTmpl, map[string]any{
		"Desc": g.svc.Provider + "/" + g.svc.PackageName(), "Count": len(g.svc.Operations), "Prov": g.prov, "Place": place,
	})
}
