package oss_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/jdcloud/oss"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/signer"
)

func TestEndpointsAndProfile(t *testing.T) {
	assert.Equal(t, "https://s3.cn-north-1.jdcloud-oss.com", oss.Endpoint("cn-north-1", false))
	assert.Equal(t, "https://s3-internal.cn-south-1.jdcloud-oss.com", oss.Endpoint("cn-south-1", true))
	p := oss.Profile("cn-north-1", false)
	assert.Equal(t, objectstorage.VirtualHosted, p.Style)
	assert.Equal(t, "cn-north-1", p.Region)
	assert.Error(t, p.ValidBucket("two--hyphens"), "JD Cloud refuses consecutive hyphens")
	assert.NoError(t, p.ValidBucket("my-bucket-1"))
}

func TestNewRefusesBadConfig(t *testing.T) {
	creds := credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"})
	for _, cfg := range []oss.Config{{Credentials: creds}, {Credentials: creds, Region: "cn north"}, {Region: "cn-north-1"}} {
		_, err := oss.New(cfg)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	}
	c, err := oss.New(oss.Config{Credentials: creds, Region: "cn-north-1"})
	require.NoError(t, err)
	assert.Contains(t, c.String(), "s3.cn-north-1.jdcloud-oss.com")
	assert.NotContains(t, c.String(), "SK")
}
