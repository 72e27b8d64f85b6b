package emit

import (
	"fmt"
	"strings"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// encoders renders one encode method per input type and per input-style
// object type: one line per field, handing it to the wire.Encoder by its
// wire name.
func (g *gen) encoders() (string, error) {
	g.use("wire")
	var b strings.Builder
	for i := range g.svc.Operations {
		o := &g.svc.Operations[i]
		if err := g.encoder(&b, o.Name+"Input", o.Input, o.IdempotencyToken); err != nil {
			return "", fmt.Errorf("%s: %w", o.Name, err)
		}
	}
	for _, t := range g.typeList() {
		if !g.input[t.GoName] {
			continue
		}
		if err := g.encoder(&b, t.GoName, t.Fields, ""); err != nil {
			return "", fmt.Errorf("%s: %w", t.GoName, err)
		}
	}
	return b.String(), nil
}

// encoder renders one type's encode method; token is the wire name of the
// field that carries the operation's idempotency token, "" for none.
func (g *gen) encoder(b *strings.Builder, typeName string, fields []api.Field, token string) error {
	fmt.Fprintf(b, "\nfunc (v *%s) encode(e *wire.Encoder) {\n", typeName)
	for _, f := range fields {
		if token != "" && f.WireName == token {
			line, err := tokenLine(f)
			if err != nil {
				return fmt.Errorf("field %s: %w", f.WireName, err)
			}
			b.WriteString("\t" + line + "\n")
			continue
		}
		line, err := g.encodeLine(f)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.WireName, err)
		}
		b.WriteString("\t" + line + "\n")
		if f.Required && f.Location != api.LocationPath && !(f.Type.Kind == api.KindString) {
			set := "v." + f.GoName + " != nil"
			if f.Type.Kind == api.KindList || f.Type.Kind == api.KindMap {
				set = "len(v." + f.GoName + ") > 0"
			}
			fmt.Fprintf(b, "\te.Require(%q, %s)\n", f.WireName, set)
		}
	}
	b.WriteString("}\n")
	return nil
}

// scalarMethods are the Encoder methods for optional scalars and for lists
// of scalars, by kind.
var (
	scalarMethods = map[string]string{
		api.KindString: "String", api.KindInt64: "Int", api.KindFloat: "Float",
		api.KindBool: "Bool", api.KindTime: "Time", api.KindAny: "Any",
	}
	listMethods = map[string]string{
		api.KindString: "Strings", api.KindInt64: "Ints", api.KindFloat: "Floats", api.KindBool: "Bools",
	}
)

func (g *gen) encodeLine(f api.Field) (string, error) {
	name, field := fmt.Sprintf("%q", f.WireName), "v."+f.GoName
	t := f.Type
	if f.Location == api.LocationPath {
		switch t.Kind {
		case api.KindString:
			return fmt.Sprintf("e.Path(%s, %s)", name, field), nil
		case api.KindInt64:
			return fmt.Sprintf("e.PathInt(%s, %s)", name, field), nil
		}
		return "", fmt.Errorf("a path parameter of kind %s", t.Kind)
	}
	if f.Location == api.LocationHeader {
		return "", fmt.Errorf("header parameters are not supported")
	}
	switch t.Kind {
	case api.KindString:
		secret := ""
		if f.Secret {
			secret = "Secret"
		}
		if f.Required {
			return fmt.Sprintf("e.Required%sString(%s, %s)", secret, name, field), nil
		}
		return fmt.Sprintf("e.%sString(%s, %s)", secret, name, field), nil
	case api.KindObject:
		return fmt.Sprintf("wire.Object(e, %s, %s, (*%s).encode)", name, field, t.Ref), nil
	case api.KindList:
		switch el := t.Elem; {
		case el.Kind == api.KindObject:
			return fmt.Sprintf("wire.List(e, %s, %s, (*%s).encode)", name, field, el.Ref), nil
		case el.Kind == api.KindString && f.Secret:
			return fmt.Sprintf("e.SecretStrings(%s, %s)", name, field), nil
		case listMethods[el.Kind] != "":
			return fmt.Sprintf("e.%s(%s, %s)", listMethods[el.Kind], name, field), nil
		case el.Kind == api.KindAny || el.Kind == api.KindList || el.Kind == api.KindMap:
			// No fixed scalar type: JSON as is, a query element by element.
			return fmt.Sprintf("wire.Values(e, %s, %s)", name, field), nil
		}
		return "", fmt.Errorf("an input list of %s is not supported", t.Elem.Kind)
	case api.KindMap:
		return fmt.Sprintf("wire.Map(e, %s, %s)", name, field), nil
	}
	if m := scalarMethods[t.Kind]; m != "" {
		return fmt.Sprintf("e.%s(%s, %s)", m, name, field), nil
	}
	return "", fmt.Errorf("kind %s is not supported", t.Kind)
}

// tokenLine encodes the field that carries an operation's idempotency token:
// the encoder sends the caller's token, or a fresh one when it is empty,
// without writing to the input.
func tokenLine(f api.Field) (string, error) {
	if f.Type.Kind != api.KindString || f.Location == api.LocationPath || f.Location == api.LocationHeader {
		return "", fmt.Errorf("an idempotency token must be a string in the query or body, not %s in %s", f.Type.Kind, f.Location)
	}
	if f.Required {
		return fmt.Sprintf("e.RequiredToken(%q, v.%s)", f.WireName, f.GoName), nil
	}
	return fmt.Sprintf("e.Token(%q, v.%s)", f.WireName, f.GoName), nil
}
