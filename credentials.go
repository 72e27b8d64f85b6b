package multicloud

import (
	"context"

	"github.com/multicloud-go/multicloud/signer"
)

// CredentialsProvider supplies the keys that requests are signed with. The
// client calls Retrieve before every attempt, so a provider that caches and
// refreshes expiring credentials (see package credentials) is asked cheaply
// and often. Package credentials has static, environment, config-file,
// chained and cached providers.
type CredentialsProvider interface {
	Retrieve(ctx context.Context) (signer.Credentials, error)
}
