package signer

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// The benchmarks sign typical requests. Request construction happens once,
// outside the timed loop; re-signing the same request replaces the previous
// signature, as a retry does.

var benchCreds = Credentials{
	AccessKeyID:     "AKEXAMPLE0123456789",
	SecretAccessKey: "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123",
}

var benchTime = time.Date(2026, 11, 22, 8, 30, 0, 0, time.UTC)

func benchRequest(b *testing.B, method, rawURL string) *http.Request {
	b.Helper()
	r, err := http.NewRequest(method, rawURL, nil)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkSignJDCloud: GET DescribeInstances with paging and one filter.
func BenchmarkSignJDCloud(b *testing.B) {
	r := benchRequest(b, http.MethodGet,
		"https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances?filters.1.name=instanceId&filters.1.values.1=i-abc123&pageNumber=1&pageSize=100")
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "multicloud-go")
	s := JDCloud{Service: "vm", Region: "cn-north-1"}
	b.ReportAllocs()
	for b.Loop() {
		r.Header.Del(jdNonceHeader) // a fresh nonce every time, as every attempt gets
		if err := s.Sign(r, nil, benchCreds, benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignVolcengine: billing ListBill over GET.
func BenchmarkSignVolcengine(b *testing.B) {
	r := benchRequest(b, http.MethodGet,
		"https://billing.volcengineapi.com/?Action=ListBill&BillPeriod=2026-10&Limit=100&NeedRecordNum=1&Offset=0&Version=2022-01-01")
	s := Volcengine{Service: "billing", Region: "cn-north-1"}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(r, nil, benchCreds, benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignQingCloud: DescribeInstances with seven caller parameters.
func BenchmarkSignQingCloud(b *testing.B) {
	q := url.Values{}
	q.Set("action", "DescribeInstances")
	q.Set("instances.1", "i-abcdefgh")
	q.Set("status.1", "running")
	q.Set("limit", "100")
	q.Set("offset", "0")
	q.Set("version", "1")
	q.Set("zone", "pek3a")
	r := benchRequest(b, http.MethodGet, "https://api.qingcloud.com/iaas/?"+q.Encode())
	b.ReportAllocs()
	for b.Loop() {
		if err := (QingCloud{}).Sign(r, nil, benchCreds, benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignS3: an UploadPart-style PUT streamed with UNSIGNED-PAYLOAD,
// with a content type and two user metadata headers.
func BenchmarkSignS3(b *testing.B) {
	r := benchRequest(b, http.MethodPut,
		"https://my-bucket.s3.cn-north-1.jdcloud-oss.com/backups/2026/11/db.tar.gz?partNumber=7&uploadId=0004B9894A22E5B1888A1E29F823")
	r.ContentLength = 8 << 20
	r.Header.Set("Content-Type", "application/gzip")
	r.Header.Set("X-Amz-Meta-Owner", "team-storage")
	r.Header.Set("X-Amz-Meta-Purpose", "nightly backup")
	r.Header.Set("User-Agent", "multicloud-go")
	s := S3{Region: "cn-north-1"}
	b.ReportAllocs()
	for b.Loop() {
		r.Header.Set("X-Amz-Content-Sha256", UnsignedPayload)
		if err := s.Sign(r, nil, benchCreds, benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPresignS3: a one-hour presigned GET.
func BenchmarkPresignS3(b *testing.B) {
	s := S3{Region: "cn-beijing"}
	b.ReportAllocs()
	for b.Loop() {
		r := benchRequest(b, http.MethodGet, "https://my-bucket.tos-s3-cn-beijing.volces.com/reports/2026%20Q3.pdf")
		if err := s.Presign(r, benchCreds, benchTime, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}
