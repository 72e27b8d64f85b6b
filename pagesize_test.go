package multicloud_test

import (
	"errors"
	"iter"
	"net/http"
	"strconv"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/billing"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// allErrors drains seq and returns the errors it yielded and how many items.
func allErrors[T any](seq iter.Seq2[T, error]) (errs []error, items int) {
	for _, err := range seq {
		if err != nil {
			errs = append(errs, err)
		} else {
			items++
		}
	}
	return errs, items
}

// Regression test for issue 10 item 6: a page size of zero or less was
// replaced by 100 on JD Cloud and QingCloud and sent to the server on
// Volcengine. On all three the iterator now yields one ErrInvalidArgument
// naming the field, and nothing reaches the network.
func TestIteratorsRefuseNonPositivePageSize(t *testing.T) {
	mock := httpmock.NewMockTransport()
	mock.RegisterNoResponder(httpmock.NewStringResponder(http.StatusOK, `{}`))
	creds := credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"})
	opts := []multicloud.Option{multicloud.WithHTTPClient(&http.Client{Transport: mock}), multicloud.WithRateLimiter(ratelimit.Unlimited{})}
	vmc, err := vm.New(jdcloud.Config{Credentials: creds, Region: "cn-north-1"}, opts...)
	require.NoError(t, err)
	ecsc, err := ecs.New(volcengine.Config{Credentials: creds, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	billc, err := billing.New(volcengine.Config{Credentials: creds, Region: "cn-beijing"}, opts...)
	require.NoError(t, err)
	qc, err := iaas.New(qingcloud.Config{Credentials: creds, Zone: "pek3a"}, opts...)
	require.NoError(t, err)
	ctx := t.Context()

	for _, size := range []int64{0, -1} {
		cases := []struct {
			provider, service, action, field string
			errs                             func() ([]error, int)
		}{
			{"jdcloud", "vm", "DescribeInstances", "pageSize", func() ([]error, int) {
				return allErrors(vmc.DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{PageSize: &size}))
			}},
			{"volcengine", "ecs", "DescribeInstances", "MaxResults", func() ([]error, int) {
				return allErrors(ecsc.DescribeInstancesAll(ctx, &ecs.DescribeInstancesInput{MaxResults: &size}))
			}},
			{"volcengine", "billing", "ListBill", "Limit", func() ([]error, int) {
				return allErrors(billc.ListBillAll(ctx, &billing.ListBillInput{BillPeriod: "2026-01", Limit: &size}))
			}},
			{"volcengine", "billing", "ListResourcePackages", "MaxResults", func() ([]error, int) {
				text := strconv.FormatInt(size, 10)
				return allErrors(billc.ListResourcePackagesAll(ctx, &billing.ListResourcePackagesInput{ResourceType: "x", MaxResults: text}))
			}},
			{"qingcloud", "iaas", "DescribeInstances", "limit", func() ([]error, int) {
				return allErrors(qc.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{Limit: &size}))
			}},
		}
		for _, c := range cases {
			errs, items := c.errs()
			require.Len(t, errs, 1, "%s %s: one error", c.provider, c.action)
			assert.Zero(t, items)
			var e *mcerrors.Error
			require.True(t, errors.As(errs[0], &e), "%T", errs[0])
			assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind)
			assert.Equal(t, []string{c.provider, c.service, c.action}, []string{e.Provider, e.Service, e.Action})
			assert.Contains(t, e.Message, c.field+" must be at least 1")
		}
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing was sent")

	// An unset size still lists, with the provider's default.
	mock.RegisterNoResponder(httpmock.NewStringResponder(http.StatusOK, `{"ret_code":0,"instance_set":[],"total_count":0}`))
	errs, _ := allErrors(qc.DescribeInstancesAll(ctx, &iaas.DescribeInstancesInput{}))
	assert.Empty(t, errs)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}
