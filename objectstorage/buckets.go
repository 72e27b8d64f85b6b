package objectstorage

import (
	"context"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// Bucket is one bucket of the account.
type Bucket struct {
	Name    string
	Created time.Time
}

type listBucketsResult struct {
	Buckets []struct {
		Name         string    `xml:"Name"`
		CreationDate time.Time `xml:"CreationDate"`
	} `xml:"Buckets>Bucket"`
}

// ListBuckets lists the account's buckets (S3 ListBuckets).
func (c *Client) ListBuckets(ctx context.Context) ([]Bucket, error) {
	const action = "ListBuckets"
	resp, err := c.do(ctx, &call{action: action, idempotent: true})
	if err != nil {
		return nil, err
	}
	var doc listBucketsResult
	if err := xml.Unmarshal(resp.Body, &doc); err != nil {
		return nil, c.badResponse(action, resp, "bucket list does not decode: "+err.Error())
	}
	out := make([]Bucket, 0, len(doc.Buckets))
	for _, b := range doc.Buckets {
		out = append(out, Bucket{Name: b.Name, Created: b.CreationDate})
	}
	return out, nil
}

// CreateBucket creates a bucket in the client's region (the endpoint
// decides the region). A bucket the account already owns is a Conflict
// (BucketAlreadyOwnedByYou).
func (c *Client) CreateBucket(ctx context.Context, bucket string) error {
	const action = "CreateBucket"
	if err := c.checkBucket(action, bucket); err != nil {
		return err
	}
	_, err := c.do(ctx, &call{action: action, method: http.MethodPut, bucket: bucket})
	return err
}

// DeleteBucket deletes an empty bucket. A bucket with objects is a Conflict
// (BucketNotEmpty).
func (c *Client) DeleteBucket(ctx context.Context, bucket string) error {
	const action = "DeleteBucket"
	if err := c.checkBucket(action, bucket); err != nil {
		return err
	}
	_, err := c.do(ctx, &call{action: action, method: http.MethodDelete, bucket: bucket, idempotent: true})
	return err
}

// HeadBucket reports whether the bucket exists and the caller may use it:
// nil, or an error of kind NotFound or PermissionDenied.
func (c *Client) HeadBucket(ctx context.Context, bucket string) error {
	const action = "HeadBucket"
	if err := c.checkBucket(action, bucket); err != nil {
		return err
	}
	_, err := c.do(ctx, &call{action: action, method: http.MethodHead, bucket: bucket, idempotent: true})
	return err
}

// BucketLocation returns the region the bucket is in, as the provider
// names it (S3 GetBucketLocation; an empty answer is returned as "").
func (c *Client) BucketLocation(ctx context.Context, bucket string) (string, error) {
	const action = "GetBucketLocation"
	if err := c.checkBucket(action, bucket); err != nil {
		return "", err
	}
	resp, err := c.do(ctx, &call{action: action, bucket: bucket, idempotent: true,
		query: []percent.Pair{{Key: "location"}}})
	if err != nil {
		return "", err
	}
	var doc struct {
		Location string `xml:",chardata"`
	}
	if err := xml.Unmarshal(resp.Body, &doc); err != nil {
		return "", c.badResponse(action, resp, "location does not decode: "+err.Error())
	}
	return doc.Location, nil
}
