package typed

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/wire"
)

func TestInputRefusesMissingFields(t *testing.T) {
	e := wire.New(wire.Query, wire.Dotted)
	enc := func(e *wire.Encoder) {
		e.RequiredString("a", "")
		e.Path("regionId", "")
	}
	err := Input("jdcloud", "vm", "X", e, enc, func(n string) bool { return n == "regionId" })
	var me *mcerrors.Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, mcerrors.KindInvalidArgument, me.Kind)
	assert.Equal(t, "required field a is not set", me.Message)
	assert.Equal(t, []string{"a", "regionId"}, e.Missing(), "the encoder's list is not changed")

	e2 := wire.New(wire.Query, wire.Dotted)
	assert.ErrorContains(t, Input("jdcloud", "vm", "X", e2, func(e *wire.Encoder) { enc(e); e.RequiredString("b", "") }, nil),
		"required fields a, regionId, b are not set")

	ok := wire.New(wire.Query, wire.Dotted)
	assert.NoError(t, Input("jdcloud", "vm", "X", ok, func(*wire.Encoder) {}, nil))
}

func TestExtras(t *testing.T) {
	opt := multicloud.WithCallHeader("X-A", "1")
	e := wire.New(wire.JSON, wire.Dotted)
	pw := "hunter2"
	e.SecretString("password", &pw)
	e.Token("clientToken", nil)
	x := Extras(e, []multicloud.CallOption{opt})
	assert.Equal(t, []string{"hunter2"}, x.Secrets)
	assert.Len(t, x.IdempotencyToken, 36)
	assert.False(t, x.CallerToken, "the SDK chose the token")
	assert.Len(t, x.Options, 1)

	mine := "my-token"
	e = wire.New(wire.JSON, wire.Dotted)
	e.Token("clientToken", &mine)
	x = Extras(e, nil)
	assert.Equal(t, "my-token", x.IdempotencyToken)
	assert.True(t, x.CallerToken)

	x = Extras(wire.New(wire.Query, wire.Dotted), nil)
	assert.Empty(t, x.IdempotencyToken)
	assert.False(t, x.CallerToken, "no token, so no caller's token")
}

func TestZeroClient(t *testing.T) {
	err := ZeroClient("jdcloud", "vm", "DescribeInstances")
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	assert.Contains(t, err.Error(), "vm.New")
}
