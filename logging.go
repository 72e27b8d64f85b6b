package multicloud

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	mcerrors "github.com/multicloud-go/multicloud/errors"
	"github.com/multicloud-go/multicloud/internal/percent"
)

// redacted replaces every logged value that is not on an allow-list.
const redacted = "REDACTED"

// logAllowList names the headers and query parameters whose values may be
// logged. Everything else is logged as REDACTED, and the names in
// neverLogged stay redacted even when allowed.
type logAllowList struct {
	headers map[string]bool // canonical header names
	params  map[string]bool // exact parameter names
}

// Headers and parameters that say what a call was without revealing
// credentials, signatures or caller data, for all three clouds.
var (
	defaultLoggedHeaders = []string{
		"Accept", "Content-Length", "Content-Type", "Date", "Retry-After", "User-Agent",
		"X-Content-Sha256", "X-Date", "X-Jdcloud-Date", "X-Jdcloud-Nonce", "X-Jdcloud-Request-Id",
		"X-Request-Id", "X-Tt-Logid",
	}
	defaultLoggedParams = []string{
		"Action", "Version", "action", "version", "zone", "regionId",
		"Limit", "Offset", "MaxResults", "PageNumber", "PageSize", "NeedRecordNum", "BillPeriod",
		"limit", "offset", "pageNumber", "pageSize", "verbose",
		"signature_method", "signature_version", "time_stamp",
	}
)

// neverLoggedStems mark names whose values are secrets whatever an
// allow-list says: matched case-insensitively anywhere in the name.
var neverLoggedStems = []string{
	"authorization", "secret", "token", "passw", "access_key", "accesskey", "credential", "security", "cookie",
}

func defaultLogAllowList() logAllowList {
	return logAllowList{}.with(defaultLoggedHeaders, defaultLoggedParams)
}

// with returns a copy of l that also allows the given names.
func (l logAllowList) with(headers, params []string) logAllowList {
	n := logAllowList{headers: map[string]bool{}, params: map[string]bool{}}
	for k := range l.headers {
		n.headers[k] = true
	}
	for k := range l.params {
		n.params[k] = true
	}
	for _, h := range headers {
		n.headers[http.CanonicalHeaderKey(h)] = true
	}
	for _, p := range params {
		n.params[p] = true
	}
	return n
}

// secretName reports whether a header or parameter name carries a secret.
func secretName(name string) bool {
	lower := strings.ToLower(name)
	if lower == "signature" {
		return true
	}
	for _, stem := range neverLoggedStems {
		if strings.Contains(lower, stem) {
			return true
		}
	}
	return false
}

// headerValue returns the loggable form of a header's values.
func (l logAllowList) headerValue(name string, values []string) string {
	if !l.headers[http.CanonicalHeaderKey(name)] || secretName(name) {
		return redacted
	}
	return strings.Join(values, ", ")
}

// url returns u with the values of parameters not on the allow-list
// replaced by REDACTED. A query that does not parse is dropped whole.
func (l logAllowList) url(u *url.URL) string {
	if u == nil {
		return ""
	}
	safe := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
	if u.RawQuery == "" {
		return safe.String()
	}
	pairs, err := percent.ParseQuery(nil, u.RawQuery)
	if err != nil {
		return safe.String() + "?" + redacted
	}
	for i := range pairs {
		if !l.params[pairs[i].Key] || secretName(pairs[i].Key) {
			pairs[i].Value = redacted
		}
	}
	return safe.String() + "?" + string(percent.AppendQuery(nil, pairs))
}

// headersAttr returns the loggable form of h, names sorted, with the
// attempt's secrets scrubbed; hideHash redacts body-hash headers too.
func (l logAllowList) headersAttr(h http.Header, scrub *scrubber, hideHash bool) slog.Attr {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	attrs := make([]any, 0, len(names))
	for _, k := range names {
		v := l.headerValue(k, h[k])
		if hideHash && bodyHashHeader(k) {
			v = redacted
		}
		attrs = append(attrs, slog.String(k, scrub.String(v)))
	}
	return slog.Group("headers", attrs...)
}

// redactURLError replaces the URL inside a *url.Error, which net/http puts
// into the text of every transport error, with its redacted form: a
// QingCloud URL carries access_key_id and signature in its query.
func redactURLError(err error, l logAllowList) {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			ue.URL = l.url(u)
		} else {
			ue.URL = redacted
		}
	}
}

func (c *Client) debugEnabled(ctx context.Context) bool {
	return c.logger.Enabled(ctx, slog.LevelDebug)
}

func callAttrs(req *Request, attempt int) []slog.Attr {
	return []slog.Attr{
		slog.String("provider", req.Provider), slog.String("service", req.Service),
		slog.String("action", req.Action), slog.Int("attempt", attempt),
	}
}

func (c *Client) logRequest(ctx context.Context, req *Request, hreq *http.Request, attempt int, scrub *scrubber) {
	if !c.debugEnabled(ctx) {
		return
	}
	// A body hash of a body with a secret lets a guess of the secret be
	// checked offline: none is logged then.
	hideHash := len(req.Secrets) > 0
	attrs := append(callAttrs(req, attempt),
		slog.String("method", hreq.Method),
		slog.String("url", scrub.String(c.logAllow.url(hreq.URL))),
		c.logAllow.headersAttr(hreq.Header, scrub, hideHash),
		slog.Int("body_bytes", len(req.Body)))
	c.logger.LogAttrs(ctx, slog.LevelDebug, "multicloud request", attrs...)
}

func (c *Client) logResponse(ctx context.Context, req *Request, resp *http.Response, attempt int, took time.Duration, n int, scrub *scrubber) {
	if !c.debugEnabled(ctx) {
		return
	}
	attrs := append(callAttrs(req, attempt),
		slog.Int("status", resp.StatusCode),
		slog.Duration("duration", took),
		c.logAllow.headersAttr(resp.Header, scrub, false),
		slog.Int("body_bytes", n))
	c.logger.LogAttrs(ctx, slog.LevelDebug, "multicloud response", attrs...)
}

func (c *Client) logTransportError(ctx context.Context, req *Request, attempt int, took time.Duration, err error, scrub *scrubber) {
	if !c.debugEnabled(ctx) {
		return
	}
	attrs := append(callAttrs(req, attempt), slog.Duration("duration", took), slog.String("error", oneLine(scrub.String(err.Error()))))
	c.logger.LogAttrs(ctx, slog.LevelDebug, "multicloud transport error", attrs...)
}

func (c *Client) logRetry(ctx context.Context, req *Request, attempt int, delay time.Duration, out outcome) {
	if !c.logger.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := append(callAttrs(req, attempt), slog.Duration("delay", delay))
	if out.apiErr != nil {
		attrs = append(attrs, slog.String("kind", out.apiErr.Kind.String()), slog.String("code", out.apiErr.Code))
	} else {
		attrs = append(attrs, slog.String("error", oneLine(out.scrub.String(out.err.Error()))))
	}
	c.logger.LogAttrs(ctx, slog.LevelInfo, "multicloud retry", attrs...)
}

func (c *Client) logFailure(ctx context.Context, req *Request, err error) {
	if !c.logger.Enabled(ctx, slog.LevelWarn) {
		return
	}
	attrs := callAttrs(req, 0)[:3]
	var e *mcerrors.Error
	if errors.As(err, &e) {
		attrs = append(attrs, slog.Any("error", e)) // *errors.Error is a LogValuer
	} else {
		attrs = append(attrs, slog.String("error", oneLine(err.Error())))
	}
	c.logger.LogAttrs(ctx, slog.LevelWarn, "multicloud call failed", attrs...)
}

// bodyHashHeader reports whether a header carries a hash of the body
// (Volcengine's X-Content-Sha256, Content-MD5, ...).
func bodyHashHeader(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "sha256") || strings.Contains(lower, "md5") || strings.Contains(lower, "content-hash")
}

// oneLine replaces line breaks, so that one log value is one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
