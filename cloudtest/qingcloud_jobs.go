package cloudtest

import (
	"strings"
	"time"
)

// qcJob is a DescribeJobs item with QingCloud's wire names. A job is
// pending at the instant it is created, working until it is due, then
// successful.
type qcJob struct {
	JobID       string `json:"job_id"`
	JobAction   string `json:"job_action"`
	CreateTime  string `json:"create_time"`
	StatusTime  string `json:"status_time"`
	ResourceIDs string `json:"resource_ids"`
	Owner       string `json:"owner"`
	Status      string `json:"status"`

	created, due time.Time
}

// newJob records a job for action on ids that completes after the
// server's job delay.
func (p *qingcloud) newJob(z *qcZone, in *incoming, ids []string) *qcJob {
	j := &qcJob{
		JobID: p.s.newID("j-", 8), JobAction: in.action, CreateTime: isoTime(in.now), StatusTime: isoTime(in.now),
		ResourceIDs: strings.Join(ids, " "), Owner: qcOwner, Status: "pending",
		created: in.now, due: in.now.Add(p.s.cfg.jobDelay),
	}
	z.jobs = append(z.jobs, j)
	return j
}

// qcOwner is the emulated account's user id.
const qcOwner = "usr-cloudtest"

// settle moves the zone's jobs and resources to where the clock says they
// are.
func (p *qingcloud) settle(z *qcZone, now time.Time) {
	for _, j := range z.jobs {
		switch {
		case j.Status == "successful":
		case !now.Before(j.due):
			j.Status, j.StatusTime = "successful", isoTime(j.due)
		case now.After(j.created) && j.Status == "pending":
			j.Status = "working"
		}
	}
	for _, inst := range z.instances {
		inst.settle(now)
	}
	z.instances = removeAll(z.instances, func(i *qcInstance) bool { return i.Status == "ceased" })
	for _, v := range z.volumes {
		v.settle(now)
	}
	for _, e := range z.eips {
		e.settle(now)
	}
}

func (p *qingcloud) describeJobs(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	ids, statuses := q.list("jobs"), q.list("status")
	var matched []*qcJob
	for _, j := range z.jobs {
		if matchAny(j.JobID, ids) && matchAny(j.Status, statuses) {
			matched = append(matched, j)
		}
	}
	return listPage(q, "job_set", matched, p.s.pageMax(qcMaxLimit))
}

// qcState is the status pair every QingCloud resource has, and the change
// under way.
type qcState struct {
	Status           string `json:"status"`
	TransitionStatus string `json:"transition_status"`
	StatusTime       string `json:"status_time"`

	trans transition
}

// begin starts a transition (transition_status via) to status to.
func (s *qcState) begin(now time.Time, d time.Duration, via, to string) {
	s.TransitionStatus = via
	s.trans.start(now, d, to)
}

// settle completes a due transition.
func (s *qcState) settle(now time.Time) {
	until := s.trans.until
	if to, ok := s.trans.finish(now); ok {
		s.StatusTime = isoTime(until)
		s.Status, s.TransitionStatus = to, ""
	}
}

// busy reports whether a transition is under way.
func (s *qcState) busy() bool { return s.TransitionStatus != "" }

// removeAll deletes every element for which drop is true.
func removeAll[T any](s []T, drop func(T) bool) []T {
	kept := s[:0]
	for _, v := range s {
		if !drop(v) {
			kept = append(kept, v)
		}
	}
	clear(s[len(kept):])
	return kept
}
