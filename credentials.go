package multicloud

import "github.com/multicloud-go/multicloud/credentials"

// CredentialsProvider supplies the keys that requests are signed with. The
// client calls Retrieve before every attempt, so wrap a provider whose
// credentials expire in credentials.NewCache. Package credentials has
// static, environment, config-file and chained providers for each cloud,
// such as credentials.QingCloudDefault().
type CredentialsProvider = credentials.Provider
