package multicloud

import (
	"errors"
	"io"
)

// errBodyTooLarge reports a response body over the client's limit.
var errBodyTooLarge = errors.New("multicloud: response body too large")

// readBody reads a whole body, up to limit bytes. A longer body is
// errBodyTooLarge; a body that breaks off returns what was read with the
// read error, which the caller treats as a transport failure.
func readBody(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return body, err
	}
	if int64(len(body)) > limit {
		return nil, errBodyTooLarge
	}
	return body, nil
}
