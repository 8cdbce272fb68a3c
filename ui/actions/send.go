package actions

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"superdash/api"
	"superdash/jobaction"
	"superdash/journal"
)

// env is what sending an action needs, copied out of the component so
// that a command never touches the model.
type env struct {
	client  *api.Client
	journal *journal.Journal
	now     func() time.Time
	app     string // the app's id
}

// result is how one action on one job ended (jobaction.Result), with
// what the dashboard reads from it.
type result struct{ jobaction.Result }

// send sends a once to the job through jobaction.Send (journal first,
// then the request, then the job read again). It runs in a command,
// never in Update.
func send(ctx context.Context, e env, a *Action, key string) result {
	return result{jobaction.Send(ctx, jobaction.Env{Client: e.client, Journal: e.journal, Now: e.now, App: e.app}, a, key)}
}

// groupReason is the reason with the job's id taken out, so that the same
// refusal of many jobs counts as one reason in a summary.
func (r result) groupReason() string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(r.Key) + `\b`)
	return re.ReplaceAllLiteralString(api.Reason(r.Err), idPlaceholder)
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
	switch r.Outcome {
	case journal.OutcomeDone:
		text = fmt.Sprintf("job %s %s", r.Key, r.Action.Past)
		if r.Job.Status != "" {
			text += ": now " + string(r.Job.Status)
		}
	case journal.OutcomeUnknown:
		// Short enough for one line; the journal keeps the client's
		// full account.
		cause := "the connection failed"
		if api.IsTimeout(r.Err) {
			cause = "no answer in time"
		}
		status := "could not be read again"
		if r.Job.Status != "" {
			status = "read again: " + string(r.Job.Status)
		}
		text = fmt.Sprintf("job %s: not known whether it was %s (%s); %s; not sent again", r.Key, r.Action.Past, cause, status)
	default:
		text = fmt.Sprintf("job %s not %s: %s", r.Key, r.Action.Past, api.Reason(r.Err))
	}
	if r.JournalErr != nil {
		text += " · NOT RECORDED in the journal: " + r.JournalErr.Error()
	}
	return text
}
