package typed

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/internal/wire"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

func TestVolcengineForm(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"ResponseMetadata":{"RequestId":"r"},"Result":{"Id":"x","Count":"3"}}`))
	c, err := volcengine.New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	var out struct {
		ID    string `json:"Id"`
		Count int64  `json:"Count"`
	}
	enc := func(e *wire.Encoder) {
		e.RequiredString("Name", "a b")
		e.Strings("Ids", []string{"1", "2"})
	}
	require.NoError(t, Volcengine(context.Background(), c, "svc", Op{Action: "SubmitForm", Method: http.MethodPost, Version: "2024-01-01"}, enc, &out))
	assert.Equal(t, "x", out.ID)
	assert.Equal(t, int64(3), out.Count)
	r := srv.Last()
	assert.Equal(t, volcengine.ContentForm, r.Header.Get("Content-Type"))
	assert.Equal(t, "Ids.1=1&Ids.2=2&Name=a%20b", string(r.Body))
	assert.Equal(t, url.Values{"Action": {"SubmitForm"}, "Version": {"2024-01-01"}}, r.Query)
}

func TestRefuse(t *testing.T) {
	e := wire.New(wire.Query, wire.Dotted)
	e.RequiredString("a", "")
	e.Path("regionId", "")
	err := refuse("jdcloud", "vm", "X", e, func(n string) bool { return n == "regionId" })
	var me *mcerrors.Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, "required field a is not set", me.Message)
	assert.Equal(t, []string{"a", "regionId"}, e.Missing(), "the encoder's list is not changed")

	e.RequiredString("b", "")
	assert.ErrorContains(t, refuse("jdcloud", "vm", "X", e, nil), "required fields a, regionId, b are not set")

	ok := wire.New(wire.Query, wire.Dotted)
	assert.NoError(t, refuse("jdcloud", "vm", "X", ok, nil))
}

func TestQingCloudZone(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"ret_code":0}`))
	c, err := qingcloud.New(qingcloud.Config{Credentials: typedtest.Keys{}, Zone: "pek3a"}, opts...)
	require.NoError(t, err)
	enc := func(zone string) Encode {
		return func(e *wire.Encoder) {
			e.RequiredString("zone", zone)
			e.Bool("force", ptr(true))
		}
	}
	require.NoError(t, QingCloud(context.Background(), c, Op{Action: "DoIt"}, enc(""), &struct{}{}))
	assert.Equal(t, []string{"pek3a"}, srv.Last().Query["zone"])
	assert.Equal(t, "1", srv.Last().Query.Get("force"))
	require.NoError(t, QingCloud(context.Background(), c, Op{Action: "DoIt"}, enc("sh1a"), &struct{}{}))
	assert.Equal(t, []string{"sh1a"}, srv.Last().Query["zone"], "one zone parameter, the input's")
}

func ptr[T any](v T) *T { return &v }
