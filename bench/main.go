// Command bench runs the anchor benchmarks: the same DescribeInstances
// calls through our typed clients, the official SDKs and raw net/http with
// encoding/json into our types, against one loopback server in a separate
// process (this binary, started again with -serve). It prints ns/op, CPU/op
// (user+sys from getrusage), B/op and allocs/op of each, as medians over
// interleaved rounds, with the ratios, as a Markdown table.
//
//	go run . [-rounds 7] [-batch 300ms]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/multicloud-go/multicloud/bench/anchorserver"
)

func main() {
	serve := flag.Bool("serve", false, "run the loopback server (used by the benchmark itself)")
	rounds := flag.Int("rounds", 7, "interleaved rounds; the table shows medians")
	batch := flag.Duration("batch", 300*time.Millisecond, "how long each case runs per round")
	flag.Parse()
	if *serve {
		anchorserver.Run()
		return
	}
	if err := run(*rounds, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// startServer starts this binary again as the loopback server and returns
// its address.
func startServer() (string, func(), error) {
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(self, "-serve")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("server did not start: %w", err)
	}
	return strings.TrimSpace(addr), stop, nil
}

// sample is one case's cost per operation in one round.
type sample struct{ ns, cpu, bytes, allocs float64 }

// entry is one benchmarked case.
type entry struct {
	group string // the row: "jdcloud 10", "qingcloud paging"
	impl  string // "ours", "official", "raw"
	want  int    // instances each operation must decode
	fn    call
	n     int // operations per round, from calibration
	runs  []sample
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs e n times and returns the cost per operation.
func measure(e *entry, n int) (sample, error) {
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0, t0 := cpuTime(), time.Now()
	for range n {
		got, err := e.fn()
		if err != nil {
			return sample{}, fmt.Errorf("%s %s: %w", e.group, e.impl, err)
		}
		if got != e.want {
			return sample{}, fmt.Errorf("%s %s: decoded %d instances, want %d", e.group, e.impl, got, e.want)
		}
	}
	wall, cpu := time.Since(t0), cpuTime()-c0
	runtime.ReadMemStats(&m1)
	f := float64(n)
	return sample{
		ns: float64(wall.Nanoseconds()) / f, cpu: float64(cpu.Nanoseconds()) / f,
		bytes: float64(m1.TotalAlloc-m0.TotalAlloc) / f, allocs: float64(m1.Mallocs-m0.Mallocs) / f,
	}, nil
}

func run(rounds int, batch time.Duration) error {
	addr, stop, err := startServer()
	if err != nil {
		return err
	}
	defer stop()

	entries, err := cases(addr)
	if err != nil {
		return err
	}
	// Calibrate: warm every case up, then size its batch.
	for _, e := range entries {
		if _, err := measure(e, 3); err != nil {
			return err
		}
		s, err := measure(e, 5)
		if err != nil {
			return err
		}
		e.n = max(3, int(float64(batch.Nanoseconds())/s.ns))
	}
	// Interleave: every round runs every case once, starting at a
	// different case each round so no case always follows the same one.
	for r := range rounds {
		for i := range entries {
			e := entries[(i+r)%len(entries)]
			s, err := measure(e, e.n)
			if err != nil {
				return err
			}
			e.runs = append(e.runs, s)
		}
		fmt.Fprintf(os.Stderr, "round %d/%d done\n", r+1, rounds)
	}
	report(entries, rounds)
	paging(addr)

	decoders := decodeCases()
	for _, e := range decoders {
		s, err := measure(e, 5)
		if err != nil {
			return err
		}
		e.n = max(3, int(float64(batch.Nanoseconds())/s.ns/3))
	}
	for r := range rounds {
		for i := range decoders {
			e := decoders[(i+r)%len(decoders)]
			s, err := measure(e, e.n)
			if err != nil {
				return err
			}
			e.runs = append(e.runs, s)
		}
	}
	decodeReport(decoders, rounds)
	return nil
}

// cases lists every case: DescribeInstances of 10 and 100 items per cloud
// for each implementation, and paging through all of a cloud's instances.
func cases(addr string) ([]*entry, error) {
	ojd, ovolc, oqing, err := ours(addr)
	if err != nil {
		return nil, err
	}
	fjd, fvolc, fqing, err := official(addr)
	if err != nil {
		return nil, err
	}
	r := newRaw(addr)
	rjd, rvolc, rqing := r.calls()
	var es []*entry
	for _, cloud := range []struct {
		name                string
		ours, official, raw func(int) call
	}{
		{"jdcloud", ojd, fjd, rjd},
		{"volcengine", ovolc, fvolc, rvolc},
		{"qingcloud", oqing, fqing, rqing},
	} {
		for _, size := range []int{10, 100} {
			g := fmt.Sprintf("%s DescribeInstances %d", cloud.name, size)
			es = append(es,
				&entry{group: g, impl: "ours", want: size, fn: cloud.ours(size)},
				&entry{group: g, impl: "official", want: size, fn: cloud.official(size)},
				&entry{group: g, impl: "raw", want: size, fn: cloud.raw(size)})
		}
	}
	ajd, avolc, aqing, err := oursAll(addr)
	if err != nil {
		return nil, err
	}
	bjd, bvolc, bqing := r.all()
	for _, c := range []struct {
		name      string
		ours, raw call
	}{{"jdcloud", ajd, bjd}, {"volcengine", avolc, bvolc}, {"qingcloud", aqing, bqing}} {
		g := fmt.Sprintf("%s paging %d×100", c.name, anchorserver.Total/100)
		es = append(es,
			&entry{group: g, impl: "ours", want: anchorserver.Total, fn: c.ours},
			&entry{group: g, impl: "raw", want: anchorserver.Total, fn: c.raw})
	}
	return es, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianOf(runs []sample, f func(sample) float64) float64 {
	xs := make([]float64, len(runs))
	for i, s := range runs {
		xs[i] = f(s)
	}
	return median(xs)
}

// ratio is ours/other per round, as median and range, so the noise shows.
func ratio(ours, other *entry, f func(sample) float64) string {
	if other == nil {
		return "–"
	}
	xs := make([]float64, len(ours.runs))
	for i := range ours.runs {
		xs[i] = f(ours.runs[i]) / f(other.runs[i])
	}
	return fmt.Sprintf("%.2f (%.2f–%.2f)", median(xs), slices.Min(xs), slices.Max(xs))
}

func report(es []*entry, rounds int) {
	fmt.Printf("Medians of %d interleaved rounds; ratios are ours ÷ other per round: median (min–max).\n\n", rounds)
	fmt.Println("| call | impl | ns/op | CPU ns/op | B/op | allocs/op |")
	fmt.Println("|---|---|---:|---:|---:|---:|")
	for _, e := range es {
		per := 1.0
		unit := ""
		if strings.Contains(e.group, "paging") {
			per, unit = float64(e.want), "/item"
		}
		fmt.Printf("| %s | %s | %.0f%s | %.0f%s | %.0f%s | %.1f%s |\n", e.group, e.impl,
			medianOf(e.runs, func(s sample) float64 { return s.ns })/per, unit,
			medianOf(e.runs, func(s sample) float64 { return s.cpu })/per, unit,
			medianOf(e.runs, func(s sample) float64 { return s.bytes })/per, unit,
			medianOf(e.runs, func(s sample) float64 { return s.allocs })/per, unit)
	}
	fmt.Println()
	fmt.Println("| call | CPU ours÷official | B ours÷official | CPU ours÷raw | B ours÷raw |")
	fmt.Println("|---|---:|---:|---:|---:|")
	byKey := map[string]*entry{}
	var groups []string
	for _, e := range es {
		if _, seen := byKey[e.group+"/ours"]; !seen && e.impl == "ours" {
			groups = append(groups, e.group)
		}
		byKey[e.group+"/"+e.impl] = e
	}
	cpu := func(s sample) float64 { return s.cpu }
	bytes := func(s sample) float64 { return s.bytes }
	for _, g := range groups {
		o, f, r := byKey[g+"/ours"], byKey[g+"/official"], byKey[g+"/raw"]
		fmt.Printf("| %s | %s | %s | %s | %s |\n", g, ratio(o, f, cpu), ratio(o, f, bytes), ratio(o, r, cpu), ratio(o, r, bytes))
	}
}
