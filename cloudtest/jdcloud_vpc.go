package cloudtest

import (
	"encoding/json"
	"net/netip"
	"unicode/utf8"
)

// jdVpc is a vpc Vpc with the wire names of JD Cloud's API; Subnets is
// filled in when it is answered.
type jdVpc struct {
	VpcID         string      `json:"vpcId"`
	AddressPrefix string      `json:"addressPrefix"`
	Description   string      `json:"description"`
	VpcName       string      `json:"vpcName"`
	ACLIDs        []string    `json:"aclIds"`
	RouteTableIDs []string    `json:"routeTableIds"`
	Subnets       []*jdSubnet `json:"subnets"`
	CreatedTime   string      `json:"createdTime"`
	Tags          []jdTag     `json:"tags"`
}

// jdSubnet is a vpc Subnet with the wire names of JD Cloud's API.
type jdSubnet struct {
	SubnetID         string  `json:"subnetId"`
	SubnetName       string  `json:"subnetName"`
	VpcID            string  `json:"vpcId"`
	AddressPrefix    string  `json:"addressPrefix"`
	AvailableIPCount int     `json:"availableIpCount"`
	IPMaskLen        int     `json:"ipMaskLen"`
	Description      string  `json:"description"`
	RouteTableID     string  `json:"routeTableId"`
	StartIP          string  `json:"startIp"`
	EndIP            string  `json:"endIp"`
	CreatedTime      string  `json:"createdTime"`
	SubnetType       string  `json:"subnetType"`
	Az               string  `json:"az"`
	PublicSubnet     bool    `json:"publicSubnet"`
	Tags             []jdTag `json:"tags"`

	prefix netip.Prefix
	used   int // addresses handed out
}

// nextIP hands out the subnet's next free address.
func (s *jdSubnet) nextIP() string {
	a := s.prefix.Addr()
	for range s.used + 3 { // the first addresses are the gateway's
		a = a.Next()
	}
	s.used++
	s.AvailableIPCount = max(s.AvailableIPCount-1, 0)
	return a.String()
}

func (p *jdcloud) findVpc(region, id string) (*jdVpc, error) {
	for _, v := range p.region(region).vpcs {
		if v.VpcID == id {
			return v, nil
		}
	}
	return nil, notFoundf("vpc %s not found", id)
}

func (p *jdcloud) findSubnet(region, id string) (*jdSubnet, error) {
	for _, s := range p.region(region).subnets {
		if s.SubnetID == id {
			return s, nil
		}
	}
	return nil, notFoundf("subnet %s not found", id)
}

// withSubnets is v as answered, with its subnets listed.
func (p *jdcloud) withSubnets(region string, v *jdVpc) *jdVpc {
	out := *v
	out.Subnets = []*jdSubnet{}
	for _, s := range p.region(region).subnets {
		if s.VpcID == v.VpcID {
			out.Subnets = append(out.Subnets, s)
		}
	}
	return &out
}

func (p *jdcloud) describeVpcs(in *incoming, rt *jdRoute) (any, error) {
	q, err := in.query()
	if err != nil {
		return nil, err
	}
	filters := jdFilters(q)
	var matched []*jdVpc
	for _, v := range p.region(rt.region).vpcs {
		if jdMatch(filters, map[string]string{"vpcIds": v.VpcID, "vpcNames": v.VpcName}) {
			matched = append(matched, p.withSubnets(rt.region, v))
		}
	}
	start, end, err := p.page(q, len(matched), true)
	if err != nil {
		return nil, err
	}
	page := append([]*jdVpc{}, matched[start:end]...)
	return map[string]any{"vpcs": page, "totalCount": len(matched)}, nil
}

// jdMatch applies filters to the named fields; names it does not know are
// ignored, as are the filters the emulator does not implement.
func jdMatch(filters []jdFilter, fields map[string]string) bool {
	for _, f := range filters {
		if v, ok := fields[f.name]; ok && !f.match(v) {
			return false
		}
	}
	return true
}

func (p *jdcloud) describeVpc(_ *incoming, rt *jdRoute) (any, error) {
	v, err := p.findVpc(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"vpc": p.withSubnets(rt.region, v)}, nil
}

func (p *jdcloud) createVpc(in *incoming, rt *jdRoute) (any, error) {
	var req struct {
		VpcName       string `json:"vpcName"`
		AddressPrefix string `json:"addressPrefix"`
		Description   string `json:"description"`
	}
	if err := json.Unmarshal(in.body, &req); err != nil {
		return nil, invalidf("the request body is not valid: %v", err)
	}
	if req.VpcName == "" {
		return nil, missingParam("vpcName")
	}
	if utf8.RuneCountInString(req.VpcName) > 32 {
		return nil, invalidf("vpcName must be at most 32 characters")
	}
	if req.AddressPrefix != "" {
		pfx, err := netip.ParsePrefix(req.AddressPrefix)
		if err != nil || !pfx.Addr().Is4() || pfx.Masked() != pfx || pfx.Bits() < 16 || pfx.Bits() > 28 {
			return nil, invalidf("addressPrefix %q is not a valid IPv4 CIDR block of /16 to /28", req.AddressPrefix)
		}
	}
	v := p.addVpc(rt.region, isoTime(in.now), req.VpcName, req.AddressPrefix, req.Description)
	return map[string]any{"vpcId": v.VpcID}, nil
}

func (p *jdcloud) addVpc(region, created, name, prefix, description string) *jdVpc {
	v := &jdVpc{
		VpcID: p.s.newID("vpc-", 10), VpcName: name, AddressPrefix: prefix, Description: description,
		ACLIDs: []string{}, RouteTableIDs: []string{p.s.newID("rtb-", 10)}, CreatedTime: created, Tags: []jdTag{},
	}
	r := p.region(region)
	r.vpcs = append(r.vpcs, v)
	return v
}

func (p *jdcloud) deleteVpc(_ *incoming, rt *jdRoute) (any, error) {
	v, err := p.findVpc(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	r := p.region(rt.region)
	for _, s := range r.subnets {
		if s.VpcID == v.VpcID {
			return nil, statef("vpc %s still has subnet %s", v.VpcID, s.SubnetID)
		}
	}
	r.vpcs = remove(r.vpcs, func(x *jdVpc) bool { return x == v })
	return nil, nil
}

func (p *jdcloud) describeSubnets(in *incoming, rt *jdRoute) (any, error) {
	q, err := in.query()
	if err != nil {
		return nil, err
	}
	filters := jdFilters(q)
	var matched []*jdSubnet
	for _, s := range p.region(rt.region).subnets {
		fields := map[string]string{"subnetIds": s.SubnetID, "subnetNames": s.SubnetName, "vpcId": s.VpcID}
		if jdMatch(filters, fields) {
			matched = append(matched, s)
		}
	}
	start, end, err := p.page(q, len(matched), true)
	if err != nil {
		return nil, err
	}
	page := append([]*jdSubnet{}, matched[start:end]...)
	return map[string]any{"subnets": page, "totalCount": len(matched)}, nil
}

func (p *jdcloud) describeSubnet(_ *incoming, rt *jdRoute) (any, error) {
	s, err := p.findSubnet(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"subnet": s}, nil
}

func (p *jdcloud) createSubnet(in *incoming, rt *jdRoute) (any, error) {
	var req struct {
		VpcID         string `json:"vpcId"`
		SubnetName    string `json:"subnetName"`
		AddressPrefix string `json:"addressPrefix"`
		Description   string `json:"description"`
		Az            string `json:"az"`
	}
	if err := json.Unmarshal(in.body, &req); err != nil {
		return nil, invalidf("the request body is not valid: %v", err)
	}
	switch {
	case req.VpcID == "":
		return nil, missingParam("vpcId")
	case req.SubnetName == "":
		return nil, missingParam("subnetName")
	case req.AddressPrefix == "":
		return nil, missingParam("addressPrefix")
	}
	v, err := p.findVpc(rt.region, req.VpcID)
	if err != nil {
		return nil, err
	}
	pfx, err := netip.ParsePrefix(req.AddressPrefix)
	if err != nil || !pfx.Addr().Is4() || pfx.Masked() != pfx || pfx.Bits() > 28 {
		return nil, invalidf("addressPrefix %q is not a valid IPv4 CIDR block", req.AddressPrefix)
	}
	if v.AddressPrefix != "" {
		vp := netip.MustParsePrefix(v.AddressPrefix)
		if pfx.Bits() < vp.Bits() || !vp.Contains(pfx.Addr()) {
			return nil, invalidf("addressPrefix %s is not inside the vpc's %s", pfx, vp)
		}
	}
	for _, s := range p.region(rt.region).subnets {
		if s.VpcID == v.VpcID && s.prefix.Overlaps(pfx) {
			return nil, invalidf("addressPrefix %s overlaps subnet %s", pfx, s.SubnetID)
		}
	}
	s := p.addSubnet(rt.region, isoTime(in.now), v, req.SubnetName, pfx, req.Description, req.Az)
	return map[string]any{"subnetId": s.SubnetID}, nil
}

func (p *jdcloud) addSubnet(region, created string, v *jdVpc, name string, pfx netip.Prefix, description, az string) *jdSubnet {
	size := 1 << (32 - pfx.Bits())
	last := pfx.Addr()
	for range size - 1 {
		last = last.Next()
	}
	s := &jdSubnet{
		SubnetID: p.s.newID("subnet-", 10), SubnetName: name, VpcID: v.VpcID, AddressPrefix: pfx.String(),
		AvailableIPCount: size - 5, IPMaskLen: pfx.Bits(), Description: description,
		RouteTableID: firstOr(v.RouteTableIDs, ""), StartIP: pfx.Addr().String(), EndIP: last.String(),
		CreatedTime: created, SubnetType: "standard", Az: az, Tags: []jdTag{}, prefix: pfx,
	}
	r := p.region(region)
	r.subnets = append(r.subnets, s)
	return s
}

func (p *jdcloud) deleteSubnet(_ *incoming, rt *jdRoute) (any, error) {
	s, err := p.findSubnet(rt.region, rt.id)
	if err != nil {
		return nil, err
	}
	r := p.region(rt.region)
	for _, inst := range r.instances {
		if inst.SubnetID == s.SubnetID {
			return nil, statef("subnet %s is used by instance %s", s.SubnetID, inst.InstanceID)
		}
	}
	r.subnets = remove(r.subnets, func(x *jdSubnet) bool { return x == s })
	return nil, nil
}

func firstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}
