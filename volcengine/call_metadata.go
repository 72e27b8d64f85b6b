package volcengine

import (
	"context"
	"encoding/json"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/lenient"
)

// metadataEnvelope is Volcengine's response body: Result is set to the
// caller's value, so that the result and the request id come from one
// decoding of the body.
type metadataEnvelope struct {
	ResponseMetadata struct {
		RequestID string `json:"RequestId"`
	} `json:"ResponseMetadata"`
	Result any `json:"Result"`
}

// CallWithMetadata is Call that also returns the metadata of the successful
// call: the request id (ResponseMetadata.RequestId), the HTTP status and the
// number of attempts. The typed service packages use it to fill their
// outputs' ResultMetadata.
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
	env := metadataEnvelope{Result: out}
	if err := lenient.Decode(resp.Body, &env); err != nil {
		return multicloud.Metadata{}, &mcerrors.Error{
			Provider: Provider, Service: req.Service, Action: req.Action,
			Kind: mcerrors.KindInvalidResponse, StatusCode: resp.StatusCode, Attempts: resp.Attempts,
			Message:   resp.Scrub("Result does not decode: " + err.Error() + "; body: " + mcerrors.Excerpt(resp.Body)),
			RequestID: resp.Scrub(env.ResponseMetadata.RequestID),
			// The server said yes: a mutation was applied, its result is lost.
			MayHaveSucceeded: !multicloud.IsReadOnlyAction(req.Action),
		}
	}
	return multicloud.Metadata{RequestID: env.ResponseMetadata.RequestID, StatusCode: resp.StatusCode, Attempts: resp.Attempts}, nil
}
