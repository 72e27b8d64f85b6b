package multicloud_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/jdcloud/vm"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/qingcloud/iaas"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine"
	"github.com/multicloud-go/multicloud/volcengine/ecs"
)

// notCreated checks err is the typed refusal of a client New did not make.
func notCreated(t *testing.T, err error, what string) {
	t.Helper()
	require.Error(t, err, what)
	var e *mcerrors.Error
	require.True(t, errors.As(err, &e), "%s: %T %v", what, err, err)
	assert.Equal(t, mcerrors.KindInvalidArgument, e.Kind, what)
	assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument, what)
	assert.Contains(t, err.Error(), "not created with", what)
}

// firstErr returns the first error an iterator yields, and how many items
// and errors it yielded in all.
func firstErr[T any](seq iter.Seq2[T, error]) (yields int, err error) {
	for _, e := range seq {
		yields++
		if err == nil {
			err = e
		}
	}
	return yields, err
}

// Regression test for issue 10 item 6: every method of a zero-value
// provider Client, a nil *Client, a zero core Client and a typed service
// client built from a zero value panicked with a nil dereference. Each now
// returns an *errors.Error of KindInvalidArgument.
func TestZeroValueClientsRefuseInsteadOfPanicking(t *testing.T) {
	ctx := t.Context()
	t.Run("jdcloud", func(t *testing.T) {
		for _, c := range []*jdcloud.Client{{}, nil} {
			notCreated(t, c.Call(ctx, &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances"}, nil), "Call")
			assert.Equal(t, jdcloud.Config{}, c.Config())
		}
		assert.Contains(t, jdcloud.Client{}.String(), "not created with New")
	})
	t.Run("volcengine", func(t *testing.T) {
		for _, c := range []*volcengine.Client{{}, nil} {
			notCreated(t, c.Call(ctx, &volcengine.Request{Service: "ecs", Version: "2020-04-01", Action: "DescribeInstances"}, nil), "Call")
			assert.Equal(t, volcengine.Config{}, c.Config())
		}
		assert.Contains(t, volcengine.Client{}.String(), "not created with New")
	})
	t.Run("qingcloud", func(t *testing.T) {
		for _, c := range []*qingcloud.Client{{}, nil} {
			notCreated(t, c.Call(ctx, &qingcloud.Request{Action: "DescribeInstances"}, nil), "Call")
			assert.Equal(t, qingcloud.Config{}, c.Config())
		}
		assert.Contains(t, qingcloud.Client{}.String(), "not created with New")
	})
	t.Run("core", func(t *testing.T) {
		req := &multicloud.Request{Provider: "qingcloud", Service: "iaas", Action: "DescribeInstances",
			URL: &url.URL{Scheme: "https", Host: "api.example.com"}, Signer: signer.QingCloud{},
			Credentials: multicloud.CredentialsProvider(nil), DecodeError: qingcloud.DecodeError}
		for _, c := range []*multicloud.Client{{}, nil} {
			_, err := c.Do(ctx, req)
			notCreated(t, err, "Do")
			var e *mcerrors.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "DescribeInstances", e.Action)
			_, err = c.Do(ctx, nil)
			notCreated(t, err, "Do(nil)")
			assert.Nil(t, c.Endpoint())
		}
		_, err := (*multicloud.Client)(nil).ParseEndpoint("https://api.example.com")
		notCreated(t, err, "ParseEndpoint")
		u, err := (&multicloud.Client{}).ParseEndpoint("https://api.example.com")
		require.NoError(t, err, "a zero Client still parses endpoints: it reads no state but allowHTTP")
		assert.Equal(t, "api.example.com", u.Host)
	})
	t.Run("typed", func(t *testing.T) {
		_, err := (&vm.Client{}).DescribeInstances(ctx, &vm.DescribeInstancesInput{RegionID: "cn-north-1"})
		notCreated(t, err, "vm.DescribeInstances")
		n, err := firstErr((&vm.Client{}).DescribeInstancesAll(ctx, &vm.DescribeInstancesInput{RegionID: "cn-north-1"}))
		notCreated(t, err, "vm.DescribeInstancesAll")
		assert.Equal(t, 1, n, "the error is yielded once")
		_, err = (&vm.Client{}).WaitInstanceStatus(ctx, "i-1", "running")
		notCreated(t, err, "vm.WaitInstanceStatus")

		_, err = (&ecs.Client{}).DescribeInstances(ctx, &ecs.DescribeInstancesInput{})
		notCreated(t, err, "ecs.DescribeInstances")
		n, err = firstErr((&ecs.Client{}).DescribeInstancesAll(ctx, nil))
		notCreated(t, err, "ecs.DescribeInstancesAll")
		assert.Equal(t, 1, n)

		_, err = (&iaas.Client{}).DescribeInstances(ctx, &iaas.DescribeInstancesInput{})
		notCreated(t, err, "iaas.DescribeInstances")
		_, err = (&iaas.Client{}).WaitJob(ctx, "j-1")
		notCreated(t, err, "iaas.WaitJob")
	})
}

// Regression test: rendering a zero or nil client, config or request does
// not panic, under fmt, slog and JSON.
func TestZeroValuesRender(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	for _, v := range []any{
		jdcloud.Client{}, &jdcloud.Client{}, (*jdcloud.Client)(nil), jdcloud.Config{}, jdcloud.Request{},
		volcengine.Client{}, &volcengine.Client{}, (*volcengine.Client)(nil), volcengine.Config{}, volcengine.Request{},
		qingcloud.Client{}, &qingcloud.Client{}, (*qingcloud.Client)(nil), qingcloud.Config{}, qingcloud.Request{},
		multicloud.Request{}, multicloud.CallExtras{}, &multicloud.Client{}, (*multicloud.Client)(nil), &vm.Client{},
	} {
		assert.NotPanics(t, func() {
			_ = fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
			logger.Info("v", "v", v)
			_, _ = json.Marshal(v)
		}, "%T", v)
	}
	assert.NotContains(t, buf.String(), "panicked")
}
