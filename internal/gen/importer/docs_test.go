package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

func TestJDDocURL(t *testing.T) {
	// Each verified product path rebuilds the page it was verified with.
	evidenceAction := map[string]string{
		"vm": "CreateInstances", "vpc": "DescribeNetworkInterface", "disk": "DescribeDisk",
		"monitor": "DescribeCustomMetricData", "rds": "DescribeBackupPolicy", "redis": "DescribeIpWhiteList",
		"lb": "DescribeLoadBalancer", "kubernetes": "SetNodeGroupCA",
	}
	require.Len(t, jdDocProducts, len(evidenceAction))
	for svc, p := range jdDocProducts {
		action, ok := evidenceAction[svc]
		require.True(t, ok, svc)
		assert.Equal(t, p.evidence, jdDocURL(svc, action), svc)
	}

	// The product path is the documentation's, not the service name; the
	// action is lower-cased whole.
	assert.Equal(t, "https://docs.jdcloud.com/cn/virtual-machines/api/associateelasticip", jdDocURL("vm", "AssociateElasticIp"))
	assert.Equal(t, "https://docs.jdcloud.com/cn/jcs-for-redis/api/describeinstanceclass", jdDocURL("redis", "DescribeInstanceClass"))
	// Characters a path segment cannot hold are escaped.
	assert.Equal(t, "https://docs.jdcloud.com/cn/rds/api/a%20b%2Fc", jdDocURL("rds", "A b/c"))

	// Unverified services and empty actions get no link.
	for _, svc := range []string{"iam", "billing", "clouddnsservice", "privatezone", "box", ""} {
		assert.Empty(t, jdDocURL(svc, "DescribeThings"), svc)
	}
	assert.Empty(t, jdDocURL("vm", ""))
}

func TestQingCloudDocURL(t *testing.T) {
	idx := qcDocIndex(qcDocPages, qcDocPageOf)
	const base = "https://docsv4.qingcloud.com/user_guide/development_docs/api/command_list/"
	for action, want := range map[string]string{
		// The pages the pattern was checked against.
		"DescribeVolumes":  base + "volume/describe_volumes",
		"DescribeKeyPairs": base + "keypair/describe_key_pairs",
		"CreateKeyPair":    base + "keypair/create_key_pairs", // named apart from the action
		// Page names kept as the documentation spells them.
		"DescribeInstances":  base + "instance/describe_instances",
		"CeaseInstances":     base + "instance/cease_Instances",
		"DescribeImageUsers": base + "image/describe-image-users",
		"CreateLoadBalancer": base + "lb/create_loadbalancer",
		"PowerOnRouters":     base + "router/poweron_routers",
		"AssociateDNSAlias":  base + "dns_alias/associate_dns_alias",
		// Matching ignores the action's case.
		"describevolumes": base + "volume/describe_volumes",
		// Groups not checked (rdb, mongo, s2), actions without a page, and
		// the empty action have no link.
		"DescribeRDBs":      "",
		"DescribeMongos":    "",
		"DescribeS2Servers": "",
		"ResizeCaches":      "", // the cache group has resize_cache, which may be another action
		"NoSuchAction":      "",
		"":                  "",
	} {
		assert.Equal(t, want, qcDocURL(idx, action), action)
	}

	// A page name two groups share documents neither action for sure.
	idx = qcDocIndex(map[string][]string{"a": {"describe_things", "only_here"}, "b": {"describe-things"}}, nil)
	assert.Empty(t, qcDocURL(idx, "DescribeThings"))
	assert.Equal(t, base+"a/only_here", qcDocURL(idx, "OnlyHere"))
	// Group and page are escaped as path segments.
	idx = qcDocIndex(map[string][]string{"g h": {"x?y"}}, nil)
	assert.Equal(t, base+"g%20h/x%3Fy", qcDocURL(idx, "x?y"))
}

// The fixture services are not documented services: no links.
func TestDocURLFixtures(t *testing.T) {
	svcs := importFixtures(t)
	for _, p := range []string{api.ProviderJDCloud, api.ProviderQingCloud} {
		for _, o := range svcs[p].Operations {
			assert.Empty(t, o.DocURL, "%s %s", p, o.Name)
		}
	}
}
