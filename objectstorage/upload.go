package objectstorage

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// UploadOptions are the optional settings of Upload and ResumeUpload.
type UploadOptions struct {
	// PutOptions hold the content type, the user metadata and the progress
	// callback, which is called after every part with the bytes stored so
	// far.
	PutOptions
	// PartSize overrides the client's part size (MinPartSize to
	// MaxPartSize). Upload holds at most Concurrency+1 parts in memory.
	PartSize int64
	// Concurrency overrides how many parts are sent at once.
	Concurrency int
	// KeepPartsOnError leaves a failed multipart upload in place, so that
	// ResumeUpload can finish it, instead of aborting it. The error is then
	// an *UploadError that carries the upload id.
	KeepPartsOnError bool
}

// UploadError is a multipart upload that failed and was left in place
// (UploadOptions.KeepPartsOnError). Err is the cause.
type UploadError struct {
	UploadID string
	Err      error
}

// Error describes the failure and names the upload.
func (e *UploadError) Error() string {
	return fmt.Sprintf("multipart upload %s left unfinished: %v", e.UploadID, e.Err)
}

// Unwrap returns the cause.
func (e *UploadError) Unwrap() error { return e.Err }

// abortTimeout bounds the clean-up of a failed upload, which runs even when
// the caller's context has ended.
const abortTimeout = 30 * time.Second

func (c *Client) transferSettings(action string, opts *UploadOptions) (partSize int64, concurrency int, err error) {
	partSize, concurrency = c.partSize, c.concurrency
	if opts != nil {
		if opts.PartSize != 0 {
			partSize = opts.PartSize
		}
		if opts.Concurrency != 0 {
			concurrency = opts.Concurrency
		}
	}
	if partSize < MinPartSize || partSize > MaxPartSize {
		return 0, 0, c.invalid(action, fmt.Sprintf("part size %d is outside %d to %d bytes", partSize, int64(MinPartSize), int64(MaxPartSize)))
	}
	if concurrency < 1 || concurrency > 64 {
		return 0, 0, c.invalid(action, "concurrency must be from 1 to 64")
	}
	return partSize, concurrency, nil
}

// Upload stores everything r yields as one object, whatever its size, with
// memory bounded by (Concurrency+1) × PartSize. What fits in one part goes
// in one PutObject; anything larger becomes a multipart upload whose parts
// are sent Concurrency at a time, each with its Content-MD5 and each
// retried on its own. If the upload fails or ctx ends, the parts sent are
// aborted (unless KeepPartsOnError) and the error returned: no object is
// half-written.
func (c *Client) Upload(ctx context.Context, bucket, key string, r io.Reader, opts *UploadOptions) (*PutResult, error) {
	const action = "Upload"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, c.invalid(action, "nil reader")
	}
	partSize, concurrency, err := c.transferSettings(action, opts)
	if err != nil {
		return nil, err
	}
	var put PutOptions
	if opts != nil {
		put = opts.PutOptions
	}
	if err := put.setHeaders(c, action, make(map[string][]string)); err != nil {
		return nil, err
	}

	u := newUploader(c, bucket, key, partSize, concurrency, put.Progress)
	first := u.buffer()
	n, readErr := io.ReadFull(r, first)
	if readErr == io.EOF || readErr == io.ErrUnexpectedEOF {
		// One part's worth or less: one request.
		single := put
		single.Progress = nil
		res, err := c.PutObject(ctx, bucket, key, bytes.NewReader(first[:n]), int64(n), &single)
		if err == nil && put.Progress != nil {
			put.Progress(int64(n))
		}
		return res, err
	}
	if readErr != nil {
		return nil, c.invalid(action, "reading the body: "+readErr.Error())
	}

	uploadID, err := c.CreateMultipartUpload(ctx, bucket, key, &put)
	if err != nil {
		return nil, err
	}
	u.start(ctx, uploadID)
	buf := first
	for number := 1; ; number++ {
		if number > MaxParts {
			u.fail(c.invalid(action, fmt.Sprintf("more than %d parts of %d bytes: raise PartSize", MaxParts, partSize)))
			break
		}
		if !u.send(number, buf, n) {
			break
		}
		if buf = u.nextBuffer(); buf == nil {
			break
		}
		n, readErr = io.ReadFull(r, buf)
		if readErr == io.EOF || readErr == io.ErrUnexpectedEOF {
			if n > 0 {
				u.send(number+1, buf, n)
			} else {
				u.free <- buf
			}
			break
		}
		if readErr != nil {
			u.free <- buf
			u.fail(fmt.Errorf("objectstorage: reading the body: %w", readErr))
			break
		}
	}
	return u.finish(ctx, opts != nil && opts.KeepPartsOnError)
}

// ResumeUpload finishes a multipart upload that was started earlier (by
// Upload with KeepPartsOnError, or by a process that died; see
// ListMultipartUploads) from the same content, r, of size bytes. Parts the
// service holds whose size and MD5 match the content are kept; the others
// are sent again; then the upload is completed. The part size is taken from
// the upload's first part when opts does not set it.
func (c *Client) ResumeUpload(ctx context.Context, bucket, key, uploadID string, r io.ReaderAt, size int64, opts *UploadOptions) (*PutResult, error) {
	const action = "ResumeUpload"
	if err := c.checkObject(action, bucket, key); err != nil {
		return nil, err
	}
	if uploadID == "" || r == nil || size <= 0 {
		return nil, c.invalid(action, "an upload id, a reader and a positive size are needed")
	}
	existing, err := c.ListParts(ctx, bucket, key, uploadID)
	if err != nil {
		return nil, err
	}
	o := UploadOptions{}
	if opts != nil {
		o = *opts
	}
	if o.PartSize == 0 && len(existing) > 0 && existing[0].Number == 1 && existing[0].Size >= MinPartSize {
		o.PartSize = existing[0].Size
	}
	partSize, concurrency, err := c.transferSettings(action, &o)
	if err != nil {
		return nil, err
	}
	count := int((size + partSize - 1) / partSize)
	if count > MaxParts {
		return nil, c.invalid(action, fmt.Sprintf("more than %d parts of %d bytes", MaxParts, partSize))
	}
	held := make(map[int]Part, len(existing))
	for _, p := range existing {
		held[p.Number] = p
	}

	u := newUploader(c, bucket, key, partSize, concurrency, o.Progress)
	u.start(ctx, uploadID)
	for number := 1; number <= count; number++ {
		buf := u.nextBuffer()
		if buf == nil {
			break
		}
		off := int64(number-1) * partSize
		n := int(min(partSize, size-off))
		if _, err := r.ReadAt(buf[:n], off); err != nil && !(err == io.EOF && n > 0) {
			u.free <- buf
			u.fail(fmt.Errorf("objectstorage: reading part %d: %w", number, err))
			break
		}
		if p, ok := held[number]; ok && p.Size == int64(n) {
			sum := md5.Sum(buf[:n])
			if etag, plain := plainETag(p.ETag); plain && etag == hex.EncodeToString(sum[:]) {
				u.free <- buf
				u.record(p)
				continue
			}
		}
		if !u.send(number, buf, n) {
			break
		}
	}
	return u.finish(ctx, o.KeepPartsOnError)
}

// uploader sends the parts of one multipart upload with a bounded set of
// buffers and workers.
type uploader struct {
	c           *Client
	bucket, key string
	uploadID    string
	partSize    int64
	concurrency int
	progress    func(int64)

	ctx    context.Context
	cancel context.CancelCauseFunc
	jobs   chan partJob
	free   chan []byte
	made   int // buffers allocated, at most concurrency+1
	wg     sync.WaitGroup

	mu    sync.Mutex
	parts []Part
	sent  int64
	err   error
}

type partJob struct {
	number int
	data   []byte
	buf    []byte
}

func newUploader(c *Client, bucket, key string, partSize int64, concurrency int, progress func(int64)) *uploader {
	return &uploader{c: c, bucket: bucket, key: key, partSize: partSize, concurrency: concurrency,
		progress: progress, free: make(chan []byte, concurrency+1)}
}

// buffer allocates one part buffer.
func (u *uploader) buffer() []byte {
	u.made++
	return make([]byte, u.partSize)
}

// start launches the workers.
func (u *uploader) start(ctx context.Context, uploadID string) {
	u.uploadID = uploadID
	u.ctx, u.cancel = context.WithCancelCause(ctx)
	u.jobs = make(chan partJob)
	for range u.concurrency {
		u.wg.Go(u.work)
	}
}

func (u *uploader) work() {
	for job := range u.jobs {
		if u.ctx.Err() == nil {
			p, err := u.c.UploadPart(u.ctx, u.bucket, u.key, u.uploadID, job.number, job.data)
			if err != nil {
				u.fail(err)
			} else {
				u.record(p)
			}
		}
		u.free <- job.buf
	}
}

// record notes a stored part and reports progress.
func (u *uploader) record(p Part) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.parts = append(u.parts, p)
	u.sent += p.Size
	if u.progress != nil {
		u.progress(u.sent)
	}
}

// fail stops the upload with err (the first failure wins).
func (u *uploader) fail(err error) {
	u.mu.Lock()
	if u.err == nil {
		u.err = err
	}
	u.mu.Unlock()
	u.cancel(err)
}

// nextBuffer returns a free buffer, allocating while under the bound, or
// nil once the upload has failed.
func (u *uploader) nextBuffer() []byte {
	select {
	case b := <-u.free:
		return b
	default:
	}
	if u.made < u.concurrency+1 {
		return u.buffer()
	}
	select {
	case b := <-u.free:
		return b
	case <-u.ctx.Done():
		return nil
	}
}

// send hands a part to the workers; false once the upload has failed.
func (u *uploader) send(number int, buf []byte, n int) bool {
	select {
	case u.jobs <- partJob{number: number, data: buf[:n], buf: buf}:
		return true
	case <-u.ctx.Done():
		u.free <- buf
		return false
	}
}

// finish waits for the workers, then completes the upload, or aborts it
// (keep: leaves it) and returns the first failure.
func (u *uploader) finish(ctx context.Context, keep bool) (*PutResult, error) {
	close(u.jobs)
	u.wg.Wait()
	u.mu.Lock()
	err := u.err
	u.mu.Unlock()
	if err == nil && ctx.Err() != nil {
		err = context.Cause(ctx)
	}
	if err == nil {
		slices.SortFunc(u.parts, func(a, b Part) int { return a.Number - b.Number })
		var res *PutResult
		res, err = u.c.CompleteMultipartUpload(u.ctx, u.bucket, u.key, u.uploadID, u.parts)
		if err == nil {
			u.cancel(nil)
			return res, nil
		}
	}
	u.cancel(err)
	if keep {
		return nil, &UploadError{UploadID: u.uploadID, Err: err}
	}
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	if aerr := u.c.AbortMultipartUpload(actx, u.bucket, u.key, u.uploadID); aerr != nil {
		return nil, errors.Join(err, fmt.Errorf("aborting upload %s: %w", u.uploadID, aerr))
	}
	return nil, err
}
