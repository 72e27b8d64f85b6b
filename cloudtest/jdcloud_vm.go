package cloudtest

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// jdInstance is a vm Instance with the wire names of JD Cloud's API.
type jdInstance struct {
	InstanceID       string   `json:"instanceId"`
	InstanceName     string   `json:"instanceName"`
	Hostname         string   `json:"hostname"`
	InstanceType     string   `json:"instanceType"`
	VpcID            string   `json:"vpcId"`
	SubnetID         string   `json:"subnetId"`
	PrivateIPAddress string   `json:"privateIpAddress"`
	ElasticIPID      string   `json:"elasticIpId"`
	ElasticIPAddress string   `json:"elasticIpAddress"`
	Status           string   `json:"status"`
	Description      string   `json:"description"`
	ImageID          string   `json:"imageId"`
	LaunchTime       string   `json:"launchTime"`
	Az               string   `json:"az"`
	KeyNames         []string `json:"keyNames"`
	Charge           jdCharge `json:"charge"`
	Tags             []jdTag  `json:"tags"`
	ChargeOnStopped  string   `json:"chargeOnStopped"`
	OsType           string   `json:"osType"`
	Architecture     string   `json:"architecture"`

	trans transition
}

type jdCharge struct {
	ChargeMode      string `json:"chargeMode"`
	ChargeStatus    string `json:"chargeStatus"`
	ChargeStartTime string `json:"chargeStartTime"`
}

type jdTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// JD Cloud's page-size limits for vm and vpc list APIs: [10, 100], default 20.
const (
	jdMinPageSize     = 10
	jdMaxPageSize     = 100
	jdDefaultPageSize = 20
)

// settle completes the region's transitions that are due.
func (p *jdcloud) settle(region string, now time.Time) {
	r := p.region(region)
	kept := r.instances[:0]
	for _, inst := range r.instances {
		if to, ok := inst.trans.finish(now); ok {
			inst.Status = to
		}
		if inst.Status != "deleted" {
			kept = append(kept, inst)
		}
	}
	clear(r.instances[len(kept):])
	r.instances = kept
}

// page reads pageNumber and pageSize; lastPage makes a page number past
// the end return the last page, as the vpc APIs document.
func (p *jdcloud) page(q flat, n int, lastPage bool) (start, end int, err error) {
	maxSize := p.s.pageMax(jdMaxPageSize)
	minSize := min(jdMinPageSize, maxSize)
	number, err := q.integer("pageNumber", 1)
	if err != nil {
		return 0, 0, err
	}
	size, err := q.integer("pageSize", min(jdDefaultPageSize, maxSize))
	if err != nil {
		return 0, 0, err
	}
	if number < 1 {
		return 0, 0, invalidf("pageNumber must be at least 1")
	}
	if size < minSize || size > maxSize {
		return 0, 0, invalidf("pageSize must be between %d and %d", minSize, maxSize)
	}
	if lastPage && n > 0 {
		number = min(number, (n+size-1)/size)
	}
	start, end = window(n, (number-1)*size, size)
	return start, end, nil
}

// jdFilter is one filters.N of a describe call.
type jdFilter struct {
	name, operator string
	values         []string
}

func jdFilters(q flat) []jdFilter {
	var out []jdFilter
	for _, g := range q.objects("filters") {
		op := g.str("operator")
		if op == "" {
			op = "eq"
		}
		out = append(out, jdFilter{name: g.str("name"), operator: op, values: g.list("values")})
	}
	return out
}

// match applies the filter to a field's value.
func (f jdFilter) match(v string) bool {
	if f.operator == "like" {
		return containsAny(v, f.values)
	}
	return matchAny(v, f.values)
}

// jdInstanceFields are the documented DescribeInstances filters the
// emulator applies; others are ignored.
var jdInstanceFields = map[string]func(*jdInstance) string{
	"instanceId":       func(i *jdInstance) string { return i.InstanceID },
	"privateIpAddress": func(i *jdInstance) string { return i.PrivateIPAddress },
	"az":               func(i *jdInstance) string { return i.Az },
	"vpcId":            func(i *jdInstance) string { return i.VpcID },
	"status":           func(i *jdInstance) string { return i.Status },
	"name":             func(i *jdInstance) string { return i.InstanceName },
	"imageId":          func(i *jdInstance) string { return i.ImageID },
	"subnetId":         func(i *jdInstance) string { return i.SubnetID },
	"instanceType":     func(i *jdInstance) string { return i.InstanceType },
	"elasticIpAddress": func(i *jdInstance) string { return i.ElasticIPAddress },
}

// query reads the request's query parameters.
func (in *incoming) query() (flat, error) { return parseFlatQuery(in.r.URL.RawQuery) }

func (p *jdcloud) describeInstances(in *incoming, rt *jdRoute) (any, error) {
	q, err := in.query()
	if err != nil {
		return nil, err
	}
	filters := jdFilters(q)
	tags := q.objects("tags")
	var matched []*jdInstance
	for _, inst := range p.region(rt.region).instances {
		if jdMatchInstance(inst, filters, tags) {
			matched = append(matched, inst)
		}
	}
	start, end, err := p.page(q, len(matched), false)
	if err != nil {
		return nil, err
	}
	page := matched[start:end]
	if page == nil {
		page = []*jdInstance{}
	}
	return map[string]any{"instances": page, "totalCount": len(matched)}, nil
}

func jdMatchInstance(inst *jdInstance, filters []jdFilter, tags []flat) bool {
	for _, f := range filters {
		field, ok := jdInstanceFields[f.name]
		if !ok {
			continue
		}
		if f.name == "name" {
			f.operator = "like" // name is a fuzzy filter
		}
		if !f.match(field(inst)) {
			return false
		}
	}
	for _, t := range tags {
		key, values, found := t.str("key"), t.list("values"), false
		for _, tag := range inst.Tags {
			if tag.Key == key && matchAny(tag.Value, values) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (p *jdcloud) findInstance(region, id string) (*jdInstance, error) {
	for _, inst := range p.region(region).instances {
		if inst.InstanceID == id {
			return inst, nil
		}
	}
	return nil, notFoundf("instance %s not found", id)
}

func (p *jdcloud) describeInstance(_ *incoming, rt *jdRoute) (any, error) {
	inst, err := p.findInstance(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"instance": inst}, nil
}

// jdCreateInstances is CreateInstances' body; only what the emulator uses.
type jdCreateInstances struct {
	InstanceSpec *struct {
		Az                      string   `json:"az"`
		InstanceType            string   `json:"instanceType"`
		ImageID                 string   `json:"imageId"`
		Name                    string   `json:"name"`
		Hostname                string   `json:"hostname"`
		Description             string   `json:"description"`
		KeyNames                []string `json:"keyNames"`
		UserTags                []jdTag  `json:"userTags"`
		ChargeOnStopped         string   `json:"chargeOnStopped"`
		PrimaryNetworkInterface *struct {
			NetworkInterface *struct {
				SubnetID         string `json:"subnetId"`
				PrimaryIPAddress string `json:"primaryIpAddress"`
			} `json:"networkInterface"`
		} `json:"primaryNetworkInterface"`
		Charge *struct {
			ChargeMode string `json:"chargeMode"`
		} `json:"charge"`
	} `json:"instanceSpec"`
	MaxCount    *int   `json:"maxCount"`
	ClientToken string `json:"clientToken"`
}

func (p *jdcloud) createInstances(in *incoming, rt *jdRoute) (any, error) {
	var req jdCreateInstances
	if err := json.Unmarshal(in.body, &req); err != nil {
		return nil, invalidf("the request body is not valid: %v", err)
	}
	r := p.region(rt.region)
	if ids, ok := r.tokens[req.ClientToken]; ok && req.ClientToken != "" {
		return map[string]any{"instanceIds": ids}, nil
	}
	spec := req.InstanceSpec
	switch {
	case spec == nil:
		return nil, missingParam("instanceSpec")
	case spec.Az == "":
		return nil, missingParam("instanceSpec.az")
	case spec.InstanceType == "":
		return nil, missingParam("instanceSpec.instanceType")
	case spec.ImageID == "":
		return nil, missingParam("instanceSpec.imageId")
	case spec.Name == "":
		return nil, missingParam("instanceSpec.name")
	case utf8.RuneCountInString(spec.Name) > 32:
		return nil, invalidf("instanceSpec.name must be at most 32 characters")
	}
	count := 1
	if req.MaxCount != nil {
		count = *req.MaxCount
	}
	if count < 1 || count > 100 {
		return nil, invalidf("maxCount must be between 1 and 100")
	}
	if err := p.s.admit(KindInstance, len(r.instances)+count); err != nil {
		return nil, err
	}
	var subnet *jdSubnet
	if ni := spec.PrimaryNetworkInterface; ni != nil && ni.NetworkInterface != nil && ni.NetworkInterface.SubnetID != "" {
		var err error
		if subnet, err = p.findSubnet(rt.region, ni.NetworkInterface.SubnetID); err != nil {
			return nil, err
		}
	}
	chargeMode := "postpaid_by_duration"
	if spec.Charge != nil && spec.Charge.ChargeMode != "" {
		chargeMode = spec.Charge.ChargeMode
	}
	ids := make([]string, 0, count)
	for i := range count {
		name := spec.Name
		if count > 1 {
			name += "-" + strconv.Itoa(i+1)
		}
		inst := p.newInstance(in.now, name, spec.Az, spec.InstanceType, spec.ImageID, subnet)
		inst.Hostname = spec.Hostname
		inst.Description = spec.Description
		inst.KeyNames = append([]string{}, spec.KeyNames...)
		inst.Tags = append([]jdTag{}, spec.UserTags...)
		inst.Charge.ChargeMode = chargeMode
		if spec.ChargeOnStopped != "" {
			inst.ChargeOnStopped = spec.ChargeOnStopped
		}
		inst.Status = "pending"
		inst.trans.start(in.now, p.s.cfg.jobDelay, "running")
		r.instances = append(r.instances, inst)
		ids = append(ids, inst.InstanceID)
	}
	if req.ClientToken != "" {
		r.tokens[req.ClientToken] = ids
	}
	return map[string]any{"instanceIds": ids}, nil
}

// newInstance makes an instance in subnet (nil: none).
func (p *jdcloud) newInstance(now time.Time, name, az, instanceType, imageID string, subnet *jdSubnet) *jdInstance {
	inst := &jdInstance{
		InstanceID:   p.s.newID("i-", 10),
		InstanceName: name,
		InstanceType: instanceType,
		ImageID:      imageID,
		Az:           az,
		LaunchTime:   isoTime(now),
		KeyNames:     []string{},
		Tags:         []jdTag{},
		Charge: jdCharge{
			ChargeMode: "postpaid_by_duration", ChargeStatus: "normal", ChargeStartTime: isoTime(now),
		},
		ChargeOnStopped: "keepCharging",
		OsType:          "linux",
		Architecture:    "x86_64",
	}
	if subnet != nil {
		inst.VpcID, inst.SubnetID = subnet.VpcID, subnet.SubnetID
		inst.PrivateIPAddress = subnet.nextIP()
	}
	return inst
}

// changeInstance starts a transition from one of the states in from.
func (p *jdcloud) changeInstance(in *incoming, rt *jdRoute, via, to string, from ...string) (any, error) {
	inst, err := p.findInstance(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	if inst.trans.pending() || !matchAny(inst.Status, from) {
		return nil, statef("instance %s is %s and cannot go to %s", inst.InstanceID, inst.Status, to)
	}
	inst.Status = via
	inst.trans.start(in.now, p.s.cfg.jobDelay, to)
	p.settle(rt.region, in.now) // a zero delay completes at once
	return nil, nil
}

func (p *jdcloud) startInstance(in *incoming, rt *jdRoute) (any, error) {
	return p.changeInstance(in, rt, "starting", "running", "stopped")
}

func (p *jdcloud) stopInstance(in *incoming, rt *jdRoute) (any, error) {
	return p.changeInstance(in, rt, "stopping", "stopped", "running")
}

func (p *jdcloud) deleteInstance(in *incoming, rt *jdRoute) (any, error) {
	return p.changeInstance(in, rt, "deleting", "deleted", "running", "stopped", "error")
}
