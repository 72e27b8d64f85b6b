package objectstorage

import (
	"context"
	"encoding/xml"
	"iter"
	"strconv"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// ListOptions select and page the objects ListObjects yields.
type ListOptions struct {
	// Prefix keeps the keys that begin with it.
	Prefix string
	// Delimiter groups the keys that contain it after the prefix into one
	// entry per common prefix (IsPrefix set), as directories.
	Delimiter string
	// StartAfter starts the listing after this key (S3's marker).
	StartAfter string
	// PageSize is how many entries one request asks for: 1 to 1000, 0
	// means 1000.
	PageSize int
}

// ObjectEntry is one entry of a listing: an object, or with a Delimiter a
// common prefix (IsPrefix set, only Key filled in).
type ObjectEntry struct {
	Key          string
	Size         int64
	ETag         string
	LastModified time.Time
	StorageClass string
	IsPrefix     bool
}

type listObjectsResult struct {
	IsTruncated bool   `xml:"IsTruncated"`
	NextMarker  string `xml:"NextMarker"`
	Contents    []struct {
		Key          string    `xml:"Key"`
		Size         int64     `xml:"Size"`
		ETag         string    `xml:"ETag"`
		LastModified time.Time `xml:"LastModified"`
		StorageClass string    `xml:"StorageClass"`
	} `xml:"Contents"`
	CommonPrefixes []struct {
		Prefix string `xml:"Prefix"`
	} `xml:"CommonPrefixes"`
}

// ListObjects yields the bucket's objects in key order, page by page (S3
// ListObjects with marker paging, which all three providers serve), with
// common prefixes merged in order when a Delimiter is set. It stops when
// the caller stops ranging, after the last page, or after yielding an error
// once; a page that would repeat the previous marker is an error of kind
// InvalidResponse rather than an endless loop.
func (c *Client) ListObjects(ctx context.Context, bucket string, opts *ListOptions) iter.Seq2[ObjectEntry, error] {
	const action = "ListObjects"
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return func(yield func(ObjectEntry, error) bool) {
		if err := c.checkBucket(action, bucket); err != nil {
			yield(ObjectEntry{}, err)
			return
		}
		if o.PageSize < 0 || o.PageSize > 1000 {
			yield(ObjectEntry{}, c.invalid(action, "PageSize must be from 1 to 1000"))
			return
		}
		if o.PageSize == 0 {
			o.PageSize = 1000
		}
		marker := o.StartAfter
		for {
			q := []percent.Pair{{Key: "max-keys", Value: strconv.Itoa(o.PageSize)}}
			if o.Prefix != "" {
				q = append(q, percent.Pair{Key: "prefix", Value: o.Prefix})
			}
			if o.Delimiter != "" {
				q = append(q, percent.Pair{Key: "delimiter", Value: o.Delimiter})
			}
			if marker != "" {
				q = append(q, percent.Pair{Key: "marker", Value: marker})
			}
			resp, err := c.do(ctx, &call{action: action, bucket: bucket, query: q, idempotent: true})
			if err != nil {
				yield(ObjectEntry{}, err)
				return
			}
			var page listObjectsResult
			if err := xml.Unmarshal(resp.Body, &page); err != nil {
				yield(ObjectEntry{}, c.badResponse(action, resp, "listing does not decode: "+err.Error()))
				return
			}
			last := ""
			i, j := 0, 0
			for i < len(page.Contents) || j < len(page.CommonPrefixes) {
				var e ObjectEntry
				if j >= len(page.CommonPrefixes) || i < len(page.Contents) && page.Contents[i].Key < page.CommonPrefixes[j].Prefix {
					o := page.Contents[i]
					e = ObjectEntry{Key: o.Key, Size: o.Size, ETag: o.ETag, LastModified: o.LastModified, StorageClass: o.StorageClass}
					i++
				} else {
					e = ObjectEntry{Key: page.CommonPrefixes[j].Prefix, IsPrefix: true}
					j++
				}
				last = e.Key
				if !yield(e, nil) {
					return
				}
			}
			if !page.IsTruncated {
				return
			}
			next := page.NextMarker
			if next == "" {
				next = last
			}
			if next == "" || next == marker {
				yield(ObjectEntry{}, c.badResponse(action, resp, "truncated listing without a new marker"))
				return
			}
			marker = next
		}
	}
}

// MultipartUpload is an upload that was started and neither completed nor
// aborted.
type MultipartUpload struct {
	Key, UploadID string
	Initiated     time.Time
}

type listUploadsResult struct {
	IsTruncated        bool   `xml:"IsTruncated"`
	NextKeyMarker      string `xml:"NextKeyMarker"`
	NextUploadIDMarker string `xml:"NextUploadIdMarker"`
	Uploads            []struct {
		Key       string    `xml:"Key"`
		UploadID  string    `xml:"UploadId"`
		Initiated time.Time `xml:"Initiated"`
	} `xml:"Upload"`
}

// ListMultipartUploads yields the bucket's unfinished multipart uploads
// whose keys begin with prefix: uploads to resume (ResumeUpload) or abort
// (AbortMultipartUpload), which otherwise keep their parts stored.
func (c *Client) ListMultipartUploads(ctx context.Context, bucket, prefix string) iter.Seq2[MultipartUpload, error] {
	const action = "ListMultipartUploads"
	return func(yield func(MultipartUpload, error) bool) {
		if err := c.checkBucket(action, bucket); err != nil {
			yield(MultipartUpload{}, err)
			return
		}
		var keyMarker, idMarker string
		for {
			q := []percent.Pair{{Key: "uploads"}}
			if prefix != "" {
				q = append(q, percent.Pair{Key: "prefix", Value: prefix})
			}
			if keyMarker != "" {
				q = append(q, percent.Pair{Key: "key-marker", Value: keyMarker})
			}
			if idMarker != "" {
				q = append(q, percent.Pair{Key: "upload-id-marker", Value: idMarker})
			}
			resp, err := c.do(ctx, &call{action: action, bucket: bucket, query: q, idempotent: true})
			if err != nil {
				yield(MultipartUpload{}, err)
				return
			}
			var page listUploadsResult
			if err := xml.Unmarshal(resp.Body, &page); err != nil {
				yield(MultipartUpload{}, c.badResponse(action, resp, "upload list does not decode: "+err.Error()))
				return
			}
			for _, u := range page.Uploads {
				if !yield(MultipartUpload{Key: u.Key, UploadID: u.UploadID, Initiated: u.Initiated}, nil) {
					return
				}
			}
			if !page.IsTruncated {
				return
			}
			if page.NextKeyMarker == keyMarker && page.NextUploadIDMarker == idMarker {
				yield(MultipartUpload{}, c.badResponse(action, resp, "truncated upload list without a new marker"))
				return
			}
			keyMarker, idMarker = page.NextKeyMarker, page.NextUploadIDMarker
		}
	}
}
