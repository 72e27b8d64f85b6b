package objectstorage

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/internal/percent"
	"github.com/multicloud-go/multicloud/signer"
)

// Part is one uploaded part of a multipart upload.
type Part struct {
	Number int
	ETag   string
	Size   int64
}

// CreateMultipartUpload starts a multipart upload and returns its id. Most
// programs use Upload, which does this, the parts and the completion.
func (c *Client) CreateMultipartUpload(ctx context.Context, bucket, key string, opts *PutOptions) (string, error) {
	const action = "CreateMultipartUpload"
	if err := c.checkObject(action, bucket, key); err != nil {
		return "", err
	}
	h := make(http.Header)
	if err := opts.setHeaders(c, action, h); err != nil {
		return "", err
	}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodPost, bucket: bucket, key: key,
		header: h, query: []percent.Pair{{Key: "uploads"}}})
	if err != nil {
		return "", err
	}
	var doc struct {
		UploadID string `xml:"UploadId"`
	}
	if err := xml.Unmarshal(resp.Body, &doc); err != nil || doc.UploadID == "" {
		return "", c.badResponse(action, resp, "no UploadId in the answer")
	}
	return doc.UploadID, nil
}

// UploadPart uploads one part (1 to MaxParts) from memory, with its
// Content-MD5, and checks the ETag of the answer. A failed attempt is
// retried: the part is in memory and can be sent again.
func (c *Client) UploadPart(ctx context.Context, bucket, key, uploadID string, number int, data []byte) (Part, error) {
	const action = "UploadPart"
	if err := c.checkObject(action, bucket, key); err != nil {
		return Part{}, err
	}
	if uploadID == "" {
		return Part{}, c.invalid(action, "empty upload id")
	}
	if number < 1 || number > MaxParts {
		return Part{}, c.invalid(action, fmt.Sprintf("part number %d is outside 1 to %d", number, MaxParts))
	}
	md5b64, sum := contentMD5(data)
	h := http.Header{"Content-Md5": {md5b64}, "X-Amz-Content-Sha256": {signer.UnsignedPayload}}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodPut, bucket: bucket, key: key, header: h,
		body: data, idempotent: true,
		query:       []percent.Pair{{Key: "partNumber", Value: strconv.Itoa(number)}, {Key: "uploadId", Value: uploadID}},
		callOptions: []multicloud.CallOption{multicloud.WithCallAttemptTimeout(0)}})
	if err != nil {
		return Part{}, err
	}
	etag := resp.Header.Get("ETag")
	if err := c.checkETag(action, etag, sum); err != nil {
		return Part{}, err
	}
	return Part{Number: number, ETag: etag, Size: int64(len(data))}, nil
}

type completeRequest struct {
	XMLName xml.Name `xml:"CompleteMultipartUpload"`
	Parts   []struct {
		PartNumber int    `xml:"PartNumber"`
		ETag       string `xml:"ETag"`
	} `xml:"Part"`
}

// CompleteMultipartUpload assembles the parts, in part-number order, into
// the object.
func (c *Client) CompleteMultipartUpload(ctx context.Context, bucket, key, uploadID string, parts []Part) (*PutResult, error) {
	const action = "CompleteMultipartUpload"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	if uploadID == "" || len(parts) == 0 {
		return nil, c.invalid(action, "an upload id and at least one part are needed")
	}
	var doc completeRequest
	var size int64
	for i, p := range parts {
		if p.Number != i+1 {
			return nil, c.invalid(action, fmt.Sprintf("part %d is missing or out of order", i+1))
		}
		doc.Parts = append(doc.Parts, struct {
			PartNumber int    `xml:"PartNumber"`
			ETag       string `xml:"ETag"`
		}{p.Number, p.ETag})
		size += p.Size
	}
	body, err := xml.Marshal(doc)
	if err != nil {
		return nil, c.invalid(action, err.Error())
	}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodPost, bucket: bucket, key: key, body: body,
		header: http.Header{"Content-Type": {"application/xml"}},
		query:  []percent.Pair{{Key: "uploadId", Value: uploadID}}})
	if err != nil {
		return nil, err
	}
	var res struct {
		XMLName xml.Name
		ETag    string `xml:"ETag"`
		Code    string `xml:"Code"`
	}
	if err := xml.Unmarshal(resp.Body, &res); err != nil {
		return nil, c.badResponse(action, resp, "completion does not decode: "+err.Error())
	}
	if res.XMLName.Local == "Error" { // S3 may fail a completion after answering 200
		e := c.profile.decode(http.StatusInternalServerError, resp.Header, resp.Body)
		e.Action, e.Attempts = action, resp.Attempts
		return nil, e
	}
	return &PutResult{ETag: res.ETag, Size: size, UploadID: uploadID, Parts: len(parts)}, nil
}

// AbortMultipartUpload discards an unfinished upload and its parts.
func (c *Client) AbortMultipartUpload(ctx context.Context, bucket, key, uploadID string) error {
	const action = "AbortMultipartUpload"
	if err := c.checkObject(action, bucket, key); err != nil {
		return err
	}
	if uploadID == "" {
		return c.invalid(action, "empty upload id")
	}
	_, err := c.do(ctx, &call{action: action, method: http.MethodDelete, bucket: bucket, key: key, idempotent: true,
		query: []percent.Pair{{Key: "uploadId", Value: uploadID}}})
	return err
}

type listPartsResult struct {
	IsTruncated          bool `xml:"IsTruncated"`
	NextPartNumberMarker int  `xml:"NextPartNumberMarker"`
	Parts                []struct {
		PartNumber int    `xml:"PartNumber"`
		ETag       string `xml:"ETag"`
		Size       int64  `xml:"Size"`
	} `xml:"Part"`
}

// ListParts returns the parts an unfinished upload holds, in order.
func (c *Client) ListParts(ctx context.Context, bucket, key, uploadID string) ([]Part, error) {
	const action = "ListParts"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	if uploadID == "" {
		return nil, c.invalid(action, "empty upload id")
	}
	var parts []Part
	marker := 0
	for {
		q := []percent.Pair{{Key: "uploadId", Value: uploadID}}
		if marker > 0 {
			q = append(q, percent.Pair{Key: "part-number-marker", Value: strconv.Itoa(marker)})
		}
		resp, err := c.do(ctx, &call{action: action, bucket: bucket, key: key, query: q, idempotent: true})
		if err != nil {
			return nil, err
		}
		var page listPartsResult
		if err := xml.Unmarshal(resp.Body, &page); err != nil {
			return nil, c.badResponse(action, resp, "part list does not decode: "+err.Error())
		}
		for _, p := range page.Parts {
			parts = append(parts, Part{Number: p.PartNumber, ETag: p.ETag, Size: p.Size})
		}
		if !page.IsTruncated {
			return parts, nil
		}
		if page.NextPartNumberMarker <= marker {
			return nil, c.badResponse(action, resp, "truncated part list without a new marker")
		}
		marker = page.NextPartNumberMarker
	}
}
