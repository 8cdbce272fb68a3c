package jobaction

import (
	"context"
	"errors"
	"fmt"
	"time"

	"superdash/api"
	"superdash/journal"
	"superdash/model"
)

// Env is what sending an action needs.
type Env struct {
	Client  *api.Client
	Journal *journal.Journal
	Now     func() time.Time
	App     string // the app's id, as the journal records it; may be ""
}

// Result is how one action on one job ended.
type Result struct {
	Action  *Action
	App     string
	Key     string    // the job's id or uuid, as it was asked for
	Outcome string    // a journal.Outcome…
	Job     model.Job // as the API now has it; zero when it could not be read
	Err     error
	// Unrecorded is why the journal could not record the request before
	// it was to go out; it was then not sent.
	Unrecorded error
	// JournalErr is why the journal could not record the action, if so.
	JournalErr error
}

// Send records that a is about to be sent to the job, sends it once,
// reads the job again, and records how it ended. The request goes out
// only once the journal holds it (written and synced), so that no crash
// can leave the API with an action the journal lacks; if the journal
// cannot record it, nothing is sent. Without a journal file (no home
// directory) it acts all the same, and the result says it was not
// recorded.
//
// A bug that panics here is reported as the action's outcome, unknown
// (the request may have gone out), instead of killing the program from a
// goroutine no crash guard can see.
func Send(ctx context.Context, e Env, a *Action, key string) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Action: a, App: e.App, Key: key, Outcome: journal.OutcomeUnknown, Err: api.PanicError(r)}
		}
	}()
	req := journal.Request{Time: e.Now(), Host: e.Client.Host(), App: e.App, JobID: key, Action: a.Name}
	entry, journalErr := e.Journal.Sending(req)
	if journalErr != nil && !errors.Is(journalErr, journal.ErrNoPath) {
		return Result{
			Action: a, App: e.App, Key: key, Outcome: journal.OutcomeFailed, Unrecorded: journalErr,
			Err: fmt.Errorf("nothing sent: the journal could not record it first: %w", journalErr),
		}
	}
	job, err := a.Send(e.Client, ctx, key)
	res = Result{Action: a, App: e.App, Key: key, Outcome: Classify(err), Err: err}
	switch res.Outcome {
	case journal.OutcomeDone, journal.OutcomeFailed:
		// Read the job again: the caller must show what the API now
		// says, not what the answer implied. A refusal changed nothing,
		// and after an unknown outcome the client has already read it.
		if again, rerr := e.Client.GetJob(ctx, key); rerr == nil {
			job = again
		}
	}
	res.Job = job
	if journalErr == nil {
		journalErr = e.Journal.Outcome(entry, req, journal.Result{
			Time:    e.Now(),
			Outcome: res.Outcome,
			Status:  string(job.Status),
			Message: api.Reason(res.Err),
		})
	}
	res.JournalErr = journalErr
	return res
}

// Classify sorts an action's error into the journal's outcomes.
func Classify(err error) string {
	switch {
	case err == nil:
		return journal.OutcomeDone
	case api.IsOutcomeUnknown(err):
		return journal.OutcomeUnknown
	case api.IsRefused(err):
		return journal.OutcomeRefused // the API said no, and why
	}
	return journal.OutcomeFailed
}

// EndsRun reports whether a result means every other request of a run
// would end the same way, so the run should stop: the host lacks the
// action or refuses the key, or the journal could not record the request.
func (r Result) EndsRun() bool {
	return api.IsUnsupported(r.Err) || api.IsUnauthorized(r.Err) || r.Unrecorded != nil
}
