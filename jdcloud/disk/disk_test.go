package disk

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
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

func TestCreateDisksBody(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"diskIds":["vol-1"]}}`))
	out, err := c.CreateDisks(context.Background(), &CreateDisksInput{
		DiskSpec: &DiskSpec{
			Az: "cn-north-1a", Name: "data", DiskType: "ssd.gp1", DiskSizeGB: ptr[int64](100),
			Charge: &ChargeSpec{ChargeMode: ptr("postpaid_by_duration")},
		},
		MaxCount:    ptr[int64](1),
		ClientToken: "token-1",
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"vol-1"}, out.DiskIDs)
	r := srv.Last()
	assert.Equal(t, "/v1/regions/cn-north-1/disks", r.Path)
	assert.JSONEq(t, `{"diskSpec":{"az":"cn-north-1a","name":"data","diskType":"ssd.gp1","diskSizeGB":100,"charge":{"chargeMode":"postpaid_by_duration"}},"maxCount":1,"clientToken":"token-1"}`, string(r.Body))
}

func TestCreateDisksRequired(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{}`))
	_, err := c.CreateDisks(context.Background(), &CreateDisksInput{ClientToken: "t"})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "required fields diskSpec, maxCount are not set", e.Message)
	assert.Empty(t, srv.Requests())
}

func TestDeleteDisk(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{}}`))
	_, err := c.DeleteDisk(context.Background(), &DeleteDiskInput{DiskID: "vol-1"})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/v1/regions/cn-north-1/disks/vol-1", r.Path)
	assert.Empty(t, r.Body)
}

func TestDescribeDisksQuery(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(`{"requestId":"r","result":{"disks":[{"diskId":"vol-1","diskSizeGB":"20","multiAttachable":"false"}],"totalCount":1}}`))
	out, err := c.DescribeDisks(context.Background(), &DescribeDisksInput{
		Filters: []Filter{{Name: "status", Values: []string{"available", "in-use"}}},
		Tags:    []TagFilter{{Key: "env", Values: []string{"prod"}}},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"filters.1.name": {"status"}, "filters.1.values.1": {"available"}, "filters.1.values.2": {"in-use"},
		"tags.1.key": {"env"}, "tags.1.values.1": {"prod"},
	}, srv.Last().Query)
	assert.Equal(t, int64(20), out.Disks[0].DiskSizeGB)
	assert.False(t, out.Disks[0].MultiAttachable)
}
