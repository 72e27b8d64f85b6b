package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestValues: a list of any and a list of lists go as JSON in a JSON body
// and element by element in a query (strings as is, the rest as JSON text).
func TestValues(t *testing.T) {
	e := New(JSON, Dotted)
	Values(e, "tags", []any{"a", 1.5, map[string]any{"k": "v"}})
	Values(e, "shards", [][]string{{"a", "b"}, {"c"}})
	Values[any](e, "none", nil)
	assert.JSONEq(t, `{"tags":["a",1.5,{"k":"v"}],"shards":[["a","b"],["c"]]}`, string(e.Body()))

	q := New(Query, Dotted)
	Values(q, "tags", []any{"a", 2, true})
	Values(q, "shards", [][]string{{"a", "b"}})
	assert.Equal(t, "shards.1=%5B%22a%22%2C%22b%22%5D&tags.1=a&tags.2=2&tags.3=true", q.Values().Encode())
}
