package params

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/percent"
)

type filter struct {
	Name     string   `json:"name"`
	Operator *string  `json:"operator,omitempty"`
	Values   []string `json:"values"`
}

type describe struct {
	PageNumber int64    `json:"pageNumber"`
	PageSize   *int64   `json:"pageSize"`
	Filters    []filter `json:"filters,omitempty"`
	Big        int64    `json:"big"`
	Ratio      float64  `json:"ratio"`
	Verbose    bool     `json:"verbose"`
	Empty      []string `json:"empty"`
}

func query(t *testing.T, v any, opts Options) string {
	t.Helper()
	pairs, err := Flatten(nil, v, opts)
	require.NoError(t, err)
	return string(percent.AppendQuery(nil, pairs))
}

func TestFlattenJDStyle(t *testing.T) {
	like := "like"
	in := describe{
		PageNumber: 2,
		Filters: []filter{
			{Name: "instanceId", Values: []string{"i-abc", "i-def"}},
			{Name: "name", Operator: &like, Values: []string{"web*/中文~"}},
		},
		Big:     123456789012,
		Ratio:   12345678,
		Verbose: true,
	}
	assert.Equal(t,
		"big=123456789012&filters.1.name=instanceId&filters.1.values.1=i-abc&filters.1.values.2=i-def&"+
			"filters.2.name=name&filters.2.operator=like&filters.2.values.1=web%2A%2F%E4%B8%AD%E6%96%87~&"+
			"pageNumber=2&ratio=12345678&verbose=true",
		query(t, in, Options{}))
}

func TestFlattenMapsAndBools(t *testing.T) {
	in := map[string]any{"instances": []string{"i-1", "i-2"}, "verbose": true, "force": false, "zone": "pek3a", "nothing": nil}
	assert.Equal(t, "force=0&instances.1=i-1&instances.2=i-2&verbose=1&zone=pek3a", query(t, in, Options{BoolAsInt: true}))
	assert.Equal(t, "", query(t, nil, Options{}))
	assert.Equal(t, "", query(t, (*describe)(nil), Options{}))
}

func TestFlattenRejectsNonObjects(t *testing.T) {
	for _, v := range []any{42, "text", []int{1}, make(chan int)} {
		_, err := Flatten(nil, v, Options{})
		require.Error(t, err, "%T", v)
	}
}

func TestJSONBodyDropsNulls(t *testing.T) {
	body, err := JSONBody(map[string]any{
		"vpcName": "测试-vpc <&>", "addressPrefix": nil,
		"nested": map[string]any{"a": nil, "b": []any{map[string]any{"c": nil, "d": 1}}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"vpcName":"测试-vpc <&>","nested":{"b":[{"d":1}]}}`, string(body))
	assert.Contains(t, string(body), "<&>", "HTML is not escaped")

	body, err = JSONBody(nil)
	require.NoError(t, err)
	assert.Equal(t, "{}", string(body))
}

func FuzzFlatten(f *testing.F) {
	f.Add(`{"a":[1,2,{"b":null,"c":"x"}],"d":true}`)
	f.Add(`{}`)
	f.Add(`{"n":1e400}`)
	f.Fuzz(func(t *testing.T, doc string) {
		var v map[string]any
		if err := jsonUnmarshal(doc, &v); err != nil {
			return
		}
		pairs, err := Flatten(nil, v, Options{BoolAsInt: true})
		if err != nil {
			return
		}
		for i := 1; i < len(pairs); i++ {
			if pairs[i-1].Key > pairs[i].Key {
				t.Fatalf("not sorted: %v", pairs)
			}
		}
	})
}

func TestFastPaths(t *testing.T) {
	pairs, err := Flatten(nil, url.Values{"b": {"2"}, "a": {"x y", "z"}}, Options{})
	require.NoError(t, err)
	assert.Equal(t, []percent.Pair{{Key: "a", Value: "x y"}, {Key: "a", Value: "z"}, {Key: "b", Value: "2"}}, pairs)

	body, err := JSONBody(json.RawMessage(`{"a":null}`))
	require.NoError(t, err)
	assert.Equal(t, `{"a":null}`, string(body), "a raw body is sent as given")
	for _, bad := range []string{`[1]`, `"x"`, ``, `  `, `{"a":`, `{} {}`, `{"a":1}x`} {
		_, err = JSONBody(json.RawMessage(bad))
		require.Error(t, err, bad)
	}
	body, err = JSONBody(json.RawMessage(" {\"a\":[1]}\n"))
	require.NoError(t, err)
	assert.Equal(t, " {\"a\":[1]}\n", string(body))
}

// The fast path for generic maps gives what the JSON round trip gives.
func TestPlainMapsMatchTheJSONRoundTrip(t *testing.T) {
	m := map[string]any{
		"i": 7, "i64": int64(1) << 40, "f": 12345678.0, "half": 0.5, "s": "x y", "b": true,
		"list": []string{"a", "b"}, "nested": []any{map[string]any{"k": "v", "n": []any{1, 2}}},
		"u": uint(3), "null": nil,
	}
	require.True(t, plain(m))
	fast, err := Flatten(nil, m, Options{BoolAsInt: true})
	require.NoError(t, err)
	tree, err := toTree(m)
	require.NoError(t, err)
	slow := flatten(nil, "", tree, Options{BoolAsInt: true})
	percent.SortByKey(slow)
	assert.Equal(t, slow, fast)

	assert.False(t, plain(map[string]any{"s": struct{}{}}), "structs go through encoding/json")
	assert.False(t, plain(map[string]any{"p": new(int)}))
}
