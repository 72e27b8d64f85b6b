package cloudtest

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/multicloud-go/multicloud/internal/percent"
)

// maxObjectBody bounds what the emulator reads of one request.
const maxObjectBody = 1 << 30

// minS3Part is the smallest part of a multipart upload but the last.
const minS3Part = 5 << 20

type s3Request struct {
	op          string
	bucket, key string
	query       map[string]string
	body        []byte
}

// route names the operation a request asks for.
func route(r *http.Request, bucket, key string, q map[string]string) string {
	_, uploads := q["uploads"]
	_, uploadID := q["uploadId"]
	switch {
	case bucket == "":
		if r.Method == http.MethodGet {
			return "ListBuckets"
		}
	case key == "":
		_, location := q["location"]
		_, del := q["delete"]
		switch r.Method {
		case http.MethodPut:
			return "CreateBucket"
		case http.MethodDelete:
			return "DeleteBucket"
		case http.MethodHead:
			return "HeadBucket"
		case http.MethodPost:
			if del {
				return "DeleteObjects"
			}
		case http.MethodGet:
			switch {
			case location:
				return "GetBucketLocation"
			case uploads:
				return "ListMultipartUploads"
			}
			return "ListObjects"
		}
	default:
		switch r.Method {
		case http.MethodPut:
			switch {
			case uploadID:
				return "UploadPart"
			case r.Header.Get("X-Amz-Copy-Source") != "":
				return "CopyObject"
			}
			return "PutObject"
		case http.MethodGet:
			if uploadID {
				return "ListParts"
			}
			return "GetObject"
		case http.MethodHead:
			return "HeadObject"
		case http.MethodDelete:
			if uploadID {
				return "AbortMultipartUpload"
			}
			return "DeleteObject"
		case http.MethodPost:
			switch {
			case uploads:
				return "CreateMultipartUpload"
			case uploadID:
				return "CompleteMultipartUpload"
			}
		}
	}
	return ""
}

func (s *ObjectStorage) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seq++
	reqID := fmt.Sprintf("cloudtest-%08d", s.seq)
	s.mu.Unlock()
	w.Header().Set("X-Amz-Request-Id", reqID)
	if s.provider == "volcengine" {
		w.Header().Set("X-Tos-Request-Id", reqID)
	}
	rawPath, _, _ := strings.Cut(r.RequestURI, "?")
	bucketRaw, keyRaw, _ := strings.Cut(strings.TrimPrefix(rawPath, "/"), "/")
	bucket, err1 := percent.Decode(bucketRaw, false)
	key, err2 := percent.Decode(keyRaw, false)
	pairs, err3 := percent.ParseQuery(nil, r.URL.RawQuery)
	if err1 != nil || err2 != nil || err3 != nil {
		s.fail(w, r, reqID, errS3(http.StatusBadRequest, "InvalidURI", "Couldn't parse the specified URI."))
		return
	}
	q := map[string]string{}
	for _, p := range pairs {
		q[p.Key] = p.Value
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxObjectBody+1))
	if err != nil {
		return // the client went away
	}
	if len(body) > maxObjectBody {
		s.fail(w, r, reqID, errS3(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."))
		return
	}
	if e := s.authenticateS3(r, body); e != nil {
		s.fail(w, r, reqID, e)
		return
	}
	op := route(r, bucket, key, q)
	if op == "" {
		s.fail(w, r, reqID, errS3(http.StatusNotImplemented, "NotImplemented", "cloudtest does not emulate this request"))
		return
	}
	s.mu.Lock()
	s.calls[op]++
	fault := s.fault
	s.mu.Unlock()
	if fault != nil {
		if status, code, ok := fault(r); ok {
			s.fail(w, r, reqID, errS3(status, code, "injected by cloudtest"))
			return
		}
	}
	if e := checkContentMD5(r, body); e != nil {
		s.fail(w, r, reqID, e)
		return
	}
	if bucket != "" && !validS3Bucket(bucket) {
		s.fail(w, r, reqID, errS3(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid."))
		return
	}
	req := &s3Request{op: op, bucket: bucket, key: key, query: q, body: body}
	s.mu.Lock()
	status, out, e := s.handle(r, w.Header(), req)
	s.mu.Unlock()
	if e != nil {
		s.fail(w, r, reqID, e)
		return
	}
	switch v := out.(type) {
	case nil:
		w.WriteHeader(status)
	case []byte:
		w.Header().Set("Content-Length", strconv.Itoa(len(v)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(v)
		}
	default:
		b, _ := xml.Marshal(v)
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		w.Write([]byte(xml.Header))
		w.Write(b)
	}
}

func (s *ObjectStorage) fail(w http.ResponseWriter, r *http.Request, reqID string, e *s3Err) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.status)
	if r.Method == http.MethodHead {
		return
	}
	type errorDoc struct {
		XMLName   xml.Name `xml:"Error"`
		Code      string   `xml:"Code"`
		Message   string   `xml:"Message"`
		RequestID string   `xml:"RequestId"`
	}
	b, _ := xml.Marshal(errorDoc{Code: e.code, Message: e.message, RequestID: reqID})
	w.Write([]byte(xml.Header))
	w.Write(b)
}

func checkContentMD5(r *http.Request, body []byte) *s3Err {
	v := r.Header.Get("Content-Md5")
	if v == "" {
		return nil
	}
	want, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(want) != md5.Size {
		return errS3(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.")
	}
	got := md5.Sum(body)
	if !bytes.Equal(want, got[:]) {
		return errS3(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.")
	}
	return nil
}

func validS3Bucket(b string) bool {
	if len(b) < 3 || len(b) > 63 {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0 && i < len(b)-1) {
			return false
		}
	}
	return true
}

var (
	errNoSuchBucket = errS3(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist.")
	errNoSuchKey    = errS3(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
	errNoSuchUpload = errS3(http.StatusNotFound, "NoSuchUpload", "The specified multipart upload does not exist.")
)

func userMeta(h http.Header) map[string]string {
	m := map[string]string{}
	for k, vs := range h {
		if strings.HasPrefix(strings.ToLower(k), "x-amz-meta-") && len(vs) > 0 {
			m[strings.ToLower(k[len("x-amz-meta-"):])] = vs[0]
		}
	}
	return m
}

func setObjectHeaders(h http.Header, o *osObject) {
	h.Set("ETag", o.etag)
	h.Set("Last-Modified", o.modified.UTC().Format(http.TimeFormat))
	if o.contentType != "" {
		h.Set("Content-Type", o.contentType)
	}
	for k, v := range o.meta {
		h.Set("X-Amz-Meta-"+k, v)
	}
}

type xmlObject struct {
	Key          string `xml:"Key"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag"`
	Size         int64  `xml:"Size"`
	StorageClass string `xml:"StorageClass"`
}

// handle serves one authenticated request, with s.mu held.
func (s *ObjectStorage) handle(r *http.Request, h http.Header, req *s3Request) (int, any, *s3Err) {
	now := s.cfg.now().UTC()
	b := s.buckets[req.bucket]
	if req.bucket != "" && b == nil && req.op != "CreateBucket" {
		return 0, nil, errNoSuchBucket
	}
	switch req.op {
	case "ListBuckets":
		type bucketXML struct {
			Name         string `xml:"Name"`
			CreationDate string `xml:"CreationDate"`
		}
		var out struct {
			XMLName xml.Name    `xml:"ListAllMyBucketsResult"`
			Buckets []bucketXML `xml:"Buckets>Bucket"`
		}
		for _, name := range slices.Sorted(maps.Keys(s.buckets)) {
			out.Buckets = append(out.Buckets, bucketXML{name, s.buckets[name].created.Format(time.RFC3339)})
		}
		return 200, out, nil
	case "CreateBucket":
		if b != nil {
			return 0, nil, errS3(http.StatusConflict, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.")
		}
		s.buckets[req.bucket] = &osBucket{created: now, objects: map[string]*osObject{}}
		return 200, nil, nil
	case "DeleteBucket":
		if len(b.objects) > 0 {
			return 0, nil, errS3(http.StatusConflict, "BucketNotEmpty", "The bucket you tried to delete is not empty.")
		}
		delete(s.buckets, req.bucket)
		return 204, nil, nil
	case "HeadBucket":
		return 200, nil, nil
	case "GetBucketLocation":
		return 200, struct {
			XMLName  xml.Name `xml:"LocationConstraint"`
			Location string   `xml:",chardata"`
		}{Location: s.cfg.region}, nil
	case "PutObject":
		o := &osObject{data: req.body, etag: md5ETag(req.body), contentType: r.Header.Get("Content-Type"), meta: userMeta(r.Header), modified: now}
		b.objects[req.key] = o
		h.Set("ETag", o.etag)
		return 200, nil, nil
	case "GetObject", "HeadObject":
		o := b.objects[req.key]
		if o == nil {
			return 0, nil, errNoSuchKey
		}
		setObjectHeaders(h, o)
		data, status := o.data, 200
		if rg := r.Header.Get("Range"); rg != "" && req.op == "GetObject" {
			start, end, ok := parseS3Range(rg, int64(len(o.data)))
			if !ok {
				return 0, nil, errS3(http.StatusRequestedRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable")
			}
			data, status = o.data[start:end+1], http.StatusPartialContent
			h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, len(o.data)))
		}
		return status, data, nil
	case "DeleteObject":
		delete(b.objects, req.key)
		return 204, nil, nil
	case "DeleteObjects":
		var in struct {
			Quiet   bool `xml:"Quiet"`
			Objects []struct {
				Key string `xml:"Key"`
			} `xml:"Object"`
		}
		if r.Header.Get("Content-Md5") == "" {
			return 0, nil, errS3(http.StatusBadRequest, "InvalidRequest", "Missing required header for this request: Content-MD5")
		}
		if err := xml.Unmarshal(req.body, &in); err != nil || len(in.Objects) > 1000 {
			return 0, nil, errS3(http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
		}
		var out struct {
			XMLName xml.Name `xml:"DeleteResult"`
			Deleted []struct {
				Key string `xml:"Key"`
			} `xml:"Deleted"`
		}
		for _, o := range in.Objects {
			delete(b.objects, o.Key)
			if !in.Quiet {
				out.Deleted = append(out.Deleted, struct {
					Key string `xml:"Key"`
				}{o.Key})
			}
		}
		return 200, out, nil
	case "CopyObject":
		src, err := percent.Decode(strings.TrimPrefix(r.Header.Get("X-Amz-Copy-Source"), "/"), false)
		if err != nil {
			return 0, nil, errS3(http.StatusBadRequest, "InvalidArgument", "Copy Source must mention the source bucket and key")
		}
		sb, sk, _ := strings.Cut(src, "/")
		srcBucket := s.buckets[sb]
		if srcBucket == nil {
			return 0, nil, errNoSuchBucket
		}
		so := srcBucket.objects[sk]
		if so == nil {
			return 0, nil, errNoSuchKey
		}
		o := &osObject{data: so.data, etag: so.etag, contentType: so.contentType, meta: so.meta, modified: now}
		if r.Header.Get("X-Amz-Metadata-Directive") == "REPLACE" {
			o.contentType, o.meta = r.Header.Get("Content-Type"), userMeta(r.Header)
		}
		b.objects[req.key] = o
		return 200, struct {
			XMLName      xml.Name `xml:"CopyObjectResult"`
			ETag         string   `xml:"ETag"`
			LastModified string   `xml:"LastModified"`
		}{ETag: o.etag, LastModified: now.Format(time.RFC3339)}, nil
	case "ListObjects":
		return s.listObjects(b, req.query)
	case "CreateMultipartUpload":
		id := fmt.Sprintf("upload-%08d-%s", s.seq, hex.EncodeToString([]byte(req.key))[:min(8, 2*len(req.key))])
		s.uploads[id] = &osUpload{bucket: req.bucket, key: req.key, initiated: now,
			contentType: r.Header.Get("Content-Type"), meta: userMeta(r.Header), parts: map[int]*osObject{}}
		return 200, struct {
			XMLName  xml.Name `xml:"InitiateMultipartUploadResult"`
			Bucket   string   `xml:"Bucket"`
			Key      string   `xml:"Key"`
			UploadID string   `xml:"UploadId"`
		}{Bucket: req.bucket, Key: req.key, UploadID: id}, nil
	}
	u := s.uploads[req.query["uploadId"]]
	if req.op != "ListMultipartUploads" && (u == nil || u.bucket != req.bucket || u.key != req.key) {
		return 0, nil, errNoSuchUpload
	}
	switch req.op {
	case "UploadPart":
		n, err := strconv.Atoi(req.query["partNumber"])
		if err != nil || n < 1 || n > 10000 {
			return 0, nil, errS3(http.StatusBadRequest, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
		}
		p := &osObject{data: req.body, etag: md5ETag(req.body), modified: now}
		u.parts[n] = p
		h.Set("ETag", p.etag)
		return 200, nil, nil
	case "ListParts":
		type partXML struct {
			PartNumber int    `xml:"PartNumber"`
			ETag       string `xml:"ETag"`
			Size       int64  `xml:"Size"`
		}
		var out struct {
			XMLName     xml.Name  `xml:"ListPartsResult"`
			IsTruncated bool      `xml:"IsTruncated"`
			Parts       []partXML `xml:"Part"`
		}
		for _, n := range slices.Sorted(maps.Keys(u.parts)) {
			out.Parts = append(out.Parts, partXML{n, u.parts[n].etag, int64(len(u.parts[n].data))})
		}
		return 200, out, nil
	case "AbortMultipartUpload":
		delete(s.uploads, req.query["uploadId"])
		return 204, nil, nil
	case "CompleteMultipartUpload":
		var in struct {
			Parts []struct {
				PartNumber int    `xml:"PartNumber"`
				ETag       string `xml:"ETag"`
			} `xml:"Part"`
		}
		if err := xml.Unmarshal(req.body, &in); err != nil || len(in.Parts) == 0 {
			return 0, nil, errS3(http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
		}
		var data []byte
		var sums []byte
		for i, p := range in.Parts {
			if i > 0 && p.PartNumber <= in.Parts[i-1].PartNumber {
				return 0, nil, errS3(http.StatusBadRequest, "InvalidPartOrder", "The list of parts was not in ascending order.")
			}
			stored := u.parts[p.PartNumber]
			if stored == nil || strings.Trim(stored.etag, `"`) != strings.Trim(p.ETag, `"`) {
				return 0, nil, errS3(http.StatusBadRequest, "InvalidPart", "One or more of the specified parts could not be found.")
			}
			if i < len(in.Parts)-1 && len(stored.data) < minS3Part {
				return 0, nil, errS3(http.StatusBadRequest, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
			}
			data = append(data, stored.data...)
			sum, _ := hex.DecodeString(strings.Trim(stored.etag, `"`))
			sums = append(sums, sum...)
		}
		all := md5.Sum(sums)
		etag := fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(all[:]), len(in.Parts))
		b.objects[req.key] = &osObject{data: data, etag: etag, contentType: u.contentType, meta: u.meta, modified: now}
		delete(s.uploads, req.query["uploadId"])
		return 200, struct {
			XMLName xml.Name `xml:"CompleteMultipartUploadResult"`
			Bucket  string   `xml:"Bucket"`
			Key     string   `xml:"Key"`
			ETag    string   `xml:"ETag"`
		}{Bucket: req.bucket, Key: req.key, ETag: etag}, nil
	case "ListMultipartUploads":
		type uploadXML struct {
			Key       string `xml:"Key"`
			UploadID  string `xml:"UploadId"`
			Initiated string `xml:"Initiated"`
		}
		var out struct {
			XMLName     xml.Name    `xml:"ListMultipartUploadsResult"`
			IsTruncated bool        `xml:"IsTruncated"`
			Uploads     []uploadXML `xml:"Upload"`
		}
		prefix := req.query["prefix"]
		for _, id := range slices.Sorted(maps.Keys(s.uploads)) {
			up := s.uploads[id]
			if up.bucket == req.bucket && strings.HasPrefix(up.key, prefix) {
				out.Uploads = append(out.Uploads, uploadXML{up.key, id, up.initiated.Format(time.RFC3339)})
			}
		}
		sort.SliceStable(out.Uploads, func(i, j int) bool { return out.Uploads[i].Key < out.Uploads[j].Key })
		return 200, out, nil
	}
	return 0, nil, errS3(http.StatusNotImplemented, "NotImplemented", "cloudtest does not emulate this request")
}

// listObjects is ListObjects (version 1): prefix, delimiter, marker and
// max-keys (1000 at most), NextMarker on every truncated page.
func (s *ObjectStorage) listObjects(b *osBucket, q map[string]string) (int, any, *s3Err) {
	maxKeys := 1000
	if v, ok := q["max-keys"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, nil, errS3(http.StatusBadRequest, "InvalidArgument", "max-keys must be a non-negative integer")
		}
		maxKeys = min(n, 1000)
	}
	prefix, delim, marker := q["prefix"], q["delimiter"], q["marker"]
	type prefixXML struct {
		Prefix string `xml:"Prefix"`
	}
	var out struct {
		XMLName        xml.Name    `xml:"ListBucketResult"`
		Prefix         string      `xml:"Prefix"`
		Marker         string      `xml:"Marker"`
		MaxKeys        int         `xml:"MaxKeys"`
		IsTruncated    bool        `xml:"IsTruncated"`
		NextMarker     string      `xml:"NextMarker,omitempty"`
		Contents       []xmlObject `xml:"Contents"`
		CommonPrefixes []prefixXML `xml:"CommonPrefixes"`
	}
	out.Prefix, out.Marker, out.MaxKeys = prefix, marker, maxKeys
	count := 0
	last := ""
	for _, k := range slices.Sorted(maps.Keys(b.objects)) {
		if k <= marker || !strings.HasPrefix(k, prefix) {
			continue
		}
		entry := k
		isPrefix := false
		if delim != "" {
			if i := strings.Index(k[len(prefix):], delim); i >= 0 {
				entry, isPrefix = k[:len(prefix)+i+len(delim)], true
				if entry == last || entry <= marker {
					continue
				}
			}
		}
		if count == maxKeys {
			out.IsTruncated, out.NextMarker = true, last
			break
		}
		if isPrefix {
			out.CommonPrefixes = append(out.CommonPrefixes, prefixXML{entry})
		} else {
			o := b.objects[k]
			out.Contents = append(out.Contents, xmlObject{Key: k, LastModified: o.modified.Format(time.RFC3339),
				ETag: o.etag, Size: int64(len(o.data)), StorageClass: "STANDARD"})
		}
		last = entry
		count++
	}
	return 200, out, nil
}

// parseS3Range parses "bytes=a-b" or "bytes=a-" against a size.
func parseS3Range(v string, size int64) (start, end int64, ok bool) {
	spec, found := strings.CutPrefix(v, "bytes=")
	a, z, dash := strings.Cut(spec, "-")
	if !found || !dash {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(a, 10, 64)
	if err != nil || start < 0 || start >= size {
		return 0, 0, false
	}
	end = size - 1
	if z != "" {
		if end, err = strconv.ParseInt(z, 10, 64); err != nil || end < start {
			return 0, 0, false
		}
		end = min(end, size-1)
	}
	return start, end, true
}
