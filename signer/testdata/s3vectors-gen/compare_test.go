package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/multicloud-go/multicloud/signer"
)

// The same UploadPart-style PUT as signer's BenchmarkSignS3, signed by
// aws-sdk-go-v2's v4 signer and by ours, for the library-or-own decision.

const benchURL = "https://my-bucket.s3.cn-north-1.jdcloud-oss.com/backups/2026/11/db.tar.gz?partNumber=7&uploadId=0004B9894A22E5B1888A1E29F823"

var benchTime = time.Date(2026, 11, 22, 8, 30, 0, 0, time.UTC)

func benchRequest(b *testing.B) *http.Request {
	r, err := http.NewRequest(http.MethodPut, benchURL, nil)
	if err != nil {
		b.Fatal(err)
	}
	r.ContentLength = 8 << 20
	r.Header.Set("Content-Type", "application/gzip")
	r.Header.Set("X-Amz-Meta-Owner", "team-storage")
	r.Header.Set("X-Amz-Meta-Purpose", "nightly backup")
	r.Header.Set("User-Agent", "multicloud-go")
	r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	return r
}

func BenchmarkSignAWSv4(b *testing.B) {
	r := benchRequest(b)
	s := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	creds := aws.Credentials{AccessKeyID: "AKEXAMPLE0123456789", SecretAccessKey: "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(ctx, creds, r, "UNSIGNED-PAYLOAD", "s3", "cn-north-1", benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSignOurs(b *testing.B) {
	r := benchRequest(b)
	s := signer.S3{Region: "cn-north-1"}
	creds := signer.Credentials{AccessKeyID: "AKEXAMPLE0123456789", SecretAccessKey: "SKEXAMPLEabcdefghijklmnopqrstuvwxyz0123"}
	b.ReportAllocs()
	for b.Loop() {
		r.Header.Set("X-Amz-Content-Sha256", signer.UnsignedPayload)
		if err := s.Sign(r, nil, creds, benchTime); err != nil {
			b.Fatal(err)
		}
	}
}
