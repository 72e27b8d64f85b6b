package emit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// secretService is tokenService with a secret in every place one occurs:
// an optional input (a pointer), a required input and an output (values),
// and a type that holds one, nested in another.
func secretService() *api.Service {
	s := tokenService()
	str := api.TypeRef{Kind: api.KindString}
	op := &s.Operations[0]
	op.Input = append(op.Input,
		api.Field{WireName: "Pin", GoName: "Pin", Location: api.LocationQuery, Type: str, Required: true, Secret: true},
		api.Field{WireName: "Spec", GoName: "Spec", Location: api.LocationQuery, Type: api.TypeRef{Kind: api.KindObject, Ref: "Spec"}})
	op.Output = append(op.Output, api.Field{WireName: "PrivateKey", GoName: "PrivateKey", Type: str, Secret: true})
	s.Types = []api.Type{{GoName: "Spec", SpecName: "Spec", Fields: []api.Field{
		{WireName: "Name", GoName: "Name", Type: str},
		{WireName: "Key", GoName: "Key", Type: str, Secret: true},
	}}}
	return s
}

func TestSecretFieldsGetRedactingMethods(t *testing.T) {
	files, err := Files(secretService())
	require.NoError(t, err)
	src := string(files[FileFormat])
	for _, want := range []string{
		"c.Password = redact.SecretPtr(c.Password)", // optional input: a pointer
		"c.Pin = redact.Secret(c.Pin)",              // required input: a value
		"c.PrivateKey = redact.Secret(c.PrivateKey)",
		"c.Key = redact.SecretPtr(c.Key)", // Spec is an input type: optional scalars are pointers
		`redact.Fields(f, verb, "box.CreateBoxInput", v.redacted())`,
		"func (v CreateBoxOutput) MarshalJSON() ([]byte, error)",
		"func (v Spec) MarshalXML(e *xml.Encoder, start xml.StartElement) error",
	} {
		assert.Contains(t, src, want)
	}
	assert.NotContains(t, src, "func (v Spec) Format", "a pointer prints as an address: no Format needed")
	test := string(files[FileFormatTest])
	assert.Contains(t, test, `typedtest.AssertSecretHidden(t, "CreateBoxInput", CreateBoxInput{Pin: s, Password: &s})`)
	assert.Contains(t, test, `typedtest.AssertSecretHidden(t, "Spec", Spec{Key: &s})`)

	none := tokenService()
	none.Operations[0].Input = none.Operations[0].Input[:1]
	files, err = Files(none)
	require.NoError(t, err)
	assert.NotContains(t, files, FileFormat, "no secret, no file")
	assert.NotContains(t, files, FileFormatTest)
}

// A map of a type whose MarshalJSON hides its secret would reach the wire
// through encoding/json (wire.Map), with the secret blanked: refused.
func TestSecretsInAMapAreRefused(t *testing.T) {
	s := secretService()
	s.Operations[0].Input = append(s.Operations[0].Input, api.Field{WireName: "Specs", GoName: "Specs", Location: api.LocationQuery,
		Type: api.TypeRef{Kind: api.KindMap, Elem: &api.TypeRef{Kind: api.KindObject, Ref: "Spec"}}})
	_, err := Files(s)
	assert.ErrorContains(t, err, "would go on the wire through encoding/json")
}
