package multicloud

import (
	"errors"
	"io"
)

// errBodyTooLarge reports a response body over the client's limit.
var errBodyTooLarge = errors.New("multicloud: response body too large")

// readBody reads a whole body, up to limit bytes. A longer body is
// errBodyTooLarge; a body that breaks off returns what was read with the
// read error, which the caller treats as a transport failure. size is the
// declared Content-Length (-1 if unknown); a plausible one sizes the buffer
// once instead of growing it.
func readBody(r io.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, errBodyTooLarge
	}
	if size >= 0 {
		body := make([]byte, size)
		n, err := io.ReadFull(r, body) // io.ErrUnexpectedEOF: it broke off
		return body[:n], err
	}
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return body, err
	}
	if int64(len(body)) > limit {
		return nil, errBodyTooLarge
	}
	return body, nil
}
