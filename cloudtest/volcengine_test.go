package cloudtest_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/volcengine"
)

func billing(action string, params any) *volcengine.Request {
	return &volcengine.Request{Service: "billing", Version: "2022-01-01", Action: action, Method: http.MethodPost, Params: params}
}

type billPage struct {
	List []struct {
		BillID        string
		Product       string
		PayableAmount string
		BillDetailNum string
	}
	Total, Limit, Offset int
}

func TestVolcengineListBillPaging(t *testing.T) {
	s := cloudtest.NewVolcengine(cloudtest.WithBills(25))
	defer s.Close()
	c := volcClient(t, s)
	ctx := t.Context()
	period := s.Now().UTC().Format("2006-01")

	var ids []string
	for offset := 0; ; offset += 10 {
		var page billPage
		require.NoError(t, c.Call(ctx, billing("ListBill", map[string]any{
			"BillPeriod": period, "Limit": 10, "Offset": offset, "NeedRecordNum": 1}), &page))
		assert.Equal(t, 25, page.Total, "Total with NeedRecordNum=1")
		assert.Equal(t, 10, page.Limit)
		assert.Equal(t, offset, page.Offset)
		for _, b := range page.List {
			ids = append(ids, b.BillID)
		}
		if len(page.List) < 10 {
			break
		}
	}
	assert.Len(t, ids, 25)

	var page billPage
	require.NoError(t, c.Call(ctx, billing("ListBill", map[string]any{"BillPeriod": period, "Limit": 300}), &page))
	assert.Len(t, page.List, 25)
	assert.Zero(t, page.Total, "no Total without NeedRecordNum")

	for name, params := range map[string]map[string]any{
		"Limit 0":            {"BillPeriod": period, "Limit": 0},
		"Limit 301":          {"BillPeriod": period, "Limit": 301},
		"before 2022-01":     {"BillPeriod": "2021-12", "Limit": 10},
		"not a period":       {"BillPeriod": "2024/05", "Limit": 10},
		"missing Limit":      {"BillPeriod": period},
		"missing BillPeriod": {"Limit": 10},
	} {
		err := c.Call(ctx, billing("ListBill", params), nil)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, name)
	}
	err := c.Call(ctx, billing("ListBill", map[string]any{"Limit": 10}), nil)
	e := apiError(t, err)
	assert.Equal(t, "MissingParameter.BillPeriod", e.Code)
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
	assert.Len(t, e.RequestID, 34)
}

func TestVolcengineBillDetailsAddUp(t *testing.T) {
	s := cloudtest.NewVolcengine()
	defer s.Close()
	c := volcClient(t, s)
	ctx := t.Context()
	period := s.Now().UTC().AddDate(0, -1, 0).Format("2006-01")

	var bills billPage
	require.NoError(t, c.Call(ctx, billing("ListBill", map[string]any{"BillPeriod": period, "Limit": 100}), &bills))
	require.Len(t, bills.List, 8, "WithBills defaults to 8 a period")
	want := 0
	for _, b := range bills.List {
		n, err := strconv.Atoi(b.BillDetailNum)
		require.NoError(t, err)
		want += n
	}
	var details struct {
		List []struct {
			BillID, InstanceNo, PayableAmount string
		}
		Total int
	}
	require.NoError(t, c.Call(ctx, billing("ListBillDetail", map[string]any{
		"BillPeriod": period, "Limit": 300, "NeedRecordNum": 1}), &details))
	assert.Equal(t, want, details.Total)
	assert.Len(t, details.List, want)

	one := details.List[0].InstanceNo
	require.NoError(t, c.Call(ctx, billing("ListBillDetail", map[string]any{
		"BillPeriod": period, "Limit": 10, "InstanceNo": one}), &details))
	require.Len(t, details.List, 1)

	var bal struct {
		AccountID                     int64
		AvailableBalance, CashBalance string
	}
	require.NoError(t, c.Call(ctx, billing("QueryBalanceAcct", nil), &bal))
	assert.NotZero(t, bal.AccountID)
	assert.Equal(t, "8888.88", bal.CashBalance)
}

func TestVolcengineDescribeInstancesTokens(t *testing.T) {
	s := cloudtest.NewVolcengine(cloudtest.WithInstances(23))
	defer s.Close()
	c := volcClient(t, s)
	ctx := t.Context()
	describe := func(params map[string]any) *volcengine.Request {
		return &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "DescribeInstances", Params: params}
	}
	type page struct {
		Instances []struct {
			InstanceID string `json:"InstanceId"`
			Status     string
		}
		NextToken  string
		TotalCount int
	}
	var n, pages int
	token := ""
	for {
		var p page
		require.NoError(t, c.Call(ctx, describe(map[string]any{"MaxResults": 10, "NextToken": token}), &p))
		assert.Equal(t, 23, p.TotalCount)
		n += len(p.Instances)
		pages++
		if p.NextToken == "" {
			break
		}
		token = p.NextToken
	}
	assert.Equal(t, 23, n)
	assert.Equal(t, 3, pages)

	var p page
	require.NoError(t, c.Call(ctx, describe(nil), &p))
	assert.Len(t, p.Instances, 10, "MaxResults defaults to 10")

	assert.ErrorIs(t, c.Call(ctx, describe(map[string]any{"MaxResults": 101}), nil), mcerrors.ErrInvalidArgument)
	assert.ErrorIs(t, c.Call(ctx, describe(map[string]any{"NextToken": "bogus"}), nil), mcerrors.ErrInvalidArgument)
}

func TestVolcengineUnknownActionsAndServices(t *testing.T) {
	s := cloudtest.NewVolcengine()
	defer s.Close()
	c := volcClient(t, s)

	// Every operation of the catalog answers; an action it does not have
	// is unknown.
	require.NoError(t, c.Call(t.Context(), billing("ListOrders", nil), nil))
	err := c.Call(t.Context(), billing("ListNothing", nil), nil)
	e := apiError(t, err)
	assert.Equal(t, "InvalidActionOrVersion", e.Code)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)

	err = c.Call(t.Context(), &volcengine.Request{Service: "billing", Version: "2020-01-01", Action: "ListBill"}, nil)
	assert.Equal(t, "InvalidActionOrVersion", apiError(t, err).Code)

	err = c.Call(t.Context(), &volcengine.Request{Service: "tos", Version: "2020-01-01", Action: "ListBuckets"}, nil)
	assert.Equal(t, "ServiceNotFound", apiError(t, err).Code)
}

func TestVolcengineParameterPlacements(t *testing.T) {
	// The gateway takes parameters from the query (GET, or POST with an
	// empty body as volc-sdk-golang sends), a form body or a JSON body.
	s := cloudtest.NewVolcengine()
	defer s.Close()
	c := volcClient(t, s)
	period := s.Now().UTC().Format("2006-01")
	params := map[string]any{"BillPeriod": period, "Limit": 3, "NeedRecordNum": 1}
	for _, r := range []*volcengine.Request{
		{Method: http.MethodGet},
		{Method: http.MethodPost, ContentType: volcengine.ContentForm},
		{Method: http.MethodPost, ContentType: volcengine.ContentJSON},
	} {
		r.Service, r.Version, r.Action, r.Params = "billing", "2022-01-01", "ListBill", params
		var page billPage
		require.NoError(t, c.Call(t.Context(), r, &page), "%s %s", r.Method, r.ContentType)
		assert.Len(t, page.List, 3)
		assert.Equal(t, 8, page.Total)
	}
}
