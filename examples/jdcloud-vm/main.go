// Command jdcloud-vm walks a JD Cloud virtual machine through its life:
// create, wait until running, stop, wait until stopped, delete, and find it
// gone, with the typed vm client and its waiter.
//
// It changes resources, so it runs against the built-in emulator (cloudtest)
// unless -real is given and JD Cloud credentials are found.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud/vm"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func main() {
	real := flag.Bool("real", false, "use JD Cloud credentials when found (creates and deletes a billed instance)")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, target.Env{Local: !*real, LookupEnv: os.LookupEnv}); err != nil {
		fmt.Fprintln(os.Stderr, "jdcloud-vm:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, env target.Env) error {
	cfg, t := target.JDCloud(ctx, env, cloudtest.WithJobDelay(500*time.Millisecond))
	defer t.Close()
	t.Announce(w, "JD Cloud")
	client, err := vm.New(cfg, t.Options...)
	if err != nil {
		return err
	}
	poll := func(o *vm.WaitOptions) { o.MinDelay = 200 * time.Millisecond }

	created, err := client.CreateInstances(ctx, &vm.CreateInstancesInput{
		InstanceSpec: &vm.InstanceSpec{
			Name: "example-vm", Az: multicloud.Ptr(cfg.Region + "a"),
			InstanceType: multicloud.Ptr("g.n2.medium"), ImageID: multicloud.Ptr("img-m5s0****29"),
		},
		ClientToken: multicloud.Ptr(fmt.Sprintf("example-%d", time.Now().UnixNano())), // makes a retried create safe
	})
	if err != nil {
		return fmt.Errorf("CreateInstances: %w", err)
	}
	id := created.InstanceIDs[0]
	fmt.Fprintf(w, "created %s\n", id)

	steps := []struct {
		do   func() error
		want string
	}{
		{func() error { return nil }, "running"},
		{func() error {
			_, err := client.StopInstance(ctx, &vm.StopInstanceInput{InstanceID: id})
			return err
		}, "stopped"},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			return err
		}
		inst, err := client.WaitInstanceStatus(ctx, id, s.want, poll)
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", s.want, err)
		}
		fmt.Fprintf(w, "%s is %s\n", inst.InstanceID, inst.Status)
	}

	if _, err := client.DeleteInstance(ctx, &vm.DeleteInstanceInput{InstanceID: id}); err != nil {
		return fmt.Errorf("DeleteInstance: %w", err)
	}
	fmt.Fprintf(w, "deleting %s\n", id)
	for {
		_, err := client.DescribeInstance(ctx, &vm.DescribeInstanceInput{InstanceID: id})
		if errors.Is(err, mcerrors.ErrNotFound) {
			fmt.Fprintf(w, "%s is gone (DescribeInstance: not found)\n", id)
			return nil
		}
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
