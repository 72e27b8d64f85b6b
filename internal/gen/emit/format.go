package emit

import (
	"fmt"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// FileFormat holds the rendering methods of the types with a secret field;
// a package without secret fields has none.
const FileFormat = "format_gen.go"

// secretStruct is a generated struct with fields its description marks
// secret.
type secretStruct struct {
	name      string
	values    []string // Go names of the secret fields held as values
	pointers  []string // and of those held as pointers (optional inputs)
	printable bool     // fmt shows a value field: Format is needed
}

// formats renders, for every struct with a secret field, the methods that
// keep the secret out of every rendering a program may point at the value:
// Format (every fmt verb), MarshalJSON (encoding/json, and so slog's JSON
// handler; slog's text handler uses fmt) and MarshalXML, each writing a
// copy with the secret fields blanked. A type that only holds secrets in
// nested values needs none: fmt, json and xml call the nested type's own
// methods (and fmt prints a nested pointer as an address).
//
// The wire never goes through these methods: the generated encoders write
// every field themselves, and formats refuses a description where wire.Map
// would hand such a type to encoding/json.
func (g *gen) formats() (string, error) {
	structs, err := g.secretStructs()
	if err != nil || len(structs) == 0 {
		return "", err
	}
	for _, p := range []string{"json", "xml", "redact"} {
		g.use(p)
	}
	var b strings.Builder
	for _, s := range structs {
		names := strings.Join(append(append([]string(nil), s.values...), s.pointers...), ", ")
		fmt.Fprintf(&b, "\n// redacted is v with its secret fields (%s) blanked, as a type without\n// methods.\n", names)
		fmt.Fprintf(&b, "func (v %s) redacted() any {\n\ttype plain %s\n\tc := plain(v)\n", s.name, s.name)
		for _, f := range s.values {
			fmt.Fprintf(&b, "\tc.%s = redact.Secret(c.%s)\n", f, f)
		}
		for _, f := range s.pointers {
			fmt.Fprintf(&b, "\tc.%s = redact.SecretPtr(c.%s)\n", f, f)
		}
		b.WriteString("\treturn c\n}\n")
		if s.printable {
			g.use("fmt")
			fmt.Fprintf(&b, "\n// Format prints v with %s redacted, for every verb.\n", names)
			fmt.Fprintf(&b, "func (v %s) Format(f fmt.State, verb rune) {\n\tredact.Fields(f, verb, %q, v.redacted())\n}\n",
				s.name, g.svc.PackageName()+"."+s.name)
		}
		fmt.Fprintf(&b, "\n// MarshalJSON writes v with %s as %q; read the field itself\n// for its value.\n", names, "REDACTED")
		fmt.Fprintf(&b, "func (v %s) MarshalJSON() ([]byte, error) { return json.Marshal(v.redacted()) }\n", s.name)
		fmt.Fprintf(&b, "\n// MarshalXML writes v with %s as %q.\n", names, "REDACTED")
		fmt.Fprintf(&b, "func (v %s) MarshalXML(e *xml.Encoder, start xml.StartElement) error {\n\treturn e.EncodeElement(v.redacted(), start)\n}\n", s.name)
	}
	return b.String(), nil
}

// secretStructs lists the inputs, outputs and types with a secret field,
// in the order they are declared.
func (g *gen) secretStructs() ([]secretStruct, error) {
	type decl struct {
		name   string
		fields []api.Field
		in     bool // input style: optional scalars are pointers
	}
	var all []decl
	for _, o := range g.svc.Operations {
		all = append(all, decl{o.Name + "Input", o.Input, true}, decl{o.Name + "Output", o.Output, false})
	}
	for _, t := range g.svc.Types {
		all = append(all, decl{t.GoName, t.Fields, g.input[t.GoName]})
	}
	var out []secretStruct
	direct := map[string]bool{}
	for _, d := range all {
		s := secretStruct{name: d.name}
		for _, f := range d.fields {
			if !f.Secret {
				continue
			}
			switch g.goType(f, d.in, false) {
			case "string":
				s.values, s.printable = append(s.values, f.GoName), true
			case "*string":
				s.pointers = append(s.pointers, f.GoName)
			default:
				return nil, fmt.Errorf("%s.%s: a secret field must be a string", d.name, f.GoName)
			}
		}
		if len(s.values)+len(s.pointers) > 0 {
			out = append(out, s)
			direct[d.name] = true
		}
	}
	for _, d := range all {
		for _, f := range d.fields {
			if f.Type.Kind == api.KindMap && direct[objectRef(f.Type)] {
				return nil, fmt.Errorf("%s.%s: a map of %s, whose secret MarshalJSON hides, would go on the wire through encoding/json", d.name, f.GoName, objectRef(f.Type))
			}
		}
	}
	return out, nil
}

// objectRef is the type an object, or a list or map of them at any depth,
// refers to; "" for other kinds.
func objectRef(t api.TypeRef) string {
	for t.Elem != nil && (t.Kind == api.KindList || t.Kind == api.KindMap) {
		t = *t.Elem
	}
	if t.Kind == api.KindObject {
		return t.Ref
	}
	return ""
}

// FileFormatTest checks the methods of FileFormat on every such type.
const FileFormatTest = "format_gen_test.go"

// formatTest renders a test that builds every struct with a secret field,
// each secret set to a planted value, and checks that no rendering shows
// it.
func (g *gen) formatTest() (string, error) {
	structs, err := g.secretStructs()
	if err != nil || len(structs) == 0 {
		return "", err
	}
	g.use("testing")
	g.use("typedtest")
	var b strings.Builder
	b.WriteString("\n// TestSecretFieldsAreHidden: every type with a field its description marks\n// secret hides it from fmt, slog, JSON and XML (typedtest.AssertSecretHidden).\n")
	b.WriteString("func TestSecretFieldsAreHidden(t *testing.T) {\n\ts := typedtest.PlantedSecret\n")
	for _, s := range structs {
		var fields []string
		for _, f := range s.values {
			fields = append(fields, f+": s")
		}
		for _, f := range s.pointers {
			fields = append(fields, f+": &s")
		}
		fmt.Fprintf(&b, "\ttypedtest.AssertSecretHidden(t, %q, %s{%s})\n", s.name, s.name, strings.Join(fields, ", "))
	}
	b.WriteString("}\n")
	return b.String(), nil
}
