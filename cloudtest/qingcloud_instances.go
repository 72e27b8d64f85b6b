package cloudtest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// qcInstance is a DescribeInstances item with QingCloud's wire names (a
// subset of the API's instance).
type qcInstance struct {
	InstanceID    string `json:"instance_id"`
	InstanceName  string `json:"instance_name"`
	Description   string `json:"description"`
	InstanceType  string `json:"instance_type"`
	InstanceClass int    `json:"instance_class"`
	VcpusCurrent  int    `json:"vcpus_current"`
	MemoryCurrent int    `json:"memory_current"`
	qcState
	CreateTime    string     `json:"create_time"`
	Image         qcImage    `json:"image"`
	Vxnets        []qcVxnet  `json:"vxnets"`
	VolumeIDs     []string   `json:"volume_ids"`
	KeypairIDs    []string   `json:"keypair_ids"`
	SecurityGroup *qcSecGrp  `json:"security_group,omitempty"`
	Tags          []struct{} `json:"tags"`
	ZoneID        string     `json:"zone_id"`
	SubCode       int        `json:"sub_code"`
	AlarmStatus   string     `json:"alarm_status"`

	terminated time.Time
}

type qcImage struct {
	ImageID       string `json:"image_id"`
	ImageName     string `json:"image_name"`
	OSFamily      string `json:"os_family"`
	Platform      string `json:"platform"`
	ProcessorType string `json:"processor_type"`
	Provider      string `json:"provider"`
}

type qcVxnet struct {
	VxnetID   string `json:"vxnet_id"`
	VxnetName string `json:"vxnet_name"`
	VxnetType int    `json:"vxnet_type"`
	NicID     string `json:"nic_id"`
	PrivateIP string `json:"private_ip"`
	Role      int    `json:"role"`
}

type qcSecGrp struct {
	SecurityGroupID string `json:"security_group_id"`
	IsDefault       int    `json:"is_default"`
}

// qcRetention is how long a terminated instance stays visible before it
// is ceased.
const qcRetention = 2 * time.Hour

func (i *qcInstance) settle(now time.Time) {
	i.qcState.settle(now)
	if i.Status == "terminated" && i.terminated.IsZero() {
		i.terminated = now
	}
	if i.Status == "terminated" && now.Sub(i.terminated) >= qcRetention {
		i.Status = "ceased"
	}
}

// qcInstanceTypes are the named types the emulator knows: vCPUs and MB.
var qcInstanceTypes = map[string][2]int{
	"small_b": {1, 1024}, "small_c": {1, 2048},
	"medium_a": {2, 2048}, "medium_b": {2, 4096}, "medium_c": {2, 8192},
	"large_a": {4, 4096}, "large_b": {4, 8192}, "large_c": {4, 16384},
}

func (p *qingcloud) runInstances(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	image, mode := q.str("image_id"), q.str("login_mode")
	switch {
	case image == "":
		return nil, missingParam("image_id")
	case mode == "":
		return nil, missingParam("login_mode")
	case mode != "keypair" && mode != "passwd":
		return nil, invalidf("login_mode [%s] must be keypair or passwd", mode)
	case mode == "passwd" && q.str("login_passwd") == "":
		return nil, missingParam("login_passwd")
	case mode == "keypair" && q.str("login_keypair") == "":
		return nil, missingParam("login_keypair")
	}
	itype := q.str("instance_type")
	size, known := qcInstanceTypes[itype]
	if itype != "" && !known {
		return nil, invalidf("instance_type [%s] is not valid", itype)
	}
	// cpu and memory win over instance_type, as the API documents.
	cpu, err := q.integer("cpu", size[0])
	if err != nil {
		return nil, err
	}
	mem, err := q.integer("memory", size[1])
	if err != nil {
		return nil, err
	}
	if cpu == 0 || mem == 0 {
		return nil, missingParam("instance_type")
	}
	if cpu < 1 || cpu > 64 || mem < 512 || mem > 262144 {
		return nil, invalidf("cpu [%d] or memory [%d] is out of range", cpu, mem)
	}
	count, err := q.integer("count", 1)
	if err != nil {
		return nil, err
	}
	if count < 1 || count > 100 {
		return nil, invalidf("count [%d] must be between 1 and 100", count)
	}
	if err := p.s.admit(KindInstance, countAlive(z.instances, func(i *qcInstance) string { return i.Status })+count); err != nil {
		return nil, err
	}
	vols := q.list("volumes")
	if len(vols) > 0 && count != 1 {
		return nil, invalidf("volumes can be attached only when count is 1")
	}
	var attach []*qcVolume
	for _, id := range vols {
		v, err := p.findVolume(z, id)
		if err != nil {
			return nil, err
		}
		if v.Status != "available" || v.busy() {
			return nil, statef("volume [%s] is in [%s] status and cannot be attached", id, v.Status)
		}
		attach = append(attach, v)
	}
	vxnet := firstOr(q.list("vxnets"), "")
	ids := make([]string, 0, count)
	for range count {
		inst := p.newInstance(z, in.now, q.str("zone"), q.str("instance_name"), itype, image, cpu, mem, vxnet)
		inst.begin(in.now, p.s.cfg.jobDelay, "creating", "running")
		for _, v := range attach {
			inst.VolumeIDs = append(inst.VolumeIDs, v.VolumeID)
			v.Status, v.instance = "in-use", inst.InstanceID
			v.Instance = &qcVolumeInstance{InstanceID: inst.InstanceID, InstanceName: inst.InstanceName}
		}
		ids = append(ids, inst.InstanceID)
	}
	job := p.newJob(z, in, ids)
	return map[string]any{"instances": ids, "job_id": job.JobID}, nil
}

// newInstance adds a pending instance to the zone.
func (p *qingcloud) newInstance(z *qcZone, now time.Time, zone, name, itype, image string, cpu, mem int, vxnet string) *qcInstance {
	if itype == "" {
		itype = "c" + strconv.Itoa(cpu) + "m" + strconv.Itoa(mem)
	}
	inst := &qcInstance{
		InstanceID: p.s.newID("i-", 8), InstanceName: name, InstanceType: itype,
		VcpusCurrent: cpu, MemoryCurrent: mem, CreateTime: isoTime(now),
		qcState: qcState{Status: "pending", StatusTime: isoTime(now)},
		Image: qcImage{ImageID: image, ImageName: image, OSFamily: "centos", Platform: "linux",
			ProcessorType: "64bit", Provider: "system"},
		VolumeIDs: []string{}, KeypairIDs: []string{}, Tags: []struct{}{}, ZoneID: zone, AlarmStatus: "",
		SecurityGroup: &qcSecGrp{SecurityGroupID: "sg-cloudtest", IsDefault: 1},
	}
	if vxnet != "" {
		n := len(z.instances)
		ip := fmt.Sprintf("192.168.%d.%d", n/250, n%250+2)
		if vxnet == "vxnet-0" {
			ip = fmt.Sprintf("10.140.%d.%d", n/250, n%250+2)
		}
		inst.Vxnets = []qcVxnet{{VxnetID: vxnet, VxnetName: vxnet, VxnetType: 1, NicID: p.mac(), PrivateIP: ip, Role: 1}}
	} else {
		inst.Vxnets = []qcVxnet{}
	}
	z.instances = append(z.instances, inst)
	return inst
}

// mac is a random NIC id, which QingCloud gives as a MAC address.
func (p *qingcloud) mac() string {
	return fmt.Sprintf("52:54:%02x:%02x:%02x:%02x", p.s.randN(256), p.s.randN(256), p.s.randN(256), p.s.randN(256))
}

func (p *qingcloud) findInstance(z *qcZone, id string) (*qcInstance, error) {
	for _, inst := range z.instances {
		if inst.InstanceID == id {
			return inst, nil
		}
	}
	return nil, notFoundf("resource [%s] not found", id)
}

func (p *qingcloud) describeInstances(in *incoming, z *qcZone) (map[string]any, error) {
	q := in.params
	ids, statuses, images, types := q.list("instances"), q.list("status"), q.list("image_id"), q.list("instance_type")
	word := q.str("search_word")
	var matched []*qcInstance
	for _, inst := range z.instances {
		if matchAny(inst.InstanceID, ids) && matchAny(inst.Status, statuses) &&
			matchAny(inst.Image.ImageID, images) && matchAny(inst.InstanceType, types) &&
			(strings.Contains(inst.InstanceID, word) || strings.Contains(inst.InstanceName, word)) {
			matched = append(matched, inst)
		}
	}
	return listPage(q, "instance_set", matched, p.s.pageMax(qcMaxLimit))
}

// changeInstances starts a transition (via, then status to) on every
// instance named by instances.N, which must all be in one of the statuses
// from, and records a job for them.
func (p *qingcloud) changeInstances(in *incoming, z *qcZone, via, to string, from ...string) (map[string]any, error) {
	ids := in.params.list("instances")
	if len(ids) == 0 {
		return nil, missingParam("instances")
	}
	insts := make([]*qcInstance, 0, len(ids))
	for _, id := range ids {
		inst, err := p.findInstance(z, id)
		if err != nil {
			return nil, err
		}
		switch {
		case inst.TransitionStatus == "creating":
			return nil, statef("instance [%s] lease info not ready yet, please try later", id)
		case inst.busy() || !matchAny(inst.Status, from):
			return nil, statef("instance [%s] is in [%s] status, %s is not allowed", id, inst.statusText(), in.action)
		}
		insts = append(insts, inst)
	}
	for _, inst := range insts {
		inst.begin(in.now, p.s.cfg.jobDelay, via, to)
	}
	job := p.newJob(z, in, ids)
	if to == "terminated" {
		for _, v := range z.volumes {
			if v.instance != "" && matchAny(v.instance, ids) {
				v.begin(in.now, p.s.cfg.jobDelay, "detaching", "available")
				v.instance, v.Instance = "", nil
			}
		}
	}
	return map[string]any{"job_id": job.JobID}, nil
}

// statusText is the status with its transition, for messages.
func (i *qcInstance) statusText() string {
	if i.TransitionStatus != "" {
		return i.Status + "/" + i.TransitionStatus
	}
	return i.Status
}

func (p *qingcloud) terminateInstances(in *incoming, z *qcZone) (map[string]any, error) {
	return p.changeInstances(in, z, "terminating", "terminated", "pending", "running", "stopped", "suspended")
}

func (p *qingcloud) startInstances(in *incoming, z *qcZone) (map[string]any, error) {
	return p.changeInstances(in, z, "starting", "running", "stopped")
}

func (p *qingcloud) stopInstances(in *incoming, z *qcZone) (map[string]any, error) {
	return p.changeInstances(in, z, "stopping", "stopped", "running")
}

// seed makes WithInstances' running instances in the server's zone.
func (p *qingcloud) seed() {
	cfg := p.s.cfg
	z := p.zone(cfg.region)
	now := cfg.now()
	names := []string{"small_b", "medium_b", "large_b"}
	for i := range cfg.instances {
		t := names[i%len(names)]
		inst := p.newInstance(z, now, cfg.region, fmt.Sprintf("cloudtest-%03d", i+1), t, "centos79x64a",
			qcInstanceTypes[t][0], qcInstanceTypes[t][1], "vxnet-0")
		inst.Status = "running"
	}
}
