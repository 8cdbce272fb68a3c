package api

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds how hard one call tries. Zero fields take the defaults.
type RetryPolicy struct {
	MaxAttempts int           // attempts per call, the first included; default 4
	BaseDelay   time.Duration // backoff before the second attempt, doubled after each; default 500ms
	MaxDelay    time.Duration // longest single wait, backoff or Retry-After; default 10s
	// MaxTotal bounds the waiting: no wait is started that would end more
	// than MaxTotal after the call began, so a call lasts at most MaxTotal
	// plus one attempt's Timeout. Default 30s.
	MaxTotal time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 10 * time.Second
	}
	if p.MaxTotal <= 0 {
		p.MaxTotal = 30 * time.Second
	}
	return p
}

// backoffCap is the upper bound of the wait after the given failed attempt
// (1-based): BaseDelay doubled per attempt, never above MaxDelay.
func (p RetryPolicy) backoffCap(attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// fullJitter picks a wait in [0, max]: "full jitter" spreads clients that
// failed together so they do not come back together.
func fullJitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max) + 1))
}

// Sleep waits d or until ctx ends, whichever is first, and then returns
// nil or the cause of ctx's end: the pause between two attempts of the
// client, and between two polls of superdash watch.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}

// parseRetryAfter reads a Retry-After header in either form RFC 9110
// allows: delay-seconds or an HTTP date (relative to now). A date in the
// past means "now" (0, true); anything unreadable is ignored (false).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// Clamp absurd values before they overflow a Duration.
		const maxSecs = int64(24 * time.Hour / time.Second)
		return time.Duration(min(secs, maxSecs)) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// do runs req until it succeeds or the policy says stop. It retries only
// what cannot make things worse:
//   - notActed failures (429, 503, no connection) for every request;
//   - mayHaveActed failures (502, 504, a connection that dropped) for reads
//     only: resending a cancel or restart the server may already have
//     carried out is not ours to decide, the caller re-reads the job;
//   - a malformed success body once, for reads, since a body cut short by a
//     proxy looks exactly like that and the next read is usually whole.
//
// Timeouts are not retried: a slow server is not helped by more requests,
// and the dashboard polls again on its own.
func (c *Client) do(ctx context.Context, req *request) error {
	deadline := c.now().Add(c.retry.MaxTotal)
	retriedMalformed := false
	for attempt := 1; ; attempt++ {
		e := c.attempt(ctx, req, attempt)
		if e == nil {
			return nil
		}
		retry := false
		switch e.verdict {
		case notActed:
			retry = true
		case mayHaveActed:
			retry = !req.action
		case malformed:
			retry = !req.action && !retriedMalformed
			retriedMalformed = true
		}
		if !retry || attempt >= c.retry.MaxAttempts {
			return e
		}
		wait := c.jitter(c.retry.backoffCap(attempt))
		if e.RetryAfter > 0 {
			// Never come back earlier than asked. If the wait is longer than
			// we are prepared to block, hand it to the caller (RetryAfter
			// says how long) instead of shortening it.
			if e.RetryAfter > c.retry.MaxDelay {
				return e
			}
			wait = e.RetryAfter
		}
		if c.now().Add(wait).After(deadline) {
			return e
		}
		c.logf("api: %s %s: retrying in %s after: %v", req.method, req.logPath(), wait, e)
		if err := c.sleep(ctx, wait); err != nil {
			return &Error{Op: req.op, Err: err, summary: "stopped: " + err.Error()}
		}
	}
}
