package vpc

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func TestDescribeVpcsTrailingSlashAndLists(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"vpcs":[{"vpcId":"vpc-1","addressPrefix":"10.0.0.0/16","subnets":[{"subnetId":"subnet-1","availableIpCount":"250"}]}],"totalCount":1}}`))
	out, err := c.DescribeVpcs(context.Background(), &DescribeVpcsInput{
		ResourceGroupIDs: []string{"rg-1", "rg-2"},
		Filters:          []Filter{{Name: "vpcIds", Values: []string{"vpc-1"}}},
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, "/v1/regions/cn-north-1/vpcs/", r.Path, "the trailing slash is kept")
	assert.Equal(t, url.Values{
		"resourceGroupIds.1": {"rg-1"}, "resourceGroupIds.2": {"rg-2"},
		"filters.1.name": {"vpcIds"}, "filters.1.values.1": {"vpc-1"},
	}, r.Query)
	require.Len(t, out.Vpcs, 1)
	assert.Equal(t, "subnet-1", out.Vpcs[0].Subnets[0].SubnetID)
	assert.Equal(t, int64(250), out.Vpcs[0].Subnets[0].AvailableIPCount, "a count sent as a string")
}

func TestCreateVpcBody(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"vpcId":"vpc-new"}}`))
	out, err := c.CreateVpc(context.Background(), &CreateVpcInput{
		VpcName:       "prod",
		AddressPrefix: ptr("10.0.0.0/16"),
		UserTags:      []Tag{{Key: ptr("team"), Value: ptr("infra")}},
	})
	require.NoError(t, err)
	assert.Equal(t, "vpc-new", out.VpcID)
	r := srv.Last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/regions/cn-north-1/vpcs/", r.Path)
	assert.JSONEq(t, `{"vpcName":"prod","addressPrefix":"10.0.0.0/16","userTags":[{"key":"team","value":"infra"}]}`, string(r.Body))
}

func TestDescribeSubnetsAll(t *testing.T) {
	const total = 150
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		size, _ := strconv.Atoi(r.Query.Get("pageSize"))
		number, _ := strconv.Atoi(r.Query.Get("pageNumber"))
		number = min(number, (total+size-1)/size) // past the end: the last page again
		var subnets []map[string]string
		for i := (number - 1) * size; i < min(number*size, total); i++ {
			subnets = append(subnets, map[string]string{"subnetId": fmt.Sprint("subnet-", i)})
		}
		b, _ := json.Marshal(map[string]any{"requestId": "r", "result": map[string]any{"subnets": subnets, "totalCount": total}})
		return http.StatusOK, string(b)
	})
	seen := map[string]bool{}
	for s, err := range c.DescribeSubnetsAll(context.Background(), nil) {
		require.NoError(t, err)
		assert.False(t, seen[s.SubnetID], "no subnet twice")
		seen[s.SubnetID] = true
	}
	assert.Len(t, seen, total)
	assert.Len(t, srv.Requests(), 2)
}
