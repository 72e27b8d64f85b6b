package qingcloud

import (
	"context"
	"encoding/json"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/lenient"
)

// CallWithMetadata is Call that also returns the metadata of the successful
// call: the HTTP status and the number of attempts. QingCloud sends no
// request id, so Metadata.RequestID is empty. The typed service package uses
// it to fill its outputs' ResultMetadata.
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
		out = new(json.RawMessage) // still checks the answer is whole JSON
	}
	if err := lenient.Decode(resp.Body, out); err != nil {
		return multicloud.Metadata{}, &mcerrors.Error{
			Provider: Provider, Service: "iaas", Action: req.Action,
			Kind: mcerrors.KindInvalidResponse, StatusCode: resp.StatusCode, Attempts: resp.Attempts,
			Message: resp.Scrub("response does not decode: " + err.Error() + "; body: " + mcerrors.Excerpt(resp.Body)),
			// The server said yes: a mutation was applied, its result is lost.
			MayHaveSucceeded: !multicloud.IsReadOnlyAction(req.Action),
		}
	}
	return multicloud.Metadata{StatusCode: resp.StatusCode, Attempts: resp.Attempts}, nil
}
