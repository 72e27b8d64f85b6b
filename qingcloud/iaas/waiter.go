package iaas

import (
	"context"
	"fmt"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/waiter"
	"github.com/multicloud-go/multicloud/qingcloud"
)

// WaitOptions bound the polling of WaitJob and WaitInstanceStatus. The
// first poll is made at once; later ones after a delay that doubles from
// MinDelay to MaxDelay, each shortened by a random jitter of up to half.
// Zero fields take the defaults: 2 s, 30 s and 10 minutes.
type WaitOptions struct {
	MinDelay time.Duration
	MaxDelay time.Duration
	// MaxWait bounds the whole wait, within ctx.
	MaxWait time.Duration
	// CallOptions apply to every poll's call.
	CallOptions []multicloud.CallOption
}

var waitDefaults = waiter.Options{MinDelay: 2 * time.Second, MaxDelay: 30 * time.Second, MaxWait: 10 * time.Minute}

// waitSettings applies the caller's wait options.
func waitSettings(opts []func(*WaitOptions)) (WaitOptions, waiter.Options) {
	var o WaitOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o, waiter.Options{MinDelay: o.MinDelay, MaxDelay: o.MaxDelay, MaxWait: o.MaxWait}
}

// Job statuses, as DescribeJobs reports them.
const (
	jobSuccessful      = "successful"
	jobFailed          = "failed"
	jobDoneWithFailure = "done with failure"
)

// JobError is the error of a job that ended without success: its status is
// "failed" or "done with failure".
type JobError struct {
	Job Job
}

func (e *JobError) Error() string {
	return fmt.Sprintf("qingcloud iaas: job %s (%s) ended with status %q", e.Job.JobID, e.Job.JobAction, e.Job.Status)
}

// Is makes a failed job match errors.ErrUnavailable, so that errors.KindOf
// gives KindUnavailable: QingCloud accepted the operation and then failed to
// carry it out.
func (e *JobError) Is(target error) bool { return target == mcerrors.ErrUnavailable }

// MayHaveSucceeded reports whether part of the job was done: its status is
// "done with failure". See errors.MayHaveSucceeded.
func (e *JobError) MayHaveSucceeded() bool { return e.Job.Status == jobDoneWithFailure }

// WaitJob polls DescribeJobs until the job ends, and returns it. A job that
// ends "successful" returns a nil error; one that ends "failed" or "done
// with failure" returns a *JobError carrying the job. An error from
// DescribeJobs (authentication failure 1200, permission denied 1400, ...)
// ends the wait at once and is returned as is; so is an unknown job, as an
// error of KindNotFound. The first poll is made at once.
func (c *Client) WaitJob(ctx context.Context, jobID string, opts ...func(*WaitOptions)) (*Job, error) {
	if jobID == "" {
		return nil, invalid("DescribeJobs", "WaitJob needs a job ID")
	}
	o, wo := waitSettings(opts)
	return waiter.Poll(ctx, wo, waitDefaults, func(ctx context.Context) (*Job, bool, error) {
		out, err := c.DescribeJobs(ctx, &DescribeJobsInput{Jobs: []string{jobID}}, o.CallOptions...)
		if err != nil {
			return nil, false, err
		}
		for i := range out.JobSet {
			job := &out.JobSet[i]
			if job.JobID != jobID {
				continue
			}
			switch job.Status {
			case jobSuccessful:
				return job, true, nil
			case jobFailed, jobDoneWithFailure:
				return job, false, &JobError{Job: *job}
			}
			return job, false, nil
		}
		return nil, false, notFound("DescribeJobs", "job "+jobID)
	})
}

// WaitInstanceStatus polls DescribeInstances until the instance's status is
// status with no transition under way (transition_status empty), and
// returns it. Waiting for "terminated" also ends at "ceased"; an instance
// that becomes "ceased" while another status is wanted is an error. An
// error from DescribeInstances ends the wait at once; so does an unknown
// instance, as an error of KindNotFound. The first poll is made at once.
func (c *Client) WaitInstanceStatus(ctx context.Context, instanceID, status string, opts ...func(*WaitOptions)) (*Instance, error) {
	if instanceID == "" || status == "" {
		return nil, invalid("DescribeInstances", "WaitInstanceStatus needs an instance ID and a status")
	}
	o, wo := waitSettings(opts)
	return waiter.Poll(ctx, wo, waitDefaults, func(ctx context.Context) (*Instance, bool, error) {
		out, err := c.DescribeInstances(ctx, &DescribeInstancesInput{Instances: []string{instanceID}}, o.CallOptions...)
		if err != nil {
			return nil, false, err
		}
		for i := range out.InstanceSet {
			inst := &out.InstanceSet[i]
			if inst.InstanceID != instanceID {
				continue
			}
			reached := inst.Status == status || status == "terminated" && inst.Status == "ceased"
			if reached && inst.TransitionStatus == "" {
				return inst, true, nil
			}
			if inst.Status == "ceased" && !reached {
				return inst, false, &mcerrors.Error{Provider: qingcloud.Provider, Service: "iaas", Action: "DescribeInstances",
					Kind: mcerrors.KindConflict, Message: fmt.Sprintf("instance %s is ceased and cannot become %s", instanceID, status)}
			}
			return inst, false, nil
		}
		return nil, false, notFound("DescribeInstances", "instance "+instanceID)
	})
}

func invalid(action, msg string) error {
	return &mcerrors.Error{Provider: qingcloud.Provider, Service: "iaas", Action: action, Kind: mcerrors.KindInvalidArgument, Message: msg}
}

func notFound(action, what string) error {
	return &mcerrors.Error{Provider: qingcloud.Provider, Service: "iaas", Action: action, Kind: mcerrors.KindNotFound, Message: what + " not found"}
}
