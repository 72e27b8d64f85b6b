package tos_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/signer"
	"github.com/multicloud-go/multicloud/volcengine/tos"
)

func TestEndpointsAndProfile(t *testing.T) {
	assert.Equal(t, "https://tos-s3-cn-beijing.volces.com", tos.Endpoint("cn-beijing", false))
	assert.Equal(t, "https://tos-s3-cn-shanghai.ivolces.com", tos.Endpoint("cn-shanghai", true))
	p := tos.Profile("cn-beijing", false)
	assert.Equal(t, "cn-beijing", p.Region)
	assert.Equal(t, objectstorage.VirtualHosted, p.Style, "TOS serves virtual-hosted style only")
	assert.Nil(t, p.ValidBucket, "the shared S3 rule")
}

func TestNewRefusesBadConfig(t *testing.T) {
	creds := credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"})
	for _, cfg := range []tos.Config{{Credentials: creds}, {Credentials: creds, Region: "cn beijing"}, {Region: "cn-beijing"}} {
		_, err := tos.New(cfg)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	}
	c, err := tos.New(tos.Config{Credentials: creds, Region: "cn-beijing"})
	require.NoError(t, err)
	assert.Contains(t, c.String(), "tos-s3-cn-beijing.volces.com")
	assert.NotContains(t, c.String(), "SK")
}
