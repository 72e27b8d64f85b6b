// Package api is the provider-neutral, facts-only description of a cloud API
// service that the code generator works from.
//
// The importer (internal/gen/cmd/import-specs) reads the providers' own
// specification data and writes one [Service] per file as JSON under
// internal/gen/apis/<provider>/<service>.json; the emitter reads only those
// committed files. A description holds facts and nothing else: names,
// versions, HTTP methods, paths, parameter locations, wire names, Go names,
// types, required flags, enum values and paging. It never holds provider prose
// (descriptions, examples, Chinese documentation text).
//
// # Ordering
//
// Output is deterministic, so re-running the importer gives byte-identical
// files. Operations are sorted by Name and Types by GoName. Fields keep the
// order of the source where the source has one (JD Cloud's field lists, which
// follow the official SDK's structs) and are sorted by WireName where the
// source is a JSON object (QingCloud Swagger properties, Volcengine metadata).
// Enum values keep the source order.
//
// # Wire encoding
//
// How an Input reaches the wire is fixed by Operation.HTTPMethod,
// Operation.BodyEncoding and each top-level Field.Location:
//
//   - LocationPath: substituted for "{wireName}" in Operation.Path.
//   - LocationQuery: a URL query parameter.
//   - LocationBody: a member of the body, encoded as BodyEncoding says: a
//     JSON object (BodyJSON) or application/x-www-form-urlencoded (BodyForm).
//
// Query and form parameters flatten lists and objects with dotted names, the
// same rule on all three clouds: a list "k" of scalars is sent as k.1, k.2, ...
// (1-based); a list of objects as k.1.f, k.2.f, ...; a list inside such an
// item as k.1.f.1, ...; a single nested object (Volcengine) as k.f. Nested
// fields use their own WireName. JSON bodies carry the values as the JSON
// types of their Kind.
//
// The descriptions record the sources' facts, not the official SDKs'
// habits, and a few shapes have no documented wire form; the emitter
// decides them: JD Cloud's SDK also repeats path fields in the JSON body;
// QingCloud has three inputs that are a single object (UpdateCacheParameters
// parameters, UpdateClusterEnvironment env, ChangeClusterVxnet private_ips),
// which its Go SDK drops and its Python SDK sends as JSON text, and a list
// inside a list item (loadbalancer_listener server_certificate_id), which
// its Go SDK joins with commas.
//
// # Names
//
// WireName is always the exact name on the wire. GoName is an exported Go
// identifier made by [GoName] from the wire name: words are split at "_", "-",
// "." and lower-to-upper case changes, each word is capitalised, and the
// words listed in [Initialisms] are written in capitals, also in their plural
// form: regionId → RegionID, instanceIds → InstanceIDs, vpcIds → VpcIDs,
// private_ips → PrivateIPs, eip_id → EipID. VPC, EIP and the like are not
// initialisms here (VpcID, as the issue asks). Operation names are the
// providers' action names, unchanged, so a user finds any operation by the
// name in the provider's documentation.
package api

// Provider identifiers used in Service.Provider.
const (
	ProviderJDCloud    = "jdcloud"
	ProviderVolcengine = "volcengine"
	ProviderQingCloud  = "qingcloud"
)

// Service is one API service of one provider: everything the emitter needs to
// generate one typed Go package (jdcloud/vm, volcengine/billing,
// qingcloud/iaas, ...).
type Service struct {
	// Provider is one of ProviderJDCloud, ProviderVolcengine, ProviderQingCloud.
	Provider string `json:"provider"`
	// Name is the service name, which is also the generated package name
	// unless Package says otherwise: "vm", "vpc", "disk", "iam", "monitor",
	// "billing", "ecs", "iaas".
	Name string `json:"name"`
	// Package is the generated Go package name when it differs from Name:
	// a service name that is no Go identifier ("rds_mysql_v2" → "rdsmysql")
	// or a second API version of one service (distinct package names).
	// Empty means Name.
	Package string `json:"package,omitempty"`
	// Version is the API version of the service as the source names it: JD
	// Cloud "v1"/"v2" (each Operation also carries its own), Volcengine
	// "2020-04-01" (sent as Version=), QingCloud "2013-08-30" (the version of
	// the Swagger document; it is not sent on the wire).
	Version string `json:"version"`
	// Endpoint is the default host name, without scheme. JD Cloud and
	// QingCloud take it from the spec; Volcengine metadata has none, so the
	// importer records open.volcengineapi.com, the universal endpoint that
	// volcengine-go-sdk uses.
	Endpoint string `json:"endpoint"`
	// SigningName is the service name used in the request signature (JD Cloud
	// and Volcengine credential scopes). It is empty for QingCloud, whose
	// signature has no service name.
	SigningName string `json:"signingName,omitempty"`
	// ResultField is the member of the response JSON object that holds the
	// Output fields: "result" (JD Cloud), "Result" (Volcengine). It is empty
	// when the Output fields are members of the response object itself
	// (QingCloud, where they sit beside "action", "ret_code" and "message").
	ResultField string `json:"resultField,omitempty"`
	// Sources lists the spec files the description was imported from,
	// relative to the specs directory.
	Sources []string `json:"sources"`
	// Notes records, in the importer's words, each place where the source was
	// inconsistent or incomplete and what the importer did about it.
	Notes []string `json:"notes,omitempty"`
	// Operations are sorted by Name.
	Operations []Operation `json:"operations"`
	// Types are the named object types reachable from the operations' Input
	// and Output fields, sorted by GoName.
	Types []Type `json:"types"`
}

// Operation is one API call.
type Operation struct {
	// Name is the provider's action name, e.g. "DescribeInstances", with its
	// first letter in upper case where the provider spells it lowerCamel
	// (Volcengine spark "listApps" → "ListApps"; Action keeps the spelling).
	// It is an exported Go identifier and unique within the service; the
	// emitter uses it for the method and for the NameInput/NameOutput types.
	Name string `json:"name"`
	// HTTPMethod is "GET", "POST", "PUT", "PATCH", "DELETE" or "HEAD".
	HTTPMethod string `json:"httpMethod"`
	// Path is the request path. JD Cloud: a template relative to the version
	// prefix, with {wireName} placeholders for path fields, e.g.
	// "/regions/{regionId}/instances/{instanceId}:startInstance"; the full
	// path is "/" + Version + Path. Volcengine: "/". QingCloud: "/iaas/".
	Path string `json:"path"`
	// Action is the value of the action query parameter: "Action=" on
	// Volcengine, "action=" on QingCloud. Empty on JD Cloud, which is REST.
	Action string `json:"action,omitempty"`
	// Version is the API version of this operation: JD Cloud "v1" or "v2"
	// (the path prefix), Volcengine the "Version=" query value. Empty on
	// QingCloud, whose protocol-level version=1 parameter is not in the spec.
	Version string `json:"version,omitempty"`
	// BodyEncoding says how LocationBody inputs are sent: BodyNone (no body;
	// there are no body inputs), BodyJSON or BodyForm.
	BodyEncoding string `json:"bodyEncoding"`
	// ReadOnly is true when the operation only reads: its name starts with
	// Describe, List, Get or Query, or (JD Cloud) its method is GET. Read-only
	// operations are safe to retry.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Input holds the request parameters, each with a Location.
	Input []Field `json:"input"`
	// Output holds the members of the response result object (see
	// Service.ResultField); envelope members such as request ids and error
	// codes are not listed.
	Output []Field `json:"output"`
	// Paging is set for list operations that page; nil otherwise.
	Paging *Paging `json:"paging,omitempty"`
	// IdempotencyToken is the WireName of the top-level Input field that
	// carries the provider's idempotency token (Volcengine ClientToken, JD
	// Cloud clientToken), "" when the operation has none. The SDK fills it
	// when the caller leaves it empty and keeps it across its own retries.
	IdempotencyToken string `json:"idempotencyToken,omitempty"`
	// DocURL is the provider's API reference page for the operation, where
	// the source gives it or the provider's URL pattern is verified.
	DocURL string `json:"docURL,omitempty"`
}

// Body encodings for Operation.BodyEncoding.
const (
	BodyNone = "none" // no request body
	BodyJSON = "json" // application/json object of the body fields
	BodyForm = "form" // application/x-www-form-urlencoded, flattened like a query
)

// Field is one member of an input, an output or a named Type.
type Field struct {
	// WireName is the exact name on the wire (query key, JSON member).
	WireName string `json:"wireName"`
	// GoName is the exported Go field name, unique within its struct.
	GoName string `json:"goName"`
	// Location is set on top-level Input fields only: LocationPath,
	// LocationQuery, LocationBody or LocationHeader.
	Location string `json:"location,omitempty"`
	// Type is the field's type.
	Type TypeRef `json:"type"`
	// Required is true when the source marks the field required. On inputs
	// (and on types reachable from inputs) the caller must set it; on outputs
	// it is informational.
	Required bool `json:"required,omitempty"`
	// Enum lists the allowed values the source gives, in source order, as
	// text: strings verbatim, numbers in decimal. For a list it constrains the
	// elements. Enums are documentation; stale lists must not be enforced.
	Enum []string `json:"enum,omitempty"`
	// Default is the default value the source states, as text like Enum.
	// It is what the server assumes when the field is absent; it is not to be
	// sent on the caller's behalf.
	Default string `json:"default,omitempty"`
	// Min and Max are the inclusive range the source states for a number
	// (or for a string's length, on KindString), as decimal text; empty
	// when it states none.
	Min string `json:"min,omitempty"`
	Max string `json:"max,omitempty"`
	// Secret marks a value that must never appear in an error or a log line
	// (a password, a private key, user data the source marks sensitive): the
	// SDK scrubs it, raw and escaped, from error text and logs, even when a
	// server echoes it.
	Secret bool `json:"secret,omitempty"`
}

// Field locations for Field.Location.
const (
	LocationPath   = "path"
	LocationQuery  = "query"
	LocationBody   = "body"
	LocationHeader = "header"
)

// TypeRef is the type of a Field, a list element or a map value.
type TypeRef struct {
	// Kind is one of the Kind constants.
	Kind string `json:"kind"`
	// Elem is the element type of KindList and the value type of KindMap
	// (map keys are always strings).
	Elem *TypeRef `json:"elem,omitempty"`
	// Ref is the GoName of a Type in Service.Types, for KindObject.
	Ref string `json:"ref,omitempty"`
	// Format is the width or format annotation of the source, verbatim, when
	// it has one: "int32", "int64", "float", "double" (Volcengine),
	// "json_number" (Volcengine, imported as KindInt64), "date-time"
	// (QingCloud, KindTime).
	Format string `json:"format,omitempty"`
}

// Kinds for TypeRef.Kind. All integers are 64-bit and all floating-point
// numbers float64, whatever width the source states.
const (
	KindString = "string"
	KindInt64  = "int64"
	KindFloat  = "float64"
	KindBool   = "bool"
	// KindTime is a timestamp sent and received as a string in the form
	// 2006-01-02T15:04:05Z (UTC); responses may carry an empty string.
	KindTime = "time"
	// KindAny is a JSON value of unspecified shape (an untyped object, or
	// JD Cloud's interface{}); the emitter should keep it raw.
	KindAny    = "any"
	KindList   = "list"
	KindMap    = "map"
	KindObject = "object"
)

// Type is a named object type: a struct in the generated package.
type Type struct {
	// GoName is the exported Go type name, unique within the service and
	// distinct from every NameInput/NameOutput of the service's operations
	// and from ReservedTypeNames.
	GoName string `json:"goName"`
	// SpecName is the type's name in the source ("vm.InstanceSpec",
	// "security_group_rule", "TagForRunInstancesInput"). For object types the
	// source leaves anonymous it is the importer's path to it, e.g.
	// "DescribeInstances.Output.Instances[]".
	SpecName string `json:"specName"`
	// Fields are the type's members.
	Fields []Field `json:"fields"`
}

// ReservedTypeNames are package-level names the emitter may define in every
// generated package, so no Type uses them.
var ReservedTypeNames = []string{"Client", "Config", "New", "Option"}

// Paging describes how a list operation pages. The wire names refer to
// top-level Input fields (request side) and Output fields (response side).
type Paging struct {
	// Style is the primary paging convention; an iterator uses it.
	Style string `json:"style"`
	// AlsoAccepts lists other styles the request accepts as well, whose
	// fields are filled in below (Volcengine vpc takes both page-number and
	// token parameters).
	AlsoAccepts []string `json:"alsoAccepts,omitempty"`

	// PageNumber (1-based) and PageSize are the request fields of StylePage.
	PageNumber string `json:"pageNumber,omitempty"`
	PageSize   string `json:"pageSize,omitempty"`
	// Offset (0-based item offset) and Limit are the request fields of
	// StyleOffset.
	Offset string `json:"offset,omitempty"`
	Limit  string `json:"limit,omitempty"`
	// Token and MaxResults are the request fields of StyleToken; NextToken is
	// the response field holding the next token (empty on the last page).
	Token      string `json:"token,omitempty"`
	MaxResults string `json:"maxResults,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`

	// Total is the response field with the total number of items; empty when
	// the response has none, and then only a short or empty page ends the
	// listing. It may be a dotted path into a single nested object (JD Cloud
	// billing "pagination.numberRecords"); see Service.OutputPath.
	Total string `json:"total,omitempty"`
	// TotalRequires names a request field that must be 1 for the server to
	// fill Total (Volcengine billing NeedRecordNum); without it Total is 0,
	// so iterators must stop on a short page, not on Total.
	TotalRequires string `json:"totalRequires,omitempty"`
	// TotalPages is the response field with the number of pages, if any.
	TotalPages string `json:"totalPages,omitempty"`

	// Items is the response field holding the page's items, and ItemType the
	// type of one item.
	Items    string  `json:"items"`
	ItemType TypeRef `json:"itemType"`

	// MaxPageSize is the largest page size the server accepts for the
	// primary style's size field; 0 when no source states it.
	MaxPageSize int64 `json:"maxPageSize,omitempty"`
	// MaxPageSizeFrom says where MaxPageSize comes from: PageSizeFromSpec
	// (the operation's own documented range) or PageSizeFromProvider (the
	// provider's general rule, from the provider documentation).
	MaxPageSizeFrom string `json:"maxPageSizeFrom,omitempty"`
}

// Paging styles for Paging.Style and Paging.AlsoAccepts.
const (
	// StylePage: PageNumber/PageSize requests; stop when
	// PageNumber*PageSize >= Total (JD Cloud returns the last page again for
	// a page number past the end), or on a short or empty page.
	StylePage = "page"
	// StyleOffset: Offset/Limit requests; stop when Offset >= Total or on a
	// short or empty page.
	StyleOffset = "offset"
	// StyleToken: Token/MaxResults requests; stop on an empty or repeated
	// NextToken.
	StyleToken = "token"
)

// Sources of Paging.MaxPageSize.
const (
	PageSizeFromSpec     = "spec"
	PageSizeFromProvider = "provider"
)
