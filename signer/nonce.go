package signer

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// nonceBatch is how many nonces' worth of randomness one read from
// crypto/rand fetches: reading 16 bytes at a time cost a tenth of a JD Cloud
// signing.
const nonceBatch = 32

// randomBytes hands out crypto/rand bytes from a buffer owned by one work
// value, refilled a batch at a time.
type randomBytes struct {
	buf  [16 * nonceBatch]byte
	left int // unused bytes at the end of buf
}

// take returns the next n (at most len(buf)) random bytes.
func (r *randomBytes) take(n int) ([]byte, error) {
	if r.left < n {
		if _, err := rand.Read(r.buf[:]); err != nil {
			return nil, fmt.Errorf("signer: reading random nonce: %w", err)
		}
		r.left = len(r.buf)
	}
	b := r.buf[len(r.buf)-r.left : len(r.buf)-r.left+n]
	r.left -= n
	return b, nil
}

// newNonce returns a random RFC 4122 version 4 UUID in lower-case hex with
// hyphens, the form JD Cloud's own SDK sends as X-Jdcloud-Nonce.
func (r *randomBytes) newNonce() (string, error) {
	raw, err := r.take(16)
	if err != nil {
		return "", err
	}
	var u [16]byte
	copy(u[:], raw)
	clear(raw)              // a nonce's bytes are used once
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], u[10:16])
	return string(b[:]), nil
}
