package lenient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A page with one mistyped field keeps the rest of the page on the fast
// path: only the mistyped values are coerced, and the result is what the
// whole-page coercion gave.
func TestLeniencyIsPerField(t *testing.T) {
	body := []byte(`{"instance_set":[` +
		`{"instance_id":"i-1","vcpus_current":2,"eip":{"eip_id":"e1","bandwidth":"50"},"extra":{"a":  [1, 2]}},` +
		`{"instance_id":"i-2","vcpus_current":"4","eip":{"eip_id":"e2","bandwidth":10},"names":"one"},` +
		`{"instance_id":"i-3","vcpus_current":3,"create_time":"2024-01-02 03:04:05","tags":{"x":"1","y":"no"}}` +
		`],"total_count":3}`)
	var got page
	require.NoError(t, Unmarshal(body, &got))
	var want page
	require.NoError(t, twoPass(body, &want))
	assert.Equal(t, marshal(t, want), marshal(t, got))

	require.Len(t, got.Items, 3)
	assert.Equal(t, eip{"e1", 50}, got.Items[0].Eip)
	assert.Equal(t, int64(2), got.Items[0].VcpusCount)
	assert.Equal(t, `{"a":  [1, 2]}`, string(got.Items[0].Extra), "a raw member is kept as sent")
	assert.Equal(t, int64(4), got.Items[1].VcpusCount)
	assert.Equal(t, []string{"one"}, got.Items[1].Names)
	assert.Equal(t, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), got.Items[2].Created)
	assert.Equal(t, map[string]int{"x": 1}, got.Items[2].Tags)
}

// A value coercion drops is left out of its list, as before.
func TestDroppedElementsLeaveTheList(t *testing.T) {
	var v struct {
		Eips []eip   `json:"eips"`
		Ns   []int64 `json:"ns"`
		P    *int64  `json:"p"`
	}
	require.NoError(t, Unmarshal([]byte(`{"eips":[{"eip_id":"a"},"x",{"eip_id":"b"}],"ns":[1,"2","z",4],"p":"zz"}`), &v))
	assert.Equal(t, []eip{{EipID: "a"}, {EipID: "b"}}, v.Eips)
	assert.Equal(t, []int64{1, 2, 4}, v.Ns)
	assert.Nil(t, v.P, "a pointer whose value is dropped stays nil")
}

// Decode is encoding/json for everything but what Into wraps.
func TestDecodeIsStrictOutsideInto(t *testing.T) {
	var p page
	env := struct {
		ID     int64 `json:"id"`
		Result any   `json:"result"`
	}{Result: Into(&p)}
	require.NoError(t, Decode([]byte(`{"id":1,"result":{"total_count":"3","instance_set":[{"instance_id":"i"}]}}`), &env))
	assert.Equal(t, int64(1), env.ID)
	assert.Equal(t, int64(3), p.Total)
	assert.Equal(t, "i", p.Items[0].InstanceID)

	env.Result = Into(&p)
	err := Decode([]byte(`{"id":"1","result":{}}`), &env)
	var typeErr *json.UnmarshalTypeError
	require.ErrorAs(t, err, &typeErr, "outside Into a mistyped value is encoding/json's error")

	var plain page
	err = Decode([]byte(`{"total_count":"3"}`), &plain)
	require.ErrorAs(t, err, &typeErr)

	var syn *json.SyntaxError
	require.ErrorAs(t, Decode([]byte(`{"id":1,"result":{"total_count":3`), &env), &syn)
	require.ErrorAs(t, Unmarshal([]byte(`{"instance_set":[{"instance_id":"i"},]}`), &p), &syn)
}

// A null result leaves the output alone, as encoding/json does.
func TestNullResult(t *testing.T) {
	p := page{Total: 7}
	env := struct {
		Result any `json:"result"`
	}{Result: Into(&p)}
	require.NoError(t, Decode([]byte(`{"result":null}`), &env))
	assert.Nil(t, env.Result)
	assert.Equal(t, int64(7), p.Total)
}

func marshal(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

type odd struct {
	S   string            `json:"s"`
	I8  int8              `json:"i8"`
	U   uint16            `json:"u"`
	F32 float32           `json:"f32"`
	F   float64           `json:"f"`
	B   bool              `json:"b"`
	A   any               `json:"a"`
	L   []any             `json:"l"`
	M   map[string]any    `json:"m"`
	MS  map[string]string `json:"ms"`
	P   *odd              `json:"p"`
	PT  *time.Time        `json:"pt"`
	T   time.Time         `json:"t"`
	R   json.RawMessage   `json:"r"`
	PR  *json.RawMessage  `json:"pr"`
	By  []byte            `json:"by"`
	Arr [2]int            `json:"arr"`
	W   weird             `json:"w"`
	Ünï string            `json:"ünï"`
	K   string            `json:"k"`
	Dup string            `json:"dup"`
	DUP string            `json:"DUP"`
}

// weird has what the one-pass decoder leaves to encoding/json.
type weird struct {
	Emb embedded `json:"emb"`
}

// quoted uses the string option, which the two-pass coercion never handled
// (it re-encodes the number unquoted): compared with encoding/json only.
type quoted struct {
	X int    `json:",string"`
	S string `json:"s"`
}

type embedded struct {
	inner
	Name string `json:"name"`
}

type inner struct {
	Deep int `json:"deep"`
}

var fuzzTargets = []func() any{
	func() any { return new(page) },
	func() any { return new(odd) },
	func() any { return new([]odd) },
	func() any { return new([]weird) },
	func() any { return new(map[string]any) },
	func() any { return new(any) },
	func() any { return new(*page) },
}

// FuzzOnePass checks the one-pass decoder against the paths it replaces:
// Decode against encoding/json (same result, and an error exactly when
// encoding/json fails), and Unmarshal against the whole-page two-pass
// coercion (same result, compared as JSON so that a raw member kept as
// sent compares equal to its re-encoding).
func FuzzOnePass(f *testing.F) {
	for _, s := range []string{
		`{"s":"a\u00e9\ud83d\ude00\ud800x","i8":127,"u":65535,"f32":1.5,"f":-0.0e1,"b":true,"a":{"x":[1,"2",null,true]},"l":[1,{}],"m":{"k":1e400,"j":2},"ms":{"a":"b"},"p":{"s":"inner","p":null},"pt":"2020-01-01T00:00:00Z","t":"2020-01-01T00:00:00+08:00","r":{"raw": 1},"pr":[1],"by":"aGk=","arr":[1,2,3],"w":{"emb":{"deep":1,"name":"n"}},"X":"5","ÜNÏ":"u","K":"kelvin","dup":"1","DUP":"2"}`,
		`{"i8":128,"u":-1,"f32":1e40,"s":5,"b":"true","t":"","pt":1377699963,"p":"{\"s\":\"text\"}","l":{"one":1},"ms":{"a":1}}`,
		`[{"s":"x"},{"s":1},null,[]]`, `[{"X":"1"},[],{"emb":{"deep":"2"}},{"X":1}]`,
		`{"instance_set":[{"instance_id":1,"vcpus_current":"2","eip":{"bandwidth":"50"},"vxnets":{"eip_id":"v"}}],"total_count":"1"}`,
		`{"S":"case","I8":"1","Dup":"x","dUp":"y"}`,
		`{"s":"a","s":"b","p":{"s":"x"},"p":{"i8":1},"l":[1,2,3],"l":[4]}`,
		"{\"s\":\"\xff\xfe\"}", `{"a":1e400}`, `[1e400]`, `"x"`, `1`, `null`, `{} x`, `{"s":"\x"}`, ` { } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newTarget := range append(fuzzTargets, func() any { return new(quoted) }) {
			got, want := newTarget(), newTarget()
			gotErr, wantErr := Decode(data, got), json.Unmarshal(data, want)
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%T %q: Decode error %v, encoding/json error %v", got, data, gotErr, wantErr)
			}
			if wantErr != nil {
				if gotErr.Error() != wantErr.Error() {
					t.Fatalf("%T %q: Decode error %q, encoding/json error %q", got, data, gotErr, wantErr)
				}
			} else if !reflect.DeepEqual(got, want) {
				t.Fatalf("%T %q: Decode gives %+v, encoding/json %+v", got, data, deref(got), deref(want))
			}

			if _, ok := got.(*quoted); ok || duplicateNames(data) {
				// The two-pass path kept only the last of members of
				// one name; one pass decodes each, as encoding/json does.
				continue
			}
			got, want = newTarget(), newTarget()
			gotErr, wantErr = Unmarshal(data, got), twoPass(data, want)
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%T %q: one pass error %v, two passes error %v", got, data, gotErr, wantErr)
			}
			if gotErr == nil {
				g, errG := json.Marshal(got)
				w, errW := json.Marshal(want)
				if (errG == nil) != (errW == nil) || string(g) != string(w) {
					t.Fatalf("%T %q: one pass gives %s (%v), two passes %s (%v)", got, data, g, errG, w, errW)
				}
			}
		}
	})
}

// duplicateNames reports whether some object in data has two members of
// one name (or valid JSON cannot be read).
func duplicateNames(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		names  map[string]bool
		key    bool // the next string token is a name
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if name, ok := tok.(string); ok && top != nil && top.object && top.key {
			// encoding/json matches member names to fields without regard
			// to case, so names equal under case folding are duplicates too.
			key := foldKey(name)
			if top.names[key] {
				return true
			}
			top.names[key] = true
			top.key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, names: map[string]bool{}, key: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].key = true
		}
	}
}

func deref(v any) string { return fmt.Sprintf("%+v", reflect.ValueOf(v).Elem()) }

// BenchmarkOnePass compares a well-typed and a mistyped page (one mistyped
// field per item) with plain encoding/json into the same types.
func BenchmarkOnePass(b *testing.B) {
	item := `{"instance_id":"i-1","vcpus_current":2,"ratio":0.5,"public":true,"create_time":"2013-08-28T14:26:03Z","description":"web server","eip":{"eip_id":"eip-1","bandwidth":%s},"vxnets":[{"eip_id":"v-1","bandwidth":1}],"names":["a","b"],"tags":{"env":1}}`
	typed := []byte(`{"instance_set":[` + repeat(fmt.Sprintf(item, `50`), 100) + `],"total_count":100}`)
	mistyped := []byte(`{"instance_set":[` + repeat(fmt.Sprintf(item, `"50"`), 100) + `],"total_count":100}`)
	for _, c := range []struct {
		name string
		body []byte
		fn   func([]byte, any) error
	}{
		{"encoding_json", typed, json.Unmarshal},
		{"typed", typed, Unmarshal},
		{"mistyped", mistyped, Unmarshal},
		{"mistyped_two_pass", mistyped, twoPass},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				var p page
				if err := c.fn(c.body, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A page's list of items is allocated once, at about its length, rather
// than doubled from one; lists inside items grow as encoding/json grows
// them.
func TestPageListIsSizedOnce(t *testing.T) {
	item := `{"instance_id":"i-%d","vcpus_current":2,"names":["a","b","c"],"vxnets":[{"eip_id":"v"}]}`
	items := make([]string, 10)
	for i := range items {
		items[i] = fmt.Sprintf(item, 1000+i)
	}
	var p page
	require.NoError(t, Unmarshal([]byte(`{"instance_set":[`+strings.Join(items, ",")+`],"total_count":10}`), &p))
	require.Len(t, p.Items, 10)
	assert.LessOrEqual(t, cap(p.Items), 12, "one allocation of about the page's length")
	var std page
	require.NoError(t, json.Unmarshal([]byte(`{"instance_set":[`+strings.Join(items, ",")+`]}`), &std))
	assert.Equal(t, cap(std.Items[0].Names), cap(p.Items[0].Names))
	assert.Equal(t, std.Items, p.Items)
}

// foldKey maps s to one representative of the strings equal to it under
// Unicode simple case folding, as encoding/json compares member names: each
// rune becomes the smallest rune of its folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
