package iam

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func TestIntegerPathParameter(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{}}`))
	_, err := c.DescribePermissionDetail(context.Background(), &DescribePermissionDetailInput{RegionID: "cn-north-1", PermissionID: ptr[int64](12345678)})
	require.NoError(t, err)
	assert.Equal(t, "/v1/regions/cn-north-1/permission/12345678", srv.Last().Path, "a large integer is never in exponent form")

	_, err = c.DescribePermissionDetail(context.Background(), &DescribePermissionDetailInput{RegionID: "cn-north-1"})
	require.ErrorContains(t, err, "permissionId")
}

func TestGlobalAPISignsForJDCloudAPI(t *testing.T) {
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		number, _ := strconv.Atoi(r.Query.Get("pageNumber"))
		var users []map[string]string
		if number <= 2 {
			for i := range 100 {
				users = append(users, map[string]string{"name": fmt.Sprintf("u-%d-%d", number, i)})
			}
		}
		b, _ := json.Marshal(map[string]any{"requestId": "r", "result": map[string]any{"subUsers": users, "total": 200}})
		return http.StatusOK, string(b)
	})
	n := 0
	for _, err := range c.DescribeSubUsersAll(context.Background(), &DescribeSubUsersInput{Keyword: ptr("dev")}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 200, n)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/v1/subUsers", reqs[0].Path)
	assert.Equal(t, "dev", reqs[0].Query.Get("keyword"))
	assert.Contains(t, reqs[0].Header.Get("Authorization"), "/jdcloud-api/iam/jdcloud2_request", "an API without a region signs for jdcloud-api")
}
