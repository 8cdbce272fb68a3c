package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"superdash/api"
	"superdash/config"
	"superdash/jobaction"
	"superdash/journal"
	"superdash/reproduce"
	"superdash/ui/common"
)

// jobCommandHelp is `superdash cancel|restart --help`.
func jobCommandHelp(a *jobaction.Action, example string) config.Help {
	return config.Help{
		Command: "superdash " + a.Name,
		Summary: a.Name + " jobs from the shell, each recorded in the dashboard's journal",
		Usage:   []string{"superdash " + a.Name + " [flags] JOB_ID... | -"},
		About: a.Consequence(2) + `
Job ids come as arguments, or one a line on standard input with -. Each
job gets one line on standard output (id, outcome, status after, reason)
and a summary follows on standard error. Each request is recorded in the
dashboard's journal before it is sent, and is never resent when its
answer did not come. On a terminal the command asks first (the count
must be typed above 100 jobs); --read-only (read_only) refuses.

Exit status: 0 when every job was ` + a.Past + `, 1 when any was refused or
failed, 2 on a usage error or when the host could not be used.`,
		Flags: []config.Flag{
			{Name: "yes", Usage: "do not ask first; needed when standard input is not a terminal"},
			{Name: "dry-run", Usage: "print the requests as curl lines instead of sending them"},
			{Name: "concurrency", Arg: "N", Usage: "requests in flight at once (default 4)"},
			{Name: "app", Arg: "ID", Usage: "the app of the jobs, as the question and the journal name it"},
		},
		Shared:   actionShared,
		Examples: []string{example},
	}
}

// actionShared are the dashboard's flags the shell actions take too.
var actionShared = []string{"read-only", "base-url", "demo", "profile", "config", "timeout", "log-file", "help"}

// runCancel is `superdash cancel`.
func runCancel(args []string, std stdio) error {
	return runJobCommand(jobaction.Cancel, args, std,
		"superdash cancel 1234 1235 --app APP")
}

// runRestart is `superdash restart`.
func runRestart(args []string, std stdio) error {
	return runJobCommand(jobaction.Restart, args, std,
		"superdash export --app APP --filter 'status:failed tag:x' --format ids | superdash restart - --yes")
}

// runJobCommand sends a to each job named, after asking, and reports.
func runJobCommand(a *jobaction.Action, args []string, std stdio, example string) error {
	return withAction(args, std, jobCommandHelp(a, example), func(aa actionArgs, client *api.Client) error {
		return sendJobCommand(a, aa, client, std)
	})
}

// sendJobCommand is runJobCommand once connected.
func sendJobCommand(a *jobaction.Action, aa actionArgs, client *api.Client, std stdio) error {
	cfg := aa.cfg
	if aa.dryRun {
		for _, id := range aa.ids {
			fmt.Fprintln(std.out, reproduce.Curl(a.Call(client, id)))
		}
		return nil
	}
	clean := cleanFor(std.err)
	lines := append([]string{fmt.Sprintf("%s %s:", a.Title, where(client, cfg.AppID))}, listLines(aa.ids, clean)...)
	if err := confirm(aa, std, a.Name, len(aa.ids), append(lines, a.Consequence(len(aa.ids)))); err != nil {
		return err
	}
	env := jobaction.Env{Client: client, Journal: openJournal(), Now: time.Now, App: cfg.AppID}
	results := sendAll(context.Background(), env, a, aa.ids, cfg.Concurrency, newReporter(std.out))
	return summarize(std.err, a, len(aa.ids), results, env.Journal)
}

// outcomeNotSent is the outcome of a job the run stopped before.
const outcomeNotSent = "not sent"

// reporter writes one line per job as its result comes in, from any
// worker: id, outcome, status after, and the reason when not done.
type reporter struct {
	mu    sync.Mutex
	out   io.Writer
	clean func(string) string
}

func newReporter(out io.Writer) *reporter { return &reporter{out: out, clean: cleanFor(out)} }

func (r *reporter) report(key, outcome, status, note string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if status == "" {
		status = "-"
	}
	line := r.clean(key) + "\t" + outcome + "\t" + r.clean(status)
	if note != "" {
		line += "\t" + r.clean(note)
	}
	fmt.Fprintln(r.out, line)
}

// result reports one action's result.
func (r *reporter) result(res jobaction.Result) {
	note := ""
	if res.Outcome != journal.OutcomeDone {
		note = api.Reason(res.Err)
	}
	r.report(res.Key, res.Outcome, string(res.Job.Status), note)
}

// stoppingError reports whether every other request would fail the same
// way: as for the dashboard's bulk runs (Result.EndsRun), and, from the
// shell, when the host cannot be reached at all.
func stoppingError(res jobaction.Result) bool {
	return res.EndsRun() || unreachable(res.Err)
}

// unreachable: no request got through, so none was acted on.
func unreachable(err error) bool {
	return api.IsConnectionError(err) && !api.IsOutcomeUnknown(err)
}

// sendAll sends a to each job with at most workers requests out, and
// returns the results in the order of keys; a job never sent (the run
// stopped) has a zero Result, and its line says so. The first answer
// that every other request would share stops the run.
func sendAll(ctx context.Context, e jobaction.Env, a *jobaction.Action, keys []string, workers int, rep *reporter) []jobaction.Result {
	results := make([]jobaction.Result, len(keys))
	eachBounded(ctx, len(keys), workers, func(ctx context.Context, i int) bool {
		results[i] = jobaction.Send(ctx, e, a, keys[i])
		rep.result(results[i])
		return stoppingError(results[i])
	})
	rep.notSent(keys, results)
	return results
}

// eachBounded calls do for 0..n-1 with at most workers calls at once,
// until one returns true (stop): the calls under way then finish, and no
// other starts. Every goroutine has ended when it returns.
func eachBounded(ctx context.Context, n, workers int, do func(ctx context.Context, i int) (stop bool)) {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range work {
				if do(ctx, i) {
					stop()
				}
			}
		})
	}
dispatch:
	for i := range n {
		select {
		case work <- i:
		case <-ctx.Done():
			break dispatch
		}
	}
	close(work)
	wg.Wait()
}

// notSent reports each job the run stopped before.
func (r *reporter) notSent(keys []string, results []jobaction.Result) {
	for i, res := range results {
		if res.Action == nil {
			r.report(keys[i], outcomeNotSent, "", "the run stopped before it")
		}
	}
}

// summarize writes the summary and turns the results into the exit code.
func summarize(w io.Writer, a *jobaction.Action, asked int, results []jobaction.Result, j *journal.Journal) error {
	counts := map[string]int{}
	var stopper error
	for _, res := range results {
		if res.Action == nil {
			counts[outcomeNotSent]++
			continue
		}
		counts[res.Outcome]++
		if stoppingError(res) && stopper == nil {
			stopper = res.Err
		}
	}
	fmt.Fprintf(w, "superdash: %s: %d of %s %s", a.Name, counts[journal.OutcomeDone], common.Count(asked, "job"), a.Past)
	for _, o := range []string{journal.OutcomeRefused, journal.OutcomeFailed, journal.OutcomeUnknown, outcomeNotSent} {
		if counts[o] > 0 {
			fmt.Fprintf(w, ", %d %s", counts[o], o)
		}
	}
	fmt.Fprintln(w)
	journalNote(w, results, j)
	switch {
	case stopper != nil && (api.IsUnauthorized(stopper) || unreachable(stopper)):
		return &exitError{code: exitUsage, err: fmt.Errorf("stopped: %s", api.Reason(stopper))}
	case counts[journal.OutcomeDone] < asked:
		return &exitError{code: exitSomeNotDone, err: fmt.Errorf("%d of %s not %s", asked-counts[journal.OutcomeDone], common.Count(asked, "job"), a.Past)}
	}
	return nil
}

// journalNote says where the record is, or that some went unrecorded.
func journalNote(w io.Writer, results []jobaction.Result, j *journal.Journal) {
	for _, res := range results {
		if res.JournalErr != nil {
			fmt.Fprintln(w, "superdash: NOT RECORDED in the journal:", res.JournalErr)
			return
		}
	}
	fmt.Fprintln(w, "superdash: recorded in", j.Path())
}
