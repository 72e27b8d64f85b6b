package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// A waiter is the SDK waiter that follows one kind of call: what it waits
// for, found in the call's parameters and result.
type waiter struct {
	provider, service string
	// actions are the operations it follows; nil means any operation whose
	// output has the field named by job (QingCloud jobs).
	actions map[string]string // action → the status to wait for
	// ids are the wire names, in the result and then the parameters, of
	// the instance id or ids to wait for.
	ids []string
	job string // the output field holding a job id
}

// waiters are the waits --wait knows, checked in order.
var waiters = []waiter{
	{provider: catalog.QingCloud, service: "iaas", job: "job_id"},
	{provider: catalog.JDCloud, service: "vm", ids: []string{"instanceIds", "instanceId"}, actions: map[string]string{
		"CreateInstances": "running", "StartInstance": "running", "RebootInstance": "running", "StopInstance": "stopped",
	}},
	{provider: catalog.Volcengine, service: "ecs", ids: []string{"InstanceIds", "InstanceId"}, actions: map[string]string{
		"RunInstances": "RUNNING", "StartInstance": "RUNNING", "StartInstances": "RUNNING", "RebootInstance": "RUNNING",
		"RebootInstances": "RUNNING", "StopInstance": "STOPPED", "StopInstances": "STOPPED",
	}},
}

// waiterFor returns the waiter of an operation, or nil.
func waiterFor(svc *catalog.Service, op *catalog.Operation) *waiter {
	for i := range waiters {
		w := &waiters[i]
		if w.provider != svc.Provider || w.service != svc.Name {
			continue
		}
		if w.job != "" && op.OutputField(w.job) != nil {
			return w
		}
		if _, ok := w.actions[op.Name]; ok {
			return w
		}
	}
	return nil
}

// describe says what the waiter waits for, for help.
func (w *waiter) describe(op string) string {
	if w.job != "" {
		return "waits for the job in " + w.job + " to finish"
	}
	return fmt.Sprintf("waits for the instances to be %s", w.actions[op])
}

// wait runs the waiter after op answered result, with progress on stderr
// when it is a terminal.
func (s *session) wait(ctx context.Context, w *waiter, op *catalog.Operation, params map[string]any, result json.RawMessage) error {
	var res map[string]any
	if err := json.Unmarshal(result, &res); err != nil {
		return &waitFailure{err: fmt.Errorf("the result of %s does not decode: %w", op.Name, err)}
	}
	if w.job != "" {
		jobID, _ := res[w.job].(string)
		if jobID == "" {
			return &waitFailure{err: fmt.Errorf("%s started no job", op.Name)}
		}
		p := s.parts[catalog.QingCloud]
		c, err := iaas.New(qingcloud.Config{Credentials: p.creds, Zone: p.place}, p.opts...)
		if err != nil {
			return err
		}
		stop := s.progress("job " + jobID)
		defer stop()
		_, err = c.WaitJob(ctx, jobID)
		return wrapWait(err)
	}
	ids := idsOf(w.ids, res, params)
	if len(ids) == 0 {
		return &waitFailure{err: fmt.Errorf("found no instance id in the result or parameters of %s", op.Name)}
	}
	status := w.actions[op.Name]
	var wait func(ctx context.Context, id string) error
	switch w.provider {
	case catalog.JDCloud:
		p := s.parts[catalog.JDCloud]
		c, err := vm.New(jdcloud.Config{Credentials: p.creds, Region: p.place}, p.opts...)
		if err != nil {
			return err
		}
		region, _ := params["regionId"].(string)
		wait = func(ctx context.Context, id string) error {
			_, err := c.WaitInstanceStatus(ctx, id, status, func(o *vm.WaitOptions) { o.Region = region })
			return err
		}
	case catalog.Volcengine:
		p := s.parts[catalog.Volcengine]
		c, err := ecs.New(volcengine.Config{Credentials: p.creds, Region: p.place}, p.opts...)
		if err != nil {
			return err
		}
		wait = func(ctx context.Context, id string) error {
			_, err := c.WaitInstanceStatus(ctx, id, status)
			return err
		}
	}
	stop := s.progress(fmt.Sprintf("%d instance(s) to be %s", len(ids), status))
	defer stop()
	for _, id := range ids {
		if err := wait(ctx, id); err != nil {
			return wrapWait(err)
		}
	}
	return nil
}

func wrapWait(err error) error {
	if err == nil {
		return nil
	}
	return &waitFailure{err: err}
}

// idsOf finds instance ids: the first of names present in the result, else
// in the parameters; a name may hold one id or a list.
func idsOf(names []string, result, params map[string]any) []string {
	for _, src := range []map[string]any{result, params} {
		for _, n := range names {
			switch v := src[n].(type) {
			case string:
				if v != "" {
					return []string{v}
				}
			case []any:
				var out []string
				for _, e := range v {
					if s, ok := e.(string); ok && s != "" {
						out = append(out, s)
					}
				}
				if len(out) > 0 {
					return out
				}
			}
		}
	}
	return nil
}

// progress shows, on a terminal, what is being waited for and for how
// long, until the returned function is called.
func (s *session) progress(what string) (stop func()) {
	if !s.stderrTTY {
		return func() {}
	}
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			fmt.Fprintf(s.stderr, "\rwaiting for %s ... %s ", what, time.Since(start).Truncate(time.Second))
			select {
			case <-done:
				fmt.Fprintf(s.stderr, "\rwaiting for %s ... done after %s\n", what, time.Since(start).Truncate(100*time.Millisecond))
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
