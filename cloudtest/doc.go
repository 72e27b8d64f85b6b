// Package cloudtest is a local, in-process emulator of JD Cloud, Volcengine
// and QingCloud for tests and examples.
//
// Each server speaks its provider's real wire protocol over TLS on a
// loopback port: it verifies signatures the way the provider does, answers
// every operation of every typed package of this module, refuses what the
// cloud would refuse with the provider's own error body and status, keeps
// the state of the resources a test creates, and pages lists with the
// provider's limits. A client from this module needs nothing but the
// server's endpoint, HTTP client and credentials:
//
//	s := cloudtest.NewQingCloud()
//	defer s.Close()
//	c, err := qingcloud.New(qingcloud.Config{Credentials: s.CredentialsProvider(), Zone: s.Region()},
//		s.ClientOptions()...)
//
// # Every operation answers
//
// The servers know every operation of the typed packages from the same
// committed descriptions the packages are generated from (the module's
// internal catalog). For each request a server:
//
//   - finds the operation: JD Cloud by method and path template (version,
//     {regionId}, custom actions such as {instanceId}:stopInstance),
//     Volcengine by the signature's service, Version and Action, QingCloud
//     by action. An unknown one gets the provider's answer: JD Cloud HTTP
//     501 NOT_IMPLEMENTED, Volcengine InvalidActionOrVersion (404, CodeN
//     100008) or ServiceNotFound (404, 100007), QingCloud ret_code 1100;
//   - checks the parameters against the description: required ones present
//     (at any depth: instanceSpec.az, Tags.1.Key), values of the declared
//     type, enumerated values among the documented ones. A failure names
//     the parameter: JD Cloud HTTP 400 INVALID_ARGUMENT, Volcengine
//     MissingParameter.<Name> or InvalidParameter (400), QingCloud ret_code
//     1100;
//   - checks regions and zones (below);
//   - answers with the provider's envelope and request id and the output's
//     fields: the state the emulator keeps where it keeps some, otherwise
//     every field at its zero value (lists empty, so a list operation is one
//     empty page with a zero total and no next token), with fresh ids in the
//     id fields of a mutation's output, and a QingCloud job that completes
//     like any other when the output has a job_id.
//
// # Regions and zones
//
// Each server knows its cloud's real codes: JD Cloud regions cn-north-1,
// cn-east-1, cn-east-2, cn-south-1 and their zones; Volcengine regions
// cn-beijing, cn-shanghai, cn-guangzhou, cn-hongkong, ap-southeast-1,
// ap-southeast-3 (and cn-north-1, billing's signing region) and their
// zones (cn-beijing-a, ...); QingCloud zones pek3, pek3a to pek3d, sh1a,
// gd2, gd2a, gd2b, ap2a. A typo (cn-nroth-1, cn-bejing, pek3z) is refused:
// JD Cloud INVALID_ARGUMENT naming regionId or az, Volcengine
// InvalidRegion.NotFound (the signature's region or a RegionId parameter)
// or InvalidZone.NotFound (404), QingCloud ret_code 1100. WithRegions and WithZones add codes; WithRegion's region is always
// known.
//
// # Resources with state
//
//   - JD Cloud: vm instances (create, describe with filters and tags,
//     start, stop, delete), vpc vpcs and subnets; disk disks, vpc elastic
//     IPs, lb load balancers, redis cache instances, kubernetes clusters
//     and rds instances (create, describe, list, delete).
//   - Volcengine: ecs instances (RunInstances, DescribeInstances,
//     Start/Stop/DeleteInstance and their plural forms); storage_ebs
//     volumes, vpc EIPs, clb and alb load balancers, natgateway NAT
//     gateways, redis, rds_mysql and rds_postgresql instances and vke
//     clusters (create, describe, list, delete); billing ListBill, ListBillDetail and QueryBalanceAcct over
//     seeded bills.
//   - QingCloud: instances, volumes, EIPs and jobs.
//   - Object storage (NewObjectStorage("jdcloud" | "volcengine" | "qingcloud")):
//     the providers' S3-compatible endpoints, with SigV4 and presigned URLs
//     verified, buckets, objects and multipart uploads in memory and S3's
//     XML errors; see ObjectStorage.
//
// Every status waiter of the typed packages has state to wait on. Where a
// describe-one call reads another shape than its list (JD Cloud rds
// DescribeInstanceAttributes, Volcengine rds_mysql and rds_postgresql
// DescribeDBInstanceDetail), its answer has the shape of its own
// description, with the fields it shares with the listed item filled in.
//
// Status changes take WithJobDelay on the server's clock and go through the
// provider's transition statuses (JD Cloud pending, stopping, starting,
// deleting; Volcengine CREATING, STOPPING, STARTING, DELETING; QingCloud
// transition_status creating, stopping, ...), so the SDK's waiters can be
// tested against them. An operation that the resource's status forbids
// gets the provider's precondition error. WithResourceQuota and
// WithInsufficientBalance give the providers' documented quota and balance
// errors on creation.
//
// A mutation carrying an idempotency token (JD Cloud clientToken,
// Volcengine ClientToken) is applied at most once per token: repeating the
// token returns the first answer again (Volcengine refuses the token with
// IdempotentParameterMismatch when the rest of the request differs).
//
// # What a test did
//
// Every request is recorded (Requests, Calls, RequestCount): its action,
// service, parameters as the server read them, status and error code,
// whether it was applied or replayed. Resources lists what the server
// holds, with each resource's current status.
//
// # What is approximated
//
//   - Operations without state answer zero values: a Describe of an id
//     nobody created succeeds with empty fields, a Create returns an id that
//     later calls will not find (unless it is a kind listed above).
//   - The descriptions' required flags and enumerations are what the
//     providers' published specifications say; where those are stale, so is
//     the check. Formats (CIDRs, names' lengths and characters) are checked
//     only by the hand-written operations.
//   - JD Cloud's answer to a path no API has (501 NOT_IMPLEMENTED, the
//     documented code for it) is modelled, not observed.
//   - The unknown-region answers are modelled, not observed: JD Cloud's
//     INVALID_ARGUMENT for a region, Volcengine's InvalidRegion.NotFound
//     (after its documented InvalidZone.NotFound) and QingCloud's 1100 for
//     a zone. The zone lists are the documented ones and may lag the
//     clouds; JD Cloud's Shanghai zones are known as both cn-east-2a/b and
//     the declaration's cn-north-2a/b.
//   - JD Cloud documents no balance error; WithInsufficientBalance answers
//     400 FAILED_PRECONDITION there. Volcengine documents no resource-quota
//     code, so WithResourceQuota does not apply to it.
//   - A reused idempotency token with different parameters gets
//     Volcengine's documented IdempotentParameterMismatch; JD Cloud, which
//     documents no such error, answers with the first result.
//   - One server serves every service line and region of its cloud.
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
// Advance completes jobs and transitions without sleeping. ClientOptions
// makes clients sign with the server's clock. (testing/synctest cannot
// drive a Server: its goroutines wait on real sockets, which a bubble does
// not count as blocked.)
//
// # Faults
//
// Inject shapes the next requests, or every Kth, with a Fault: the
// provider's throttling answer, a 5xx, a connection dropped mid-body, a
// delay, a truncated body, an HTML error page or an oversized body. Every
// request is recorded, so tests can count the attempts a retrying client
// made.
package cloudtest
