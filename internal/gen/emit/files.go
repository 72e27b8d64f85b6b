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
// Make one with New: the methods of a zero Client return an error of
// KindInvalidArgument.
//
// Every method takes per-call options after its input (multicloud.WithCallRetry,
// WithCallAttemptTimeout, WithCallHeader, WithResponseHook), which change that
// call only, and returns an output whose ResultMetadata names the request that
// succeeded.{{if .Tokens}} Operations with an idempotency token (ClientToken,
// clientToken) get a fresh random one when the input leaves it empty: the SDK
// does not write it into the input, and sends the same token on each of its own
// retries, so that a mutation it retries is applied at most once.{{end}}
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

// call sends one operation with the call's options, decodes its output into
// out and returns the metadata of the successful call.
func (c *Client) call(ctx context.Context, op typedcall.Op, enc typedcall.Encode, out any, opts []multicloud.CallOption) (multicloud.Metadata, error) {
	var p *{{.Prov.Pkg}}.Client
	if c != nil {
		p = c.provider
	}
	return typedcall.Do(ctx, p, {{printf "%q" .Service}}, op, enc, out, opts)
}
`))

func (g *gen) client() (string, error) {
	for _, p := range []string{"context", "multicloud", "typedcall", g.prov.Pkg} {
		g.use(p)
	}
	version := g.svc.Version
	if g.svc.Provider == api.ProviderQingCloud {
		version = "" // the Swagger document's version, not sent
	}
	service := g.svc.SigningName // the signing scope names the service on the wire
	if g.svc.Provider == api.ProviderQingCloud {
		service = g.svc.Name
	}
	tokens := false
	for _, o := range g.svc.Operations {
		tokens = tokens || o.IdempotencyToken != ""
	}
	return render(clientTmpl, map[string]any{"Svc": g.svc, "Prov": g.prov, "Version": version, "Service": service, "Tokens": tokens})
}

var opTmpl = template.Must(template.New("op").Parse(`
// {{.Name}}Input is the input of {{.Name}}.
type {{.Name}}Input struct {{"{"}}{{.InFields}}}

// {{.Name}}Output is the output of {{.Name}}: {{.Result}}.
type {{.Name}}Output struct {{"{"}}{{.OutFields}}
	// ResultMetadata describes the call that succeeded: its request id,
	// status and attempts. It is not part of the answer.
	ResultMetadata multicloud.Metadata ` + "`json:\"-\"`" + `
}

// {{.Name}} calls {{.Wire}}.
//
// {{.Required}}
{{- if .Token}}
//
{{.Token}}
{{- end}}
{{- if .Paging}}
//
// {{.Paging}}
{{- end}}
{{- if .DocURL}}
//
// API reference: {{.DocURL}}
{{- end}}
func (c *Client) {{.Name}}(ctx context.Context, in *{{.Name}}Input, opts ...multicloud.CallOption) (*{{.Name}}Output, error) {
	if in == nil {
		in = &{{.Name}}Input{}
	}
	out := &{{.Name}}Output{}
	md, err := c.call(ctx, typedcall.Op{ {{- .Op -}} }, in.encode, out, opts)
	if err != nil {
		return nil, err
	}
	out.ResultMetadata = md
	return out, nil
}
`))

func (g *gen) operations() (string, error) {
	g.use("context")
	g.use("multicloud")
	g.use("typedcall")
	var b strings.Builder
	for i := range g.svc.Operations {
		o := &g.svc.Operations[i]
		for _, f := range o.Output {
			if f.GoName == "ResultMetadata" {
				return "", fmt.Errorf("%s: output field ResultMetadata collides with the call metadata", o.Name)
			}
		}
		data := map[string]any{
			"Name":      o.Name,
			"InFields":  g.fieldLines(o.Input, true, "", o.IdempotencyToken),
			"OutFields": g.fieldLines(o.Output, false, "", ""),
			"Result":    g.prov.Result,
			"Wire":      g.wireFacts(o),
			"Required":  g.requiredDoc(o.Input),
			"Paging":    pagingSummary(o),
			"Token":     g.tokenDoc(o),
			"DocURL":    o.DocURL,
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
			"Fields": g.fieldLines(t.Fields, g.input[t.GoName], t.GoName, ""),
		})
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// tokenDoc is the sentence of an operation's doc comment on its
// idempotency token, "" when it has none.
func (g *gen) tokenDoc(o *api.Operation) string {
	if o.IdempotencyToken == "" {
		return ""
	}
	f := o.InputField(o.IdempotencyToken)
	return strings.TrimSuffix(wrapComment(fmt.Sprintf("Idempotency: the SDK fills %s with a fresh random token when you leave it empty, without writing to in, and sends the same token on each of its own retries, so a retried call is applied at most once. Set %s yourself to make your own retries of the call safe too.", f.GoName, f.GoName), ""), "\n")
}
