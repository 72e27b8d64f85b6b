package typedcall

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/qingcloud"
)

func TestZone(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"ret_code":0}`))
	c, err := qingcloud.New(qingcloud.Config{Credentials: typedtest.Keys{}, Zone: "pek3a"}, opts...)
	require.NoError(t, err)
	enc := func(zone string) Encode {
		return func(e *wire.Encoder) {
			e.RequiredString("zone", zone)
			e.Bool("force", ptr(true))
		}
	}
	md, err := Do(context.Background(), c, "iaas", Op{Action: "DoIt"}, enc(""), &struct{}{}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, md.Attempts)
	assert.Empty(t, md.RequestID, "QingCloud sends no request id")
	assert.Equal(t, []string{"pek3a"}, srv.Last().Query["zone"])
	assert.Equal(t, "1", srv.Last().Query.Get("force"))
	_, err = Do(context.Background(), c, "iaas", Op{Action: "DoIt"}, enc("sh1a"), &struct{}{}, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"sh1a"}, srv.Last().Query["zone"], "one zone parameter, the input's")
}

func TestNilClient(t *testing.T) {
	_, err := Do(context.Background(), nil, "iaas", Op{Action: "DescribeInstances"}, func(*wire.Encoder) {}, &struct{}{}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
}

func ptr[T any](v T) *T { return &v }
