package multicloud

import (
	"fmt"
	"net/http"
	"net/url"

	mcerrors "github.com/multicloud-go/multicloud/errors"
)

// noRedirects returns a copy of hc that never follows a redirect: it hands
// the 3xx back as the response. No provider API redirects, and following
// one would send the signed headers (session tokens) and, on 307 and 308,
// the whole body (passwords) to wherever the Location points, perhaps over
// plain http. The caller's client is left as it was; the copy shares its
// Transport, Jar and Timeout.
func noRedirects(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// redirectError is the error for a 3xx answer: KindInvalidResponse, naming
// where it pointed with the Location's query values redacted (a Location
// may carry a copy of the signed query).
func (c *Client) redirectError(req *Request, resp *http.Response) *mcerrors.Error {
	where := "no Location"
	if loc := resp.Header.Get("Location"); loc != "" {
		base := &url.URL{}
		if resp.Request != nil && resp.Request.URL != nil {
			base = resp.Request.URL
		}
		if u, err := base.Parse(loc); err == nil {
			where = "Location " + c.logAllow.url(u)
		} else {
			where = "an unparsable Location"
		}
	}
	return &mcerrors.Error{
		Provider: req.Provider, Kind: mcerrors.KindInvalidResponse, StatusCode: resp.StatusCode,
		Message: fmt.Sprintf("unexpected redirect (HTTP %d) to %s; not followed: a signed call is never redirected", resp.StatusCode, where),
	}
}
