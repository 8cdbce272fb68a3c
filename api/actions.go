package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"superdash/model"
)

// CancelJob asks the API to cancel a job and returns the job as it now is.
// It is never resent blindly: see act.
func (c *Client) CancelJob(ctx context.Context, id string) (model.Job, error) {
	return c.act(ctx, id, "cancel", "canceled")
}

// RestartJob asks the API to restart a job and returns the job as it now
// is. The endpoint is not publicly documented: a host without it gives an
// error for which IsUnsupported is true. Never resent blindly: see act.
func (c *Client) RestartJob(ctx context.Context, id string) (model.Job, error) {
	job, err := c.act(ctx, id, "restart", "restarted")
	switch {
	case err == nil:
		c.restart.Store(restartOffered)
	case IsUnsupported(err):
		err = c.whyNoRestart(ctx, id, err)
	}
	return job, err
}

// What the client has learnt of the host's restart path.
const (
	restartUnknown int32 = iota
	restartOffered       // a restart succeeded
	restartMissing       // a 405, or a 404 for a job that exists
)

// whyNoRestart tells apart the two meanings of a 404 to POST
// jobs/{id}/restart, which err is: a host without the path, or a job that
// does not exist (an id typed wrong, a job deleted since it was listed).
// What the host was found to do answers it; until then, the job is read:
// found, the path is missing; not found, the job is. A 405 names the path
// alone.
func (c *Client) whyNoRestart(ctx context.Context, id string, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusNotFound {
		c.restart.Store(restartMissing)
		return err
	}
	switch c.restart.Load() {
	case restartOffered:
		return jobNotFound(e, id)
	case restartMissing:
		return err
	}
	_, gerr := c.GetJob(ctx, id)
	switch {
	case gerr == nil:
		c.restart.Store(restartMissing)
	case IsNotFound(gerr):
		return jobNotFound(e, id)
	}
	return err // the job could not be read: the host's answer stands
}

// jobNotFound is a restart's 404 e read as "the job does not exist".
func jobNotFound(e *Error, id string) *Error {
	nf := &Error{Op: e.Op, StatusCode: e.StatusCode, Message: e.Message}
	nf.summary = withMessage("job "+id+" not found", nf.Message)
	return nf
}

// actionPath is the path of an action on a job: "jobs/{id}/cancel".
func actionPath(id, verb string) string { return jobPath(id) + "/" + verb }

// act sends a state-changing POST. Only failures after which the server
// certainly did nothing (429, 503, no connection) are retried, per
// RetryPolicy. When the outcome is unknown (timeout, dropped connection,
// 502/504) the request is not resent: the job is re-read with GetJob (which
// may retry, reads are safe) and returned together with an error wrapping
// ErrOutcomeUnknown that says what the job's status now is, so the user
// decides with fresh facts.
func (c *Client) act(ctx context.Context, id, verb, done string) (model.Job, error) {
	op := verb + " job " + id
	if err := requireID(op, "job id", id); err != nil {
		return model.Job{}, err
	}
	var body []byte
	err := c.do(ctx, &request{
		op:       op,
		method:   http.MethodPost,
		path:     actionPath(id, verb),
		notFound: "job " + id,
		action:   true,
		restart:  verb == "restart",
		decode: func(b []byte) error {
			body = b
			return nil // any 2xx means the API accepted; the body is only a bonus
		},
	})
	if err == nil {
		if job, derr := model.DecodeJob(body); derr == nil {
			return job, nil
		}
		// Accepted, but the answer is not the job the docs promise: read it.
		job, rerr := c.GetJob(ctx, id)
		if rerr != nil {
			return model.Job{}, fmt.Errorf("%s: the API accepted it, but reading the job back failed: %w", op, rerr)
		}
		return job, nil
	}
	var e *Error
	if !errors.As(err, &e) || (e.verdict != mayHaveActed && e.verdict != timedOut) {
		return model.Job{}, err
	}
	e.Retryable = false // the caller must not resend this either
	e.summary += fmt.Sprintf("; it is not known whether job %s was %s", id, done)
	if ctx.Err() != nil {
		e.Err = fmt.Errorf("%w: %w", ErrOutcomeUnknown, e.Err)
		return model.Job{}, e
	}
	job, rerr := c.GetJob(ctx, id)
	if rerr != nil {
		e.summary += "; reading the job again failed too: " + rerr.Error()
		e.Err = fmt.Errorf("%w: %w", ErrOutcomeUnknown, errors.Join(e.Err, rerr))
		return model.Job{}, e
	}
	e.summary += fmt.Sprintf("; its status is now %s", job.Status)
	e.Err = fmt.Errorf("%w: %w", ErrOutcomeUnknown, e.Err)
	return job, e
}
