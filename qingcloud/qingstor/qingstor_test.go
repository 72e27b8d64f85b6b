package qingstor_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/multicloud-go/multicloud/credentials"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/objectstorage"
	"github.com/multicloud-go/multicloud/qingcloud/qingstor"
	"github.com/multicloud-go/multicloud/signer"
)

func TestEndpointsAndProfile(t *testing.T) {
	assert.Equal(t, "https://s3.pek3b.qingstor.com", qingstor.Endpoint("pek3b", false))
	assert.Equal(t, "https://s3.sh1a.qingstor.com", qingstor.Endpoint("sh1a", true))
	p := qingstor.Profile("pek3b", false)
	assert.Equal(t, "pek3b", p.Region, "QingStor signs with the zone")
	assert.Equal(t, objectstorage.VirtualHosted, p.Style)
	assert.Nil(t, p.ValidBucket, "the shared S3 rule")
}

func TestNewRefusesBadConfig(t *testing.T) {
	creds := credentials.Static(signer.Credentials{AccessKeyID: "AK", SecretAccessKey: "SK"})
	for _, cfg := range []qingstor.Config{{Credentials: creds}, {Credentials: creds, Zone: "pek 3b"}, {Zone: "pek3b"}} {
		_, err := qingstor.New(cfg)
		assert.ErrorIs(t, err, mcerrors.ErrInvalidArgument)
	}
	c, err := qingstor.New(qingstor.Config{Credentials: creds, Zone: "pek3b"})
	require.NoError(t, err)
	assert.Contains(t, c.String(), "s3.pek3b.qingstor.com")
	assert.NotContains(t, c.String(), "SK")
}
