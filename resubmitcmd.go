package main

import (
	"context"
	"fmt"
	"time"

	"superdash/api"
	"superdash/config"
	"superdash/jobaction"
	"superdash/model"
	"superdash/reproduce"
	"superdash/ui/common"
)

// resubmitHelp is `superdash resubmit --help`.
var resubmitHelp = config.Help{
	Command: "superdash resubmit",
	Summary: "create new jobs with the input of jobs named, unchanged",
	Usage:   []string{"superdash resubmit [flags] JOB_ID... | -"},
	About: `Each job named is read, and the jobs of an app go out in one request
(POST apps/{app}/jobs; jobs of an app whose metadata or callback differ
go in one request each, since a request carries one of each), with their
input, metadata and callback URL. Job ids come as arguments, or one a
line on standard input with -. Each job gets one line on standard output
(id, outcome, status after, the API's answer) and a summary follows on
standard error. Each request is recorded in the dashboard's journal
before it is sent, and is never resent when its answer did not come. On
a terminal the command asks first (the count must be typed above 100
jobs); --read-only (read_only) refuses.

Exit status: 0 when every job was resubmitted, 1 when any was refused or
failed, 2 on a usage error or when the host could not be used.`,
	Flags: []config.Flag{
		{Name: "yes", Usage: "do not ask first; needed when standard input is not a terminal"},
		{Name: "dry-run", Usage: "read the jobs, then print the requests as curl lines instead of sending them"},
		{Name: "concurrency", Arg: "N", Usage: "reads in flight at once (default 4)"},
	},
	Shared:   actionShared,
	Examples: []string{"superdash export --app APP --filter 'status:failed' --format ids | superdash resubmit - --yes"},
}

// runResubmit is `superdash resubmit`.
func runResubmit(args []string, std stdio) error {
	return withAction(args, std, resubmitHelp, func(aa actionArgs, client *api.Client) error {
		return resubmit(aa, client, std)
	})
}

// resubmit is runResubmit once connected.
func resubmit(aa actionArgs, client *api.Client, std stdio) error {
	ctx := context.Background()
	rep := newReporter(std.out)
	jobs, results := readJobs(ctx, client, aa.ids, aa.cfg.Concurrency, rep)
	subs, index := submissionsOf(aa.ids, jobs, results, rep)
	if aa.dryRun {
		for _, sub := range subs {
			call, err := sub.Call(client)
			if err != nil {
				return fmt.Errorf("app %s: %w", sub.App, err)
			}
			fmt.Fprintln(std.out, reproduce.Curl(call))
		}
		return nil
	}
	if len(subs) > 0 {
		if err := confirm(aa, std, "resubmit", len(index), submissionLines(client, subs, cleanFor(std.err))); err != nil {
			return err
		}
	}
	env := jobaction.Env{Client: client, Journal: openJournal(), Now: time.Now}
	for _, sub := range subs {
		sent, answer := jobaction.ResubmitJobs(ctx, env, sub)
		for _, res := range sent {
			i := index[res.Key]
			res.Key = aa.ids[i] // as it was named
			results[i] = res
			note := answer.Summary()
			if res.Err != nil {
				note = api.Reason(res.Err)
			}
			rep.report(res.Key, res.Outcome, "", note)
		}
	}
	return summarize(std.err, jobaction.Resubmit, len(aa.ids), results, env.Journal)
}

// submissionsOf groups the jobs read into submissions, and maps each
// job's key to its place in ids. A job named twice (by id and by uuid) is
// resubmitted once; the second name gets its line and counts as not sent.
func submissionsOf(ids []string, jobs []model.Job, results []jobaction.Result, rep *reporter) ([]jobaction.Submission, map[string]int) {
	index := map[string]int{}
	var read []model.Job
	for i, res := range results {
		if res.Action != nil {
			continue
		}
		key := jobs[i].Key()
		if first, dup := index[key]; dup {
			results[i] = jobaction.Result{Action: jobaction.Resubmit, Key: ids[i], Outcome: outcomeNotSent}
			rep.report(ids[i], outcomeNotSent, "", "the same job as "+ids[first]+", resubmitted once")
			continue
		}
		index[key] = i
		read = append(read, jobs[i])
	}
	return jobaction.GroupSubmissions(read), index
}

// submissionLines say what will be sent, for the question.
func submissionLines(client *api.Client, subs []jobaction.Submission, clean func(string) string) []string {
	lines := []string{fmt.Sprintf("Resubmit on %s, as %s:", client.Host(), common.Count(len(subs), "request"))}
	jobs := 0
	for _, sub := range subs {
		jobs += len(sub.Jobs)
		keys := make([]string, len(sub.Jobs))
		for i := range sub.Jobs {
			keys[i] = sub.Jobs[i].Key()
		}
		lines = append(lines, fmt.Sprintf("app %s, %s:", clean(sub.App), common.Count(len(keys), "job")))
		lines = append(lines, listLines(keys, clean)...)
	}
	return append(lines, jobaction.Resubmit.Consequence(jobs))
}

// readJobs reads each job with at most workers reads out. A job that
// could not be read has its Result (not sent, and why) and its line; the
// others have a zero Result. A host that cannot be used stops the reads.
func readJobs(ctx context.Context, client *api.Client, ids []string, workers int, rep *reporter) ([]model.Job, []jobaction.Result) {
	jobs := make([]model.Job, len(ids))
	results := make([]jobaction.Result, len(ids))
	unread := make([]bool, len(ids))
	eachBounded(ctx, len(ids), workers, func(ctx context.Context, i int) bool {
		job, err := client.GetJob(ctx, ids[i])
		if err == nil {
			jobs[i] = job
			return false
		}
		results[i] = jobaction.Result{Action: jobaction.Resubmit, Key: ids[i], Outcome: jobaction.Classify(err), Err: err}
		rep.report(ids[i], results[i].Outcome, "", "could not be read: "+api.Reason(err))
		unread[i] = true
		return api.IsUnauthorized(err) || unreachable(err)
	})
	for i := range ids {
		if jobs[i].Key() == "" && !unread[i] {
			results[i] = jobaction.Result{Action: jobaction.Resubmit, Key: ids[i], Outcome: outcomeNotSent}
			rep.report(ids[i], outcomeNotSent, "", "the run stopped before it was read")
		}
	}
	return jobs, results
}
