package multicloud

import (
	"errors"
	"io"
)

// errBodyTooLarge reports a response body over the client's limit.
var errBodyTooLarge = errors.New("multicloud: response body too large")

// initialBodyBuffer caps the buffer sized from a declared Content-Length:
// a declared length is only a claim, and a server (or a proxy) that declares
// almost the limit and then sends a few bytes must not cost the whole limit
// in memory. Larger bodies grow the buffer as their bytes arrive.
const initialBodyBuffer = 64 << 10

// readBody reads a whole body, up to limit bytes. A longer body is
// errBodyTooLarge; a body that breaks off returns what was read with the
// read error, which the caller treats as a transport failure. size is the
// declared Content-Length (-1 if unknown): one over the limit is refused at
// once, a small one sizes the buffer exactly, a large one only starts it.
func readBody(r io.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, errBodyTooLarge
	}
	if size >= 0 {
		body := make([]byte, 0, min(size, initialBodyBuffer))
		for int64(len(body)) < size {
			if len(body) == cap(body) {
				body = append(body, 0)[:len(body)] // grow by append's policy
			}
			end := min(int64(cap(body)), size)
			n, err := r.Read(body[len(body):end])
			body = body[:len(body)+n]
			if err != nil && int64(len(body)) < size {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF // it broke off
				}
				return body, err
			}
		}
		return body, nil
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
