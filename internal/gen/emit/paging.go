package emit

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// pagingSummary is the paging sentence of a list operation's doc comment.
func pagingSummary(o *api.Operation) string {
	p := o.Paging
	if p == nil {
		return ""
	}
	size := ""
	if p.MaxPageSize > 0 {
		size = fmt.Sprintf(" (at most %d)", p.MaxPageSize)
	}
	var s string
	switch p.Style {
	case api.StylePage:
		s = fmt.Sprintf("It pages by %s and %s%s", p.PageNumber, p.PageSize, size)
	case api.StyleOffset:
		s = fmt.Sprintf("It pages by %s and %s%s", p.Offset, p.Limit, size)
	case api.StyleToken:
		s = fmt.Sprintf("It pages by %s and %s%s", p.Token, p.MaxResults, size)
	}
	if p.Total != "" && p.Style != api.StyleToken {
		s += ", with the total in " + p.Total
		if p.TotalRequires != "" {
			s += " when " + p.TotalRequires + " is 1"
		}
	}
	return s + "; " + o.Name + "All iterates over every page."
}

var iterTmpl = template.Must(template.New("iter").Parse(`
// {{.Name}}All returns an iterator over the {{.Items}} of every page of {{.Name}}.
// {{.Rule}}
// It copies in first; an error is yielded once and ends the iteration.
// The options apply to every page's call.
func (c *Client) {{.Name}}All(ctx context.Context, in *{{.Name}}Input, opts ...multicloud.CallOption) iter.Seq2[{{.Item}}, error] {
	call := func(ctx context.Context, in *{{.Name}}Input) (*{{.Name}}Output, error) { return c.{{.Name}}(ctx, in, opts...) }
	return {{.Call}}
}
`))

func (g *gen) paging() (string, error) {
	var b strings.Builder
	for i := range g.svc.Operations {
		o := &g.svc.Operations[i]
		if o.Paging == nil {
			continue
		}
		g.use("context")
		g.use("iter")
		g.use("paging")
		g.use("multicloud")
		data, err := g.iterData(o)
		if err != nil {
			return "", fmt.Errorf("%s: %w", o.Name, err)
		}
		s, err := render(iterTmpl, data)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func (g *gen) iterData(o *api.Operation) (map[string]any, error) {
	p := o.Paging
	in, out := o.Name+"Input", o.Name+"Output"
	items := o.OutputField(p.Items)
	item := g.elemType(*items.Type.Elem, false)
	var spec []string
	add := func(format string, args ...any) { spec = append(spec, fmt.Sprintf(format, args...)) }

	// ptrInt is an accessor for an *int64 input field; an optional string
	// field (a service that types its page numbers as text) goes through
	// paging.AllText instead.
	var text []string
	ptrInt := func(role, wire string) error {
		f := o.InputField(wire)
		switch {
		case f.Type.Kind == api.KindString && !f.Required && role != "TotalAsked":
			text = append(text, fmt.Sprintf("%s: func(in *%s) **string { return &in.%s },", role, in, f.GoName))
			return nil
		case f.Type.Kind != api.KindInt64:
			return fmt.Errorf("paging field %s is %s, not int64", wire, f.Type.Kind)
		}
		add("%s: func(in *%s) **int64 { return &in.%s },", role, in, f.GoName)
		return nil
	}
	size := func(wire string) error {
		f := o.InputField(wire)
		if f.Type.Kind == api.KindString && f.Required {
			add("SizeText: func(in *%s) *string { return &in.%s },", in, f.GoName)
			return nil
		}
		return ptrInt("Size", wire)
	}

	rule := ""
	max := "as in sets it"
	if p.MaxPageSize > 0 {
		max = fmt.Sprintf("%d unless in sets a smaller one", p.MaxPageSize)
	}
	switch p.Style {
	case api.StylePage:
		add("Style: paging.Page,")
		if err := ptrInt("Number", p.PageNumber); err != nil {
			return nil, err
		}
		if err := size(p.PageSize); err != nil {
			return nil, err
		}
		rule = fmt.Sprintf("It asks for %s 1 (or in's), 2, ... with %s %s, and stops on an empty page or when %s*%s reaches %s.",
			p.PageNumber, p.PageSize, max, p.PageNumber, p.PageSize, p.Total)
		if p.Total == "" {
			rule = fmt.Sprintf("It asks for %s 1 (or in's), 2, ... with %s %s, and stops on an empty or short page.", p.PageNumber, p.PageSize, max)
		}
	case api.StyleOffset:
		add("Style: paging.Offset,")
		if err := ptrInt("Offset", p.Offset); err != nil {
			return nil, err
		}
		if err := size(p.Limit); err != nil {
			return nil, err
		}
		rule = fmt.Sprintf("It asks for %s 0 (or in's), advanced by the items received, with %s %s, and stops on an empty page or when %s reaches %s.",
			p.Offset, p.Limit, max, p.Offset, p.Total)
		switch {
		case p.Total == "":
			rule = fmt.Sprintf("It asks for %s 0 (or in's), advanced by the items received, with %s %s, and stops on an empty or short page.", p.Offset, p.Limit, max)
		case p.TotalRequires != "":
			rule = fmt.Sprintf("It asks for %s 0 (or in's), advanced by the items received, with %s %s, and stops on an empty page, or when %s reaches %s if in sets %s to 1, or else on a short page.",
				p.Offset, p.Limit, max, p.Offset, p.Total, p.TotalRequires)
			if err := ptrInt("TotalAsked", p.TotalRequires); err != nil {
				return nil, err
			}
		}
	case api.StyleToken:
		add("Style: paging.Token,")
		tok := o.InputField(p.Token)
		if tok.Type.Kind != api.KindString || tok.Required {
			return nil, fmt.Errorf("token field %s is not an optional string", p.Token)
		}
		add("Token: func(in *%s) **string { return &in.%s },", in, tok.GoName)
		if err := size(p.MaxResults); err != nil {
			return nil, err
		}
		rule = fmt.Sprintf("It follows %s from in's, with %s %s, and stops on an empty page or an empty or repeated %s.",
			p.Token, p.MaxResults, max, p.NextToken)
	}
	if p.MaxPageSize > 0 {
		add("MaxSize: %d,", p.MaxPageSize)
	}
	add("Items: func(out *%s) []%s { return out.%s },", out, item, items.GoName)
	if p.Total != "" && p.Style != api.StyleToken {
		chain := g.svc.OutputPath(o, p.Total)
		sel := "out"
		for i, c := range chain {
			sel += "." + c.GoName
			if i < len(chain)-1 && g.pointers[c.Type.Ref][chain[i+1].WireName] {
				return nil, fmt.Errorf("total path %s goes through a pointer", p.Total)
			}
		}
		f := chain[len(chain)-1]
		switch f.Type.Kind {
		case api.KindInt64:
			add("Total: func(out *%s) int64 { return %s },", out, sel)
		case api.KindString:
			// A total sent as text (JD Cloud cdn): unreadable counts as 0,
			// and then only a short or empty page ends the listing.
			add("Total: func(out *%s) int64 { n, _ := %s.ParseInt(%s, 10, 64); return n },", out, g.use("strconv"), sel)
		default:
			return nil, fmt.Errorf("total field %s is %s, not int64", p.Total, f.Type.Kind)
		}
	}
	if p.Style == api.StyleToken {
		f := o.OutputField(p.NextToken)
		if f.Type.Kind != api.KindString {
			return nil, fmt.Errorf("next-token field %s is %s, not string", p.NextToken, f.Type.Kind)
		}
		add("Next: func(out *%s) string { return out.%s },", out, f.GoName)
	}
	call := "paging.All(ctx, in, call, paging.Spec[" + in + ", " + out + ", " + item + "]{\n" + strings.Join(spec, "\n") + "\n})"
	if len(text) > 0 {
		call = "paging.AllText(ctx, in, call, paging.Spec[" + in + ", " + out + ", " + item + "]{\n" + strings.Join(spec, "\n") +
			"\n}, paging.TextFields[" + in + "]{\n" + strings.Join(text, "\n") + "\n})"
	}
	return map[string]any{
		"Name": o.Name, "Item": item, "Items": "items in " + p.Items, "Rule": rule,
		"Call": call,
	}, nil
}
