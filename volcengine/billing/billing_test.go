package billing

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/typedtest"
	"github.com/multicloud-go/multicloud/volcengine"
)

func newClient(t *testing.T, h typedtest.Handler) (*Client, *typedtest.Server) {
	t.Helper()
	srv, opts := typedtest.New(h)
	c, err := New(volcengine.Config{Credentials: typedtest.Keys{}, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	return c, srv
}

func ptr[T any](v T) *T { return &v }

func result(v any) string {
	b, _ := json.Marshal(map[string]any{"ResponseMetadata": map[string]any{"RequestId": "r"}, "Result": v})
	return string(b)
}

func TestListBillRequest(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{"List": []any{}})))
	_, err := c.ListBill(context.Background(), &ListBillInput{
		BillPeriod: "2024-05",
		Limit:      ptr[int64](10),
		Product:    []string{"ECS", "VPC"},
		PayerID:    []int64{2100057673},
		IgnoreZero: ptr[int64](1),
	})
	require.NoError(t, err)
	r := srv.Last()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/", r.Path)
	assert.Equal(t, url.Values{"Action": {"ListBill"}, "Version": {"2022-01-01"}}, r.Query)
	assert.Equal(t, volcengine.ContentJSON, r.Header.Get("Content-Type"))
	assert.Contains(t, r.Header.Get("Authorization"), "/cn-beijing/billing/request")
	assert.JSONEq(t, `{"BillPeriod":"2024-05","Limit":10,"Product":["ECS","VPC"],"PayerID":[2100057673],"IgnoreZero":1}`, string(r.Body))
}

func TestListBillRequired(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{})))
	_, err := c.ListBill(context.Background(), &ListBillInput{BillPeriod: "2024-05"})
	var e *mcerrors.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
	assert.Equal(t, "required field Limit is not set", e.Message)
	assert.Equal(t, "billing", e.Service)
	assert.Empty(t, srv.Requests())
}

func TestListBillDocumentedExample(t *testing.T) {
	body, err := os.ReadFile("testdata/list_bill.json")
	require.NoError(t, err)
	c, _ := newClient(t, typedtest.Reply(string(body)))
	out, err := c.ListBill(context.Background(), &ListBillInput{BillPeriod: "2024-05", Limit: ptr[int64](10)})
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.Total)
	assert.Equal(t, int64(10), out.Limit)
	require.Len(t, out.List, 1)
	b := out.List[0]
	assert.Equal(t, "Bill7039533873751019820", b.BillID)
	assert.Equal(t, "2100057673", b.PayerID, "account IDs are strings in the output")
	assert.Equal(t, "ECS", b.Product)
	assert.Equal(t, "5.04", b.PayableAmount, "money is a decimal string")
	assert.Equal(t, "0", b.RoundBillAmount, "a number where a string belongs is kept as its text")
	assert.Equal(t, "CompletedSettle", b.PayStatus)
}

// bills serves total bills by Offset and Limit; Total is filled only when
// NeedRecordNum is 1, as the billing docs say.
func bills(total int) typedtest.Handler {
	return func(r *typedtest.Request) (int, string) {
		var in struct{ Offset, Limit, NeedRecordNum int }
		if err := json.Unmarshal(r.Body, &in); err != nil {
			return http.StatusBadRequest, err.Error()
		}
		list := []map[string]string{}
		for i := in.Offset; i < min(in.Offset+in.Limit, total); i++ {
			list = append(list, map[string]string{"BillID": fmt.Sprint("b-", i)})
		}
		res := map[string]any{"List": list, "Limit": in.Limit, "Offset": in.Offset, "Total": 0}
		if in.NeedRecordNum == 1 {
			res["Total"] = total
		}
		return http.StatusOK, result(res)
	}
}

func offsets(t *testing.T, srv *typedtest.Server) []int {
	var out []int
	for _, r := range srv.Requests() {
		var in struct{ Offset int }
		require.NoError(t, json.Unmarshal(r.Body, &in))
		out = append(out, in.Offset)
	}
	return out
}

func TestListBillAllStopsOnShortPage(t *testing.T) {
	c, srv := newClient(t, bills(250))
	var ids []string
	for b, err := range c.ListBillAll(context.Background(), &ListBillInput{BillPeriod: "2024-05", Limit: ptr[int64](100)}) {
		require.NoError(t, err)
		ids = append(ids, b.BillID)
	}
	assert.Len(t, ids, 250)
	assert.Equal(t, []int{0, 100, 200}, offsets(t, srv), "Total is 0 without NeedRecordNum: the short page ends it")
}

func TestListBillAllFullLastPage(t *testing.T) {
	c, srv := newClient(t, bills(200))
	n := 0
	for _, err := range c.ListBillAll(context.Background(), &ListBillInput{BillPeriod: "2024-05", Limit: ptr[int64](100)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 200, n)
	assert.Equal(t, []int{0, 100, 200}, offsets(t, srv), "a full last page is followed by an empty one")
}

func TestListBillAllWithRecordNum(t *testing.T) {
	c, srv := newClient(t, bills(200))
	n := 0
	for _, err := range c.ListBillAll(context.Background(), &ListBillInput{BillPeriod: "2024-05", Limit: ptr[int64](100), NeedRecordNum: ptr[int64](1)}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 200, n)
	assert.Equal(t, []int{0, 100}, offsets(t, srv), "with NeedRecordNum=1 the Total ends it")
}

func TestListBillAllNeedsLimit(t *testing.T) {
	c, srv := newClient(t, bills(10))
	var errs []error
	for _, err := range c.ListBillAll(context.Background(), &ListBillInput{BillPeriod: "2024-05"}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], mcerrors.ErrInvalidArgument)
	assert.Empty(t, srv.Requests())
}

func TestListOrdersAllToken(t *testing.T) {
	tokens := map[string]string{"": "t1", "t1": "t2", "t2": ""}
	c, srv := newClient(t, func(r *typedtest.Request) (int, string) {
		var in struct{ NextToken string }
		_ = json.Unmarshal(r.Body, &in)
		return http.StatusOK, result(map[string]any{
			"OrderInfos": []map[string]string{{"OrderID": "o-" + in.NextToken}},
			"NextToken":  tokens[in.NextToken],
		})
	})
	var ids []string
	for o, err := range c.ListOrdersAll(context.Background(), nil) {
		require.NoError(t, err)
		ids = append(ids, o.OrderID)
	}
	assert.Equal(t, []string{"o-", "o-t1", "o-t2"}, ids)
	assert.JSONEq(t, `{}`, string(srv.Requests()[0].Body), "no token and no MaxResults on the first page")
	assert.JSONEq(t, `{"NextToken":"t2"}`, string(srv.Requests()[2].Body))
}

func TestListResourcePackagesAllRepeatedToken(t *testing.T) {
	c, srv := newClient(t, typedtest.Reply(result(map[string]any{
		"List": []map[string]string{{"ResourcePackageID": "rp-1"}}, "NextToken": "same",
	})))
	n := 0
	for _, err := range c.ListResourcePackagesAll(context.Background(), &ListResourcePackagesInput{MaxResults: "20", ResourceType: "Package"}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 2, n)
	assert.Len(t, srv.Requests(), 2, "the second answer repeats the token: stop")
	assert.JSONEq(t, `{"MaxResults":"20","ResourceType":"Package","NextToken":"same"}`, string(srv.Last().Body), "MaxResults is a string here")
}
