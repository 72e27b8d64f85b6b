package vke

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/volcengine"
)

// TestTextTokens follows NextToken on an API whose MaxResults is a string
// on the wire, and stops on an empty token.
func TestTextTokens(t *testing.T) {
	next := map[string]string{"": "a", "a": "b", "b": ""}
	srv, opts := typedtest.New(func(r *typedtest.Request) (int, string) {
		var body struct{ NextToken string }
		_ = json.Unmarshal(r.Body, &body)
		return http.StatusOK, `{"ResponseMetadata":{"RequestId":"r"},"Result":{"ContainerImageCommitments":[{"InstanceId":"i-` +
			body.NextToken + `"}],"NextToken":"` + next[body.NextToken] + `"}}`
	})
	c, err := New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	var ids []string
	for item, err := range c.DescribeContainerImageCommitmentsAll(context.Background(), &DescribeContainerImageCommitmentsInput{MaxResults: multicloud.Ptr("10")}) {
		require.NoError(t, err)
		ids = append(ids, item.InstanceID)
	}
	assert.Equal(t, []string{"i-", "i-a", "i-b"}, ids)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		var body map[string]any
		require.NoError(t, json.Unmarshal(r.Body, &body))
		assert.Equal(t, "10", body["MaxResults"], "MaxResults goes as a string")
	}
}
