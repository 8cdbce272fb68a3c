package ui

import (
	"cmp"
	"errors"
	"fmt"

	"superdash/api"
	"superdash/jobaction"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
)

// typeToResubmitAbove is the size of a resubmission above which the count
// must be typed, as for a bulk cancel.
const typeToResubmitAbove = 100

// askResubmitMarked opens the dialog to resubmit the jobs of keys (the
// marked ones) unchanged: the same input, metadata and callback, as new
// jobs, in one request per app, metadata and callback.
func (s *jobsScreen) askResubmitMarked(keys []string) {
	var jobs []model.Job
	gone := 0
	for _, key := range keys {
		if j, ok := s.store.Get(key); ok {
			jobs = append(jobs, *j)
		} else {
			gone++
		}
	}
	if len(jobs) == 0 {
		s.say("none of the jobs is listed any more: nothing sent")
		return
	}
	subs := s.resubmissions(jobs)
	th := common.Thousands
	head := []string{"", fmt.Sprintf("will send  %s %s: one per metadata and callback shared by the jobs", th(len(subs)), common.Plural(len(subs), "request"))}
	if gone > 0 {
		head = append(head, fmt.Sprintf("will skip  %s no longer listed", th(gone)))
	}
	opts := confirm.Options{
		Title:    fmt.Sprintf("Resubmit %s %s as new jobs?", th(len(jobs)), common.Plural(len(jobs), "job")),
		YesLabel: "Yes, resubmit " + th(len(jobs)),
	}
	if len(jobs) > typeToResubmitAbove {
		opts.TypeToConfirm = len(jobs)
	}
	tail := []string{"", jobaction.Resubmit.Consequence(len(jobs))}
	s.out.Send(askReq{newResubmitDialog(s, opts, head, nil, tail, subs)})
}

// resubmissions groups jobs into the requests that resubmit them: jobs
// whose app the API left out go to the app watched.
func (s *jobsScreen) resubmissions(jobs []model.Job) []jobaction.Submission {
	subs := jobaction.GroupSubmissions(jobs)
	for i := range subs {
		if subs[i].App == "" {
			subs[i].App = s.app.UUID
		}
	}
	return subs
}

// resubmittedNotice is the one line that reports a resubmission: the
// API's answer for one job, counts and the first refusal for many.
func resubmittedNotice(msg resubmittedMsg) string {
	var done, failed, unrecorded int
	var firstErr, journalErr error
	for _, r := range msg.results {
		if r.Err == nil {
			done++
		} else {
			failed++
			firstErr = cmp.Or(firstErr, r.Err)
		}
		if r.JournalErr != nil && !errors.Is(r.JournalErr, journal.ErrNoPath) {
			unrecorded++
			journalErr = cmp.Or(journalErr, r.JournalErr)
		}
	}
	var text string
	switch r := msg.results[0]; {
	case len(msg.results) == 1 && r.Err == nil:
		text = fmt.Sprintf("job %s resubmitted: %s", r.Key, msg.answers[0].Summary())
	case len(msg.results) == 1:
		text = fmt.Sprintf("job %s not resubmitted: %s", r.Key, api.Reason(r.Err))
	default:
		text = fmt.Sprintf("resubmitted %s of %s jobs in %s %s", common.Thousands(done), common.Thousands(len(msg.results)),
			common.Thousands(len(msg.answers)), common.Plural(len(msg.answers), "request"))
		for _, a := range msg.answers {
			if a.BatchID != "" {
				text += "; batch " + a.BatchID
			}
		}
		if failed > 0 {
			text += fmt.Sprintf("; %s not: %s", common.Thousands(failed), api.Reason(firstErr))
		}
	}
	if unrecorded > 0 {
		text += fmt.Sprintf(" · %s NOT RECORDED in the journal: %v", common.Thousands(unrecorded), journalErr)
	}
	return text
}
