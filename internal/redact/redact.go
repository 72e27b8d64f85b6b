// Package redact is the one way the SDK's types that can hold a secret
// (a credentials provider, a Config, a Client, a Request with a password in
// its parameters) print themselves: as a summary that names no secret,
// whatever renders them.
//
// A type that can hold a secret has a String method that builds its summary
// and forwards every other rendering to this package:
//
//	fmt          Format (every verb, %q quoted) and GoString
//	log/slog     LogValue (the text and JSON handlers alike)
//	encoding/json, encoding/xml
//	             MarshalJSON and MarshalXML write the summary as a string
//	encoding/gob GobEncode refuses with an error: gob is for moving values
//	             between programs, and a value with its secret blanked out
//	             would arrive broken rather than fail.
//
// fmt, json, xml and gob all call these methods on exported fields, map
// values, slice elements and through pointers, so a summary type stays
// redacted when it is nested in a caller's struct. (fmt does not call
// methods on values it reaches through unexported fields, which is why the
// summary is built by hand rather than from the fields.)
package redact

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Placeholder replaces a secret value.
const Placeholder = "REDACTED"

// Format writes summary for every verb: quoted for %q, as is otherwise.
func Format(f fmt.State, verb rune, summary string) {
	if verb == 'q' {
		summary = strconv.Quote(summary)
	}
	_, _ = io.WriteString(f, summary)
}

// LogValue is summary as a slog string value.
func LogValue(summary string) slog.Value { return slog.StringValue(summary) }

// JSON is summary as a JSON string.
func JSON(summary string) ([]byte, error) { return json.Marshal(summary) }

// XML writes summary as the character data of start.
func XML(e *xml.Encoder, start xml.StartElement, summary string) error {
	return e.EncodeElement(summary, start)
}

// GobError is the error of GobEncode on a type that can hold a secret.
type GobError struct {
	Type string // the type refused, such as "signer.Credentials"
}

// Error says which type was refused and why.
func (e *GobError) Error() string {
	return e.Type + " is not gob-encoded: it can hold a secret that must not leave the process"
}

// Gob refuses to encode a value of the named type.
func Gob(typeName string) ([]byte, error) { return nil, &GobError{Type: typeName} }

// Secret is what a summary shows for a secret value: "" when it is empty,
// so that a reader can tell an unset secret from a set one, and Placeholder
// otherwise.
func Secret(v string) string {
	if v == "" {
		return ""
	}
	return Placeholder
}

// SecretPtr is Secret for an optional value: nil stays nil.
func SecretPtr(p *string) *string {
	if p == nil {
		return nil
	}
	v := Secret(*p)
	return &v
}

// Fields prints a value of a generated API type, named typeName (such as
// "vm.CreateInstancesInput"), whose secret fields must not be shown:
// plain is a copy of it converted to a type without methods, with those
// fields already blanked (see Secret). Every verb prints plain as fmt
// would print the value; %#v names typeName rather than the method-less
// type.
//
// Unlike the summary types above, an API value prints its fields: they are
// what a caller debugging a call needs, and only the fields the service
// description marks secret are hidden.
func Fields(f fmt.State, verb rune, typeName string, plain any) {
	if verb == 'v' && f.Flag('#') {
		s := fmt.Sprintf("%#v", plain)
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = typeName + s[i:]
		}
		_, _ = io.WriteString(f, s)
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), plain)
}
