package typedcall

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/jdcloud"
)

func TestRegionAndRequestID(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"requestId":"jd-req","result":{"ok":true}}`))
	c, err := jdcloud.New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	var out struct {
		OK bool `json:"ok"`
	}
	enc := func(e *wire.Encoder) {
		e.Path("regionId", "")
		e.RequiredString("name", "n")
	}
	op := Op{Action: "CreateThing", Method: http.MethodPost, Path: "/regions/{regionId}/things", Version: "v1", JSON: true}
	md, err := Do(context.Background(), c, "vm", op, enc, &out, nil)
	require.NoError(t, err)
	assert.True(t, out.OK)
	assert.Equal(t, "jd-req", md.RequestID)
	r := srv.Last()
	assert.Equal(t, "/v1/regions/cn-north-1/things", r.Path)
	assert.JSONEq(t, `{"name":"n"}`, string(r.Body))
}

func TestNilClient(t *testing.T) {
	_, err := Do(context.Background(), nil, "vm", Op{Action: "DescribeInstances"}, func(*wire.Encoder) {}, &struct{}{}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
}
