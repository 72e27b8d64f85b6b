package redis

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/jdcloud"
)

// TestTextPageNumbers pages an API whose pageNumber and pageSize are
// strings on the wire: "1", "2", ... until pageNumber*pageSize reaches the
// total, with the call options on every page.
func TestTextPageNumbers(t *testing.T) {
	srv, opts := typedtest.New(func(r *typedtest.Request) (int, string) {
		items := map[string]string{"1": `{"templateId":"t-1"},{"templateId":"t-2"}`, "2": `{"templateId":"t-3"}`}[r.Query.Get("pageNumber")]
		return http.StatusOK, fmt.Sprintf(`{"requestId":"r","result":{"templates":[%s],"total":3}}`, items)
	})
	c, err := New(jdcloud.Config{Credentials: typedtest.Keys{}, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	in := &DescribeConfigTemplatesInput{PageSize: multicloud.Ptr("2")}
	var ids []string
	for tpl, err := range c.DescribeConfigTemplatesAll(context.Background(), in, multicloud.WithCallHeader("X-Trace", "p")) {
		require.NoError(t, err)
		ids = append(ids, tpl.TemplateID)
	}
	assert.Equal(t, []string{"t-1", "t-2", "t-3"}, ids)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	for i, r := range reqs {
		assert.Equal(t, fmt.Sprint(i+1), r.Query.Get("pageNumber"))
		assert.Equal(t, "2", r.Query.Get("pageSize"))
		assert.Equal(t, "p", r.Header.Get("X-Trace"))
	}
	assert.Nil(t, in.PageNumber, "the caller's input is not written")
}
