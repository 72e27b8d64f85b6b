package cloudtest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud"
	"github.com/multicloud-go/multicloud/qingcloud"
	"github.com/multicloud-go/multicloud/volcengine"
)

// retries makes a client retry up to attempts times without waiting, so
// tests count attempts without sleeping.
func retries(attempts int) multicloud.Option {
	return multicloud.WithRetry(multicloud.RetryPolicy{
		MaxAttempts: attempts, BaseDelay: time.Nanosecond, ThrottleBaseDelay: time.Nanosecond,
		MaxDelay: time.Nanosecond, Jitter: func(time.Duration) time.Duration { return 0 },
	})
}

func jdClient(t *testing.T, s *cloudtest.Server, opts ...multicloud.Option) *jdcloud.Client {
	t.Helper()
	c, err := jdcloud.New(jdcloud.Config{Credentials: s.CredentialsProvider(), Region: s.Region()},
		append(s.ClientOptions(), opts...)...)
	require.NoError(t, err)
	return c
}

func volcClient(t *testing.T, s *cloudtest.Server, opts ...multicloud.Option) *volcengine.Client {
	t.Helper()
	c, err := volcengine.New(volcengine.Config{Credentials: s.CredentialsProvider(), Region: s.Region()},
		append(s.ClientOptions(), opts...)...)
	require.NoError(t, err)
	return c
}

func qcClient(t *testing.T, s *cloudtest.Server, opts ...multicloud.Option) *qingcloud.Client {
	t.Helper()
	c, err := qingcloud.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()},
		append(s.ClientOptions(), opts...)...)
	require.NoError(t, err)
	return c
}

// apiError returns err as the provider error it must be.
func apiError(t *testing.T, err error) *mcerrors.Error {
	t.Helper()
	var e *mcerrors.Error
	require.True(t, errors.As(err, &e), "want *errors.Error, got %T: %v", err, err)
	return e
}

// jdDescribe is JD Cloud's vm DescribeInstances through the generic call.
func jdDescribe(params any) *jdcloud.Request {
	return &jdcloud.Request{Service: "vm", Path: "/regions/{regionId}/instances", Action: "DescribeInstances", Params: params}
}

// jdInstances is DescribeInstances' result.
type jdInstances struct {
	Instances []struct {
		InstanceID   string `json:"instanceId"`
		InstanceName string `json:"instanceName"`
		Status       string `json:"status"`
	} `json:"instances"`
	TotalCount int `json:"totalCount"`
}

// qcInstances is QingCloud DescribeInstances' answer.
type qcInstances struct {
	InstanceSet []struct {
		InstanceID       string `json:"instance_id"`
		Status           string `json:"status"`
		TransitionStatus string `json:"transition_status"`
	} `json:"instance_set"`
	TotalCount int `json:"total_count"`
}

// jdVpcs is JD Cloud's vpc DescribeVpcs.
func jdVpcs() *jdcloud.Request {
	return &jdcloud.Request{Service: "vpc", Path: "/regions/{regionId}/vpcs/", Action: "DescribeVpcs"}
}
