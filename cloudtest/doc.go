// Package cloudtest is a local, in-process emulator of JD Cloud, Volcengine
// and QingCloud for tests and examples.
//
// Each server speaks its provider's real wire protocol over TLS on a
// loopback port: it verifies signatures the way the provider does, keeps
// resources in memory, pages lists with the provider's limits, enforces the
// provider's request quota and answers every failure with the provider's
// own error body and status. A client from this module needs nothing but
// the server's endpoint, HTTP client and credentials:
//
//	s := cloudtest.NewQingCloud()
//	defer s.Close()
//	c, err := qingcloud.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()},
//		s.ClientOptions()...)
//
// # What is emulated
//
//   - JD Cloud (NewJDCloud): vm instances (describe with pageNumber,
//     pageSize 10 to 100 and totalCount, filters and tags; create; start
//     and stop through the {instanceId}:startInstance custom-action form;
//     delete) and vpc vpcs and subnets, under /v1/regions/{regionId}/. One
//     server serves every service line; the signature's scope must name
//     the service and region the path belongs to.
//   - Volcengine (NewVolcengine): billing ListBill and ListBillDetail
//     (Limit 1 to 300, Offset, Total only with NeedRecordNum=1) and
//     QueryBalanceAcct over seeded bills, and ecs DescribeInstances
//     (MaxResults 1 to 100, NextToken).
//   - QingCloud (NewQingCloud): instances, volumes, EIPs and jobs. Delayed
//     actions return a job_id; the job and the resources' transitions
//     complete after WithJobDelay on the server's clock (an instance goes
//     from pending, transition_status "creating", to running). Lists take
//     offset and limit (default 20, capped at 100) and report total_count.
//   - Object storage (NewObjectStorage("jdcloud" | "volcengine" | "qingcloud")):
//     the providers' S3-compatible endpoints, with SigV4 and presigned URLs
//     verified, buckets, objects and multipart uploads in memory and S3's
//     XML errors; see ObjectStorage.
//
// Missing or malformed parameters, unknown resources and operations a
// resource's state forbids get the provider's invalid-argument, not-found
// and precondition errors. An API the emulator does not implement gets the
// provider's "no such API" answer, naming cloudtest.
//
// # Authentication
//
// Signatures are verified independently of package signer, from the
// providers' documentation: JD Cloud's JDCLOUD2-HMAC-SHA256 (query sorted
// and encoded, nonce used once), Volcengine's HMAC-SHA256 and QingCloud's
// signature_version 1 query signature. A wrong key, a wrong signature or a
// signing time outside the provider's window gets the provider's answer:
// JD Cloud HTTP 401 ACCESS_ERROR, Volcengine InvalidAccessKey,
// SignatureDoesNotMatch or InvalidTimestamp, QingCloud ret_code 1200 or
// 1300. The servers accept the requests in the official SDKs' golden
// vectors (signer/testdata/vectors) at the vectors' times.
//
// # Time
//
// Signing windows, quotas and asynchronous operations follow the server's
// clock, time.Now unless WithClock replaces it. A Clock is a manual clock:
// Advance completes jobs without sleeping. ClientOptions makes clients sign
// with the server's clock. (testing/synctest cannot drive a server: its
// goroutines wait on real sockets, which a bubble does not count as
// blocked.)
//
// # Faults
//
// Inject shapes the next requests, or every Kth, with a Fault: the
// provider's throttling answer, a 5xx, a connection dropped mid-body, a
// delay, a truncated body, an HTML error page or an oversized body. Every
// request is recorded (Requests, RequestCount), so tests can count the
// attempts a retrying client made.
package cloudtest
