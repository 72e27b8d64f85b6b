// Command qingcloud-instances runs a QingCloud instance, waits for its job
// and for the instance to be running, counts the zone's volumes and EIPs
// with the paging iterators, then terminates the instance and waits for
// that too.
//
// It changes resources, so it runs against the built-in emulator (cloudtest)
// unless -real is given and QingCloud credentials are found.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func main() {
	real := flag.Bool("real", false, "use QingCloud credentials when found (runs and terminates a billed instance)")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, target.Env{Local: !*real, LookupEnv: os.LookupEnv}); err != nil {
		fmt.Fprintln(os.Stderr, "qingcloud-instances:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, env target.Env) error {
	cfg, t := target.QingCloud(ctx, env, cloudtest.WithJobDelay(300*time.Millisecond))
	defer t.Close()
	t.Announce(w, "QingCloud")
	client, err := iaas.New(cfg, t.Options...)
	if err != nil {
		return err
	}
	poll := func(o *iaas.WaitOptions) { o.MinDelay = 200 * time.Millisecond }

	run, err := client.RunInstances(ctx, &iaas.RunInstancesInput{
		ImageID: "centos79x64a", InstanceType: multicloud.Ptr("small_b"), LoginMode: "passwd",
		LoginPasswd: multicloud.Ptr("Example-2026"), InstanceName: multicloud.Ptr("example"),
	})
	if err != nil {
		return fmt.Errorf("RunInstances: %w", err)
	}
	id := run.Instances[0]
	if err := waitJob(ctx, w, client, "RunInstances", run.JobID, poll); err != nil {
		return err
	}
	inst, err := client.WaitInstanceStatus(ctx, id, "running", poll)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s (%s) is %s\n", inst.InstanceID, inst.InstanceName, inst.Status)

	volumes, eips := 0, 0
	for _, err := range client.DescribeVolumesAll(ctx, nil) {
		if err != nil {
			return fmt.Errorf("DescribeVolumes: %w", err)
		}
		volumes++
	}
	for _, err := range client.DescribeEipsAll(ctx, nil) {
		if err != nil {
			return fmt.Errorf("DescribeEips: %w", err)
		}
		eips++
	}
	fmt.Fprintf(w, "zone %s: %d volumes, %d EIPs\n", cfg.Zone, volumes, eips)

	term, err := client.TerminateInstances(ctx, &iaas.TerminateInstancesInput{Instances: []string{id}})
	if err != nil {
		return fmt.Errorf("TerminateInstances: %w", err)
	}
	if err := waitJob(ctx, w, client, "TerminateInstances", term.JobID, poll); err != nil {
		return err
	}
	inst, err = client.WaitInstanceStatus(ctx, id, "terminated", poll)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s is %s\n", inst.InstanceID, inst.Status)
	return nil
}

// waitJob waits for a job; a job that fails comes back as an *iaas.JobError
// carrying the job.
func waitJob(ctx context.Context, w io.Writer, c *iaas.Client, action, jobID string, opts ...func(*iaas.WaitOptions)) error {
	start := time.Now()
	job, err := c.WaitJob(ctx, jobID, opts...)
	if err != nil {
		return fmt.Errorf("%s job %s: %w", action, jobID, err)
	}
	fmt.Fprintf(w, "%s: job %s %s after %s\n", action, job.JobID, job.Status, time.Since(start).Round(100*time.Millisecond))
	return nil
}
