// Package objectstorage is the one implementation behind the SDK's object
// storage clients: JD Cloud OSS (jdcloud/oss), Volcengine TOS
// (volcengine/tos) and QingStor (qingcloud/qingstor). All three serve an
// S3-compatible API signed with AWS Signature Version 4; a provider package
// supplies the endpoint, the signing region, the addressing style and its
// own error codes (a Profile), and this package does the rest through the
// SDK's core client: the same credentials chain, retries, rate limiting,
// redacted logging and *errors.Error kinds as every other service.
//
// Buckets: ListBuckets, CreateBucket, DeleteBucket, HeadBucket,
// BucketLocation. Objects: PutObject, GetObject (ranged too), HeadObject,
// DeleteObject, DeleteObjects, CopyObject, ListObjects (an iter.Seq2 with
// prefix, delimiter and start-after). Large objects: Upload (parallel
// multipart with bounded memory), ResumeUpload, ListMultipartUploads,
// AbortMultipartUpload and the individual multipart calls. Sharing:
// PresignGetObject and PresignPutObject.
//
// Transfers stream: PutObject and GetObject never hold the object in
// memory, Upload holds at most Concurrency+1 parts. Every upload carries
// Content-MD5 and the ETag answered is checked against it; a whole
// single-part download is hashed as it streams and checked against its
// ETag.
//
// Errors map as the S3 error table says: NoSuchKey, NoSuchBucket and
// NoSuchUpload are NotFound; AccessDenied is PermissionDenied; SlowDown is
// Throttled; BucketAlreadyOwnedByYou and BucketNotEmpty are Conflict;
// BadDigest and InvalidDigest are InvalidArgument. Bad input (an invalid
// bucket name, an empty or invalid key, a part size out of range, a presign
// expiry out of range) is refused with an InvalidArgument error before
// anything is sent.
package objectstorage
