package emit

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

var clientTmpl = template.Must(template.New("client").Parse(`
// Client calls the {{.Prov.Name}} {{.Svc.Name}} API{{if .Version}}, version {{.Version}}{{end}}: one method per
// operation, named as the provider names it. It is safe for concurrent use.
type Client struct {
	provider *{{.Prov.Pkg}}.Client
}

// New returns a Client for cfg. The options are the core client's; see
// multicloud.Option.
func New(cfg {{.Prov.Pkg}}.Config, opts ...multicloud.Option) (*Client, error) {
	p, err := {{.Prov.Pkg}}.New(cfg, opts...)
	if err != nil {
		return nil, err
	}
	return &Client{provider: p}, nil
}

// call sends one operation and decodes its output into out.
func (c *Client) call(ctx context.Context, op typed.Op, enc typed.Encode, out any) error {
	return typed.{{.Prov.Call}}(ctx, c.provider, {{if ne .Svc.Provider "qingcloud"}}{{printf "%q" .Svc.SigningName}}, {{end}}op, enc, out)
}
`))

func (g *gen) client() (string, error) {
	for _, p := range []string{"context", "multicloud", "typed", g.prov.Pkg} {
		g.use(p)
	}
	version := g.svc.Version
	if g.svc.Provider == api.ProviderQingCloud {
		version = "" // the Swagger document's version, not sent
	}
	return render(clientTmpl, map[string]any{"Svc": g.svc, "Prov": g.prov, "Version": version})
}

var opTmpl = template.Must(template.New("op").Parse(`
// {{.Name}}Input is the input of {{.Name}}.
type {{.Name}}Input struct {{"{"}}{{.InFields}}}

// {{.Name}}Output is the output of {{.Name}}: {{.Result}}.
type {{.Name}}Output struct {{"{"}}{{.OutFields}}}

// {{.Name}} calls {{.Wire}}.
//
// {{.Required}}
{{- if .Paging}}
//
// {{.Paging}}
{{- end}}
func (c *Client) {{.Name}}(ctx context.Context, in *{{.Name}}Input) (*{{.Name}}Output, error) {
	if in == nil {
		in = &{{.Name}}Input{}
	}
	out := &{{.Name}}Output{}
	if err := c.call(ctx, typed.Op{ {{- .Op -}} }, in.encode, out); err != nil {
		return nil, err
	}
	return out, nil
}
`))

func (g *gen) operations() (string, error) {
	g.use("context")
	g.use("typed")
	var b strings.Builder
	for i := range g.svc.Operations {
		o := &g.svc.Operations[i]
		data := map[string]any{
			"Name":      o.Name,
			"InFields":  g.fieldLines(o.Input, true, ""),
			"OutFields": g.fieldLines(o.Output, false, ""),
			"Result":    g.prov.Result,
			"Wire":      g.wireFacts(o),
			"Required":  g.requiredDoc(o.Input),
			"Paging":    pagingSummary(o),
			"Op":        g.opLiteral(o),
		}
		s, err := render(opTmpl, data)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// wireFacts says how an operation goes on the wire.
func (g *gen) wireFacts(o *api.Operation) string {
	switch g.svc.Provider {
	case api.ProviderJDCloud:
		body := ""
		if o.BodyEncoding == api.BodyJSON {
			body = " with a JSON body"
		}
		return fmt.Sprintf("%s /%s%s%s (JD Cloud %s %s)", o.HTTPMethod, o.Version, o.Path, body, g.svc.Name, o.Name)
	case api.ProviderVolcengine:
		how := "parameters in the query"
		switch o.BodyEncoding {
		case api.BodyJSON:
			how = "a JSON body"
		case api.BodyForm:
			how = "a form body"
		}
		return fmt.Sprintf("the Volcengine %s action %s, version %s: %s with %s", g.svc.Name, o.Action, o.Version, o.HTTPMethod, how)
	default:
		if o.HTTPMethod != "GET" {
			return fmt.Sprintf("the QingCloud action %s: GET %s (the spec gives %s with a form body; QingCloud signs the query only, so it is sent as a query)", o.Action, o.Path, o.HTTPMethod)
		}
		return fmt.Sprintf("the QingCloud action %s: GET %s", o.Action, o.Path)
	}
}

// opLiteral is the typed.Op composite literal's fields.
func (g *gen) opLiteral(o *api.Operation) string {
	parts := []string{fmt.Sprintf("Action: %q", o.Name)}
	if g.svc.Provider != api.ProviderQingCloud {
		parts = append(parts, fmt.Sprintf("Method: %q", o.HTTPMethod))
	}
	if g.svc.Provider == api.ProviderJDCloud {
		parts = append(parts, fmt.Sprintf("Path: %q", o.Path))
	}
	if o.Version != "" {
		parts = append(parts, fmt.Sprintf("Version: %q", o.Version))
	}
	if o.BodyEncoding == api.BodyJSON {
		parts = append(parts, "JSON: true")
	}
	if o.Action != "" && o.Action != o.Name {
		parts[0] = fmt.Sprintf("Action: %q", o.Action)
	}
	return strings.Join(parts, ", ")
}

var typeTmpl = template.Must(template.New("type").Parse(`
// {{.Name}} is the API object {{.Spec}}.
type {{.Name}} struct {{"{"}}{{.Fields}}}
`))

func (g *gen) types() (string, error) {
	var b strings.Builder
	for _, t := range g.typeList() {
		s, err := render(typeTmpl, map[string]any{
			"Name": t.GoName, "Spec": t.SpecName,
			"Fields": g.fieldLines(t.Fields, g.input[t.GoName], t.GoName),
		})
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}
