package cloudtest

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// volcInstance is an ecs DescribeInstances item with Volcengine's wire
// names (a subset of InstanceForDescribeInstancesOutput).
type volcInstance struct {
	InstanceID         string `json:"InstanceId"`
	InstanceName       string
	Description        string
	HostName           string
	Hostname           string
	ImageID            string `json:"ImageId"`
	InstanceTypeID     string `json:"InstanceTypeId"`
	Cpus               int
	MemorySize         int
	Status             string
	VpcID              string `json:"VpcId"`
	ZoneID             string `json:"ZoneId"`
	CreatedAt          string
	UpdatedAt          string
	InstanceChargeType string
	OsType             string
	OsName             string
	ProjectName        string
	KeyPairName        string
	DeletionProtection bool
	Tags               []volcTag
	NetworkInterfaces  []volcNetworkInterface

	trans transition
}

type volcTag struct{ Key, Value string }

type volcNetworkInterface struct {
	NetworkInterfaceID string `json:"NetworkInterfaceId"`
	PrimaryIPAddress   string `json:"PrimaryIpAddress"`
	SubnetID           string `json:"SubnetId"`
	VpcID              string `json:"VpcId"`
	Type               string
}

// ecs DescribeInstances paging: MaxResults 1 to 100, default 10.
const (
	volcMaxResults     = 100
	volcDefaultResults = 10
)

// volcInstanceTypes are what seeded instances are made of.
var volcInstanceTypes = []struct {
	id         string
	cpus, memG int
}{{"ecs.g3i.large", 2, 8}, {"ecs.g3i.xlarge", 4, 16}, {"ecs.c3i.large", 2, 4}, {"ecs.r3i.large", 2, 16}}

// seedInstances makes WithInstances' running instances in the server's
// region.
func (p *volcengine) seedInstances() {
	cfg := p.s.cfg
	created := isoTime(cfg.now())
	vpc, subnet := p.s.newID("vpc-", 20), p.s.newID("subnet-", 20)
	for i := range cfg.instances {
		t := volcInstanceTypes[i%len(volcInstanceTypes)]
		name := fmt.Sprintf("cloudtest-%03d", i+1)
		p.instances = append(p.instances, &volcInstance{
			InstanceID: p.s.newID("i-", 20), InstanceName: name, HostName: name, Hostname: name,
			ImageID: "image-ubuntu2204", InstanceTypeID: t.id, Cpus: t.cpus, MemorySize: t.memG * 1024,
			Status: "RUNNING", VpcID: vpc, ZoneID: cfg.region + "-a", CreatedAt: created, UpdatedAt: created,
			InstanceChargeType: "PostPaid", OsType: "Linux", OsName: "Ubuntu 22.04 64 bit",
			ProjectName: "default", Tags: []volcTag{{Key: "env", Value: []string{"test", "prod"}[i%2]}},
			NetworkInterfaces: []volcNetworkInterface{{
				NetworkInterfaceID: p.s.newID("eni-", 20), PrimaryIPAddress: fmt.Sprintf("172.16.%d.%d", i/250, i%250+2),
				SubnetID: subnet, VpcID: vpc, Type: "primary",
			}},
		})
	}
}

// volcToken is the NextToken of the page that starts at offset.
func volcToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("cloudtest:" + strconv.Itoa(offset)))
}

// volcTokenOffset reads a NextToken back.
func volcTokenOffset(token string) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	rest, ok := strings.CutPrefix(string(raw), "cloudtest:")
	n, convErr := strconv.Atoi(rest)
	if err != nil || !ok || convErr != nil || n < 0 {
		return 0, &failure{kind: failInvalid, code: "InvalidParameter", msg: "The specified NextToken is not valid"}
	}
	return n, nil
}

func (p *volcengine) describeInstances(in *incoming) (any, error) {
	p.settleInstances(in.now)
	q := in.params
	maxResults := p.s.pageMax(volcMaxResults)
	limit, err := q.integer("MaxResults", min(volcDefaultResults, maxResults))
	if err != nil {
		return nil, err
	}
	if limit < 1 || limit > maxResults {
		return nil, invalidf("MaxResults must be between 1 and %d", maxResults)
	}
	offset := 0
	if tok := q.str("NextToken"); tok != "" {
		if offset, err = volcTokenOffset(tok); err != nil {
			return nil, err
		}
	}
	ids := q.list("InstanceIds")
	if len(ids) > 100 {
		return nil, invalidf("InstanceIds accepts at most 100 ids")
	}
	status, zone, vpc, name := q.str("Status"), q.str("ZoneId"), q.str("VpcId"), q.str("InstanceName")
	var matched []*volcInstance
	for _, inst := range p.instances {
		if matchAny(inst.InstanceID, ids) && (status == "" || inst.Status == status) &&
			(zone == "" || inst.ZoneID == zone) && (vpc == "" || inst.VpcID == vpc) &&
			strings.Contains(inst.InstanceName, name) {
			matched = append(matched, inst)
		}
	}
	start, end := window(len(matched), offset, limit)
	next := ""
	if end < len(matched) {
		next = volcToken(end)
	}
	return map[string]any{
		"Instances":  append([]*volcInstance{}, matched[start:end]...),
		"NextToken":  next,
		"TotalCount": len(matched),
	}, nil
}
