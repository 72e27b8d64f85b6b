// Package multicloud is one Go client for JD Cloud, Volcengine and QingCloud.
//
// The core Client in this package signs, sends, retries, rate-limits, logs
// and decodes requests for the provider packages jdcloud, volcengine and
// qingcloud, and for the typed service packages generated beneath them,
// which are what most programs use. Every failure a provider reports comes
// out as one error type, *errors.Error (package
// github.com/multicloud-go/multicloud/errors), whatever the cloud.
//
// One request's path through Client.Do: wait on the rate limiter; then, per
// attempt, retrieve credentials, sign afresh (new time, new JD Cloud nonce),
// send, read the body under a size limit, decode it through the provider's
// decoder, classify the outcome and back off before the next attempt.
package multicloud

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/ratelimit"
	"github.com/multicloud-go/multicloud/signer"
)

// Client sends requests for the provider packages. It is safe for concurrent
// use; build one per provider configuration and share it.
type Client struct {
	httpClient     *http.Client
	handler        Handler
	retry          RetryPolicy
	limiter        ratelimit.Limiter
	logger         *slog.Logger
	endpoint       *url.URL // nil: the provider's public endpoint
	userAgent      string
	maxBodyBytes   int64
	attemptTimeout time.Duration
	allowHTTP      bool
	now            func() time.Time
	logAllow       logAllowList
	account        atomic.Pointer[accountMemo] // the last access key id's AccountTag
	observer       Observer                    // nil: nothing observed
}

// New returns a Client configured by opts. It fails, without sending
// anything, when an option is invalid: an endpoint that does not parse, is
// not absolute, or is plain http without WithInsecureHTTP.
func New(opts ...Option) (*Client, error) {
	o := options{
		retry:          DefaultRetryPolicy(),
		limiter:        ratelimit.Unlimited{},
		logger:         slog.New(slog.DiscardHandler),
		userAgent:      DefaultUserAgent,
		maxBodyBytes:   DefaultMaxResponseBytes,
		attemptTimeout: DefaultAttemptTimeout,
		now:            time.Now,
		logAllow:       defaultLogAllowList(),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	c := &Client{
		httpClient:     o.httpClient,
		retry:          o.retry.withDefaults(),
		limiter:        o.limiter,
		logger:         o.logger,
		userAgent:      o.userAgent,
		maxBodyBytes:   o.maxBodyBytes,
		attemptTimeout: o.attemptTimeout,
		allowHTTP:      o.allowHTTP,
		now:            o.now,
		logAllow:       o.logAllow,
		observer:       o.observer,
	}
	if c.httpClient == nil {
		c.httpClient = &http.Client{Transport: defaultTransport()}
	}
	if o.endpoint != "" {
		u, err := c.ParseEndpoint(o.endpoint)
		if err != nil {
			return nil, err
		}
		c.endpoint = u
	}
	c.handler = noRedirects(c.httpClient).Do
	for i := len(o.middleware) - 1; i >= 0; i-- {
		if o.middleware[i] != nil {
			c.handler = o.middleware[i](c.handler)
		}
	}
	return c, nil
}

// Endpoint returns the endpoint set with WithEndpoint, or nil when requests
// go to the provider's public endpoint. The result is a copy.
func (c *Client) Endpoint() *url.URL {
	if c == nil || c.endpoint == nil {
		return nil
	}
	u := *c.endpoint
	return &u
}

// ParseEndpoint parses an endpoint URL and checks that this client may use
// it: absolute, with a host, https unless WithInsecureHTTP was given, and
// without credentials, query or fragment.
func (c *Client) ParseEndpoint(raw string) (*url.URL, error) {
	if c == nil {
		return nil, errNotCreated("", "", "")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, invalidInput("", "", "", "endpoint does not parse as a URL")
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, invalidInput("", "", "", fmt.Sprintf("endpoint scheme %q is not https", u.Scheme))
	case u.Scheme == "http" && !c.allowHTTP:
		return nil, invalidInput("", "", "", "endpoint is plain http; use WithInsecureHTTP to allow it")
	case u.Host == "":
		return nil, invalidInput("", "", "", "endpoint has no host")
	case u.User != nil:
		return nil, invalidInput("", "", "", "endpoint must not carry user info")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, invalidInput("", "", "", "endpoint must not have a query or fragment")
	}
	return u, nil
}

// errNotCreated is the error of a method called on a Client that New did
// not make (a zero Client{} or a nil *Client), which has no transport,
// limiter or retry policy to use.
func errNotCreated(provider, service, action string) *mcerrors.Error {
	return invalidInput(provider, service, action, "multicloud.Client was not created with multicloud.New")
}

// invalidInput is the error for a call the client refuses before sending
// anything.
func invalidInput(provider, service, action, msg string) *mcerrors.Error {
	return &mcerrors.Error{
		Provider: provider, Service: service, Action: action,
		Kind: mcerrors.KindInvalidArgument, Message: msg,
	}
}

// Do sends req, retrying as the retry policy and the request's safety allow,
// and returns the successful response. Failures the provider reports are
// *errors.Error; transport failures are *TransportError, which wraps the
// underlying error (context.DeadlineExceeded, *net.OpError, ...).
func (c *Client) Do(ctx context.Context, req *Request) (resp *Response, err error) {
	if err := c.check(ctx, req); err != nil {
		return nil, err
	}
	settings := settingsFor(req)
	policy := c.retry
	if settings.retry != nil {
		policy = *settings.retry
		if policy.Budget == nil {
			policy.Budget = c.retry.Budget // a call's own policy still draws on the client's budget
		}
		policy = policy.withDefaults()
	}
	req.Stream.adjust(&policy, &settings)
	ctx, settings.observer = c.startCall(ctx, req)
	defer func() { endCall(ctx, settings.observer, err) }()

	var (
		st       callState
		resigned bool
	)
	for attempt := 1; ; attempt++ {
		// Credentials come before the limiter: the bucket is the account's.
		creds, err := retrieveCredentials(ctx, req.Credentials, settings.observer)
		if err != nil {
			if callerEnded(ctx, err) {
				return nil, c.stopped(ctx, req, attempt-1, err, &st)
			}
			return nil, c.finish(ctx, req, attempt-1, credentialsError(req, err), &st)
		}
		limiter := c.limiter
		if k, ok := limiter.(ratelimit.Keyed); ok {
			limiter = k.For(c.limitKey(req.LimitKey, creds.AccessKeyID))
		}
		observer, _ := limiter.(ratelimit.Observer)
		if err := waitLimiter(ctx, limiter, settings.observer); err != nil {
			if callerEnded(ctx, err) {
				return nil, c.stopped(ctx, req, attempt-1, err, &st)
			}
			return nil, c.finish(ctx, req, attempt-1, limiterError(req, err), &st)
		}
		actx := startAttempt(ctx, settings.observer, attempt)
		out := c.attempt(actx, req, attempt, &settings, creds, &st)
		endAttempt(actx, settings.observer, attempt, &out)
		if out.err == nil {
			policy.succeeded(attempt)
			if observer != nil {
				observer.Observe(false)
			}
			return out.resp, nil
		}
		if out.apiErr != nil && observer != nil {
			observer.Observe(out.apiErr.Kind == mcerrors.KindThrottled)
		}
		st.record(req, out)
		if out.fatal {
			return nil, c.finish(ctx, req, attempt-1, out.err, &st)
		}
		if ctx.Err() != nil {
			return nil, c.finish(ctx, req, attempt, out.err, &st)
		}

		retry, throttled := c.shouldRetry(req, out, &resigned)
		if !retry || attempt >= policy.MaxAttempts {
			return nil, c.finish(ctx, req, attempt, out.err, &st)
		}
		delay := policy.backoff(attempt, throttled)
		if out.apiErr != nil && out.apiErr.RetryAfter > 0 {
			if out.apiErr.RetryAfter > policy.MaxRetryAfter {
				return nil, c.finish(ctx, req, attempt, out.err, &st) // the caller decides whether to wait that long
			}
			delay = max(delay, out.apiErr.RetryAfter)
		}
		cost := retryCost
		if out.timeout {
			cost = timeoutRetryCost
		}
		if !policy.Budget.spend(cost) {
			return nil, c.finish(ctx, req, attempt, joinErrors(out.err, ErrRetryBudgetExhausted), &st)
		}
		c.logRetry(ctx, req, attempt, delay, out)
		observeRetry(ctx, settings.observer, attempt, delay, &out)
		if err := sleep(ctx, delay); err != nil {
			return nil, c.stopped(ctx, req, attempt, err, &st)
		}
	}
}

// check refuses, before anything is sent, a call that cannot succeed.
func (c *Client) check(ctx context.Context, req *Request) error {
	if c == nil || c.handler == nil {
		if req == nil {
			return errNotCreated("", "", "")
		}
		return errNotCreated(req.Provider, req.Service, req.Action)
	}
	if req == nil {
		return invalidInput("", "", "", "nil *Request")
	}
	fail := func(msg string) error { return invalidInput(req.Provider, req.Service, req.Action, msg) }
	switch {
	case ctx == nil:
		return fail("nil context.Context")
	case req.URL == nil:
		return fail("request has no URL")
	case req.URL.Host == "":
		return fail("request URL has no host")
	case req.URL.Scheme != "https" && !(req.URL.Scheme == "http" && c.allowHTTP):
		return fail(fmt.Sprintf("refusing scheme %q: https only unless WithInsecureHTTP is given", req.URL.Scheme))
	case req.Signer == nil:
		return fail("request has no signer")
	case req.Credentials == nil:
		return fail("request has no credentials provider")
	case req.DecodeError == nil:
		return fail("request has no error decoder")
	}
	return nil
}

// outcome is what one attempt produced.
type outcome struct {
	resp    *Response
	err     error           // nil on success
	apiErr  *mcerrors.Error // the provider's answer, when err is one
	written bool            // the whole request may have reached the server
	timeout bool            // the attempt timed out
	fatal   bool            // no retry can help (credentials, signing)
	scrub   *scrubber       // the attempt's secrets, nil before signing
}

func (c *Client) attempt(ctx context.Context, req *Request, attempt int, settings *callSettings, creds signer.Credentials, st *callState) outcome {
	actx := ctx
	timeout := c.attemptTimeout
	if settings.attemptTimeout != nil {
		timeout = *settings.attemptTimeout
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		actx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var wrote atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	})

	hreq, err := c.newHTTPRequest(actx, req, settings.header)
	if err != nil {
		return outcome{err: err, fatal: true}
	}
	if err := req.Stream.attachBody(hreq, st); err != nil {
		return outcome{err: err, fatal: true}
	}
	if err := req.Signer.Sign(hreq, req.Body, creds, c.now()); err != nil {
		if hreq.Body != nil {
			hreq.Body.Close() // a Stream's body, opened for an attempt that is not sent
		}
		return outcome{err: signingError(req, err), fatal: true}
	}
	scrub := newScrubber(req, creds, hreq)
	start := time.Now()
	c.logRequest(ctx, req, hreq, attempt, scrub)

	resp, err := c.handler(hreq)
	if err != nil {
		redactURLError(err, c.logAllow)
		out := outcome{err: err, written: wrote.Load(), timeout: isTimeout(err), scrub: scrub}
		c.logTransportError(ctx, req, attempt, time.Since(start), err, scrub)
		return out
	}
	if out, ok := c.streamedResponse(ctx, req, resp, attempt, time.Since(start), scrub); ok {
		return out
	}
	body, readErr := readBody(resp.Body, bodyLength(hreq, resp), c.maxBodyBytes)
	resp.Body.Close()
	c.logResponse(ctx, req, resp, attempt, time.Since(start), len(body), scrub)
	for _, hook := range settings.onResponse {
		resp.Body = io.NopCloser(bytes.NewReader(body))
		hook(resp)
	}
	if readErr != nil {
		if errors.Is(readErr, errBodyTooLarge) {
			e := &mcerrors.Error{
				Provider: req.Provider, Kind: mcerrors.KindInvalidResponse, StatusCode: resp.StatusCode,
				Message: fmt.Sprintf("response body larger than %d bytes", c.maxBodyBytes),
			}
			return outcome{err: e, apiErr: e, written: true, scrub: scrub}
		}
		redactURLError(readErr, c.logAllow)
		return outcome{err: readErr, written: true, timeout: isTimeout(readErr), scrub: scrub}
	}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		e := c.redirectError(req, resp)
		scrub.Error(e)
		return outcome{err: e, apiErr: e, written: true, scrub: scrub}
	}
	if e := req.DecodeError(resp.StatusCode, resp.Header, body); e != nil {
		scrub.Error(e)
		return outcome{err: e, apiErr: e, written: true, scrub: scrub}
	}
	return outcome{resp: &Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body, Attempts: attempt, scrub: scrub}}
}

// newHTTPRequest builds one attempt's request from the template. Every
// attempt gets its own URL and header copies, which the signer rewrites.
func (c *Client) newHTTPRequest(ctx context.Context, req *Request, extra http.Header) (*http.Request, error) {
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	u := *req.URL
	h := make(http.Header, len(req.Header)+6)
	for k, v := range req.Header {
		h[k] = append([]string(nil), v...)
	}
	for k, v := range extra {
		h[k] = append(h[k], v...)
	}
	if c.userAgent != "" {
		h.Set("User-Agent", c.userAgent)
	}
	hreq, err := http.NewRequestWithContext(ctx, method, "", nil)
	if err != nil {
		return nil, invalidInput(req.Provider, req.Service, req.Action, "invalid HTTP method")
	}
	hreq.URL, hreq.Host, hreq.Header = &u, u.Host, h
	if len(req.Body) > 0 {
		body := req.Body
		hreq.Body = io.NopCloser(bytes.NewReader(body))
		hreq.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		hreq.ContentLength = int64(len(body))
	}
	if !req.ReadOnly && transportReplays(method) {
		// net/http's Transport sends a GET again on its own when a reused
		// connection breaks before the answer begins, although the server
		// may have acted on the first copy. QingCloud and Volcengine mutate
		// with GET (RunInstances), so a mutation must not look replayable
		// to it: a body it cannot rewind (no GetBody) makes it leave the
		// decision to Do, which knows whether sending again is safe.
		if hreq.Body == nil {
			hreq.Body = noReplayBody{}
		} else {
			hreq.GetBody = nil
		}
	}
	return hreq, nil
}

// transportReplays reports whether net/http's Transport takes requests of
// method for idempotent and may send them again by itself.
func transportReplays(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

// noReplayBody is the empty body of a mutation sent with GET: not
// replayable, and empty, so nothing more is sent (net/http finds it empty
// and sends no body; should that check be slow, it frames the empty body as
// chunked).
type noReplayBody struct{}

func (noReplayBody) Read([]byte) (int, error) { return 0, io.EOF }
func (noReplayBody) Close() error             { return nil }

// shouldRetry decides whether a failed attempt may be sent again, and
// whether the wait should be a throttling one. A mutation that may have
// been processed is sent again only with an idempotency token, the same one
// on every attempt (it is part of the body or query): the server then
// applies it at most once.
func (c *Client) shouldRetry(req *Request, out outcome, resigned *bool) (retry, throttled bool) {
	repeatable := req.ReadOnly || req.Idempotent || req.IdempotencyToken != ""
	if e := out.apiErr; e != nil {
		switch {
		case e.Kind == mcerrors.KindThrottled:
			return true, true // refused before processing: safe for any call
		case req.RetrySigned != nil && !*resigned && req.RetrySigned(e):
			*resigned = true
			return true, false // refused for its time stamp: re-signed, once
		case e.Kind == mcerrors.KindUnavailable:
			return repeatable, false // a mutation may have been applied
		}
		return false, false
	}
	// A transport failure: retry what never reached the server, and what
	// may be repeated.
	return !out.written || repeatable, false
}

// succeeded refills the retry budget after a successful call.
func (p RetryPolicy) succeeded(attempts int) {
	if attempts == 1 {
		p.Budget.refund(successRefund)
	} else {
		p.Budget.refund(retryCost * (attempts - 1))
	}
}

// finish completes a failed call's error with what the core knows: the
// provider's errors get the call's names, the attempt count and whether the
// mutation may have been processed; anything else from the transport is
// wrapped in a *TransportError.
func (c *Client) finish(ctx context.Context, req *Request, attempts int, err error, st *callState) error {
	var e *mcerrors.Error
	switch {
	case errors.As(err, &e):
		st.complete(req, e, attempts)
	case attempts > 0:
		err = &TransportError{Provider: req.Provider, Service: req.Service, Action: req.Action,
			Attempts: attempts, Err: err, callerEnded: ctx.Err() != nil,
			mayHaveSucceeded: st.mayHaveSucceeded, idempotent: repeatSafe(req), scrub: st.scrub}
	}
	c.logFailure(ctx, req, err)
	return err
}

// stopped is the error of a call whose context ended while it waited for
// credentials, the limiter or a backoff. The context's error comes first, so
// errors.Is finds context.DeadlineExceeded; the last attempt's error, if
// any, is kept too, completed as finish would have.
func (c *Client) stopped(ctx context.Context, req *Request, attempts int, ctxErr error, st *callState) error {
	err := ctxErr
	if st.last != nil {
		var e *mcerrors.Error
		if errors.As(st.last, &e) {
			st.complete(req, e, attempts)
		}
		err = joinErrors(ctxErr, st.last)
	}
	err = &TransportError{Provider: req.Provider, Service: req.Service, Action: req.Action,
		Attempts: attempts, Err: err, callerEnded: true,
		mayHaveSucceeded: st.mayHaveSucceeded, idempotent: repeatSafe(req), scrub: st.scrub}
	c.logFailure(ctx, req, err)
	return err
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
