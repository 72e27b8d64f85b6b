package objectstorage

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud"
	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/percent"
)

// ObjectInfo describes a stored object.
type ObjectInfo struct {
	Bucket, Key string
	// Size is the whole object's size in bytes (for a ranged read too).
	Size         int64
	ContentType  string
	ETag         string
	LastModified time.Time
	// Metadata is the user metadata (x-amz-meta-*), keys in lower case.
	Metadata map[string]string
}

// PutOptions are the optional settings of an upload.
type PutOptions struct {
	// ContentType is stored with the object; empty means
	// application/octet-stream.
	ContentType string
	// Metadata is stored as user metadata (x-amz-meta-<key>). Keys are
	// header tokens, stored in lower case; values are printable ASCII.
	Metadata map[string]string
	// Progress, when set, is called with the number of bytes sent so far.
	Progress func(sent int64)
}

// PutResult is the answer to an upload.
type PutResult struct {
	ETag string
	Size int64
	// UploadID is the multipart upload that stored the object, "" when one
	// request did.
	UploadID string
	// Parts is how many parts the multipart upload had (0 for one request).
	Parts int
}

// setHeaders validates and applies content type and metadata.
func (o *PutOptions) setHeaders(c *Client, action string, h http.Header) error {
	ct := "application/octet-stream"
	var meta map[string]string
	if o != nil {
		if o.ContentType != "" {
			ct = o.ContentType
		}
		meta = o.Metadata
	}
	if !printableASCII(ct) {
		return c.invalid(action, "content type must be printable ASCII")
	}
	h.Set("Content-Type", ct)
	return setMetadata(c, action, h, meta)
}

func setMetadata(c *Client, action string, h http.Header, meta map[string]string) error {
	for k, v := range meta {
		if k == "" || !isToken(k) {
			return c.invalid(action, fmt.Sprintf("metadata key %q is not an HTTP header token", k))
		}
		if !printableASCII(v) {
			return c.invalid(action, fmt.Sprintf("metadata value of %q must be printable ASCII", k))
		}
		h.Set("X-Amz-Meta-"+k, v)
	}
	return nil
}

func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// PutObject stores body, exactly size bytes, as one object in one request
// (up to MaxPutSize), streaming it without holding it in memory. A body
// that is an io.ReadSeeker is read twice: once for its Content-MD5, once to
// send, and may be sent again on a retry; any other body is sent once, its
// MD5 computed on the way and compared with the answer's ETag. Use Upload
// for bodies of unknown size or larger objects.
func (c *Client) PutObject(ctx context.Context, bucket, key string, body io.Reader, size int64, opts *PutOptions) (*PutResult, error) {
	const action = "PutObject"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	if body == nil {
		return nil, c.invalid(action, "nil body")
	}
	if size < 0 || size > MaxPutSize {
		return nil, c.invalid(action, fmt.Sprintf("size %d is outside 0 to %d bytes; use Upload for larger objects", size, int64(MaxPutSize)))
	}
	h := make(http.Header)
	if err := opts.setHeaders(c, action, h); err != nil {
		return nil, err
	}
	var progress func(int64)
	if opts != nil {
		progress = opts.Progress
	}

	stream := &multicloud.Stream{Size: size}
	hasher := md5.New()
	if rs, ok := body.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, c.invalid(action, "body does not seek: "+err.Error())
		}
		if n, err := io.CopyN(hasher, rs, size); err != nil {
			return nil, c.invalid(action, fmt.Sprintf("body is shorter than size: %d of %d bytes: %v", n, size, err))
		}
		h.Set("Content-Md5", b64(hasher.Sum(nil)))
		stream.Replayable = true
		stream.Open = func() (io.ReadCloser, error) {
			// The core closes the previous attempt's body, waiting for
			// a Read in progress, before it calls Open again: the shared
			// offset is ours to move.
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return nil, err
			}
			return io.NopCloser(&countingReader{r: io.LimitReader(rs, size), progress: progress}), nil
		}
	} else {
		stream.Open = func() (io.ReadCloser, error) {
			return io.NopCloser(&countingReader{r: io.TeeReader(io.LimitReader(body, size), hasher), progress: progress}), nil
		}
	}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodPut, bucket: bucket, key: key,
		header: h, stream: stream, idempotent: true,
		callOptions: []multicloud.CallOption{multicloud.WithCallAttemptTimeout(0)}})
	if err != nil {
		return nil, err
	}
	var sum [md5.Size]byte
	copy(sum[:], hasher.Sum(nil))
	etag := resp.Header.Get("ETag")
	if err := c.checkETag(action, etag, sum); err != nil {
		return nil, err
	}
	return &PutResult{ETag: etag, Size: size}, nil
}

// countingReader reports how many bytes went through it.
type countingReader struct {
	r        io.Reader
	n        int64
	progress func(int64)
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.n += int64(n)
		if r.progress != nil {
			r.progress(r.n)
		}
	}
	return n, err
}

// Range is an inclusive byte range of an object. End < 0 means to the end.
type Range struct{ Start, End int64 }

// GetOptions are the optional settings of a download.
type GetOptions struct {
	// Range, when set, reads only those bytes.
	Range *Range
	// Progress, when set, is called with the number of bytes received so
	// far.
	Progress func(received int64)
}

// Object is a download in progress: its description and its content,
// which the caller reads and must close.
type Object struct {
	ObjectInfo
	// Body streams the content. For a whole single-part object, the last
	// Read fails with an error of kind InvalidResponse (code BadDigest) if
	// the content is not the MD5 the ETag names.
	Body io.ReadCloser
}

// Read reads the content.
func (o *Object) Read(p []byte) (int, error) { return o.Body.Read(p) }

// Close releases the connection.
func (o *Object) Close() error { return o.Body.Close() }

// GetObject starts a download. The content streams from the connection as
// the caller reads it: memory stays bounded whatever the size.
func (c *Client) GetObject(ctx context.Context, bucket, key string, opts *GetOptions) (*Object, error) {
	const action = "GetObject"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	h := http.Header{"Accept-Encoding": {"identity"}} // the bytes as stored, so that they hash to the ETag
	var progress func(int64)
	if opts != nil {
		progress = opts.Progress
		if r := opts.Range; r != nil {
			if r.Start < 0 || r.End >= 0 && r.End < r.Start {
				return nil, c.invalid(action, fmt.Sprintf("invalid range %d-%d", r.Start, r.End))
			}
			v := "bytes=" + strconv.FormatInt(r.Start, 10) + "-"
			if r.End >= 0 {
				v += strconv.FormatInt(r.End, 10)
			}
			h.Set("Range", v)
		}
	}
	resp, err := c.do(ctx, &call{action: action, bucket: bucket, key: key, header: h, idempotent: true,
		stream: &multicloud.Stream{ResponseBody: true}})
	if err != nil {
		return nil, err
	}
	info := objectInfo(bucket, key, resp.Header)
	v := &verifyingReader{r: resp.Stream, progress: progress}
	if want, ok := plainETag(info.ETag); ok && resp.StatusCode == http.StatusOK {
		v.h, v.want = md5.New(), want
		v.err = func() error {
			return &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service, Action: action,
				Kind: mcerrors.KindInvalidResponse, Code: "BadDigest", StatusCode: resp.StatusCode,
				RequestID: requestID(resp.Header),
				Message:   "the content received is not the MD5 its ETag names"}
		}
	}
	return &Object{ObjectInfo: info, Body: v}, nil
}

// objectInfo reads an object's description from response headers.
func objectInfo(bucket, key string, h http.Header) ObjectInfo {
	info := ObjectInfo{Bucket: bucket, Key: key, ContentType: h.Get("Content-Type"), ETag: h.Get("ETag")}
	info.Size, _ = strconv.ParseInt(h.Get("Content-Length"), 10, 64)
	if cr := h.Get("Content-Range"); cr != "" {
		if i := strings.LastIndexByte(cr, '/'); i >= 0 {
			if total, err := strconv.ParseInt(cr[i+1:], 10, 64); err == nil {
				info.Size = total
			}
		}
	}
	info.LastModified, _ = http.ParseTime(h.Get("Last-Modified"))
	for name, vs := range h {
		if len(name) > len("X-Amz-Meta-") && strings.EqualFold(name[:len("X-Amz-Meta-")], "X-Amz-Meta-") && len(vs) > 0 {
			if info.Metadata == nil {
				info.Metadata = make(map[string]string)
			}
			info.Metadata[strings.ToLower(name[len("X-Amz-Meta-"):])] = vs[0]
		}
	}
	return info
}

// HeadObject describes an object without reading it; a missing object is
// an error of kind NotFound.
func (c *Client) HeadObject(ctx context.Context, bucket, key string) (*ObjectInfo, error) {
	const action = "HeadObject"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodHead, bucket: bucket, key: key, idempotent: true})
	if err != nil {
		return nil, err
	}
	info := objectInfo(bucket, key, resp.Header)
	return &info, nil
}

// DeleteObject deletes an object. Deleting a key that does not exist
// succeeds, as in S3.
func (c *Client) DeleteObject(ctx context.Context, bucket, key string) error {
	const action = "DeleteObject"
	if err := c.checkObject(action, bucket, key); err != nil {
		return err
	}
	_, err := c.do(ctx, &call{action: action, method: http.MethodDelete, bucket: bucket, key: key, idempotent: true})
	return err
}

type deleteRequest struct {
	XMLName xml.Name `xml:"Delete"`
	Quiet   bool     `xml:"Quiet"`
	Objects []struct {
		Key string `xml:"Key"`
	} `xml:"Object"`
}

type deleteResult struct {
	Errors []struct {
		Key     string `xml:"Key"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
}

// DeleteObjects deletes many objects, 1000 per request (S3
// DeleteObjects, with the Content-MD5 it requires). Every key is checked
// before anything is sent. Keys the service could not delete come back as
// one error per key, joined (errors.Join), each an *errors.Error with the
// provider's code and the key in its message.
func (c *Client) DeleteObjects(ctx context.Context, bucket string, keys []string) error {
	const action = "DeleteObjects"
	if err := c.checkBucket(action, bucket); err != nil {
		return err
	}
	for _, k := range keys {
		if err := ValidKey(k); err != nil {
			return c.invalid(action, err.Error())
		}
	}
	var failed []error
	for start := 0; start < len(keys); start += maxDeleteBatch {
		batch := keys[start:min(start+maxDeleteBatch, len(keys))]
		doc := deleteRequest{Quiet: true}
		doc.Objects = make([]struct {
			Key string `xml:"Key"`
		}, len(batch))
		for i, k := range batch {
			doc.Objects[i].Key = k
		}
		body, err := xml.Marshal(doc)
		if err != nil {
			return c.invalid(action, err.Error())
		}
		md5b64, _ := contentMD5(body)
		resp, err := c.do(ctx, &call{action: action, method: http.MethodPost, bucket: bucket, body: body,
			query:  []percent.Pair{{Key: "delete"}},
			header: http.Header{"Content-Md5": {md5b64}, "Content-Type": {"application/xml"}}, idempotent: true})
		if err != nil {
			return err
		}
		var res deleteResult
		if err := xml.Unmarshal(resp.Body, &res); err != nil {
			return c.badResponse(action, resp, "delete result does not decode: "+err.Error())
		}
		for _, e := range res.Errors {
			failed = append(failed, &mcerrors.Error{Provider: c.profile.Provider, Service: c.profile.Service,
				Action: action, Code: e.Code, Kind: c.profile.ErrorKind(e.Code, 0), StatusCode: resp.StatusCode,
				Message: fmt.Sprintf("key %q: %s", e.Key, mcerrors.Redact(e.Message)), RequestID: requestID(resp.Header)})
		}
	}
	return errors.Join(failed...)
}

// CopyOptions are the optional settings of a copy. With neither field set
// the copy keeps the source's content type and metadata; with either set
// it replaces both.
type CopyOptions struct {
	ContentType string
	Metadata    map[string]string
}

type copyResult struct {
	XMLName xml.Name `xml:"CopyObjectResult"`
	ETag    string   `xml:"ETag"`
}

// CopyObject copies an object inside the service, without downloading it.
func (c *Client) CopyObject(ctx context.Context, srcBucket, srcKey, dstBucket, dstKey string, opts *CopyOptions) (*PutResult, error) {
	const action = "CopyObject"
	if err := c.checkObject(action, srcBucket, srcKey); err != nil {
		return nil, err
	}
	if err := c.checkObject(action, dstBucket, dstKey); err != nil {
		return nil, err
	}
	source := append([]byte("/"+srcBucket+"/"), appendKeyPath(nil, srcKey)...)
	h := http.Header{"X-Amz-Copy-Source": {string(source)}}
	if opts != nil && (opts.ContentType != "" || opts.Metadata != nil) {
		h.Set("X-Amz-Metadata-Directive", "REPLACE")
		if err := (&PutOptions{ContentType: opts.ContentType, Metadata: opts.Metadata}).setHeaders(c, action, h); err != nil {
			return nil, err
		}
	}
	resp, err := c.do(ctx, &call{action: action, method: http.MethodPut, bucket: dstBucket, key: dstKey,
		header: h, idempotent: true})
	if err != nil {
		return nil, err
	}
	// S3 may answer 200 and still fail the copy, with an Error document.
	if bytes.Contains(resp.Body, []byte("<Error>")) {
		e := c.profile.decode(http.StatusInternalServerError, resp.Header, resp.Body)
		e.Action, e.Attempts = action, resp.Attempts
		return nil, e
	}
	var doc copyResult
	if err := xml.Unmarshal(resp.Body, &doc); err != nil {
		return nil, c.badResponse(action, resp, "copy result does not decode: "+err.Error())
	}
	return &PutResult{ETag: doc.ETag}, nil
}

func b64(sum []byte) string { return base64.StdEncoding.EncodeToString(sum) }
