package lenient

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type eip struct {
	EipID     string `json:"eip_id"`
	Bandwidth int64  `json:"bandwidth"`
}

type instance struct {
	InstanceID  string          `json:"instance_id"`
	VcpusCount  int64           `json:"vcpus_current"`
	Ratio       float64         `json:"ratio"`
	Public      bool            `json:"public"`
	Created     time.Time       `json:"create_time"`
	Description string          `json:"description"`
	Eip         eip             `json:"eip"`
	Vxnets      []eip           `json:"vxnets"`
	Tags        map[string]int  `json:"tags"`
	Extra       json.RawMessage `json:"extra"`
	Count       *int64          `json:"count,omitempty"`
	Names       []string        `json:"names"`
	HostName    string          `json:"HostName"`
	Hostname    string          `json:"Hostname"`
}

type page struct {
	Items []instance `json:"instance_set"`
	Total int64      `json:"total_count"`
}

func TestStrictFastPath(t *testing.T) {
	var p page
	require.NoError(t, Unmarshal([]byte(`{"instance_set":[{"instance_id":"i-1","vcpus_current":2,"create_time":"2013-08-28T14:26:03Z"}],"total_count":1}`), &p))
	assert.Equal(t, "i-1", p.Items[0].InstanceID)
	assert.Equal(t, time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC), p.Items[0].Created)
}

func TestCoercions(t *testing.T) {
	body := `{"instance_set":[{
		"instance_id": 12345678901,
		"vcpus_current": "4",
		"ratio": "0.25",
		"public": "true",
		"create_time": "",
		"description": null,
		"eip": {"eip_id":"eip-1","bandwidth":"50"},
		"vxnets": {"eip_id":"single","bandwidth":2040.000000},
		"tags": {"a":"1","b":"x"},
		"extra": {"any":["thing"]},
		"count": "7",
		"names": "only",
		"HostName": "upper", "Hostname": "lower",
		"unknown": {"ignored": true}
	},{
		"vcpus_current": 3.9,
		"public": 1,
		"create_time": "2024-01-02 03:04:05",
		"eip": "{\"eip_id\":\"from-text\",\"bandwidth\":\"9\"}",
		"vxnets": "",
		"names": [1, true, "s"],
		"description": {"zh":"描述"}
	}],"total_count":"2"}`
	var p page
	require.NoError(t, Unmarshal([]byte(body), &p))
	require.Len(t, p.Items, 2)
	a, b := p.Items[0], p.Items[1]
	assert.Equal(t, "12345678901", a.InstanceID)
	assert.Equal(t, int64(4), a.VcpusCount)
	assert.Equal(t, 0.25, a.Ratio)
	assert.True(t, a.Public)
	assert.True(t, a.Created.IsZero())
	assert.Equal(t, "", a.Description)
	assert.Equal(t, eip{"eip-1", 50}, a.Eip)
	assert.Equal(t, []eip{{"single", 2040}}, a.Vxnets, "an object where a list belongs becomes a list of one")
	assert.Equal(t, map[string]int{"a": 1}, a.Tags, "a value that cannot be coerced is left out")
	assert.JSONEq(t, `{"any":["thing"]}`, string(a.Extra))
	require.NotNil(t, a.Count)
	assert.Equal(t, int64(7), *a.Count)
	assert.Equal(t, []string{"only"}, a.Names)
	assert.Equal(t, "upper", a.HostName)
	assert.Equal(t, "lower", a.Hostname)

	assert.Equal(t, int64(3), b.VcpusCount, "a fraction is truncated")
	assert.True(t, b.Public)
	assert.Equal(t, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), b.Created)
	assert.Equal(t, eip{"from-text", 9}, b.Eip, "an object sent as JSON text")
	assert.Empty(t, b.Vxnets)
	assert.Equal(t, []string{"1", "true", "s"}, b.Names)
	assert.Equal(t, `{"zh":"描述"}`, b.Description, "an object where a string belongs is kept as its JSON text")
	assert.Equal(t, int64(2), p.Total)
}

func TestIntRange(t *testing.T) {
	var v struct {
		A int64 `json:"a"`
		B int64 `json:"b"`
		C int64 `json:"c"`
		D int32 `json:"d"`
	}
	require.NoError(t, Unmarshal([]byte(`{"a":"9223372036854775807","b":"1e30","c":"abc","d":"3000000000"}`), &v))
	assert.Equal(t, int64(9223372036854775807), v.A)
	assert.Zero(t, v.B)
	assert.Zero(t, v.C)
	assert.Zero(t, v.D)
}

func TestSyntaxErrorsStay(t *testing.T) {
	var p page
	err := Unmarshal([]byte(`{"instance_set":[`), &p)
	require.Error(t, err)
	err = Unmarshal([]byte(`<html>`), &p)
	var syn *json.SyntaxError
	require.ErrorAs(t, err, &syn)
}

func TestInto(t *testing.T) {
	var p page
	env := struct {
		Result any `json:"result"`
	}{Result: Into(&p)}
	require.NoError(t, json.Unmarshal([]byte(`{"requestId":"r","result":{"total_count":"3"}}`), &env))
	assert.Equal(t, int64(3), p.Total)

	var q page
	require.NoError(t, json.Unmarshal([]byte(`{"total_count":"5","ret_code":0}`), Into(&q)))
	assert.Equal(t, int64(5), q.Total)
}

func TestTimeForms(t *testing.T) {
	for in, want := range map[string]time.Time{
		`"2013-08-28T14:26:03Z"`:      time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC),
		`"2013-08-28T22:26:03+08:00"`: time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC),
		`"2013-08-28T14:26:03"`:       time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC),
		`"2013-08-28"`:                time.Date(2013, 8, 28, 0, 0, 0, 0, time.UTC),
		`1377699963`:                  time.Date(2013, 8, 28, 14, 26, 3, 0, time.UTC),
		`"not a time"`:                {},
	} {
		var v struct {
			T time.Time `json:"t"`
		}
		require.NoError(t, Unmarshal([]byte(`{"t":`+in+`}`), &v), in)
		assert.True(t, want.Equal(v.T), "%s: got %v", in, v.T)
	}
}

func BenchmarkDecode(b *testing.B) {
	strict := []byte(`{"instance_set":[` + repeat(`{"instance_id":"i-1","vcpus_current":2,"create_time":"2013-08-28T14:26:03Z","eip":{"eip_id":"e","bandwidth":50}}`, 100) + `],"total_count":100}`)
	loose := []byte(`{"instance_set":[` + repeat(`{"instance_id":"i-1","vcpus_current":2,"create_time":"2013-08-28T14:26:03Z","eip":{"eip_id":"e","bandwidth":"50"}}`, 100) + `],"total_count":100}`)
	for _, c := range []struct {
		name string
		body []byte
	}{{"strict", strict}, {"coerced", loose}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var p page
				if err := Unmarshal(c.body, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func repeat(s string, n int) string {
	out := s
	for range n - 1 {
		out += "," + s
	}
	return out
}
