package api

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-resty/resty/v2"
)

// Sentinels wrapped by Error.Err, for errors.Is and the predicates below.
var (
	// ErrUnsupported: the host does not offer the endpoint (restart).
	ErrUnsupported = errors.New("not offered by this API host")
	// ErrOutcomeUnknown: a cancel or restart was sent but no answer came
	// back, so the server may or may not have acted.
	ErrOutcomeUnknown = errors.New("outcome unknown")
	// ErrMalformed: a success response whose body is not the JSON expected.
	ErrMalformed = errors.New("the API sent a malformed response")
	// ErrInternal: a bug in superdash stopped a request's goroutine. It is
	// reported like any failure rather than killing the dashboard.
	ErrInternal = errors.New("internal error in superdash (please report it)")
)

// Error is every failure the client returns, so the UI can tell a wrong
// key from a rate limit from a dead network without parsing text.
type Error struct {
	Op         string // what was attempted: "list jobs of app X", "cancel job 123"
	StatusCode int    // HTTP status; 0 when no response arrived
	Message    string // the API's {"message"} or its raw body, trimmed and bounded
	// Retryable reports a transient failure (429, 502, 503, 504, connection
	// trouble): trying again later may work. The client has already retried
	// it as far as RetryPolicy allows.
	Retryable  bool
	RetryAfter time.Duration // what the API asked us to wait (Retry-After), 0 if nothing
	Err        error         // underlying cause or sentinel, for errors.Is/As

	// summary is the plain-language reason, composed where the client knows
	// the context (key source, host, what a 404 refers to).
	summary string
	// verdict is how the retry loop should treat the failure.
	verdict verdict
}

// verdict classifies a failed attempt for the retry loop.
type verdict int

const (
	final        verdict = iota // retrying cannot help
	notActed                    // the server certainly did nothing (429, 503, no connection): safe to resend anything
	mayHaveActed                // the request may have reached the server (502, 504, dropped connection)
	timedOut                    // no answer in time: for reads reported, for actions the outcome is unknown
	malformed                   // a 2xx with an unreadable body: one more read is worth it
)

func (e *Error) Error() string {
	text := e.summary
	switch {
	case text != "":
	case e.Message != "":
		text = e.Message
	case e.Err != nil:
		text = e.Err.Error()
	case e.StatusCode != 0:
		text = strings.ToLower(http.StatusText(e.StatusCode))
	default:
		text = "failed"
	}
	if e.Op != "" {
		text = e.Op + ": " + text
	}
	if e.StatusCode >= 300 { // a malformed 200 is not news about the status
		text += fmt.Sprintf(" (HTTP %d)", e.StatusCode)
	}
	if e.RetryAfter > 0 {
		text += fmt.Sprintf("; the API asks to wait %s", e.RetryAfter.Round(time.Second))
	}
	return text
}

func (e *Error) Unwrap() error { return e.Err }

// IsNotFound reports a 404 about a thing that does not exist (not a host
// lacking an endpoint, see IsUnsupported).
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && !errors.Is(e.Err, ErrUnsupported)
}

// IsUnauthorized reports a missing, wrong or insufficient API key (401/403).
func IsUnauthorized(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden)
}

// IsUnsupported reports that the host does not offer the endpoint.
func IsUnsupported(err error) bool { return errors.Is(err, ErrUnsupported) }

// IsTimeout reports that an attempt got no answer within Options.Timeout
// (or the caller's deadline passed).
func IsTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// IsConnectionError reports that no connection to the API could be made,
// or that it broke before an answer came: the host is down or out of
// reach. Not a timeout (a slow host is reachable) and not an HTTP status.
func IsConnectionError(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == 0 && !IsCanceled(err) && !IsTimeout(err) &&
		(e.verdict == notActed || e.verdict == mayHaveActed)
}

// IsCanceled reports that the caller's context was cancelled.
func IsCanceled(err error) bool { return errors.Is(err, context.Canceled) }

// IsOutcomeUnknown reports a cancel or restart whose effect is unknown.
func IsOutcomeUnknown(err error) bool { return errors.Is(err, ErrOutcomeUnknown) }

// IsMalformed reports a response body that could not be read.
func IsMalformed(err error) bool { return errors.Is(err, ErrMalformed) }

// IsRetryable reports a transient failure worth trying again later.
func IsRetryable(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Retryable
}

// IsRefused reports that the API answered and declined the request for a
// reason of its own (a 4xx such as 409 "cannot be canceled in status
// COMPLETED", or a host without the endpoint): the request reached it and
// changed nothing. Not a refusal: a rate limit (429, try later), a key
// problem (401/403, fix the key), or an action whose outcome is unknown.
func IsRefused(err error) bool {
	if IsOutcomeUnknown(err) {
		return false
	}
	if IsUnsupported(err) {
		return true
	}
	var e *Error
	return errors.As(err, &e) && e.StatusCode >= 400 && e.StatusCode < 500 &&
		e.StatusCode != http.StatusTooManyRequests && !IsUnauthorized(err)
}

// Reason is why err happened, without the "cancel job X: " its Op puts in
// front, for a line that already says what was attempted. nil has none.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	if op := Operation(err); op != "" {
		text = strings.TrimPrefix(text, op+": ")
	}
	return text
}

// Operation is what was attempted when err happened ("list jobs of app
// X"), or "" when err did not come from the client.
func Operation(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Op
	}
	return ""
}

// maxMessage bounds the API's text in an error: enough for any real
// message, short enough that an HTML error page does not flood the screen.
const maxMessage = 300

// statusError turns a non-2xx response into an Error.
func (c *Client) statusError(req *request, status int, header http.Header, body []byte) *Error {
	e := &Error{Op: req.op, StatusCode: status, Message: c.redact(apiMessage(body))}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		e.summary = c.keyProblem()
	case req.restart && (status == http.StatusNotFound || status == http.StatusMethodNotAllowed):
		// The restart path is not documented publicly: a host that lacks
		// it answers 404 or 405, which must read as "not offered", not as
		// "the job does not exist".
		e.Err = ErrUnsupported
		e.summary = fmt.Sprintf("this API host (%s) does not offer restart", c.Host())
	case status == http.StatusNotFound && req.notFound != "":
		e.summary = req.notFound + " not found"
	case status == http.StatusTooManyRequests:
		e.summary = "the API is limiting how often it may be called"
		e.verdict = notActed
	case status == http.StatusServiceUnavailable:
		e.summary = "the API is unavailable right now"
		e.verdict = notActed
	case status == http.StatusInternalServerError:
		e.summary = "the API failed with an internal error"
	case status == http.StatusBadGateway || status == http.StatusGatewayTimeout:
		// A gateway error says nothing about whether the backend acted.
		e.summary = "the API's gateway could not get an answer from it"
		e.verdict = mayHaveActed
	}
	if e.summary != "" {
		e.summary = withMessage(e.summary, e.Message)
	}
	e.Retryable = e.verdict == notActed || e.verdict == mayHaveActed
	if ra, ok := parseRetryAfter(header.Get("Retry-After"), c.now()); ok {
		e.RetryAfter = ra
	}
	return e
}

// withMessage is summary followed by the API's words, unless they only
// repeat it.
func withMessage(summary, message string) string {
	if message == "" || strings.EqualFold(strings.TrimRight(message, ". "), summary) {
		return summary
	}
	return summary + ": " + message
}

// keyProblem explains a 401/403 naming where the key came from, never the
// key itself.
func (c *Client) keyProblem() string {
	if c.apiKey == "" {
		if c.keySource != "" {
			return "no API key is set (looked in " + c.keySource + ")"
		}
		return "no API key is set"
	}
	from := ""
	if c.keySource != "" {
		from = " from " + c.keySource
	}
	return "the API key" + from + " is missing, wrong or lacks access"
}

// apiMessage is the API's {"message": ...} when the body has one (detail
// and error are accepted too, as proxies and frameworks use them), else
// the raw body, trimmed and bounded.
func apiMessage(body []byte) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil {
		for _, key := range []string{"message", "detail", "error"} {
			var s string
			if json.Unmarshal(obj[key], &s) == nil && strings.TrimSpace(s) != "" {
				return bound(s)
			}
		}
	}
	return bound(string(body))
}

// bound trims s and cuts it to maxMessage bytes on a rune boundary.
func bound(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= maxMessage {
		return s
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// redact removes the API key from text that came from elsewhere (a server
// or proxy echoing the request), so it can never reach the screen or a log.
func (c *Client) redact(s string) string {
	return redactKey(s, c.apiKey)
}

// wholeKeyAlways is the key length from which redactKey takes every
// occurrence: a string that long does not turn up in other words.
const wholeKeyAlways = 16

// redactKey replaces key in s with [redacted]. A key shorter than
// wholeKeyAlways is replaced only where it stands as a word of its own
// (no letter, digit, '-' or '_' on either side): the key "k" is redacted
// from "bad key k" but leaves "lookup" whole.
func redactKey(s, key string) string {
	if key == "" {
		return s
	}
	if len(key) >= wholeKeyAlways {
		return strings.ReplaceAll(s, key, "[redacted]")
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for from := 0; ; {
		i := strings.Index(s[from:], key)
		if i < 0 {
			b.WriteString(s[done:])
			return b.String()
		}
		start, end := from+i, from+i+len(key)
		if (start > 0 && keyChar(s[start-1])) || (end < len(s) && keyChar(s[end])) {
			from = start + 1 // part of a longer word
			continue
		}
		b.WriteString(s[done:start])
		b.WriteString("[redacted]")
		done, from = end, end
	}
}

func keyChar(c byte) bool {
	return c == '-' || c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// errRedirect is returned by the redirect policy; see client.go.
var errRedirect = errors.New("refused a redirect to another host (the API key would travel with it)")

// transportError turns a failed attempt without a usable response into an
// Error. parent is the caller's context, attempt the attempt's own.
func (c *Client) transportError(req *request, parent, attempt context.Context, err error) *Error {
	e := &Error{Op: req.op, Err: err}
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err // the URL is already known to the reader; keep the reason
	}
	var netErr net.Error
	var opErr *net.OpError
	var certErr *tls.CertificateVerificationError
	switch {
	case parent.Err() != nil:
		e.Err = context.Cause(parent)
		e.summary = "stopped: " + e.Err.Error()
		// The request may have been on the wire when the caller gave up.
		e.verdict = mayHaveActedIfSent(req)
	case attempt.Err() == context.DeadlineExceeded || errors.As(err, &netErr) && netErr.Timeout():
		e.Err = fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
		e.summary = fmt.Sprintf("the API did not answer within %s", c.timeout)
		e.verdict = timedOut
	case errors.Is(err, errRedirect), errors.As(err, &certErr), errors.Is(err, resty.ErrResponseBodyTooLarge):
		e.summary = c.redact(cause.Error())
	case errors.As(err, &opErr) && opErr.Op == "dial":
		// Nothing was sent: safe to retry even a cancel.
		e.summary = "could not connect to " + c.hostNamed() + ": " + c.redact(cause.Error())
		e.verdict = notActed
		e.Retryable = true
	default:
		// Reset, EOF mid-body and the like: the request may have arrived.
		e.summary = "the connection to " + c.hostNamed() + " failed: " + c.redact(cause.Error())
		e.verdict = mayHaveActed
		e.Retryable = true
	}
	return e
}

// hostNamed is the host with where it came from, for errors that may mean
// it is the wrong one.
func (c *Client) hostNamed() string {
	if c.hostSource == "" {
		return c.Host()
	}
	return c.Host() + " (host from " + c.hostSource + ")"
}

// mayHaveActedIfSent: a cancelled read is simply over; a cancelled action
// may have reached the server, which the caller must be told.
func mayHaveActedIfSent(req *request) verdict {
	if req.action {
		return mayHaveActed
	}
	return final
}

// malformedError reports a 2xx whose body could not be decoded.
func (c *Client) malformedError(req *request, status int, err error) *Error {
	return &Error{
		Op:         req.op,
		StatusCode: status,
		Err:        fmt.Errorf("%w: %w", ErrMalformed, err),
		summary:    ErrMalformed.Error() + ": " + c.redact(err.Error()),
		verdict:    malformed,
	}
}

// PanicError turns a panic recovered on one of the client's goroutines
// into an error, with the stack, so that a bug costs one request, shown in
// the banner, and not the user's terminal.
func PanicError(recovered any) error {
	return fmt.Errorf("%w: %v\n%s", ErrInternal, recovered, debug.Stack())
}
