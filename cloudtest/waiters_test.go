package cloudtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/catalog"
	"github.com/multicloud-go/multicloud/jdcloud"
	jdk8s "github.com/multicloud-go/multicloud/jdcloud/kubernetes"
	jdlb "github.com/multicloud-go/multicloud/jdcloud/lb"
	jdrds "github.com/multicloud-go/multicloud/jdcloud/rds"
	jdredis "github.com/multicloud-go/multicloud/jdcloud/redis"
	"github.com/multicloud-go/multicloud/volcengine"
	volcalb "github.com/multicloud-go/multicloud/volcengine/alb"
	volcclb "github.com/multicloud-go/multicloud/volcengine/clb"
	"github.com/multicloud-go/multicloud/volcengine/natgateway"
	"github.com/multicloud-go/multicloud/volcengine/rdsmysql"
	"github.com/multicloud-go/multicloud/volcengine/rdspostgresql"
	volcredis "github.com/multicloud-go/multicloud/volcengine/redis"
	"github.com/multicloud-go/multicloud/volcengine/vke"
)

// waitFunc calls one typed waiter for id and status with the server's
// client options.
type waitFunc func(ctx context.Context, s *cloudtest.Server, id, status string) error

func jdConfig(s *cloudtest.Server) jdcloud.Config {
	return jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}
}

func volcConfig(s *cloudtest.Server) volcengine.Config {
	return volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()}
}

// Every status waiter of the typed packages, driven against the emulator:
// the resource is created from its description's required fields, is in
// its creating status until the job delay passes on the server's clock,
// then the waiter finds the ready status; after deletion the waiter ends
// with KindNotFound.
func TestStatusWaitersAgainstTheEmulator(t *testing.T) {
	cases := []struct {
		provider, service, create, remove, idField string
		pending, ready                             string
		wait                                       waitFunc
	}{
		{catalog.JDCloud, "lb", "CreateLoadBalancer", "DeleteLoadBalancer", "loadBalancerId", "CREATING", "ACTIVE",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := jdlb.New(jdConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitLoadBalancerStatus(ctx, id, status)
				return err
			}},
		{catalog.JDCloud, "redis", "CreateCacheInstance", "DeleteCacheInstance", "cacheInstanceId", "creating", "running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := jdredis.New(jdConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitCacheInstanceStatus(ctx, id, status)
				return err
			}},
		{catalog.JDCloud, "kubernetes", "CreateCluster", "DeleteCluster", "clusterId", "pending", "running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := jdk8s.New(jdConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitClusterStatus(ctx, id, status)
				return err
			}},
		{catalog.JDCloud, "rds", "CreateInstance", "DeleteInstance", "instanceId", "BUILDING", "RUNNING",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := jdrds.New(jdConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitInstanceStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "rds_mysql_v2", "CreateDBInstance", "DeleteDBInstance", "InstanceId", "Creating", "Running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := rdsmysql.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitDBInstanceStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "rds_postgresql", "CreateDBInstance", "DeleteDBInstance", "InstanceId", "Creating", "Running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := rdspostgresql.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitDBInstanceStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "clb", "CreateLoadBalancer", "DeleteLoadBalancer", "LoadBalancerId", "Creating", "Active",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := volcclb.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitLoadBalancerStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "alb", "CreateLoadBalancer", "DeleteLoadBalancer", "LoadBalancerId", "Creating", "Active",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := volcalb.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitLoadBalancerStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "natgateway", "CreateNatGateway", "DeleteNatGateway", "NatGatewayId", "Creating", "Available",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := natgateway.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitNatGatewayStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "redis", "CreateDBInstance", "DeleteDBInstance", "InstanceId", "Creating", "Running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := volcredis.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitDBInstanceStatus(ctx, id, status)
				return err
			}},
		{catalog.Volcengine, "vke", "CreateCluster", "DeleteCluster", "Id", "Creating", "Running",
			func(ctx context.Context, s *cloudtest.Server, id, status string) error {
				c, err := vke.New(volcConfig(s), s.ClientOptions()...)
				require.NoError(t, err)
				_, err = c.WaitClusterStatus(ctx, id, status)
				return err
			}},
	}
	cat := catalog.New()
	for _, tc := range cases {
		t.Run(tc.provider+"/"+tc.service, func(t *testing.T) {
			cloud := sweepClouds[0]
			if tc.provider == catalog.Volcengine {
				cloud = sweepClouds[1]
			}
			s, clock := lifecycleServer(t, cloud.start)
			call := cloud.opCaller(t, s)
			// Every wait here ends on its first poll; the bound turns a
			// status that never comes into a failure, not a long poll.
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			svc, err := cat.Service(tc.provider, tc.service)
			require.NoError(t, err)
			zone := s.Region() + "a"
			if tc.provider == catalog.Volcengine {
				zone = s.Region() + "-a"
			}
			b := &builder{svc: svc, ids: ids{}, region: s.Region(), zone: zone}
			create := svc.Operation(tc.create)
			out, err := call(ctx, svc, create, b.fields(create.Input, 0))
			require.NoError(t, err)
			id, _ := out[tc.idField].(string)
			require.NotEmpty(t, id)

			assert.Equal(t, tc.pending, statusOf(s, id), "creating until the job delay passes")
			clock.Advance(step)
			require.NoError(t, tc.wait(ctx, s, id, tc.ready))

			remove := svc.Operation(tc.remove)
			_, err = call(ctx, svc, remove, map[string]any{tc.idField: id})
			require.NoError(t, err)
			assert.NotEqual(t, tc.ready, statusOf(s, id), "deleting")
			clock.Advance(step)
			err = tc.wait(ctx, s, id, tc.ready)
			assert.ErrorIs(t, err, mcerrors.ErrNotFound)
		})
	}
}

// statusOf is the status of the resource with id that the server holds.
func statusOf(s *cloudtest.Server, id string) string {
	for _, r := range s.Resources("") {
		if r.ID == id {
			return r.Status
		}
	}
	return ""
}

// An RDS describe-one call answers its own shape, not the list's item: the
// member that holds the instance has the fields of its own description
// (parameterGroupId, UpdateTime) and none that only the list has
// (backupSynchronicity, AddressObject), and takes the item's fields that
// share a wire name and type, create inputs included.
func TestRDSDescribeAnswersItsOwnShape(t *testing.T) {
	cat := catalog.New()
	t.Run("jdcloud", func(t *testing.T) {
		s, clock := lifecycleServer(t, cloudtest.NewJDCloud)
		c, err := jdrds.New(jdConfig(s), s.ClientOptions()...)
		require.NoError(t, err)
		ctx := t.Context()
		created, err := c.CreateInstance(ctx, &jdrds.CreateInstanceInput{InstanceSpec: &jdrds.DBInstanceSpec{
			InstanceName: multicloud.Ptr("orders"), Engine: "MySQL", EngineVersion: "8.0", InstanceClass: "db.mysql.s1.micro",
			InstanceStorageGB: multicloud.Ptr(int64(20)), AzID: []string{"cn-north-1a"}, VpcID: "vpc-1", SubnetID: "subnet-1",
			ChargeSpec: &jdrds.ChargeSpec{ChargeMode: multicloud.Ptr("postpaid_by_duration")}}})
		require.NoError(t, err)
		clock.Advance(step)
		got, err := c.DescribeInstanceAttributes(ctx, &jdrds.DescribeInstanceAttributesInput{InstanceID: created.InstanceID})
		require.NoError(t, err)
		a := got.DBInstanceAttributes
		assert.Equal(t, created.InstanceID, a.InstanceID)
		assert.Equal(t, "RUNNING", a.InstanceStatus)
		assert.Equal(t, "orders", a.InstanceName)
		assert.Equal(t, int64(20), a.InstanceStorageGB)

		svc, err := cat.Service(catalog.JDCloud, "rds")
		require.NoError(t, err)
		raw, err := sweepClouds[0].opCaller(t, s)(ctx, svc, svc.Operation("DescribeInstanceAttributes"),
			map[string]any{"regionId": s.Region(), "instanceId": created.InstanceID})
		require.NoError(t, err)
		member, ok := raw["dbInstanceAttributes"].(map[string]any)
		require.True(t, ok, "dbInstanceAttributes is an object: %v", raw)
		assert.Contains(t, member, "parameterGroupId")
		assert.NotContains(t, member, "backupSynchronicity")
		assert.Equal(t, "RUNNING", member["instanceStatus"])
	})
	for _, tc := range []struct{ service string }{{"rds_mysql_v2"}, {"rds_postgresql"}} {
		t.Run("volcengine/"+tc.service, func(t *testing.T) {
			s, clock := lifecycleServer(t, cloudtest.NewVolcengine)
			call := sweepClouds[1].opCaller(t, s)
			ctx := t.Context()
			svc, err := cat.Service(catalog.Volcengine, tc.service)
			require.NoError(t, err)
			created, err := call(ctx, svc, svc.Operation("CreateDBInstance"), map[string]any{
				"InstanceName": "orders", "DBEngineVersion": "MySQL_8_0", "StorageSpace": 20,
				"StorageType": "LocalSSD", "VpcId": "vpc-1", "SubnetId": "subnet-1"})
			require.NoError(t, err)
			id, _ := created["InstanceId"].(string)
			require.NotEmpty(t, id)
			clock.Advance(step)
			raw, err := call(ctx, svc, svc.Operation("DescribeDBInstanceDetail"), map[string]any{"InstanceId": id})
			require.NoError(t, err)
			basic, ok := raw["BasicInfo"].(map[string]any)
			require.True(t, ok, "BasicInfo is an object: %v", raw)
			assert.Equal(t, id, basic["InstanceId"])
			assert.Equal(t, "Running", basic["InstanceStatus"])
			assert.Equal(t, "orders", basic["InstanceName"])
			assert.EqualValues(t, 20, basic["StorageSpace"])
			assert.Equal(t, "", basic["NodeNumber"], "a string here, a number in the list: not copied")
			assert.Contains(t, basic, "UpdateTime")
			assert.NotContains(t, basic, "AddressObject")
			assert.NotContains(t, raw, "InstanceStatus", "the status is in BasicInfo only")
		})
	}
}
