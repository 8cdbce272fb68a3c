package actions

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"superdash/api"
	"superdash/journal"
	"superdash/model"
)

// env is what sending an action needs, copied out of the component so
// that a command never touches the model.
type env struct {
	client  *api.Client
	journal *journal.Journal
	now     func() time.Time
	app     string // the app's id
}

// result is how one action on one job ended.
type result struct {
	action  *Action
	app     string
	key     string
	outcome string    // a journal.Outcome…
	job     model.Job // as the API now has it; zero when it could not be read
	err     error
	// unrecorded is why the journal could not record the request before
	// it was to go out; it was then not sent.
	unrecorded error
	// journalErr is why the journal could not record the action, if so.
	journalErr error
}

// send records that a is about to be sent to the job, sends it once,
// reads the job again, and records how it ended. It runs in a command,
// never in Update. The request goes out only once the journal holds it
// (written and synced), so that no crash can leave the API with an
// action the journal lacks; if the journal cannot record it, nothing is
// sent. A dashboard without a journal file (no home directory) acts all
// the same, and each result says it was not recorded.
//
// A bug that panics here is reported as the action's outcome, unknown
// (the request may have gone out), instead of killing the dashboard from
// a goroutine the crash guard cannot see.
func send(ctx context.Context, e env, a *Action, key string) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{action: a, app: e.app, key: key, outcome: journal.OutcomeUnknown, err: api.PanicError(r)}
		}
	}()
	req := journal.Request{Time: e.now(), Host: e.client.Host(), App: e.app, JobID: key, Action: a.Name}
	entry, journalErr := e.journal.Sending(req)
	if journalErr != nil && !errors.Is(journalErr, journal.ErrNoPath) {
		return result{
			action: a, app: e.app, key: key, outcome: journal.OutcomeFailed, unrecorded: journalErr,
			err: fmt.Errorf("nothing sent: the journal could not record it first: %w", journalErr),
		}
	}
	job, err := a.Send(e.client, ctx, key)
	res = result{action: a, app: e.app, key: key, outcome: classify(err), err: err}
	switch res.outcome {
	case journal.OutcomeDone, journal.OutcomeFailed:
		// Read the job again: the row must show what the API now says,
		// not what the answer implied. A refusal changed nothing, and
		// after an unknown outcome the client has already read it.
		if again, rerr := e.client.GetJob(ctx, key); rerr == nil {
			job = again
		}
	}
	res.job = job
	if journalErr == nil {
		journalErr = e.journal.Outcome(entry, req, journal.Result{
			Time:    e.now(),
			Outcome: res.outcome,
			Status:  string(job.Status),
			Message: api.Reason(res.err),
		})
	}
	res.journalErr = journalErr
	return res
}

// classify sorts an action's error into the journal's outcomes.
func classify(err error) string {
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

// groupReason is the reason with the job's id taken out, so that the same
// refusal of many jobs counts as one reason in a summary.
func (r result) groupReason() string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(r.key) + `\b`)
	return re.ReplaceAllLiteralString(api.Reason(r.err), idPlaceholder)
}

// idPlaceholder stands for the job's id in a reason shared by many jobs.
const idPlaceholder = "<id>"

// aJob is the job's name in a reason ("Job 12 cannot be ...") and its id.
var aJob = regexp.MustCompile(`(?i)\bjob ` + regexp.QuoteMeta(idPlaceholder) + ` *`)

// shownReason is a grouped reason in the API's words for the summary,
// which lists the jobs under it: "Job <id> cannot be canceled ..." reads
// "cannot be canceled ...", and an id elsewhere "this job".
func shownReason(reason string) string {
	reason = aJob.ReplaceAllLiteralString(reason, "")
	return strings.ReplaceAll(reason, idPlaceholder, "this job")
}

// notice is the one line that reports a single action.
func (r result) notice() string {
	var text string
	switch r.outcome {
	case journal.OutcomeDone:
		text = fmt.Sprintf("job %s %s", r.key, r.action.Past)
		if r.job.Status != "" {
			text += ": now " + string(r.job.Status)
		}
	case journal.OutcomeUnknown:
		// Short enough for one line; the journal keeps the client's
		// full account.
		cause := "the connection failed"
		if api.IsTimeout(r.err) {
			cause = "no answer in time"
		}
		status := "could not be read again"
		if r.job.Status != "" {
			status = "read again: " + string(r.job.Status)
		}
		text = fmt.Sprintf("job %s: not known whether it was %s (%s); %s; not sent again", r.key, r.action.Past, cause, status)
	default:
		text = fmt.Sprintf("job %s not %s: %s", r.key, r.action.Past, api.Reason(r.err))
	}
	if r.journalErr != nil {
		text += " · NOT RECORDED in the journal: " + r.journalErr.Error()
	}
	return text
}
