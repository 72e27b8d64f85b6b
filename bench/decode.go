package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/bytedance/sonic"
	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
	goccy "github.com/goccy/go-json"
	"github.com/multicloud-go/multicloud/bench/anchorserver"
	"github.com/multicloud-go/multicloud/internal/lenient"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// decodeCases are the candidates for the decoder, measured on the same
// 100-instance bodies into our generated types: encoding/json (the
// baseline), our one-pass lenient decoder (well-typed, and with QingCloud's
// documented "bandwidth":"50" in every instance), and the faster JSON
// libraries considered instead.
func decodeCases() []*entry {
	type target struct {
		cloud string
		body  []byte
		out   func() any
		count func(any) int
	}
	jd := func() any {
		return &struct {
			Result vm.DescribeInstancesOutput `json:"result"`
		}{}
	}
	volc := func() any {
		return &struct {
			Result ecs.DescribeInstancesOutput `json:"Result"`
		}{}
	}
	targets := []target{
		{"jdcloud", anchorserver.Body("jdcloud", 0, 100), jd, func(v any) int {
			return len(v.(*struct {
				Result vm.DescribeInstancesOutput `json:"result"`
			}).Result.Instances)
		}},
		{"volcengine", anchorserver.Body("volcengine", 0, 100), volc, func(v any) int {
			return len(v.(*struct {
				Result ecs.DescribeInstancesOutput `json:"Result"`
			}).Result.Instances)
		}},
		{"qingcloud", anchorserver.Body("qingcloud", 0, 100), func() any { return new(iaas.DescribeInstancesOutput) },
			func(v any) int { return len(v.(*iaas.DescribeInstancesOutput).InstanceSet) }},
	}
	mistyped := []byte(strings.ReplaceAll(string(anchorserver.Body("qingcloud", 0, 100)), `"bandwidth":50`, `"bandwidth":"50"`))
	decoders := []struct {
		name string
		fn   func([]byte, any) error
	}{
		{"encoding/json", json.Unmarshal},
		{"lenient one pass", lenient.Unmarshal},
		{"goccy/go-json", goccy.Unmarshal},
		{"sonic", sonic.Unmarshal},
		{"json/v2", func(b []byte, v any) error { return jsonv2.Unmarshal(b, v) }},
		{"json/v2 (v1 mode)", func(b []byte, v any) error { return jsonv1.Unmarshal(b, v) }},
	}
	var es []*entry
	for _, t := range targets {
		for _, d := range decoders {
			es = append(es, &entry{group: "decode " + t.cloud + " 100", impl: d.name, want: 100, fn: func() (int, error) {
				out := t.out()
				err := d.fn(t.body, out)
				return t.count(out), err
			}})
		}
	}
	q := targets[2]
	for _, d := range []struct {
		name string
		fn   func([]byte, any) error
	}{{"lenient one pass", lenient.Unmarshal}} {
		es = append(es, &entry{group: "decode qingcloud 100 mistyped", impl: d.name, want: 100, fn: func() (int, error) {
			out := q.out()
			err := d.fn(mistyped, out)
			return q.count(out), err
		}})
	}
	return es
}

// decodeReport prints the decoders' medians beside encoding/json's.
func decodeReport(es []*entry, rounds int) {
	fmt.Printf("\nDecoding only, 100 instances into our types; medians of %d interleaved rounds; ratio: CPU ÷ encoding/json's per round, median (min–max).\n\n", rounds)
	fmt.Println("| body | decoder | CPU ns/op | B/op | allocs/op | CPU ÷ encoding/json |")
	fmt.Println("|---|---|---:|---:|---:|---:|")
	base := map[string]*entry{}
	for _, e := range es {
		if e.impl == "encoding/json" {
			base[e.group] = e
		}
	}
	base["decode qingcloud 100 mistyped"] = base["decode qingcloud 100"]
	cpu := func(s sample) float64 { return s.cpu }
	var typed, mistyped *entry
	for _, e := range es {
		switch {
		case e.group == "decode qingcloud 100" && e.impl == "lenient one pass":
			typed = e
		case e.group == "decode qingcloud 100 mistyped":
			mistyped = e
		}
	}
	defer func() {
		fmt.Printf("\nMistyped page ÷ well-typed page, lenient one pass, CPU: %s\n", ratio(mistyped, typed, cpu))
	}()
	for _, e := range es {
		fmt.Printf("| %s | %s | %.0f | %.0f | %.1f | %s |\n", strings.TrimPrefix(e.group, "decode "), e.impl,
			medianOf(e.runs, cpu), medianOf(e.runs, func(s sample) float64 { return s.bytes }),
			medianOf(e.runs, func(s sample) float64 { return s.allocs }), ratio(e, base[e.group], cpu))
	}
}
