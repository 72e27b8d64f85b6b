package cloudtest

import (
	"strconv"
	"time"
)

// Volcengine ecs instance lifecycle: RunInstances makes instances that are
// CREATING, then RUNNING after the job delay; StopInstance(s) goes through
// STOPPING to STOPPED, StartInstance(s) through STARTING to RUNNING, and
// DeleteInstance(s) through DELETING until the instance is gone. Each step
// takes the job delay on the server's clock.

// settleInstances completes the due transitions; a deleted instance goes.
func (p *volcengine) settleInstances(now time.Time) {
	p.instances = removeAll(p.instances, func(inst *volcInstance) bool {
		if to, ok := inst.trans.finish(now); ok {
			inst.Status, inst.UpdatedAt = to, isoTime(now)
		}
		return inst.Status == "DELETED"
	})
}

func (p *volcengine) runInstances(in *incoming) (any, error) {
	p.settleInstances(in.now)
	q := in.params
	count, err := q.integer("Count", 1)
	if err != nil {
		return nil, err
	}
	if count < 1 || count > 100 {
		return nil, invalidf("Count must be between 1 and 100")
	}
	if err := p.s.admit(KindInstance, len(p.instances)+count); err != nil {
		return nil, err
	}
	itype := q.str("InstanceTypeId")
	if itype == "" {
		itype = q.str("InstanceType")
	}
	if itype == "" {
		return nil, &failure{kind: failMissing, code: "MissingParameter.InstanceTypeId", msg: "InstanceTypeId"}
	}
	cpus, mem := 2, 8192
	for _, t := range volcInstanceTypes {
		if t.id == itype {
			cpus, mem = t.cpus, t.memG*1024
		}
	}
	chargeType := q.str("InstanceChargeType")
	if chargeType == "" {
		chargeType = "PostPaid"
	}
	created := isoTime(in.now)
	ids := make([]string, 0, count)
	for i := range count {
		name := q.str("InstanceName")
		if count > 1 {
			name += "-" + strconv.Itoa(i+1)
		}
		inst := &volcInstance{
			InstanceID: p.s.newID("i-", 20), InstanceName: name, Description: q.str("Description"),
			HostName: q.str("HostName"), Hostname: q.str("HostName"), ImageID: q.str("ImageId"),
			InstanceTypeID: itype, Cpus: cpus, MemorySize: mem, Status: "CREATING",
			ZoneID: q.str("ZoneId"), CreatedAt: created, UpdatedAt: created,
			InstanceChargeType: chargeType, OsType: "Linux", ProjectName: q.str("ProjectName"),
			KeyPairName: q.str("KeyPairName"), Tags: []volcTag{}, NetworkInterfaces: []volcNetworkInterface{},
		}
		if inst.ProjectName == "" {
			inst.ProjectName = "default"
		}
		for _, t := range q.objects("Tags") {
			inst.Tags = append(inst.Tags, volcTag{Key: t.str("Key"), Value: t.str("Value")})
		}
		for _, ni := range q.objects("NetworkInterfaces") {
			inst.NetworkInterfaces = append(inst.NetworkInterfaces, volcNetworkInterface{
				NetworkInterfaceID: p.s.newID("eni-", 20), SubnetID: ni.str("SubnetId"), Type: "primary",
				PrimaryIPAddress: "172.16.0." + strconv.Itoa(len(p.instances)%250+2),
			})
		}
		inst.trans.start(in.now, p.s.cfg.jobDelay, "RUNNING")
		p.instances = append(p.instances, inst)
		ids = append(ids, inst.InstanceID)
	}
	p.settleInstances(in.now)
	return map[string]any{"InstanceIds": ids}, nil
}

func (p *volcengine) findInstance(id string) (*volcInstance, error) {
	for _, inst := range p.instances {
		if inst.InstanceID == id {
			return inst, nil
		}
	}
	return nil, &failure{kind: failNotFound, code: "InvalidInstance.NotFound", msg: "The specified instance " + id + " does not exist."}
}

// changeInstances moves each instance named (InstanceId, or InstanceIds.N)
// through via to status to, from one of the statuses from. The singular
// actions fail on the first problem; the plural ones report each
// instance's outcome in OperationDetails, as the API does.
func (p *volcengine) changeInstances(in *incoming, plural bool, via, to string, from ...string) (any, error) {
	p.settleInstances(in.now)
	ids := in.params.list("InstanceIds")
	if !plural {
		ids = []string{in.params.str("InstanceId")}
	}
	if len(ids) == 0 {
		return nil, &failure{kind: failMissing, code: "MissingParameter.InstanceIds", msg: "InstanceIds"}
	}
	type detail struct {
		InstanceID string                          `json:"InstanceId"`
		Error      *struct{ Code, Message string } `json:",omitempty"`
	}
	details := make([]detail, 0, len(ids))
	for _, id := range ids {
		inst, err := p.findInstance(id)
		if err == nil && (inst.trans.pending() || !matchAny(inst.Status, from)) {
			err = &failure{kind: failState, code: "InvalidInstance.InvalidStatus",
				msg: "The instance " + id + " is " + inst.Status + "; " + in.action + " is not allowed."}
		}
		if err != nil {
			if !plural {
				return nil, err
			}
			f := asFailure(err)
			details = append(details, detail{InstanceID: id, Error: &struct{ Code, Message string }{orCode(f.code, "InvalidParameter"), f.msg}})
			continue
		}
		inst.Status, inst.UpdatedAt = via, isoTime(in.now)
		inst.trans.start(in.now, p.s.cfg.jobDelay, to)
		details = append(details, detail{InstanceID: id})
	}
	p.settleInstances(in.now)
	if !plural {
		return map[string]any{}, nil
	}
	return map[string]any{"OperationDetails": details}, nil
}

func (p *volcengine) startInstance(in *incoming) (any, error) {
	return p.changeInstances(in, false, "STARTING", "RUNNING", "STOPPED")
}

func (p *volcengine) startInstances(in *incoming) (any, error) {
	return p.changeInstances(in, true, "STARTING", "RUNNING", "STOPPED")
}

func (p *volcengine) stopInstance(in *incoming) (any, error) {
	return p.changeInstances(in, false, "STOPPING", "STOPPED", "RUNNING")
}

func (p *volcengine) stopInstances(in *incoming) (any, error) {
	return p.changeInstances(in, true, "STOPPING", "STOPPED", "RUNNING")
}

func (p *volcengine) deleteInstance(in *incoming) (any, error) {
	return p.changeInstances(in, false, "DELETING", "DELETED", "RUNNING", "STOPPED", "ERROR")
}

func (p *volcengine) deleteInstances(in *incoming) (any, error) {
	return p.changeInstances(in, true, "DELETING", "DELETED", "RUNNING", "STOPPED", "ERROR")
}
