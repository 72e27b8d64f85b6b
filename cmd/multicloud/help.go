package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// cloudNames are the providers' names for people.
var cloudNames = map[string]string{
	catalog.JDCloud:    "JD Cloud",
	catalog.Volcengine: "Volcengine",
	catalog.QingCloud:  "QingCloud",
}

// helpTop writes `multicloud --help`.
func (s *session) helpTop() error {
	return s.writeHelpTop(s.stdout)
}

func (s *session) writeHelpTop(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`multicloud calls any API of JD Cloud, Volcengine and QingCloud through the multicloud SDK.

Usage:
  multicloud <cloud> <service> <Action> [--field value ...] [flags]
  multicloud <cloud> call <service> <Action> --params '{...}' [flags]
  multicloud <cloud> [<service> [<Action>]] --help
  multicloud completion bash|zsh|fish

Clouds and services:
`)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, p := range s.cat.Providers() {
		var parts []string
		for _, info := range s.cat.Services(p) {
			parts = append(parts, fmt.Sprintf("%s (%d)", info.Name, info.Operations))
		}
		fmt.Fprintf(tw, "  %s\t%s\n", p, strings.Join(parts, ", "))
	}
	tw.Flush()
	b.WriteString("\nFlags (anywhere on the line):\n")
	writeGlobalFlags(&b)
	b.WriteString(`
Action fields are flags named as on the wire (--zone, --InstanceIds, --pageSize): a list takes the flag
once per element, an object takes JSON. Required fields are checked before anything is sent.

Credentials come from the SDK's chain: JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY or ~/.jdc/config;
VOLCENGINE_ACCESS_KEY/VOLCENGINE_SECRET_KEY (and VOLCSTACK_*), ~/.volcengine/credentials or ve's config.json;
QINGCLOUD_ACCESS_KEY_ID/QINGCLOUD_SECRET_ACCESS_KEY or ~/.qingcloud/config.yaml. --profile picks a profile.
Without --region/--zone the place comes from JDCLOUD_REGION or region_id in ~/.jdc/config; VOLCENGINE_REGION,
VOLCSTACK_REGION or region in ~/.volcengine/credentials or ~/.volcengine/config.json; QINGCLOUD_ZONE or zone in ~/.qingcloud/config.yaml
(in each file, the profile the credentials come from).

Output is JSON on stdout; errors are one line on stderr with the provider's code and request id.

` + exitCodesSection + ":\n" + exitCodesHelp + "\n")
	_, err := writeHelp(w, b.String())
	return err
}

func writeGlobalFlags(b *strings.Builder) {
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	for _, g := range globalFlags {
		names := "--" + g.names[0]
		if len(g.names) > 1 {
			names = "-" + g.names[1] + ", " + names
		} else {
			names = "    " + names
		}
		if g.arg != "" {
			names += " " + g.arg
		}
		fmt.Fprintf(tw, "  %s\t%s\n", names, g.help)
	}
	tw.Flush()
}

// helpCloud writes `multicloud <cloud> --help`.
func (s *session) helpCloud(provider string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s services:\n", cloudNames[provider])
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, info := range s.cat.Services(provider) {
		fmt.Fprintf(tw, "  %s\t%d actions\tAPI version %s\n", info.Name, info.Operations, info.Version)
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nUsage:\n  multicloud %s <service> <Action> [--field value ...] [flags]\n", provider)
	fmt.Fprintf(&b, "  multicloud %s <service> --help      the service's actions\n", provider)
	fmt.Fprintf(&b, "  multicloud %s call <service> <Action> --params '{...}'\n", provider)
	_, err := writeHelp(s.stdout, b.String())
	return err
}

// helpService writes `multicloud <cloud> <service> --help`: the actions.
func (s *session) helpService(svc *catalog.Service) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (API version %s): %d actions\n\n", cloudNames[svc.Provider], svc.Name, svc.Version, len(svc.Operations))
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for i := range svc.Operations {
		op := &svc.Operations[i]
		var notes []string
		if op.ReadOnly {
			notes = append(notes, "read-only")
		}
		if op.Paging != nil {
			notes = append(notes, "--all")
		}
		if waiterFor(svc, op) != nil {
			notes = append(notes, "--wait")
		}
		if req := op.Required(); len(req) > 0 {
			notes = append(notes, "needs --"+strings.Join(req, " --"))
		}
		fmt.Fprintf(tw, "  %s\t%s\n", op.Name, strings.Join(notes, ", "))
	}
	tw.Flush()
	fmt.Fprintf(&b, "\nmulticloud %s %s <Action> --help shows an action's fields.\n", svc.Provider, svc.Name)
	_, err := writeHelp(s.stdout, b.String())
	return err
}

// helpAction writes `multicloud <cloud> <service> <Action> --help`: the
// action's wire facts and every field with its type, whether it is
// required, its allowed values, default and range.
func (s *session) helpAction(svc *catalog.Service, op *catalog.Operation) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s\n", svc.Provider, svc.Name, op.Name)
	fmt.Fprintf(&b, "  %s %s", op.Method, wirePath(svc, op))
	if op.ReadOnly {
		b.WriteString("  (read-only)")
	}
	b.WriteString("\n")
	if op.DocURL != "" {
		fmt.Fprintf(&b, "  Docs: %s\n", op.DocURL)
	}

	fmt.Fprintf(&b, "\nUsage:\n  multicloud %s %s %s", svc.Provider, svc.Name, op.Name)
	for _, f := range op.Input {
		if f.Required && !s.defaulted(svc, &f) {
			fmt.Fprintf(&b, " --%s %s", f.WireName, argName(f.Type))
		}
	}
	b.WriteString(" [flags]\n")

	if len(op.Input) > 0 {
		b.WriteString("\nFields (* required):\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, f := range op.Input {
			mark := " "
			if f.Required {
				mark = "*"
			}
			fmt.Fprintf(tw, "  --%s %s\t%s\t%s\n", f.WireName, mark, f.Type, strings.Join(s.fieldNotes(svc, &f), "; "))
		}
		tw.Flush()
	}
	if shapes := s.shapes(svc, op.Input); len(shapes) > 0 {
		b.WriteString("\nJSON objects:\n")
		for _, sh := range shapes {
			b.WriteString("  " + sh + "\n")
		}
	}
	if len(op.Output) > 0 {
		b.WriteString("\nOutput:\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, f := range op.Output {
			fmt.Fprintf(tw, "  %s\t%s\n", f.WireName, f.Type)
		}
		tw.Flush()
	}
	var extras []string
	if p := op.Paging; p != nil {
		line := fmt.Sprintf("--all pages with %s (%s)", pagingFields(p), p.Items)
		if p.MaxPageSize > 0 {
			line += fmt.Sprintf(", up to %d per page", p.MaxPageSize)
		}
		extras = append(extras, line)
	}
	if w := waiterFor(svc, op); w != nil {
		extras = append(extras, "--wait "+w.describe(op.Name))
	}
	if op.IdempotencyToken != "" {
		extras = append(extras, "--"+op.IdempotencyToken+" is filled with a fresh idempotency token when not given")
	}
	if len(extras) > 0 {
		b.WriteString("\n")
		for _, e := range extras {
			b.WriteString(e + "\n")
		}
	}
	b.WriteString("\nGlobal flags: multicloud --help\n")
	_, err := writeHelp(s.stdout, b.String())
	return err
}

// wirePath is the request line's path as sent.
func wirePath(svc *catalog.Service, op *catalog.Operation) string {
	switch svc.Provider {
	case catalog.JDCloud:
		return "/" + op.Version + op.Path
	case catalog.Volcengine:
		return op.Path + "?Action=" + op.Name + "&Version=" + op.Version
	}
	return op.Path + "?action=" + op.Name
}

func pagingFields(p *catalog.Paging) string {
	switch p.Style {
	case catalog.PagePage:
		return p.PageNumber + "/" + p.PageSize
	case catalog.PageOffset:
		return p.Offset + "/" + p.Limit
	}
	return p.Token + "/" + p.MaxResults + " → " + p.NextToken
}

// defaulted reports whether a required field is filled from a global flag
// when it is not given: QingCloud's zone (--zone) and JD Cloud's regionId
// (--region).
func (s *session) defaulted(svc *catalog.Service, f *catalog.Field) bool {
	return svc.Provider == catalog.QingCloud && f.WireName == "zone" ||
		svc.Provider == catalog.JDCloud && f.WireName == "regionId"
}

// fieldNotes are the facts help shows for a field.
func (s *session) fieldNotes(svc *catalog.Service, f *catalog.Field) []string {
	var notes []string
	if s.defaulted(svc, f) {
		flag := "--zone"
		if svc.Provider == catalog.JDCloud {
			flag = "--region"
		}
		notes = append(notes, "default from "+flag)
	}
	if lookupGlobal(f.WireName) != nil && !s.defaulted(svc, f) {
		notes = append(notes, "set it with --params (--"+f.WireName+" is a global flag)")
	}
	if f.Type.Kind == catalog.KindList {
		if f.Type.Elem != nil && f.Type.Elem.Scalar() {
			notes = append(notes, "repeat the flag")
		} else {
			notes = append(notes, "JSON array, or repeat the flag with one JSON value each")
		}
	}
	if f.Type.Kind == catalog.KindObject || f.Type.Kind == catalog.KindMap {
		notes = append(notes, "JSON")
	}
	if len(f.Enum) > 0 {
		notes = append(notes, "one of: "+strings.Join(f.Enum, ", "))
	}
	if f.Default != "" {
		notes = append(notes, "default "+f.Default)
	}
	switch {
	case f.Min != "" && f.Max != "":
		notes = append(notes, "range "+f.Min+".."+f.Max)
	case f.Min != "":
		notes = append(notes, "min "+f.Min)
	case f.Max != "":
		notes = append(notes, "max "+f.Max)
	}
	if f.Secret {
		notes = append(notes, "secret")
	}
	return notes
}

// shapes describes the object types the fields use, one line each, as JSON
// skeletons: Filter {"name"*: string, "values": [string]}. Nested types
// follow their users.
func (s *session) shapes(svc *catalog.Service, fields []catalog.Field) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(fields []catalog.Field)
	visit = func(fields []catalog.Field) {
		for _, f := range fields {
			t := f.Type
			for t.Elem != nil {
				t = *t.Elem
			}
			if t.Kind != catalog.KindObject || seen[t.Ref] {
				continue
			}
			seen[t.Ref] = true
			ty := svc.Type(t.Ref)
			if ty == nil {
				continue
			}
			var members []string
			for _, m := range ty.Fields {
				mark := ""
				if m.Required {
					mark = "*"
				}
				members = append(members, fmt.Sprintf("%q%s: %s", m.WireName, mark, skeleton(m.Type)))
			}
			out = append(out, ty.Name+" {"+strings.Join(members, ", ")+"}")
			visit(ty.Fields)
		}
	}
	visit(fields)
	return out
}

// skeleton writes a type as it looks in JSON: [string], {Filter}, map.
func skeleton(t catalog.TypeRef) string {
	switch t.Kind {
	case catalog.KindList:
		if t.Elem == nil {
			return "[...]"
		}
		return "[" + skeleton(*t.Elem) + "]"
	case catalog.KindObject:
		return t.Ref
	case catalog.KindMap:
		if t.Elem == nil {
			return "{string: any}"
		}
		return "{string: " + skeleton(*t.Elem) + "}"
	}
	return t.Kind
}

// argName is the placeholder of a flag's value in usage lines.
func argName(t catalog.TypeRef) string {
	switch t.Kind {
	case catalog.KindList:
		if t.Elem != nil && t.Elem.Scalar() {
			return strings.ToUpper(t.Elem.Kind) + "..."
		}
		return "JSON"
	case catalog.KindObject, catalog.KindMap, catalog.KindAny:
		return "JSON"
	}
	return strings.ToUpper(t.Kind)
}

// helpCall writes `multicloud <cloud> call --help`.
func (s *session) helpCall(provider string) error {
	var b strings.Builder
	fmt.Fprintf(&b, `Usage:
  multicloud %[1]s call <service> <Action> --params '{...}' [flags]

Calls any %[2]s API through the SDK's generic call, with the parameters as given: nothing is checked
before sending. For an action the catalog knows, its method, path and version come from there; for
any other, give them:
`, provider, cloudNames[provider])
	switch provider {
	case catalog.JDCloud:
		b.WriteString("  --path /regions/{regionId}/instances (path fields are taken from --params), --method GET, --version v1\n")
	case catalog.Volcengine:
		b.WriteString("  --version 2020-04-01 (default: the service's), --method GET or POST\n")
	default:
		b.WriteString("  nothing: QingCloud actions are named by action= alone\n")
	}
	b.WriteString("\nGlobal flags: multicloud --help\n")
	_, err := writeHelp(s.stdout, b.String())
	return err
}

// writeHelp writes help text without the trailing blanks that tabwriter
// leaves after an empty last column.
func writeHelp(w io.Writer, text string) (int, error) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return io.WriteString(w, strings.Join(lines, "\n"))
}
