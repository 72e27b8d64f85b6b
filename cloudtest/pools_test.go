package cloudtest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/catalog"
)

// Volcengine clb and alb both keep load balancers: each service lists only
// its own, and Resources shows each once.
func TestServicesOfOneKindKeepSeparatePools(t *testing.T) {
	cloud := sweepClouds[1]
	require.Equal(t, catalog.Volcengine, cloud.provider)
	s, _ := lifecycleServer(t, cloud.start)
	call := cloud.opCaller(t, s)
	ctx := t.Context()
	cat := catalog.New()

	created := map[string]string{}
	for _, service := range []string{"clb", "alb"} {
		svc, err := cat.Service(catalog.Volcengine, service)
		require.NoError(t, err)
		b := &builder{svc: svc, ids: ids{}, region: s.Region(), zone: s.Region() + "-a"}
		create := svc.Operation("CreateLoadBalancer")
		out, err := call(ctx, svc, create, b.fields(create.Input, 0))
		require.NoError(t, err)
		id, _ := out["LoadBalancerId"].(string)
		require.NotEmpty(t, id)
		created[service] = id
	}
	for service, id := range created {
		svc, err := cat.Service(catalog.Volcengine, service)
		require.NoError(t, err)
		out, err := call(ctx, svc, svc.Operation("DescribeLoadBalancers"), map[string]any{})
		require.NoError(t, err)
		list, _ := out["LoadBalancers"].([]any)
		require.Len(t, list, 1, "%s lists only its own load balancer", service)
		assert.Equal(t, id, list[0].(map[string]any)["LoadBalancerId"], service)
	}
	assert.Len(t, s.Resources("loadbalancer"), 2)
}
