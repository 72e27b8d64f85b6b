// Command quickstart touches all three clouds through one SDK: it lists
// instances with the paging iterators, sums a Volcengine bill, creates an
// instance on each cloud and waits for it to run (and QingCloud's job to
// finish), and handles an error with errors.Is.
//
// With credentials in the environment (or the providers' config files) it
// talks to the real clouds, read-only unless -create is given. Without them
// it starts the built-in local emulator, cloudtest, and says so first.
//
//	go run ./examples/quickstart            # emulator, or real clouds read-only
//	go run ./examples/quickstart -local     # always the emulator
//	go run ./examples/quickstart -create    # also RunInstances on a real QingCloud (then terminates it)
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/billing"
	"github.com/multicloud-go/multicloud/volcengine/ecs"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func main() {
	local := flag.Bool("local", false, "use the built-in emulator even if credentials are set")
	create := flag.Bool("create", false, "run (and terminate) a QingCloud instance on a real account")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, settings{local: *local, create: *create, lookupEnv: os.LookupEnv}); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// settings are what the command line and the environment decide.
type settings struct {
	local, create bool
	lookupEnv     func(string) (string, bool)
}

// clouds holds one configured client per service, real or emulated, and
// what to release at the end.
type clouds struct {
	vm           *vm.Client
	jdRegion     string
	ecs          *ecs.Client
	ecsRegion    string
	billing      *billing.Client
	iaas         *iaas.Client
	zone         string
	emulated     bool     // all three are the emulator
	jdEmulated   bool     // JD Cloud is the emulator
	volcEmulated bool     // Volcengine is the emulator
	qyEmulated   bool     // QingCloud is the emulator
	partly       []string // the clouds that are emulated when others are real
	billPeriod   string
	wait         []func(*iaas.WaitOptions)
	jdWait       []func(*vm.WaitOptions)
	volcWait     []func(*ecs.WaitOptions)
	closers      []func()
}

func run(ctx context.Context, w io.Writer, s settings) error {
	c, err := connect(ctx, s)
	if err != nil {
		return err
	}
	defer func() {
		for _, close := range c.closers {
			close()
		}
	}()
	switch {
	case c.emulated && s.local:
		fmt.Fprintln(w, "Running against the built-in local emulator (cloudtest), as -local asks.")
	case c.emulated:
		fmt.Fprintln(w, "No cloud credentials found: running against the built-in local emulator (cloudtest).")
	case len(c.partly) > 0:
		fmt.Fprintf(w, "Using cloud credentials found in the environment; no credentials for %s: using the built-in local emulator (cloudtest) there.\n",
			strings.Join(c.partly, ", "))
	default:
		fmt.Fprintln(w, "Using cloud credentials from the environment and the providers' config files.")
	}

	steps := []func(context.Context, io.Writer, *clouds, settings) error{
		listJDCloud, listVolcengine, billSummary, listQingCloud, createAndWait, handleNotFound,
	}
	for _, step := range steps {
		fmt.Fprintln(w)
		if err := step(ctx, w, c, s); err != nil {
			return err
		}
	}
	return nil
}

// connect builds the clients. Each cloud uses real credentials when its
// default chain finds some, and the emulator otherwise.
func connect(ctx context.Context, s settings) (*clouds, error) {
	env := target.Env{Local: s.local, LookupEnv: s.lookupEnv}
	jdCfg, jd := target.JDCloud(ctx, env, cloudtest.WithInstances(23))
	volcCfg, volc := target.Volcengine(ctx, env, cloudtest.WithInstances(5))
	qyCfg, qy := target.QingCloud(ctx, env, cloudtest.WithInstances(4), cloudtest.WithJobDelay(time.Second))
	c := &clouds{
		jdRegion: jd.Region, ecsRegion: volc.Region, zone: qy.Region,
		emulated:   jd.Emulated && volc.Emulated && qy.Emulated,
		jdEmulated: jd.Emulated, volcEmulated: volc.Emulated, qyEmulated: qy.Emulated,
		billPeriod: time.Now().UTC().Format("2006-01"),
		closers:    []func(){jd.Close, volc.Close, qy.Close},
	}
	if volc.Server != nil {
		c.billPeriod = volc.Server.Now().UTC().Format("2006-01")
	}
	// The emulator's transitions take a second: poll it often.
	if qy.Emulated {
		c.wait = []func(*iaas.WaitOptions){func(o *iaas.WaitOptions) { o.MinDelay = 250 * time.Millisecond }}
	}
	if jd.Emulated {
		c.jdWait = []func(*vm.WaitOptions){func(o *vm.WaitOptions) { o.MinDelay = 250 * time.Millisecond }}
	}
	if volc.Emulated {
		c.volcWait = []func(*ecs.WaitOptions){func(o *ecs.WaitOptions) { o.MinDelay = 250 * time.Millisecond }}
	}
	for name, t := range map[string]target.Target{"JD Cloud": jd, "Volcengine": volc, "QingCloud": qy} {
		if t.Emulated && !c.emulated {
			c.partly = append(c.partly, name)
		}
	}
	sort.Strings(c.partly)
	return c, c.newClients(jdCfg, volcCfg, qyCfg, jd.Options, volc.Options, qy.Options)
}

func (c *clouds) newClients(jd jdcloud.Config, volc volcengine.Config, qy qingcloud.Config, jdOpts, volcOpts, qyOpts []multicloud.Option) error {
	var err error
	if c.vm, err = vm.New(jd, jdOpts...); err != nil {
		return err
	}
	if c.ecs, err = ecs.New(volc, volcOpts...); err != nil {
		return err
	}
	if c.billing, err = billing.New(volc, volcOpts...); err != nil {
		return err
	}
	c.iaas, err = iaas.New(qy, qyOpts...)
	return err
}

func listJDCloud(ctx context.Context, w io.Writer, c *clouds, _ settings) error {
	fmt.Fprintf(w, "JD Cloud vm, region %s\n", c.jdRegion)
	byStatus := map[string]int{}
	n := 0
	for inst, err := range c.vm.DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{PageSize: multicloud.Ptr[int64](10)}) {
		if err != nil {
			return fmt.Errorf("listing JD Cloud instances: %w", err)
		}
		n++
		byStatus[inst.Status]++
	}
	fmt.Fprintf(w, "  %d instances (pages of 10): %s\n", n, counts(byStatus))
	return nil
}

func listVolcengine(ctx context.Context, w io.Writer, c *clouds, _ settings) error {
	fmt.Fprintf(w, "Volcengine ecs, region %s\n", c.ecsRegion)
	byStatus := map[string]int{}
	n := 0
	for inst, err := range c.ecs.DescribeInstancesAll(ctx, &ecs.DescribeInstancesInput{MaxResults: multicloud.Ptr[int64](2)}) {
		if err != nil {
			return fmt.Errorf("listing Volcengine instances: %w", err)
		}
		n++
		byStatus[inst.Status]++
	}
	fmt.Fprintf(w, "  %d instances (pages of 2, NextToken): %s\n", n, counts(byStatus))
	return nil
}

func billSummary(ctx context.Context, w io.Writer, c *clouds, _ settings) error {
	fmt.Fprintf(w, "Volcengine billing, period %s\n", c.billPeriod)
	byProduct := map[string]float64{}
	total, bills, currency := 0.0, 0, ""
	in := &billing.ListBillInput{BillPeriod: c.billPeriod, Limit: multicloud.Ptr[int64](50), NeedRecordNum: multicloud.Ptr[int64](1)}
	for bill, err := range c.billing.ListBillAll(ctx, in) {
		if err != nil {
			return fmt.Errorf("listing Volcengine bills: %w", err)
		}
		amount, err := strconv.ParseFloat(bill.PayableAmount, 64)
		if err != nil {
			continue // an amount the API left empty
		}
		bills++
		total += amount
		byProduct[bill.Product] += amount
		currency = bill.Currency
	}
	fmt.Fprintf(w, "  %d bills, payable %.2f %s\n", bills, total, currency)
	for _, p := range topProducts(byProduct, 3) {
		fmt.Fprintf(w, "    %-12s %10.2f\n", p, byProduct[p])
	}
	return nil
}

func listQingCloud(ctx context.Context, w io.Writer, c *clouds, _ settings) error {
	fmt.Fprintf(w, "QingCloud iaas, zone %s\n", c.zone)
	byStatus := map[string]int{}
	n := 0
	for inst, err := range c.iaas.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{}) {
		if err != nil {
			return fmt.Errorf("listing QingCloud instances: %w", err)
		}
		n++
		byStatus[inst.Status]++
	}
	fmt.Fprintf(w, "  %d instances: %s\n", n, counts(byStatus))
	return nil
}

// createAndWait creates one instance on each cloud and waits for it to
// run with the SDK's waiters. On the emulator the instances go through
// their real transition statuses on its clock (a second each); on a real
// account only QingCloud is used, and only with -create, which also
// terminates the instance afterwards.
func createAndWait(ctx context.Context, w io.Writer, c *clouds, s settings) error {
	fmt.Fprintln(w, "Create and wait")
	var steps []func(context.Context, io.Writer, *clouds) error
	if c.jdEmulated {
		steps = append(steps, createJDCloud)
	} else {
		fmt.Fprintln(w, "  JD Cloud CreateInstances: skipped on a real account")
	}
	if c.volcEmulated {
		steps = append(steps, createVolcengine)
	} else {
		fmt.Fprintln(w, "  Volcengine RunInstances: skipped on a real account")
	}
	if c.qyEmulated || s.create {
		steps = append(steps, runQingCloud)
	} else {
		fmt.Fprintln(w, "  QingCloud RunInstances: skipped on a real account (pass -create to run and terminate one)")
	}
	// The clouds work in parallel; each reports in its own buffer, printed
	// in order.
	outs := make([]bytes.Buffer, len(steps))
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step(ctx, &outs[i], c) })
	}
	wg.Wait()
	for i := range steps {
		if _, err := w.Write(outs[i].Bytes()); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func createJDCloud(ctx context.Context, w io.Writer, c *clouds) error {
	start := time.Now()
	out, err := c.vm.CreateInstances(ctx, &vm.CreateInstancesInput{InstanceSpec: &vm.InstanceSpec{
		Az: multicloud.Ptr(c.jdRegion + "a"), InstanceType: multicloud.Ptr("g.n2.medium"),
		ImageID: multicloud.Ptr("img-centos79"), Name: "quickstart",
	}})
	if err != nil {
		return fmt.Errorf("CreateInstances: %w", err)
	}
	for _, id := range out.InstanceIDs {
		inst, err := c.vm.WaitInstanceStatus(ctx, id, "running", c.jdWait...)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", id, err)
		}
		fmt.Fprintf(w, "  JD Cloud CreateInstances: %s is %s after %s\n", inst.InstanceID, inst.Status, since(start))
	}
	return nil
}

func createVolcengine(ctx context.Context, w io.Writer, c *clouds) error {
	start := time.Now()
	out, err := c.ecs.RunInstances(ctx, &ecs.RunInstancesInput{
		ZoneID: c.ecsRegion + "-a", ImageID: "image-ubuntu2204", InstanceName: "quickstart",
		InstanceTypeID: multicloud.Ptr("ecs.g3i.large"),
	})
	if err != nil {
		return fmt.Errorf("RunInstances: %w", err)
	}
	for _, id := range out.InstanceIDs {
		inst, err := c.ecs.WaitInstanceStatus(ctx, id, "RUNNING", c.volcWait...)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", id, err)
		}
		fmt.Fprintf(w, "  Volcengine RunInstances: %s is %s after %s\n", inst.InstanceID, inst.Status, since(start))
	}
	return nil
}

func runQingCloud(ctx context.Context, w io.Writer, c *clouds) error {
	start := time.Now()
	out, err := c.iaas.RunInstances(ctx, &iaas.RunInstancesInput{
		ImageID: "centos79x64a", InstanceType: multicloud.Ptr("small_b"),
		LoginMode: "passwd", LoginPasswd: multicloud.Ptr("Quickstart-2026"),
		InstanceName: multicloud.Ptr("quickstart"),
	})
	if err != nil {
		return fmt.Errorf("RunInstances: %w", err)
	}
	job, err := c.iaas.WaitJob(ctx, out.JobID, c.wait...)
	if err != nil {
		return fmt.Errorf("waiting for job %s: %w", out.JobID, err)
	}
	for _, id := range out.Instances {
		inst, err := c.iaas.WaitInstanceStatus(ctx, id, "running", c.wait...)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", id, err)
		}
		fmt.Fprintf(w, "  QingCloud RunInstances: job %s %s, %s is %s after %s\n", job.JobID, job.Status, inst.InstanceID, inst.Status, since(start))
	}
	if !c.qyEmulated {
		if _, err := c.iaas.TerminateInstances(ctx, &iaas.TerminateInstancesInput{Instances: out.Instances}); err != nil {
			return fmt.Errorf("terminating %v: %w", out.Instances, err)
		}
		fmt.Fprintln(w, "  terminated")
	}
	return nil
}

// since is the time since start, rounded for people.
func since(start time.Time) time.Duration { return time.Since(start).Round(100 * time.Millisecond) }

// handleNotFound shows the one error model: whichever cloud answers, a
// missing resource is errors.Is(err, mcerrors.ErrNotFound).
func handleNotFound(ctx context.Context, w io.Writer, c *clouds, _ settings) error {
	fmt.Fprintln(w, "Errors")
	_, err := c.vm.DescribeInstance(ctx, &vm.DescribeInstanceInput{InstanceID: "i-doesnotexist"})
	var e *mcerrors.Error
	switch {
	case errors.Is(err, mcerrors.ErrNotFound) && errors.As(err, &e):
		fmt.Fprintf(w, "  JD Cloud DescribeInstance i-doesnotexist: not found (code %s, HTTP %d, %d attempt)\n",
			e.Code, e.StatusCode, e.Attempts)
	case err != nil:
		return fmt.Errorf("DescribeInstance: unexpected error: %w", err)
	default:
		fmt.Fprintln(w, "  JD Cloud DescribeInstance i-doesnotexist: found?")
	}
	return nil
}

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}

func topProducts(m map[string]float64, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys[:min(n, len(keys))]
}
