package vpc

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/volcengine"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-shanghai"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func result(v any) string {
	b, _ := json.Marshal(map[string]any{"ResponseMetadata": map[string]any{"RequestId": "r"}, "Result": v})
	return string(b)
}

func TestDescribeVpcsQuery(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"Vpcs": []map[string]any{{"VpcId": "vpc-b", "CidrBlock": "10.0.0.0/16"}}})))
	out, err := c.DescribeVpcs(context.Background(), &DescribeVpcsInput{VpcIDs: []string{"vpc-b", "vpc-a"}, IsDefault: ptr(false)})
	require.NoError(t, err)
	assert.Equal(t, "vpc-b", out.Vpcs[0].VpcID)
	r := srv.Last()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, url.Values{
		"Action": {"DescribeVpcs"}, "Version": {"2020-04-01"},
		"VpcIds.1": {"vpc-b"}, "VpcIds.2": {"vpc-a"}, "IsDefault": {"false"},
	}, r.Query)
	assert.Contains(t, r.Header.Get("Authorization"), "/cn-shanghai/vpc/request")
}

func TestCreateVpcRequired(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"VpcId": "vpc-new"})))
	_, err := c.CreateVpc(context.Background(), &CreateVpcInput{VpcName: ptr("prod")})
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Empty(t, srv.Requests())

	in := &CreateVpcInput{CidrBlock: "10.0.0.0/16", DNSServers: []string{"1.1.1.1"},
		Tags: []TagForCreateVpcInput{{Key: ptr("env"), Value: ptr("prod")}}}
	out, err := c.CreateVpc(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, "vpc-new", out.VpcID)
	assert.Nil(t, in.ClientToken, "the SDK's token is not written into the input")
	q := srv.Last().Query
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, q.Get("ClientToken"), "the SDK fills an empty ClientToken")
	q.Del("ClientToken")
	assert.Equal(t, url.Values{
		"Action": {"CreateVpc"}, "Version": {"2020-04-01"}, "CidrBlock": {"10.0.0.0/16"},
		"DnsServers.1": {"1.1.1.1"}, "Tags.1.Key": {"env"}, "Tags.1.Value": {"prod"},
	}, q)
}

func TestDescribeVpcsAllTokens(t *testing.T) {
	next := map[string]string{"": "a", "a": "b", "b": ""}
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		tok := r.Query.Get("NextToken")
		return http.StatusOK, result(map[string]any{
			"Vpcs":      []map[string]string{{"VpcId": fmt.Sprint("vpc-", tok)}},
			"NextToken": next[tok], "TotalCount": 99,
		})
	})
	var ids []string
	for v, err := range c.DescribeVpcsAll(context.Background(), nil) {
		require.NoError(t, err)
		ids = append(ids, v.VpcID)
	}
	assert.Equal(t, []string{"vpc-", "vpc-a", "vpc-b"}, ids, "TotalCount does not end a token listing")
	for _, r := range srv.Requests() {
		assert.Empty(t, r.Query.Get("PageNumber"), "the token style does not mix in page numbers")
	}
}

func TestDescribeVpcsAllRepeatedToken(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"Vpcs": []map[string]string{{"VpcId": "v"}}, "NextToken": "stuck"})))
	n := 0
	for _, err := range c.DescribeVpcsAll(context.Background(), nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	assert.Len(t, srv.Requests(), 2)
}
