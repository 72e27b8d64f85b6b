package jdcloud

import (
	"context"
	"encoding/json"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/lenient"
)

// CallWithMetadata is Call that also returns the metadata of the successful
// call: the request id (the envelope's requestId, else the
// X-Jdcloud-Request-Id header), the HTTP status and the number of attempts.
// The typed service packages use it to fill their outputs' ResultMetadata.
func (c *Client) CallWithMetadata(ctx context.Context, req *Request, out any) (multicloud.Metadata, error) {
	r, err := c.build(req)
	if err != nil {
		return multicloud.Metadata{}, err
	}
	resp, err := c.core.Do(ctx, r)
	if err != nil {
		return multicloud.Metadata{}, err
	}
	if out == nil {
		out = new(json.RawMessage) // still checks the answer is the envelope
	}
	env := resultEnvelope{Result: out}
	if err := lenient.Decode(resp.Body, &env); err != nil {
		return multicloud.Metadata{}, decodeFailure(req, resp, err)
	}
	md := multicloud.Metadata{RequestID: env.RequestID, StatusCode: resp.StatusCode, Attempts: resp.Attempts}
	if md.RequestID == "" {
		md.RequestID = resp.Header.Get("X-Jdcloud-Request-Id")
	}
	return md, nil
}
