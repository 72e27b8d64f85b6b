package catalog

import (
	"slices"
	"strings"
)

// Service is one API service of one provider. The field meanings are those
// of the generator's description format (package internal/gen/api), less
// the importer's notes and sources.
type Service struct {
	// Generated is the notice of the file's header line; empty once decoded.
	Generated string `json:"generated,omitempty"`
	// Provider is JDCloud, Volcengine or QingCloud.
	Provider string `json:"provider"`
	// Name is the service name ("vm", "iaas"); the typed package is
	// <provider>/<Package()>.
	Name string `json:"name"`
	// Package is the typed package's name when it is not Name.
	Package string `json:"package,omitempty"`
	// Version is the service's API version as the source names it.
	Version string `json:"version"`
	// Endpoint is the default host name, without scheme.
	Endpoint string `json:"endpoint"`
	// SigningName is the service name in signatures (JD Cloud, Volcengine).
	SigningName string `json:"signingName,omitempty"`
	// ResultField is the response member holding the output fields:
	// "result" (JD Cloud), "Result" (Volcengine), "" when they are members
	// of the response itself (QingCloud).
	ResultField string `json:"resultField,omitempty"`
	// Operations are sorted by Name.
	Operations []Operation `json:"operations,omitempty"`
	// Types are the named object types, sorted by Name.
	Types []Type `json:"types,omitempty"`
}

// PackageName returns the typed package's name: Package, or Name.
func (s *Service) PackageName() string {
	if s.Package != "" {
		return s.Package
	}
	return s.Name
}

// Signing returns the service name that requests are signed and routed
// with: SigningName, or Name when the description gives none.
func (s *Service) Signing() string {
	if s.SigningName != "" {
		return s.SigningName
	}
	return s.Name
}

// Operation returns the operation with exactly this name, or nil.
func (s *Service) Operation(name string) *Operation {
	i, ok := slices.BinarySearchFunc(s.Operations, name, func(o Operation, n string) int { return strings.Compare(o.Name, n) })
	if !ok {
		return nil
	}
	return &s.Operations[i]
}

// LookupOperation is Operation, falling back to a case-insensitive match
// when exactly one operation matches that way ("describeinstances").
func (s *Service) LookupOperation(name string) *Operation {
	if op := s.Operation(name); op != nil {
		return op
	}
	var found *Operation
	for i := range s.Operations {
		if strings.EqualFold(s.Operations[i].Name, name) {
			if found != nil {
				return nil
			}
			found = &s.Operations[i]
		}
	}
	return found
}

// Type returns the named type, or nil.
func (s *Service) Type(name string) *Type {
	i, ok := slices.BinarySearchFunc(s.Types, name, func(t Type, n string) int { return strings.Compare(t.Name, n) })
	if !ok {
		return nil
	}
	return &s.Types[i]
}

// Fields returns the fields of the object type r refers to (r.Kind is
// KindObject), nil for anything else or an unknown type.
func (s *Service) Fields(r TypeRef) []Field {
	if r.Kind != KindObject {
		return nil
	}
	if t := s.Type(r.Ref); t != nil {
		return t.Fields
	}
	return nil
}

// Operation is one API call.
type Operation struct {
	// Name is the provider's action name, "DescribeInstances".
	Name string `json:"name"`
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the request path: JD Cloud's template after the version
	// ("/regions/{regionId}/instances"), "/" on Volcengine, "/iaas/" on
	// QingCloud.
	Path string `json:"path"`
	// Action is the value of the action query parameter (Volcengine,
	// QingCloud); empty on JD Cloud.
	Action string `json:"action,omitempty"`
	// Version is the operation's API version: JD Cloud's path prefix,
	// Volcengine's Version= value; empty on QingCloud.
	Version string `json:"version,omitempty"`
	// BodyEncoding is BodyNone, BodyJSON or BodyForm.
	BodyEncoding string `json:"body"`
	// ReadOnly is true when the operation only reads.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Input holds the request parameters, each with a Location.
	Input []Field `json:"input,omitempty"`
	// Output holds the members of the result object.
	Output []Field `json:"output,omitempty"`
	// Paging is set for list operations that page.
	Paging *Paging `json:"paging,omitempty"`
	// IdempotencyToken is the wire name of the input that carries the
	// provider's idempotency token, "" for none.
	IdempotencyToken string `json:"idempotencyToken,omitempty"`
	// DocURL is the provider's API reference page, when known.
	DocURL string `json:"docURL,omitempty"`
}

// InputField returns the top-level input field with this wire name, or nil.
func (o *Operation) InputField(wireName string) *Field {
	return findField(o.Input, wireName)
}

// OutputField returns the output field with this wire name, or nil.
func (o *Operation) OutputField(wireName string) *Field {
	return findField(o.Output, wireName)
}

// Required returns the wire names of the required top-level inputs, in
// input order.
func (o *Operation) Required() []string {
	var out []string
	for _, f := range o.Input {
		if f.Required {
			out = append(out, f.WireName)
		}
	}
	return out
}

func findField(fields []Field, wireName string) *Field {
	for i := range fields {
		if fields[i].WireName == wireName {
			return &fields[i]
		}
	}
	return nil
}

// Body encodings for Operation.BodyEncoding.
const (
	BodyNone = "none"
	BodyJSON = "json"
	BodyForm = "form"
)

// Field is a member of an input, an output or a named type.
type Field struct {
	// WireName is the exact name on the wire.
	WireName string `json:"wire"`
	// GoName is the typed package's field name.
	GoName string `json:"go"`
	// Location is set on top-level inputs: LocationPath, LocationQuery,
	// LocationBody or LocationHeader.
	Location string `json:"in,omitempty"`
	// Type is the field's type.
	Type TypeRef `json:"type"`
	// Required is true when the caller must set it (inputs).
	Required bool `json:"required,omitempty"`
	// Enum lists the documented values, as text; documentation, not
	// enforced (the lists can be stale).
	Enum []string `json:"enum,omitempty"`
	// Default is the value the server assumes when the field is absent.
	Default string `json:"default,omitempty"`
	// Min and Max are the documented inclusive range (of a string's
	// length, for KindString), as decimal text.
	Min string `json:"min,omitempty"`
	Max string `json:"max,omitempty"`
	// Secret marks a value that must never be shown in errors or logs.
	Secret bool `json:"secret,omitempty"`
}

// Field locations for Field.Location.
const (
	LocationPath   = "path"
	LocationQuery  = "query"
	LocationBody   = "body"
	LocationHeader = "header"
)

// TypeRef is the type of a field, a list element or a map value.
type TypeRef struct {
	// Kind is one of the Kind constants.
	Kind string `json:"kind"`
	// Elem is the element type of KindList and the value type of KindMap.
	Elem *TypeRef `json:"elem,omitempty"`
	// Ref names a Type of the service, for KindObject.
	Ref string `json:"ref,omitempty"`
	// Format is the source's width or format annotation ("int32").
	Format string `json:"format,omitempty"`
}

// String describes the type for people: "string", "list of int64",
// "object Filter", "map of string".
func (t TypeRef) String() string {
	switch t.Kind {
	case KindList:
		if t.Elem == nil {
			return "list"
		}
		return "list of " + t.Elem.String()
	case KindMap:
		if t.Elem == nil {
			return "map"
		}
		return "map of " + t.Elem.String()
	case KindObject:
		return "object " + t.Ref
	}
	return t.Kind
}

// Scalar reports whether the type is a single value: string, number,
// boolean or time.
func (t TypeRef) Scalar() bool {
	switch t.Kind {
	case KindString, KindInt64, KindFloat, KindBool, KindTime:
		return true
	}
	return false
}

// Kinds for TypeRef.Kind.
const (
	KindString = "string"
	KindInt64  = "int64"
	KindFloat  = "float64"
	KindBool   = "bool"
	KindTime   = "time" // sent as 2006-01-02T15:04:05Z
	KindAny    = "any"  // JSON of unspecified shape
	KindList   = "list"
	KindMap    = "map"
	KindObject = "object"
)

// Type is a named object type.
type Type struct {
	// Name is the typed package's type name.
	Name string `json:"name"`
	// Fields are the type's members.
	Fields []Field `json:"fields"`
}

// Paging says how a list operation pages; the names are wire names of
// top-level inputs (request side) and outputs (response side).
type Paging struct {
	// Style is PagePage, PageOffset or PageToken.
	Style string `json:"style"`
	// PageNumber (from 1) and PageSize: the request fields of PagePage.
	PageNumber string `json:"pageNumber,omitempty"`
	PageSize   string `json:"pageSize,omitempty"`
	// Offset (from 0) and Limit: the request fields of PageOffset.
	Offset string `json:"offset,omitempty"`
	Limit  string `json:"limit,omitempty"`
	// Token and MaxResults are the request fields of PageToken; NextToken
	// the response field with the next token.
	Token      string `json:"token,omitempty"`
	MaxResults string `json:"maxResults,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
	// Total is the response field with the total number of items, if any.
	Total string `json:"total,omitempty"`
	// TotalRequires names a request field that must be 1 for Total to be
	// filled.
	TotalRequires string `json:"totalRequires,omitempty"`
	// Items is the response field with the page's items, ItemType their type.
	Items    string  `json:"items"`
	ItemType TypeRef `json:"itemType"`
	// MaxPageSize is the largest page size the server takes, 0 if unknown.
	MaxPageSize int64 `json:"maxPageSize,omitempty"`
}

// Paging styles for Paging.Style.
const (
	PagePage   = "page"
	PageOffset = "offset"
	PageToken  = "token"
)

// SizeField returns the wire name of the request field that sets the page
// size in the primary style.
func (p *Paging) SizeField() string {
	switch p.Style {
	case PagePage:
		return p.PageSize
	case PageOffset:
		return p.Limit
	case PageToken:
		return p.MaxResults
	}
	return ""
}
