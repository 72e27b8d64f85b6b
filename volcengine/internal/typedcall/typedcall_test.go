package typedcall

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
	"github.com/multicloud-go/multicloud/volcengine"
)

func TestForm(t *testing.T) {
	srv, opts := typedtest.New(typedtest.Reply(`{"ResponseMetadata":{"RequestId":"req-7"},"Result":{"Id":"x","Count":"3"}}`))
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
	md, err := Do(context.Background(), c, "svc", Op{Action: "SubmitForm", Method: http.MethodPost, Version: "2024-01-01"}, enc, &out, nil)
	require.NoError(t, err)
	assert.Equal(t, "x", out.ID)
	assert.Equal(t, int64(3), out.Count)
	assert.Equal(t, "req-7", md.RequestID)
	assert.Equal(t, 1, md.Attempts)
	assert.Equal(t, http.StatusOK, md.StatusCode)
	r := srv.Last()
	assert.Equal(t, volcengine.ContentForm, r.Header.Get("Content-Type"))
	assert.Equal(t, "Ids.1=1&Ids.2=2&Name=a%20b", string(r.Body))
	assert.Equal(t, url.Values{"Action": {"SubmitForm"}, "Version": {"2024-01-01"}}, r.Query)
}

func TestNilClient(t *testing.T) {
	_, err := Do(context.Background(), nil, "ecs", Op{Action: "DescribeInstances"}, func(*wire.Encoder) {}, &struct{}{}, nil)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
}
