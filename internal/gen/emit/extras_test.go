package emit

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// tokenService is a one-operation Volcengine service whose input carries an
// idempotency token, a secret and facts to document.
func tokenService() *api.Service {
	str := api.TypeRef{Kind: api.KindString}
	return &api.Service{
		Provider: api.ProviderVolcengine, Name: "box", Version: "2024-01-01", Endpoint: "open.volcengineapi.com",
		SigningName: "box", ResultField: "Result", Sources: []string{"x"},
		Operations: []api.Operation{{
			Name: "CreateBox", HTTPMethod: "GET", Path: "/", Action: "CreateBox", Version: "2024-01-01",
			BodyEncoding: api.BodyNone, IdempotencyToken: "ClientToken",
			DocURL: "https://www.volcengine.com/docs/6666/CreateBox",
			Input: []api.Field{
				{WireName: "ClientToken", GoName: "ClientToken", Location: api.LocationQuery, Type: str},
				{WireName: "Password", GoName: "Password", Location: api.LocationQuery, Type: str, Secret: true},
				{WireName: "Size", GoName: "Size", Location: api.LocationQuery, Type: api.TypeRef{Kind: api.KindInt64},
					Required: true, Min: "1", Max: "64", Default: "8"},
				{WireName: "box_name", GoName: "BoxName", Location: api.LocationQuery, Type: str, Min: "2", Max: "128", Enum: []string{"a", "b"}},
			},
			Output: []api.Field{{WireName: "BoxId", GoName: "BoxID", Type: str}},
		}},
	}
}

func TestTokenSecretAndFacts(t *testing.T) {
	files, err := Files(tokenService())
	require.NoError(t, err)
	enc := string(files[FileEncode])
	assert.Contains(t, enc, `e.Token("ClientToken", v.ClientToken)`)
	assert.Contains(t, enc, `e.SecretString("Password", v.Password)`)
	assert.Contains(t, enc, `e.String("box_name", v.BoxName)`)

	ops := string(files[FileOperations])
	for _, want := range []string{
		"// Optional. Idempotency token: empty means the SDK sends a fresh random one",
		"// Optional. Secret: the SDK never logs it and scrubs it from error text.",
		"// Required. Default: 8. Range: 1 to 64.",
		"// Optional. Values: a, b (not enforced). Length: 2 to 128. Wire name:\n\t// box_name.",
		"// API reference: https://www.volcengine.com/docs/6666/CreateBox",
		"// Idempotency: the SDK fills ClientToken with a fresh random token",
		"ResultMetadata multicloud.Metadata `json:\"-\"`",
		"opts ...multicloud.CallOption) (*CreateBoxOutput, error)",
	} {
		assert.Contains(t, ops, want)
	}
	assert.Contains(t, string(files[FileClient]), "Operations with an idempotency token")
	assert.Contains(t, string(files[FileClient]), `"github.com/multicloud-go/multicloud/volcengine/internal/typedcall"`)
}

func TestTokenMustBeAString(t *testing.T) {
	s := tokenService()
	s.Operations[0].Input[0].Type = api.TypeRef{Kind: api.KindInt64}
	_, err := Files(s)
	assert.ErrorContains(t, err, "idempotency token must be a string")
}

func TestResultMetadataNameIsReserved(t *testing.T) {
	s := tokenService()
	s.Operations[0].Output = append(s.Operations[0].Output, api.Field{WireName: "ResultMetadata", GoName: "ResultMetadata", Type: api.TypeRef{Kind: api.KindString}})
	_, err := Files(s)
	assert.ErrorContains(t, err, "ResultMetadata")
}

func TestImportsOnlyItsOwnProvider(t *testing.T) {
	for _, p := range []string{api.ProviderJDCloud, api.ProviderQingCloud} {
		g := &gen{svc: &api.Service{Provider: p}, prov: providers[p]}
		path := g.importPath("typedcall")
		assert.True(t, strings.HasSuffix(path, "/"+p+"/internal/typedcall"), path)
	}
}
