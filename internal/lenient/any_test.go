package lenient

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Regression test, found by FuzzUnmarshal: a number beyond float64's range
// in a member bound for an `any` field (monitor's Value, iaas' Tags) failed
// the whole response, where a value that cannot be coerced is to be left
// out.
func TestOutOfRangeNumberInAnyIsLeftOut(t *testing.T) {
	var out struct {
		Value any   `json:"value"`
		Tags  any   `json:"tags"`
		Count int64 `json:"count"`
	}
	body := `{"value":1e400,"tags":{"big":-1e999,"ok":1.5,"list":[1,2e308,"s"]},"count":"3"}`
	require.NoError(t, Unmarshal([]byte(body), &out))
	assert.Nil(t, out.Value)
	assert.Equal(t, map[string]any{"ok": 1.5, "list": []any{1.0, "s"}}, out.Tags)
	assert.Equal(t, int64(3), out.Count)

	var m map[string]any
	require.NoError(t, Unmarshal([]byte(`{"total_count":1e400,"n":2}`), &m))
	assert.Equal(t, map[string]any{"n": 2.0}, m)
}
