package signer

import (
	"crypto/sha256"
	"encoding"
	"hash"
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

// macKey is an HMAC-SHA256 key kept as the two hash states after its inner
// and outer pad blocks. Signing with it hashes only the message and the
// inner digest, two compression blocks fewer than starting from the key.
type macKey struct {
	inner, outer []byte // marshaled sha256 states
}

func newMacKey[K string | []byte](key K) macKey {
	var block [sha256.BlockSize]byte
	if len(key) > sha256.BlockSize {
		k := sha256.Sum256([]byte(key))
		copy(block[:], k[:])
	} else {
		copy(block[:], key)
	}
	state := func(pad byte) []byte {
		var padded [sha256.BlockSize]byte
		for i, c := range block {
			padded[i] = c ^ pad
		}
		h := sha256.New()
		h.Write(padded[:])
		b, err := h.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			panic("signer: sha256 state does not marshal: " + err.Error()) // the standard library's promise
		}
		return b
	}
	k := macKey{inner: state(0x36), outer: state(0x5c)}
	clear(block[:])
	return k
}

// sum returns HMAC-SHA256(key, msg), running h (a SHA-256 the caller owns)
// from the stored states and writing the digests into sum (32 bytes of
// capacity, owned by the caller too), so that nothing is allocated.
func (k macKey) sum(h hash.Hash, sum *[]byte, msg []byte) []byte {
	u := h.(encoding.BinaryUnmarshaler)
	if err := u.UnmarshalBinary(k.inner); err != nil {
		panic("signer: sha256 state does not unmarshal: " + err.Error())
	}
	h.Write(msg)
	inner := h.Sum((*sum)[:0])
	if err := u.UnmarshalBinary(k.outer); err != nil {
		panic("signer: sha256 state does not unmarshal: " + err.Error())
	}
	h.Write(inner)
	*sum = h.Sum(inner[:0])
	return *sum
}

// keyCache remembers signing keys as macKeys: a derived JD Cloud or
// Volcengine key per secret, day, region and service, and a QingCloud secret
// as it is. A hot client then spends one HMAC per request on its signature
// and none on the key. It is the signers' only state: the signer types are
// plain values, so the cache lives at package level, guarded by a
// read-write mutex.
type keyCache struct {
	mu   sync.RWMutex
	keys map[scopeKey]macKey
}

var derivedKeys = keyCache{keys: make(map[scopeKey]macKey)}

// get returns the signing key for k, deriving and caching it on a miss.
// date is k.day as "yyyymmdd"; terminator ends the scope ("jdcloud2_request",
// "request").
func (kc *keyCache) get(scratch *[]byte, k scopeKey, date []byte, terminator string) macKey {
	return kc.lookup(k, func() macKey {
		seed := append(append(make([]byte, 0, len(k.prefix)+len(k.secret)), k.prefix...), k.secret...)
		key := hmacSHA256(scratch, seed, date)
		key = hmacSHA256(scratch, key[:], k.region)
		key = hmacSHA256(scratch, key[:], k.service)
		key = hmacSHA256(scratch, key[:], terminator)
		clear(seed)
		return newMacKey(key[:])
	})
}

// secret returns a QingCloud secret, which signs as it is, as a macKey.
func (kc *keyCache) secret(secret string) macKey {
	k := scopeKey{prefix: "qingcloud", secret: secret}
	return kc.lookup(k, func() macKey { return newMacKey(secret) })
}

func (kc *keyCache) lookup(k scopeKey, make func() macKey) macKey {
	kc.mu.RLock()
	key, ok := kc.keys[k]
	kc.mu.RUnlock()
	if ok {
		return key
	}
	key = make()
	kc.mu.Lock()
	if len(kc.keys) >= maxCachedKeys {
		clear(kc.keys)
	}
	kc.keys[k] = key
	kc.mu.Unlock()
	return key
}
