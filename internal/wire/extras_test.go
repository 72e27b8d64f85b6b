package wire

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

var uuidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewToken(t *testing.T) {
	a, b := NewToken(), NewToken()
	assert.Regexp(t, uuidForm, a)
	assert.NotEqual(t, a, b)
}

func TestTokenFilledWithoutWritingTheInput(t *testing.T) {
	e := New(JSON, Dotted)
	e.SetTokenSource(func() string { return "fresh" })
	var caller *string
	e.Token("ClientToken", caller)
	assert.Nil(t, caller)
	tok, mine := e.IdempotencyToken()
	assert.Equal(t, "fresh", tok)
	assert.False(t, mine)
	assert.JSONEq(t, `{"ClientToken":"fresh"}`, string(e.Body()))

	empty := ""
	q := New(Query, Dotted)
	q.SetTokenSource(func() string { return "fresh2" })
	q.Token("ClientToken", &empty)
	assert.Equal(t, "", empty, "an empty caller token is left empty in the input")
	assert.Equal(t, "fresh2", q.Values().Get("ClientToken"))

	q = New(Query, Dotted)
	q.RequiredToken("clientToken", "")
	assert.Empty(t, q.Missing(), "a required token left empty is filled, not missing")
	assert.Regexp(t, uuidForm, q.Values().Get("clientToken"))
}

func TestCallerToken(t *testing.T) {
	e := New(Query, Dotted)
	v := "mine"
	e.Token("ClientToken", &v)
	tok, mine := e.IdempotencyToken()
	assert.Equal(t, "mine", tok)
	assert.True(t, mine)
	assert.Equal(t, "mine", e.Values().Get("ClientToken"))
}

func TestSecretsCollectedAtEveryDepth(t *testing.T) {
	type item struct{ Key *string }
	enc := func(v *item, e *Encoder) { e.SecretString("key", v.Key) }
	k1, k2 := "k-one", "k-two"
	for _, d := range []Dialect{Dotted, QingCloud} {
		e := New(Query, d)
		pw := "pw"
		e.SecretString("password", &pw)
		e.RequiredSecretString("adminPass", "root-pw")
		e.SecretStrings("keys", []string{"a", ""})
		List(e, "items", []item{{Key: &k1}, {Key: &k2}}, enc)
		assert.ElementsMatch(t, []string{"pw", "root-pw", "a", "k-one", "k-two"}, e.Secrets(), "dialect %d", d)
	}
}
