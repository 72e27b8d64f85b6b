package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"
)

// FuzzEncoder encodes an input shaped like the generated ones, with fuzzed
// strings and numbers in every position (path, scalars, lists, objects in
// lists, nested objects, lists in list items), in both modes and both
// dialects. It must not panic, must be deterministic, must report exactly
// the required fields left empty and exactly the non-finite numbers, must
// give valid JSON (in a body and in QingCloud's JSON-text parameters), and
// must carry every string through unchanged (JSON: as encoding/json
// decodes it).
func FuzzEncoder(f *testing.F) {
	// Seeds: the values the providers' documented requests carry.
	f.Add("cn-north-1", "instanceId", "i-5n2vgcesdj", int64(100), 0.5, true)
	f.Add("pek3a", "status", "running", int64(-1), 1e21, false)
	f.Add("", "", "", int64(0), 0.0, false)
	f.Add("r/../x?y#z", "名称", "值 <&> \"q\" \\ \u2028", int64(math.MaxInt64), math.SmallestNonzeroFloat64, true)
	f.Add("a", "tag:k=v,w", "x,y", int64(math.MinInt64), math.Inf(1), false)
	f.Add("a", "bad\xffutf8", "\x00\x1f", int64(7), math.NaN(), true)
	f.Fuzz(func(t *testing.T, region, name, value string, n int64, x float64, b bool) {
		when := time.Unix(n%(1<<33), 0)
		in := &input{
			RegionID: region, PageSize: &n, Ratio: &x, Force: &b,
			Filters:   []filter{{Name: name, Operator: &value, Values: []string{value, name}}, {Name: value}},
			Listeners: []listener{{Port: &n, CertIDs: []string{value}, Backend: []filter{{Name: name, Values: []string{value}}}, Created: &when}},
			Placement: &filter{Name: value},
			Extra:     map[string]string{name: value},
			Bools:     []bool{b, !b},
			Ints:      []int64{n},
		}
		finite := !math.IsNaN(x) && !math.IsInf(x, 0)
		var wantMissing []string
		if region == "" {
			wantMissing = append(wantMissing, "regionId")
		}
		if name == "" {
			wantMissing = append(wantMissing, "filters.1.name", "listeners.1.backends.1.name")
		}
		if value == "" {
			wantMissing = append(wantMissing, "filters.2.name", "placement.name")
		}
		slices.Sort(wantMissing)

		for _, mode := range []Mode{Query, JSON} {
			for _, d := range []Dialect{Dotted, QingCloud} {
				e := New(mode, d)
				in.encode(e)
				again := New(mode, d)
				in.encode(again)

				missing := slices.Sorted(slices.Values(e.Missing()))
				if !slices.Equal(missing, wantMissing) {
					t.Fatalf("mode %d dialect %d: missing %q, want %q", mode, d, missing, wantMissing)
				}
				if (e.Err() == nil) != finite {
					t.Fatalf("mode %d dialect %d: ratio %v gives error %v", mode, d, x, e.Err())
				}
				if region != "" && e.PathParams()["regionId"] != region {
					t.Fatalf("path parameter %q, want %q", e.PathParams()["regionId"], region)
				}
				if mode == JSON {
					body := e.Body()
					if !bytes.Equal(body, again.Body()) {
						t.Fatalf("not deterministic: %s and %s", body, again.Body())
					}
					if !finite {
						continue
					}
					var got struct {
						Filters []struct {
							Name     string   `json:"name"`
							Operator string   `json:"operator"`
							Values   []string `json:"values"`
						} `json:"filters"`
						PageSize int64 `json:"pageSize"`
					}
					if err := json.Unmarshal(body, &got); err != nil {
						t.Fatalf("invalid JSON body %q: %v", body, err)
					}
					if len(got.Filters) != 2 || got.Filters[0].Name != jsonText(name) || got.Filters[0].Operator != jsonText(value) ||
						got.PageSize != n {
						t.Fatalf("body %s does not carry the input", body)
					}
					continue
				}
				v := e.Values()
				if w := again.Values(); !equalValues(v, w) {
					t.Fatalf("not deterministic: %v and %v", v, w)
				}
				if name != "" && !slices.Equal(v["filters.1.name"], []string{name}) {
					t.Fatalf("filters.1.name = %q, want %q", v["filters.1.name"], name)
				}
				if value != "" && !slices.Equal(v["filters.1.operator"], []string{value}) {
					t.Fatalf("filters.1.operator = %q, want %q", v["filters.1.operator"], value)
				}
				if d == QingCloud && finite {
					for _, k := range []string{"placement", "listeners.1.backends"} {
						if s := v.Get(k); !json.Valid([]byte(s)) {
							t.Fatalf("%s is not JSON text: %q", k, s)
						}
					}
				}
			}
		}
	})
}

// jsonText is s as it comes back from a JSON round trip through
// encoding/json (invalid UTF-8 becomes U+FFFD).
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	var back string
	_ = json.Unmarshal(b, &back)
	return back
}

func equalValues(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}
