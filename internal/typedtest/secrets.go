package typedtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// PlantedSecret is the value the generated secret tests put in every field
// a description marks secret.
const PlantedSecret = "PLANTED-SECRET-must-never-show-7301"

// AssertSecretHidden renders v every way a program might point at an API
// value (fmt verbs, fmt.Sprint, slog's text and JSON handlers, JSON and
// XML; the value itself, a pointer to it and a slice of it) and reports
// each rendering that shows PlantedSecret. An encoder's error counts as
// rendered text too (xml refuses maps).
func AssertSecretHidden(t testing.TB, name string, v any) {
	t.Helper()
	ptr := reflect.New(reflect.TypeOf(v))
	ptr.Elem().Set(reflect.ValueOf(v))
	slice := reflect.MakeSlice(reflect.SliceOf(reflect.TypeOf(v)), 1, 1)
	slice.Index(0).Set(reflect.ValueOf(v))
	for _, shape := range []struct {
		name string
		v    any
	}{{"value", v}, {"pointer", ptr.Interface()}, {"slice", slice.Interface()}} {
		for rendering, text := range renderings(shape.v) {
			if strings.Contains(text, PlantedSecret) {
				t.Errorf("%s (%s) shows its secret under %s: %.200q", name, shape.name, rendering, text)
			}
		}
	}
}

// renderings are the texts of v under every rendering AssertSecretHidden
// checks, by name.
func renderings(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out["fmt "+verb] = fmt.Sprintf(verb, v)
	}
	out["fmt.Sprint"] = fmt.Sprint(v)
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("value", "v", v)
		out[name] = b.String()
	}
	for name, marshal := range map[string]func(any) ([]byte, error){"json": json.Marshal, "xml": xml.Marshal} {
		b, err := marshal(v)
		out[name] = string(b)
		if err != nil {
			out[name] += " error: " + err.Error()
		}
	}
	return out
}
