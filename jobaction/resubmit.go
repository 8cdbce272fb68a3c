package jobaction

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"superdash/api"
	"superdash/journal"
	"superdash/model"
)

// Resubmit names a resubmission for the journal and for people. It is
// not sent through Send: ResubmitJobs sends jobs together, in one request
// per submission, not one per job.
var Resubmit = &Action{
	Name:        "resubmit",
	Title:       "Resubmit",
	Past:        "resubmitted",
	Progressive: "Resubmitting",
	InFlight:    "resubmitting…",
	Allows:      func(model.Status) bool { return true },
	Allowed:     "any status",
	Adjective:   "resubmittable",
	Consequence: func(n int) string {
		if n == 1 {
			return "The API will be asked to create a new job with the input, metadata and callback of this job."
		}
		return "The API will be asked to create new jobs with the input, metadata and callback of these jobs."
	},
}

// Submission is jobs that go out in one request: one app, and the one
// metadata and callback URL a request carries.
type Submission struct {
	App         string
	Metadata    json.RawMessage
	CallbackURL string
	Jobs        []model.Job
}

// Inputs are the jobs' inputs, in order.
func (s Submission) Inputs() []json.RawMessage {
	inputs := make([]json.RawMessage, len(s.Jobs))
	for i := range s.Jobs {
		inputs[i] = s.Jobs[i].Input()
	}
	return inputs
}

// Call describes the request that submits s.
func (s Submission) Call(c *api.Client) (api.Call, error) {
	return c.SubmitCall(s.App, s.Inputs(), s.Metadata, s.CallbackURL)
}

// GroupSubmissions groups jobs into as few submissions as keep each job's
// metadata and callback unchanged: one per app when the jobs of an app
// share them, as the jobs of one upload do. Groups keep the jobs' order.
func GroupSubmissions(jobs []model.Job) []Submission {
	var subs []Submission
	index := map[string]int{}
	for _, j := range jobs {
		meta := compact(j.Metadata())
		key := fmt.Sprintf("%q %q %q", j.AppID, meta, j.CallbackURL)
		i, ok := index[key]
		if !ok {
			i = len(subs)
			index[key] = i
			subs = append(subs, Submission{App: j.AppID, Metadata: meta, CallbackURL: j.CallbackURL})
		}
		subs[i].Jobs = append(subs[i].Jobs, j)
	}
	return subs
}

// compact is raw JSON without insignificant space, so that two equal
// metadata group together however the API spaced them.
func compact(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

// ResubmitJobs sends one submission with the journal written ahead: a
// "sending" line per job (by the original job's id) before the request,
// and, once the answer is in, an outcome line per job with what the API
// answered. If the journal cannot record every job first, nothing is
// sent. The request is sent once (see api.Client.SubmitJobs). Each job
// gets its Result; Answer holds what the API said.
func ResubmitJobs(ctx context.Context, e Env, sub Submission) (results []Result, answer api.Submission) {
	reqs := make([]journal.Request, len(sub.Jobs))
	entries := make([]string, len(sub.Jobs))
	var unrecorded error
	for i := range sub.Jobs {
		reqs[i] = journal.Request{Time: e.Now(), Host: e.Client.Host(), App: sub.App, JobID: sub.Jobs[i].Key(), Action: Resubmit.Name}
		var err error
		entries[i], err = e.Journal.Sending(reqs[i])
		if err != nil && !errors.Is(err, journal.ErrNoPath) && unrecorded == nil {
			unrecorded = err
		}
	}
	results = make([]Result, len(sub.Jobs))
	for i := range sub.Jobs {
		results[i] = Result{Action: Resubmit, App: sub.App, Key: sub.Jobs[i].Key(), Job: sub.Jobs[i]}
	}
	if unrecorded != nil {
		// Lines already written say "sending" for a request that never
		// went: their outcome says so.
		err := fmt.Errorf("nothing sent: the journal could not record it first: %w", unrecorded)
		for i := range results {
			results[i].Outcome, results[i].Err, results[i].Unrecorded = journal.OutcomeFailed, err, unrecorded
			if entries[i] != "" {
				_ = e.Journal.Outcome(entries[i], reqs[i], journal.Result{Time: e.Now(), Outcome: journal.OutcomeFailed, Message: err.Error()})
			}
		}
		return results, api.Submission{}
	}
	answer, err := e.Client.SubmitJobs(ctx, sub.App, sub.Inputs(), sub.Metadata, sub.CallbackURL)
	message := api.Reason(err)
	if err == nil {
		message = answer.Summary()
	}
	for i := range results {
		results[i].Outcome, results[i].Err = Classify(err), err
		if entries[i] == "" {
			results[i].JournalErr = journal.ErrNoPath
			continue
		}
		results[i].JournalErr = e.Journal.Outcome(entries[i], reqs[i], journal.Result{Time: e.Now(), Outcome: results[i].Outcome, Message: message})
	}
	return results, answer
}
