// Package api is the dashboard's only door to super.AI: one method per
// endpoint, typed errors (see Error), and retries that never resend an
// action blindly. It speaks HTTP through resty; nothing else in the
// program does.
package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/go-resty/resty/v2"
)

// Options configures a Client. Only BaseURL is required.
type Options struct {
	// BaseURL is the API root, ending in /v1 (e.g. https://api.super.ai/v1).
	// A trailing slash is dropped so paths join with exactly one.
	BaseURL string
	// APIKey is sent as the API-KEY header. It is never logged, never put
	// in an error and never printed by String.
	APIKey string
	// KeySource names where the key came from ("$SUPERAI_API_KEY",
	// "~/.superai/.secrets.yaml") so a 401 can say where to fix it.
	KeySource string
	// HostSource names where BaseURL came from ("--base-url", "super.AI's
	// CLI environment sandbox …") so a host that cannot be reached says
	// where to change it.
	HostSource string
	// Timeout bounds each attempt (connect, headers and body); default 15s.
	Timeout time.Duration
	Retry   RetryPolicy
	// HTTPClient replaces the default client (tests, proxies). It is copied,
	// not modified: the client installs its own redirect policy on the copy.
	HTTPClient *http.Client
	// Logf, if set, receives one line per attempt (method, path, status,
	// duration) and per retry. Never the key.
	Logf func(format string, args ...any)

	// Hooks for tests; nil means the real thing.
	Sleep  func(ctx context.Context, d time.Duration) error // waits between attempts
	Jitter func(max time.Duration) time.Duration            // picks a backoff in [0, max]
	Now    func() time.Time                                 // clock for Retry-After dates and MaxTotal
}

// String describes the options without the key, so printing them by
// accident (%v in a log line) cannot leak it.
func (o Options) String() string {
	key := "unset"
	if o.APIKey != "" {
		key = "set"
	}
	base := o.BaseURL
	if u, err := url.Parse(base); err == nil {
		base = u.Redacted()
	}
	return fmt.Sprintf("api.Options{BaseURL: %q, APIKey: %s, KeySource: %q, Timeout: %s}", base, key, o.KeySource, o.Timeout)
}

// GoString keeps %#v as safe as %v.
func (o Options) GoString() string { return o.String() }

// Client talks to one super.AI host. It is safe for concurrent use.
type Client struct {
	rc         *resty.Client
	base       *url.URL
	apiKey     string
	keySource  string
	hostSource string
	timeout    time.Duration
	retry      RetryPolicy
	logf       func(format string, args ...any)
	sleep      func(ctx context.Context, d time.Duration) error
	jitter     func(max time.Duration) time.Duration
	now        func() time.Time
	restart    atomic.Int32 // what the host does with POST jobs/{id}/restart: see whyNoRestart
}

// maxBody bounds a response body in memory. A page of 500 jobs with large
// inputs is a few MB; anything near this is a misbehaving server.
const maxBody = 256 << 20

// maxRedirects bounds same-host redirects (a load balancer adding a slash).
const maxRedirects = 5

// New checks opts and returns a client. It does not contact the API.
func New(opts Options) (*Client, error) {
	base, err := parseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	// Keys pasted from files often carry a newline; anything else
	// unprintable would be rejected by net/http on every request.
	key := strings.TrimSpace(opts.APIKey)
	if strings.ContainsFunc(key, unicode.IsControl) {
		src := opts.KeySource
		if src == "" {
			src = "its source"
		}
		return nil, fmt.Errorf("the API key from %s contains control characters", src)
	}
	c := &Client{
		base:       base,
		apiKey:     key,
		keySource:  opts.KeySource,
		hostSource: opts.HostSource,
		timeout:    opts.Timeout,
		retry:      opts.Retry.withDefaults(),
		logf:       opts.Logf,
		sleep:      opts.Sleep,
		jitter:     opts.Jitter,
		now:        opts.Now,
	}
	if c.timeout <= 0 {
		c.timeout = 15 * time.Second
	}
	if c.logf == nil {
		c.logf = func(string, ...any) {}
	}
	if c.sleep == nil {
		c.sleep = Sleep
	}
	if c.jitter == nil {
		c.jitter = fullJitter
	}
	if c.now == nil {
		c.now = time.Now
	}

	hc := &http.Client{}
	if opts.HTTPClient != nil {
		copied := *opts.HTTPClient
		hc = &copied
	}
	if hc.Transport == nil {
		hc.Transport = keepAliveTransport()
	}
	// resty's own retry stays off (RetryCount 0): do() owns retries, so
	// there is exactly one policy and it can tell reads from actions.
	c.rc = resty.NewWithClient(hc).
		SetBaseURL(base.String()).
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", "superdash").
		SetLogger(restyLogger{c}).
		SetRedirectPolicy(resty.RedirectPolicyFunc(sameHostRedirects))
	if key != "" { // no key: send no header, and the 401 says so
		c.rc.SetHeader("API-KEY", key)
	}
	return c, nil
}

// maxIdlePerHost is how many idle connections to the API host are kept for
// reuse: at least as many as requests a paging pass has in flight (at most
// 16, see config's concurrency). net/http keeps 2 by default, so with 4
// pages in flight every page that finished while two connections already
// sat idle closed its own, and the next page paid for a new one.
const maxIdlePerHost = 16

// keepAliveTransport is net/http's default transport, keeping up to
// maxIdlePerHost connections to the API host alive between requests.
func keepAliveTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = maxIdlePerHost
	return t
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		shown := raw
		if err == nil {
			shown = u.Redacted() // a user:password in the URL stays private
		}
		return nil, fmt.Errorf("the API base URL %q is not an absolute http or https URL", shown)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("the API base URL %q must not have a query or fragment", u.Redacted())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// sameHostRedirects follows a few redirects within the API host and refuses
// any other: net/http forwards custom headers such as API-KEY to wherever a
// redirect points, so a cross-host or downgrading redirect would leak it.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", len(via))
	}
	first := via[0].URL
	if !strings.EqualFold(req.URL.Host, first.Host) || (first.Scheme == "https" && req.URL.Scheme != "https") {
		return errRedirect
	}
	return nil
}

// Host is the API host (with port if any), for the dashboard's header.
func (c *Client) Host() string { return c.base.Host }

// String names the host, never the key.
func (c *Client) String() string { return "super.AI client for " + c.base.Redacted() }

// request is one logical call; do() may turn it into several attempts.
type request struct {
	op       string     // what is being done, for messages: "cancel job 123"
	method   string     // http.MethodGet or http.MethodPost
	path     string     // relative to the base URL, ids already escaped
	query    url.Values // nil for none
	body     []byte     // a JSON body; nil for none
	notFound string     // what a 404 refers to: "job 123"
	action   bool       // changes server state: never resent when the server may have acted
	restart  bool       // 404/405 mean the host lacks the endpoint
	// decode reads a 2xx body; an error makes the attempt malformed.
	decode func(body []byte) error
}

func (r *request) logPath() string {
	if len(r.query) == 0 {
		return r.path
	}
	return r.path + "?" + r.query.Encode()
}

// attempt sends req once, under its own timeout, and returns nil on a 2xx
// whose body decode accepted.
func (c *Client) attempt(ctx context.Context, req *request, n int) *Error {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	start := time.Now()
	r := c.rc.R().
		SetContext(actx).
		SetQueryParamsFromValues(req.query).
		SetDoNotParseResponse(true) // readBody reads it, in one buffer

	if req.method == http.MethodPost {
		// Left alone, resty hands net/http a body it cannot measure, and a
		// POST then goes out chunked: a lone "0\r\n\r\n" (or a chunked
		// JSON body) that a server without chunked support reads as a
		// second request. This makes every POST carry Content-Length.
		r.SetContentLength(true)
		if req.body != nil {
			r.SetHeader("Content-Type", "application/json").SetBody(req.body)
		}
	}
	resp, err := r.Execute(req.method, req.path)
	var body []byte
	if err == nil {
		body, err = readBody(resp.RawResponse, maxBody)
	}
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		e := c.transportError(req, ctx, actx, err)
		c.logf("api: %s %s -> failed in %s (attempt %d): %s", req.method, req.logPath(), took, n, e.summary)
		return e
	}
	status := resp.StatusCode()
	c.logf("api: %s %s -> %d in %s (attempt %d, %d bytes)", req.method, req.logPath(), status, took, n, len(body))
	if status < 200 || status > 299 {
		return c.statusError(req, status, resp.Header(), body)
	}
	if req.decode != nil {
		if err := req.decode(body); err != nil {
			return c.malformedError(req, status, err)
		}
	}
	return nil
}

// escape makes an id safe as one path segment: an id holding "/" or "?"
// must not change which endpoint is called.
func escape(id string) string { return url.PathEscape(id) }

// requireID rejects an empty id before it turns "jobs/{id}" into "jobs/".
func requireID(op, what, id string) error {
	if strings.TrimSpace(id) == "" {
		return &Error{Op: op, Err: errors.New("no " + what + " given"), summary: "no " + what + " given"}
	}
	return nil
}

// restyLogger sends resty's own warnings to Logf instead of stderr, which
// would scribble over the terminal UI.
type restyLogger struct{ c *Client }

func (l restyLogger) Errorf(format string, v ...any) { l.log("error", format, v...) }
func (l restyLogger) Warnf(format string, v ...any)  { l.log("warning", format, v...) }
func (l restyLogger) Debugf(format string, v ...any) { l.log("debug", format, v...) }

func (l restyLogger) log(level, format string, v ...any) {
	l.c.logf("%s", l.c.redact("resty "+level+": "+fmt.Sprintf(format, v...)))
}
