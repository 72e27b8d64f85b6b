// Command s3vectorsgen writes the golden vectors of the S3 (SigV4) signer:
// every case below is signed by aws-sdk-go-v2's aws/signer/v4 with the time
// pinned, the way its S3 client signs (no path re-escaping, the payload hash
// in X-Amz-Content-Sha256, UNSIGNED-PAYLOAD for presigned URLs), and the
// canonical request and string to sign are taken from the signer's own
// debug log.
//
// Run from this directory:
//
//	go run . > ../vectors/s3.json
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/logging"
)

// Case is one request to sign; Vector is a Case with what the AWS signer made of it.
type Case struct {
	Name         string            `json:"name"`
	Doc          string            `json:"doc,omitempty"`
	AccessKey    string            `json:"access_key"`
	SecretKey    string            `json:"secret_key"`
	SessionToken string            `json:"session_token,omitempty"`
	Region       string            `json:"region"`
	Service      string            `json:"service"`
	Time         string            `json:"time"`
	Method       string            `json:"method"`
	URL          string            `json:"url"`
	Headers      map[string]string `json:"headers"`
	Body         string            `json:"body"`
	// PayloadHash is what the caller puts in X-Amz-Content-Sha256 before
	// signing ("UNSIGNED-PAYLOAD" or a hex SHA-256); empty: the hash of Body.
	PayloadHash string `json:"payload_hash,omitempty"`
	// Presign: sign into the query (X-Amz-Expires must be in URL already).
	Presign bool `json:"presign,omitempty"`
}

type Expected struct {
	Authorization     string `json:"authorization,omitempty"`
	XAmzDate          string `json:"x-amz-date"`
	XAmzContentSha256 string `json:"x-amz-content-sha256,omitempty"`
	XAmzSecurityToken string `json:"x-amz-security-token,omitempty"`
	CanonicalRequest  string `json:"canonical_request"`
	StringToSign      string `json:"string_to_sign"`
	Signature         string `json:"signature"`
	SignedHeaders     string `json:"signed_headers"`
	URL               string `json:"url"`
}

type Vector struct {
	Case
	Expected Expected `json:"expected"`
}

const (
	docAK = "AKIAIOSFODNN7EXAMPLE"
	docSK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	ak    = "AKLTexampleAccessKey00"
	sk    = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ=="
	token = "FQoGZXIvYXdzEXAMPLEsessiontoken+with/slash=="
	t1    = "2026-03-14T15:09:26Z"
)

var cases = []Case{
	{Name: "aws_doc_get_object_range", Doc: "the GET Object example of the AWS SigV4 header-signing page",
		AccessKey: docAK, SecretKey: docSK, Region: "us-east-1", Service: "s3", Time: "2013-05-24T00:00:00Z",
		Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/test.txt", Headers: map[string]string{"Range": "bytes=0-9"}},
	{Name: "aws_doc_put_object", Doc: "the request of the PUT Object example of the AWS SigV4 header-signing page; the AWS signer also signs content-length, so the signature is not the page's",
		AccessKey: docAK, SecretKey: docSK, Region: "us-east-1", Service: "s3", Time: "2013-05-24T00:00:00Z",
		Method: "PUT", URL: "https://examplebucket.s3.amazonaws.com/test$file.text",
		Headers: map[string]string{"Date": "Fri, 24 May 2013 00:00:00 GMT", "X-Amz-Storage-Class": "REDUCED_REDUNDANCY"},
		Body:    "Welcome to Amazon S3."},
	{Name: "aws_doc_get_bucket_lifecycle", Doc: "the GET Bucket Lifecycle example",
		AccessKey: docAK, SecretKey: docSK, Region: "us-east-1", Service: "s3", Time: "2013-05-24T00:00:00Z",
		Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/?lifecycle"},
	{Name: "aws_doc_list_objects", Doc: "the Get Bucket (List Objects) example",
		AccessKey: docAK, SecretKey: docSK, Region: "us-east-1", Service: "s3", Time: "2013-05-24T00:00:00Z",
		Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"},
	{Name: "jdcloud_get_object_virtual_host", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "GET", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/dir/report.csv"},
	{Name: "jdcloud_put_object_signed_payload", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "PUT", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/hello.txt",
		Headers: map[string]string{"Content-Type": "text/plain; charset=utf-8", "Content-Md5": "ZajifYh5KDgxtmS9i38K1A==", "X-Amz-Meta-Owner": "  team   storage  "},
		Body:    "hello, object storage\n"},
	{Name: "tos_put_object_unsigned_payload", AccessKey: ak, SecretKey: sk, Region: "cn-beijing", Service: "s3", Time: t1,
		Method: "PUT", URL: "https://my-bucket.tos-s3-cn-beijing.volces.com/big/part.bin",
		Headers: map[string]string{"Content-Type": "application/octet-stream", "X-Amz-Meta-Purpose": "backup"},
		Body:    "streamed body that is not hashed", PayloadHash: "UNSIGNED-PAYLOAD"},
	{Name: "tos_session_token", AccessKey: ak, SecretKey: sk, SessionToken: token, Region: "cn-shanghai", Service: "s3", Time: t1,
		Method: "HEAD", URL: "https://my-bucket.tos-s3-cn-shanghai.volces.com/a.txt"},
	{Name: "qingstor_path_style_unicode_space_plus_percent_key", AccessKey: ak, SecretKey: sk, Region: "pek3b", Service: "s3", Time: t1,
		Method: "GET", URL: "https://s3.pek3b.qingstor.com/my-bucket/%E6%96%87%E4%BB%B6/a%20b%2Bc%25d~e.txt"},
	{Name: "qingstor_list_objects_v2_query", AccessKey: ak, SecretKey: sk, Region: "sh1a", Service: "s3", Time: t1,
		Method: "GET", URL: "https://s3.sh1a.qingstor.com/my-bucket?list-type=2&prefix=logs/2026+03&delimiter=%2F&start-after=logs/a%2Bb&max-keys=1000&encoding-type=url"},
	{Name: "repeated_query_key_values_sorted", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "GET", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/?b=2&a=z&a=y&a=%7E"},
	{Name: "create_multipart_upload", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "POST", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/big.iso?uploads",
		Headers: map[string]string{"Content-Type": "application/octet-stream"}},
	{Name: "upload_part", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "PUT", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/big.iso?partNumber=2&uploadId=2~aBc%2Fdef",
		Body: strings.Repeat("part-two-", 64)},
	{Name: "complete_multipart_upload", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "POST", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/big.iso?uploadId=2~aBc%2Fdef",
		Headers: map[string]string{"Content-Type": "application/xml"},
		Body:    `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"a"</ETag></Part></CompleteMultipartUpload>`},
	{Name: "delete_objects_content_md5", AccessKey: ak, SecretKey: sk, Region: "cn-beijing", Service: "s3", Time: t1,
		Method: "POST", URL: "https://my-bucket.tos-s3-cn-beijing.volces.com/?delete",
		Headers: map[string]string{"Content-Type": "application/xml", "Content-Md5": "1B2M2Y8AsgTpgAmY7PhCfg=="},
		Body:    `<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object></Delete>`},
	{Name: "copy_object_source_header", AccessKey: ak, SecretKey: sk, Region: "pek3b", Service: "s3", Time: t1,
		Method: "PUT", URL: "https://s3.pek3b.qingstor.com/dst-bucket/copy%20of%20a.txt",
		Headers: map[string]string{"X-Amz-Copy-Source": "/src-bucket/a%20b.txt", "X-Amz-Metadata-Directive": "COPY"}},
	{Name: "default_https_port_dropped", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "GET", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com:443/k"},
	{Name: "local_server_port_kept_plain_http", AccessKey: ak, SecretKey: sk, Region: "us-east-1", Service: "s3", Time: t1,
		Method: "GET", URL: "http://127.0.0.1:9000/bucket/k?location"},
	{Name: "list_buckets_root_without_slash", AccessKey: ak, SecretKey: sk, Region: "cn-beijing", Service: "s3", Time: t1,
		Method: "GET", URL: "https://tos-s3-cn-beijing.volces.com"},
	{Name: "checksum_header_signed", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1,
		Method: "PUT", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/c.txt",
		Headers: map[string]string{"X-Amz-Checksum-Sha256": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="},
		Body:    "test"},
	{Name: "presign_get", AccessKey: ak, SecretKey: sk, Region: "cn-north-1", Service: "s3", Time: t1, Presign: true,
		Method: "GET", URL: "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/report%20Q1.pdf?X-Amz-Expires=3600"},
	{Name: "presign_put_session_token", AccessKey: ak, SecretKey: sk, SessionToken: token, Region: "cn-beijing", Service: "s3", Time: t1, Presign: true,
		Method: "PUT", URL: "https://my-bucket.tos-s3-cn-beijing.volces.com/up/%E4%B8%AD%20x%2By.bin?X-Amz-Expires=900"},
	{Name: "presign_put_content_type_signed", AccessKey: ak, SecretKey: sk, Region: "pek3b", Service: "s3", Time: t1, Presign: true,
		Method: "PUT", URL: "https://s3.pek3b.qingstor.com/my-bucket/upload.json?X-Amz-Expires=604800",
		Headers: map[string]string{"Content-Type": "application/json"}},
	{Name: "aws_doc_presign_get", Doc: "the query-string (presigned URL) example of the AWS SigV4 page",
		AccessKey: docAK, SecretKey: docSK, Region: "us-east-1", Service: "s3", Time: "2013-05-24T00:00:00Z", Presign: true,
		Method: "GET", URL: "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Expires=86400"},
}

// capture collects the AWS signer's debug log of one signing.
type capture struct{ msg string }

func (c *capture) Logf(_ logging.Classification, format string, v ...interface{}) {
	c.msg = fmt.Sprintf(format, v...)
}

func main() {
	var out []Vector
	for _, c := range cases {
		v, err := sign(c)
		if err != nil {
			log.Fatalf("%s: %v", c.Name, err)
		}
		out = append(out, v)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		log.Fatal(err)
	}
}

func sign(c Case) (Vector, error) {
	t, err := time.Parse(time.RFC3339, c.Time)
	if err != nil {
		return Vector{}, err
	}
	var body *bytes.Reader
	if c.Body != "" {
		body = bytes.NewReader([]byte(c.Body))
	}
	var req *http.Request
	if body != nil {
		req, err = http.NewRequest(c.Method, c.URL, body)
	} else {
		req, err = http.NewRequest(c.Method, c.URL, nil)
	}
	if err != nil {
		return Vector{}, err
	}
	keys := make([]string, 0, len(c.Headers))
	for k := range c.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		req.Header.Set(k, c.Headers[k])
	}
	creds := aws.Credentials{AccessKeyID: c.AccessKey, SecretAccessKey: c.SecretKey, SessionToken: c.SessionToken}
	logs := &capture{}
	signer := v4.NewSigner(func(o *v4.SignerOptions) {
		o.DisableURIPathEscaping = true // what the S3 client sets
		o.LogSigning = true
		o.Logger = logs
	})
	v := Vector{Case: c}
	if c.Presign {
		signed, _, err := signer.PresignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", c.Service, c.Region, t)
		if err != nil {
			return Vector{}, err
		}
		v.Expected.URL = signed
		v.Expected.XAmzDate = queryValue(signed, "X-Amz-Date")
		v.Expected.Signature = queryValue(signed, "X-Amz-Signature")
		v.Expected.SignedHeaders = queryValue(signed, "X-Amz-SignedHeaders")
	} else {
		hash := c.PayloadHash
		if hash == "" {
			sum := sha256.Sum256([]byte(c.Body))
			hash = hex.EncodeToString(sum[:])
		}
		req.Header.Set("X-Amz-Content-Sha256", hash) // as the S3 client's middleware does
		if err := signer.SignHTTP(context.Background(), creds, req, hash, c.Service, c.Region, t); err != nil {
			return Vector{}, err
		}
		auth := req.Header.Get("Authorization")
		v.Expected.Authorization = auth
		v.Expected.XAmzDate = req.Header.Get("X-Amz-Date")
		v.Expected.XAmzContentSha256 = req.Header.Get("X-Amz-Content-Sha256")
		v.Expected.XAmzSecurityToken = req.Header.Get("X-Amz-Security-Token")
		v.Expected.URL = req.URL.String()
		_, sig, _ := strings.Cut(auth, "Signature=")
		v.Expected.Signature = sig
		_, sh, _ := strings.Cut(auth, "SignedHeaders=")
		sh, _, _ = strings.Cut(sh, ",")
		v.Expected.SignedHeaders = sh
	}
	canon, sts, err := parseLog(logs.msg)
	if err != nil {
		return Vector{}, err
	}
	v.Expected.CanonicalRequest, v.Expected.StringToSign = canon, sts
	return v, nil
}

func queryValue(rawURL, key string) string {
	i := strings.Index(rawURL, key+"=")
	if i < 0 {
		return ""
	}
	rest := rawURL[i+len(key)+1:]
	if j := strings.IndexByte(rest, '&'); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// parseLog takes the canonical request and string to sign out of the AWS
// signer's "Request Signature" debug message.
func parseLog(msg string) (canonical, stringToSign string, err error) {
	const canonHead = "---[ CANONICAL STRING  ]-----------------------------\n"
	const stsHead = "\n---[ STRING TO SIGN ]--------------------------------\n"
	const tail = "\n-----------------------------------------------------"
	i := strings.Index(msg, canonHead)
	j := strings.Index(msg, stsHead)
	if i < 0 || j < 0 {
		return "", "", fmt.Errorf("unexpected signing log: %q", msg)
	}
	canonical = msg[i+len(canonHead) : j]
	rest := msg[j+len(stsHead):]
	if k := strings.Index(rest, "---[ SIGNED URL ]"); k >= 0 {
		rest = rest[:k]
	}
	if k := strings.Index(rest, tail); k >= 0 {
		rest = rest[:k]
	}
	return canonical, strings.TrimRight(rest, "\n"), nil
}
