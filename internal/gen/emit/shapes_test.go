package emit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/internal/gen/api"
)

// TestTextPaging: a list operation whose page number and total are strings
// (JD Cloud redis, cdn) gets an iterator through paging.AllText, and its
// package is named by Service.Package.
func TestTextPaging(t *testing.T) {
	str := api.TypeRef{Kind: api.KindString}
	s := &api.Service{
		Provider: api.ProviderJDCloud, Name: "red_is", Package: "cache", Version: "v1", Endpoint: "e", SigningName: "redis",
		Operations: []api.Operation{{
			Name: "DescribeThings", HTTPMethod: "GET", Path: "/regions/{regionId}/things", Version: "v1", BodyEncoding: api.BodyNone,
			Input: []api.Field{
				{WireName: "regionId", GoName: "RegionID", Location: api.LocationPath, Type: str, Required: true},
				{WireName: "pageNumber", GoName: "PageNumber", Location: api.LocationQuery, Type: str},
				{WireName: "pageSize", GoName: "PageSize", Location: api.LocationQuery, Type: api.TypeRef{Kind: api.KindInt64}},
			},
			Output: []api.Field{
				{WireName: "things", GoName: "Things", Type: api.TypeRef{Kind: api.KindList, Elem: &str}},
				{WireName: "totalCount", GoName: "TotalCount", Type: str},
			},
			Paging: &api.Paging{Style: api.StylePage, PageNumber: "pageNumber", PageSize: "pageSize", Total: "totalCount", Items: "things", ItemType: str},
		}},
		Types: []api.Type{},
	}
	files, err := Files(s)
	require.NoError(t, err)
	pg := string(files[FilePaging])
	assert.Contains(t, pg, "package cache\n")
	assert.Contains(t, pg, "internal/gen/apis/jdcloud/cache.json")
	assert.Contains(t, pg, "paging.AllText(ctx, in, call,")
	assert.Contains(t, pg, "Number: func(in *DescribeThingsInput) **string { return &in.PageNumber },")
	assert.Contains(t, pg, "Size:  func(in *DescribeThingsInput) **int64 { return &in.PageSize },")
	assert.Contains(t, pg, "strconv.ParseInt(out.TotalCount, 10, 64)")
}
