package cloudtest

import (
	"slices"
	"strings"
)

// The region and zone codes each emulated cloud knows, from the providers'
// documentation. A request that names another gets the provider's error;
// WithRegions and WithZones add codes, and the region given to WithRegion
// is always known.
var (
	// jdRegions are JD Cloud's regions: Beijing, Suqian, Shanghai,
	// Guangzhou (OpenAPI common declaration).
	jdRegions = []string{"cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"}
	// jdZones are the availability zones the declaration lists, with
	// Shanghai's written both as the declaration does (cn-north-2x) and as
	// its region code suggests (cn-east-2x).
	jdZones = []string{"cn-north-1a", "cn-north-1b", "cn-east-1a", "cn-east-2a", "cn-east-2b",
		"cn-north-2a", "cn-north-2b", "cn-south-1a"}

	// volcRegions are Volcengine's regions as its console and DescribeRegions
	// name them, and cn-north-1, the region billing signs with.
	volcRegions = []string{"cn-beijing", "cn-shanghai", "cn-guangzhou", "cn-hongkong",
		"ap-southeast-1", "ap-southeast-3", "cn-north-1"}
	// volcZones are their availability zones (DescribeZones: <region>-<letter>).
	volcZones = []string{"cn-beijing-a", "cn-beijing-b", "cn-beijing-c", "cn-beijing-d",
		"cn-shanghai-a", "cn-shanghai-b", "cn-shanghai-c",
		"cn-guangzhou-a", "cn-guangzhou-b", "cn-guangzhou-c",
		"cn-hongkong-a", "ap-southeast-1-a", "ap-southeast-1-b", "ap-southeast-3-a"}

	// qcZones are QingCloud's zones (API parameters page): pek3 is a region
	// of the zones pek3b to pek3d, gd2 of gd2a and gd2b.
	qcZones = []string{"pek3", "pek3a", "pek3b", "pek3c", "pek3d", "sh1a", "gd2", "gd2a", "gd2b", "ap2a"}
)

// WithRegions adds region codes the server accepts besides the provider's
// real ones (on QingCloud, where the zone is the only location, it adds
// zones). A request naming a code the server does not know gets the
// provider's error: JD Cloud INVALID_ARGUMENT, Volcengine
// InvalidRegion.NotFound, QingCloud ret_code 1100.
func WithRegions(codes ...string) Option {
	return func(c *config) { c.regions = append(c.regions, codes...) }
}

// WithZones adds availability-zone codes the server accepts besides the
// provider's real ones (JD Cloud az, Volcengine ZoneId, QingCloud zone).
func WithZones(codes ...string) Option {
	return func(c *config) { c.zones = append(c.zones, codes...) }
}

// knownRegion reports whether the server accepts region code r.
func (s *Server) knownRegion(r string) bool {
	return r == s.cfg.region || slices.Contains(s.cfg.regions, r)
}

// knownZone reports whether the server accepts zone code z. When the
// server's region (WithRegion) has no known zones, its zones made the way
// seeded resources are (cn-test-1a, cn-test-a) are known, so WithRegion
// alone is enough for a test.
func (s *Server) knownZone(z string) bool {
	if slices.Contains(s.cfg.zones, z) || z == s.cfg.region {
		return true
	}
	if slices.ContainsFunc(s.cfg.zones, func(k string) bool { return strings.HasPrefix(k, s.cfg.region) }) {
		return false
	}
	rest, ok := strings.CutPrefix(z, s.cfg.region)
	rest = strings.TrimPrefix(rest, "-")
	return ok && len(rest) == 1 && rest[0] >= 'a' && rest[0] <= 'z'
}

// zoneFields reports whether an input wire name (the last part of a
// flattened name) holds an availability zone on some provider.
func zoneField(name string) bool {
	last := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		last = name[i+1:]
	}
	if _, err := parseNumber(last); err == nil { // a list item: azs.1
		trimmed := strings.TrimSuffix(name, "."+last)
		if j := strings.LastIndexByte(trimmed, '.'); j >= 0 {
			trimmed = trimmed[j+1:]
		}
		last = trimmed
	}
	switch last {
	case "az", "azs", "ZoneId", "ZoneIds":
		return true
	}
	return false
}

// unknownZone returns the first zone in params the server does not know,
// with the parameter's name.
func (s *Server) unknownZone(params flat) (name, zone string, found bool) {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !zoneField(k) {
			continue
		}
		for _, v := range params[k] {
			if v != "" && !s.knownZone(v) {
				return k, v, true
			}
		}
	}
	return "", "", false
}
