package cloudtest

import (
	"time"

	"slices"
	"strings"
)

// Resource is what a Server holds of one resource, for tests to assert on.
type Resource struct {
	// Kind is KindInstance, KindDisk, KindEIP, or another kind the
	// provider keeps: "vpc", "subnet" (JD Cloud), "loadbalancer", "cache",
	// "cluster" (JD Cloud, Volcengine), "rds" (JD Cloud), "natgateway",
	// "rds_mysql", "rds_postgresql" (Volcengine), "job" (QingCloud).
	Kind string
	// ID is the resource's id.
	ID string
	// Name is its name, "" if none.
	Name string
	// Region is its region (QingCloud: zone).
	Region string
	// Status is its status as the API reports it now.
	Status string
}

// Resources returns the resources the server holds of kind (every kind
// for ""), by region and then in creation order. Transitions due on the
// server's clock are applied first, so a status is what a describe call
// would answer now.
func (s *Server) Resources(kind string) []Resource {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.now()
	var out []Resource
	if h, ok := s.prov.(interface {
		resources(now time.Time) []Resource
	}); ok {
		out = h.resources(now)
	}
	keys := make([]string, 0, len(s.pools))
	for k := range s.pools {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		parts := strings.SplitN(key, "/", 4) // provider/service/kind/region: see poolFor
		for i := range lifecycles {
			lc := &lifecycles[i]
			if lc.provider != parts[0] || lc.service != parts[1] || lc.kind != parts[2] {
				continue
			}
			p := s.pools[key]
			lc.settle(p, now)
			for _, it := range p.items {
				out = append(out, Resource{Kind: lc.kind, ID: it.str(lc.id), Name: it.str(lc.name), Region: parts[3], Status: it.str(lc.status)})
			}
		}
	}
	if kind == "" {
		return out
	}
	return slices.DeleteFunc(out, func(r Resource) bool { return r.Kind != kind })
}

// countAlive counts the resources whose status is not a final one.
func countAlive[T any](items []T, status func(T) string) int {
	n := 0
	for _, it := range items {
		switch status(it) {
		case "terminated", "ceased", "deleted", "released":
		default:
			n++
		}
	}
	return n
}

func (p *jdcloud) resources(now time.Time) []Resource {
	var out []Resource
	for _, name := range sortedKeys(p.regions) {
		p.settle(name, now)
		r := p.regions[name]
		for _, i := range r.instances {
			out = append(out, Resource{Kind: KindInstance, ID: i.InstanceID, Name: i.InstanceName, Region: name, Status: i.Status})
		}
		for _, v := range r.vpcs {
			out = append(out, Resource{Kind: "vpc", ID: v.VpcID, Name: v.VpcName, Region: name})
		}
		for _, sn := range r.subnets {
			out = append(out, Resource{Kind: "subnet", ID: sn.SubnetID, Name: sn.SubnetName, Region: name})
		}
	}
	return out
}

func (p *volcengine) resources(now time.Time) []Resource {
	p.settleInstances(now)
	var out []Resource
	for _, i := range p.instances {
		out = append(out, Resource{Kind: KindInstance, ID: i.InstanceID, Name: i.InstanceName, Region: zoneRegion(i.ZoneID), Status: i.Status})
	}
	return out
}

func (p *qingcloud) resources(now time.Time) []Resource {
	var out []Resource
	for _, name := range sortedKeys(p.zones) {
		z := p.zones[name]
		p.settle(z, now)
		for _, i := range z.instances {
			out = append(out, Resource{Kind: KindInstance, ID: i.InstanceID, Name: i.InstanceName, Region: name, Status: i.Status})
		}
		for _, v := range z.volumes {
			out = append(out, Resource{Kind: KindDisk, ID: v.VolumeID, Name: v.VolumeName, Region: name, Status: v.Status})
		}
		for _, e := range z.eips {
			out = append(out, Resource{Kind: KindEIP, ID: e.EipID, Name: e.EipName, Region: name, Status: e.Status})
		}
		for _, j := range z.jobs {
			out = append(out, Resource{Kind: "job", ID: j.JobID, Name: j.JobAction, Region: name, Status: j.Status})
		}
	}
	return out
}

// zoneRegion is the region of a Volcengine zone: cn-beijing-a is in
// cn-beijing.
func zoneRegion(zone string) string {
	if i := strings.LastIndexByte(zone, '-'); i > 0 {
		return zone[:i]
	}
	return zone
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
