package ratelimit

import (
	"crypto/sha256"
	"encoding/hex"
)

// AccountTag names the account of an access key id in limiter keys: the first 16 hex
// digits of the SHA-256 of the id. It is stable, tells accounts apart, and does not
// reveal the id.
func AccountTag(accessKeyID string) string {
	sum := sha256.Sum256([]byte(accessKeyID))
	return hex.EncodeToString(sum[:8])
}

// AccountKey is the key the core client asks a Keyed limiter for: the provider's key
// for the request, "@", and the AccountTag of the access key id the request is signed
// with, so that every bucket belongs to one account (see Keyed).
func AccountKey(key, accessKeyID string) string {
	return key + "@" + AccountTag(accessKeyID)
}
