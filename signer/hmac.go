package signer

import (
	"crypto/sha256"
	"sync"
)

// hmacSHA256 computes HMAC-SHA256(key, msg) (RFC 2104) without allocating:
// both hash passes run over scratch, a buffer the caller owns, through
// sha256.Sum256. crypto/hmac allocates its state on every call, and signing
// is on every request's hot path.
func hmacSHA256[K, M string | []byte](scratch *[]byte, key K, msg M) [sha256.Size]byte {
	var block [sha256.BlockSize]byte
	if len(key) > sha256.BlockSize {
		k := sha256.Sum256([]byte(key))
		copy(block[:], k[:])
	} else {
		copy(block[:], key)
	}
	b := (*scratch)[:0]
	for _, c := range block {
		b = append(b, c^0x36)
	}
	b = append(b, msg...)
	inner := sha256.Sum256(b)
	b = b[:0]
	for _, c := range block {
		b = append(b, c^0x5c)
	}
	b = append(b, inner[:]...)
	*scratch = b
	return sha256.Sum256(b)
}

// scopeKey identifies one derived signing key: a secret, a UTC day and the
// region and service of the credential scope. prefix distinguishes the
// provider's key seed ("JDCLOUD2" for JD Cloud, "" for Volcengine).
type scopeKey struct {
	prefix, secret, region, service string
	day                             int32 // yyyymmdd
}

// maxCachedKeys bounds the derived-key cache. A process signs for a handful
// of (secret, region, service) triples a day; past the bound the cache starts
// over, which costs four HMACs per triple, not correctness.
const maxCachedKeys = 256

// keyCache remembers derived signing keys so a hot client spends one HMAC per
// request on the key, not five. It is the signers' only state: the signer
// types are plain values, so the cache lives at package level, guarded by a
// read-write mutex.
type keyCache struct {
	mu   sync.RWMutex
	keys map[scopeKey][sha256.Size]byte
}

var derivedKeys = keyCache{keys: make(map[scopeKey][sha256.Size]byte)}

// get returns the signing key for k, deriving and caching it on a miss.
// date is k.day as "yyyymmdd"; terminator ends the scope ("jdcloud2_request",
// "request").
func (kc *keyCache) get(scratch *[]byte, k scopeKey, date []byte, terminator string) [sha256.Size]byte {
	kc.mu.RLock()
	key, ok := kc.keys[k]
	kc.mu.RUnlock()
	if ok {
		return key
	}
	seed := append(append(make([]byte, 0, len(k.prefix)+len(k.secret)), k.prefix...), k.secret...)
	key = hmacSHA256(scratch, seed, date)
	key = hmacSHA256(scratch, key[:], k.region)
	key = hmacSHA256(scratch, key[:], k.service)
	key = hmacSHA256(scratch, key[:], terminator)
	clear(seed)
	kc.mu.Lock()
	if len(kc.keys) >= maxCachedKeys {
		clear(kc.keys)
	}
	kc.keys[k] = key
	kc.mu.Unlock()
	return key
}
