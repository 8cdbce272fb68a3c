package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// submission is the body of POST apps/{id}/jobs, as the SDK's create_jobs
// sends it. Fields stay raw so each can be checked and kept as written.
type submission struct {
	Inputs      json.RawMessage `json:"inputs"`
	Metadata    json.RawMessage `json:"metadata"`
	CallbackURL *string         `json:"callbackUrl"`
}

// submitAnswer is what the simulator answers a submission: the SDK's
// confirmation message, the batch id and, for one input, the job's uuid.
type submitAnswer struct {
	Message string `json:"message"`
	BatchID string `json:"batchId"`
	UUID    string `json:"uuid,omitempty"`
}

// submitJobs creates one job per input in a new batch of the app. The
// jobs then move like every other job. A body the API would refuse is
// answered 400 with the reason and changes nothing.
func (s *Server) submitJobs(args []string, _ url.Values, body []byte) response {
	a, resp, found := s.app(args[0])
	if !found {
		return resp
	}
	inputs, sub, bad := parseSubmission(body)
	if bad != "" {
		return fail(http.StatusBadRequest, "%s", bad)
	}
	b := s.world.newSubmittedBatch(a, s.world.now, sub, len(inputs))
	jobs := make([]*job, len(inputs))
	for i, in := range inputs {
		jobs[i] = s.world.newJob(b, s.world.now, i)
		jobs[i].input = in
		jobs[i].jobType = "DEFAULT"
		jobs[i].tags = nil
		s.world.plan(jobs[i], s.world.now)
	}
	answer := submitAnswer{Message: fmt.Sprintf("%d jobs created", len(jobs)), BatchID: b.id}
	if len(jobs) == 1 {
		answer.Message = "1 job created"
		answer.UUID = jobs[0].uuid
	}
	return reply(mustJSON(answer))
}

// parseSubmission checks a submission's body; bad is the reason it is
// refused, "" when it is not.
func parseSubmission(body []byte) (inputs []json.RawMessage, sub submission, bad string) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, sub, "the body is empty: send {\"inputs\": [...]}"
	}
	if err := json.Unmarshal(body, &sub); err != nil {
		return nil, sub, "the body is not a JSON object: " + err.Error()
	}
	raw := bytes.TrimSpace(sub.Inputs)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, sub, "inputs: missing (a list with one input per job)"
	}
	if raw[0] != '[' || json.Unmarshal(raw, &inputs) != nil {
		return nil, sub, "inputs: not a list (a list with one input per job)"
	}
	if len(inputs) == 0 {
		return nil, sub, "inputs: empty (a list with one input per job)"
	}
	if m := bytes.TrimSpace(sub.Metadata); len(m) > 0 && m[0] != '{' && !bytes.Equal(m, []byte("null")) {
		return nil, sub, "metadata: not an object"
	}
	return inputs, sub, ""
}

// newSubmittedBatch records a submission as a batch of a: all its rows
// valid, its metadata and callback as sent.
func (w *world) newSubmittedBatch(a *app, at time.Time, sub submission, n int) *batch {
	b := w.newBatch(a, at, n)
	b.rows, b.invalid, b.tags = n, nil, nil
	b.fileName, b.callbackURL = "", ""
	if sub.CallbackURL != nil {
		b.callbackURL = *sub.CallbackURL
	}
	b.metadata = sub.Metadata
	b.submitted = true
	return b
}
