package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Submission is the API's answer to a submission of jobs. The SDK
// documents a confirmation message, the batch id of the submission and,
// when one input was sent, the new job's uuid; the exact keys are not
// documented, so each is read under the spellings the API uses elsewhere
// and Raw keeps the answer as it came.
type Submission struct {
	Message string
	BatchID string
	JobUUID string          // only when one input was sent and the API said it
	Raw     json.RawMessage // the body as received; may be empty
}

// Summary says the answer in a line: what was created, and where.
func (s Submission) Summary() string {
	text := s.Message
	if text == "" {
		text = "accepted"
	}
	if s.JobUUID != "" {
		text += "; new job " + s.JobUUID
	}
	if s.BatchID != "" {
		text += "; batch " + s.BatchID
	}
	return text
}

// submitBody is the body the official SDK's create_jobs sends. Metadata and
// callbackUrl are left out when absent, as the SDK does.
type submitBody struct {
	Inputs      []json.RawMessage `json:"inputs"`
	Metadata    json.RawMessage   `json:"metadata,omitempty"`
	CallbackURL string            `json:"callbackUrl,omitempty"`
}

// SubmitJobs creates one job per input in the app, all with the same
// metadata and callback URL (nil metadata or "null", and "", leave them
// out). The request is sent once: it is retried only when the API
// certainly did nothing (429, 503, no connection). When the outcome is
// unknown (timeout, dropped connection, 502/504) the error wraps
// ErrOutcomeUnknown and nothing is resent, since resending could create
// every job twice.
func (c *Client) SubmitJobs(ctx context.Context, appID string, inputs []json.RawMessage, metadata json.RawMessage, callbackURL string) (Submission, error) {
	op := fmt.Sprintf("submit %d jobs to app %s", len(inputs), appID)
	if err := requireID(op, "app id", appID); err != nil {
		return Submission{}, err
	}
	body, err := encodeSubmission(inputs, metadata, callbackURL)
	if err != nil {
		return Submission{}, &Error{Op: op, Err: err, summary: err.Error()}
	}
	var sub Submission
	err = c.do(ctx, &request{
		op:       op,
		method:   http.MethodPost,
		path:     submitPath(appID),
		body:     body,
		notFound: "app " + appID,
		action:   true,
		decode: func(b []byte) error {
			sub = decodeSubmission(b, len(inputs))
			return nil // any 2xx means the jobs were accepted
		},
	})
	if err == nil {
		return sub, nil
	}
	var e *Error
	if errors.As(err, &e) && (e.verdict == mayHaveActed || e.verdict == timedOut) {
		e.Retryable = false // the caller must not resend this either
		e.summary += "; it is not known whether the jobs were created; nothing was sent again"
		e.Err = fmt.Errorf("%w: %w", ErrOutcomeUnknown, e.Err)
	}
	return Submission{}, err
}

// submitPath is where an app's jobs are submitted.
func submitPath(appID string) string { return "apps/" + escape(appID) + "/jobs" }

// encodeSubmission checks the parts and encodes the body.
func encodeSubmission(inputs []json.RawMessage, metadata json.RawMessage, callbackURL string) ([]byte, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no inputs given")
	}
	for i, in := range inputs {
		if !json.Valid(in) {
			return nil, fmt.Errorf("input %d is not JSON", i+1)
		}
	}
	if bytes.Equal(bytes.TrimSpace(metadata), []byte("null")) {
		metadata = nil
	}
	if len(metadata) > 0 && !json.Valid(metadata) {
		return nil, errors.New("the metadata is not JSON")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a URL in an input goes out as written
	if err := enc.Encode(submitBody{Inputs: inputs, Metadata: metadata, CallbackURL: callbackURL}); err != nil {
		return nil, fmt.Errorf("encode the submission: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// decodeSubmission reads what it can of the answer and ignores the rest:
// the jobs were accepted whatever the body holds.
func decodeSubmission(body []byte, inputs int) Submission {
	sub := Submission{Raw: append(json.RawMessage(nil), body...)}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return sub
	}
	sub.Message = firstString(fields, "message", "msg")
	sub.BatchID = firstString(fields, "batchId", "batch_id", "batchUuid")
	if inputs == 1 {
		sub.JobUUID = firstString(fields, "uuid", "jobUuid", "job_uuid", "jobId", "id")
	}
	return sub
}

// firstString is the first of keys present as a string or a number.
func firstString(fields map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
		var n json.Number // only a JSON number decodes into one
		if json.Unmarshal(raw, &n) == nil {
			return n.String()
		}
	}
	return ""
}
