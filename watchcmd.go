package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"superdash/api"
	"superdash/config"
	"superdash/model"
	"superdash/sanitize"
)

// watchHelp is `superdash watch --help`.
var watchHelp = config.Help{
	Command: "superdash watch",
	Summary: "follow a batch, one job or the jobs a filter selects until every one has ended",
	Usage:   []string{"superdash watch --app APP (--batch BATCH | --job JOB | --filter QUERY) [flags]"},
	About: `Any of --batch, --job and --filter together narrow it down. It shows one
progress line that updates in place; when standard output is not a
terminal, a plain line for each change instead. It polls as the dashboard
does, every --interval.

Exit status, as for gh run watch --exit-status:
  0  every watched job ended with output (COMPLETED and the like)
  1  one or more ended without: FAILED, CANCELED or EXPIRED
  2  it could not watch: a wrong flag, no job matches, no connection`,
	Flags: []config.Flag{
		{Name: "app", Arg: "ID", Usage: "the app of the jobs (needed)"},
		{Name: "batch", Arg: "BATCH", Usage: "follow the jobs of this batch"},
		{Name: "job", Arg: "JOB", Usage: "follow this job"},
		{Name: "filter", Arg: "QUERY", Usage: "follow the jobs that match, as the dashboard's / filters: 'status:failed tag:x'"},
	},
	Shared:   []string{"interval", "since", "demo", "base-url", "profile", "config", "page-size", "concurrency", "timeout", "log-file", "help"},
	Examples: []string{"superdash watch --app APP --batch BATCH && next-step"},
}

// runWatch is `superdash watch`: follow jobs until they end, from a shell.
func runWatch(args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return watch(ctx, args, stdout, stderr, sleep)
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// watchTarget is what a watch follows: the jobs of a batch, one job, the
// jobs a filter selects, or the jobs that are all of these at once.
type watchTarget struct {
	batch, job string
	filter     model.Query
	text       string // as the progress line names it
}

func (t watchTarget) match(j *model.Job) bool {
	return (t.batch == "" || j.BatchID == t.batch) &&
		(t.job == "" || j.ID == t.job || j.UUID == t.job) &&
		t.filter.Match(j)
}

// watch is runWatch with the pause between polls given, so tests can move
// a simulated clock instead of waiting. Any error that does not say its
// exit status is one of exitUsage: the watch could not be done.
func watch(ctx context.Context, args []string, stdout, stderr io.Writer, pause func(context.Context, time.Duration) error) error {
	err := follow(ctx, args, stdout, stderr, pause)
	if err != nil && !errors.Is(err, config.ErrHelp) && !errors.As(err, new(*exitError)) {
		err = &exitError{code: exitUsage, err: err}
	}
	return err
}

// follow polls until every watched job has ended.
func follow(ctx context.Context, args []string, stdout, stderr io.Writer, pause func(context.Context, time.Duration) error) error {
	cfg, target, err := parseWatch(args, stdout, stderr)
	if err != nil {
		return err
	}
	cfg, demo, err := connect(cfg)
	if err != nil {
		return err
	}
	if demo != nil {
		defer demo.Close()
	}
	client, dlog, err := newClient(cfg)
	if err != nil {
		return err
	}
	defer dlog.Close()
	syncer := api.NewSyncer(client, api.SyncOptions{
		AppID: cfg.AppID, PageSize: cfg.PageSize, Concurrency: cfg.Concurrency, Since: cfg.Since,
	})
	line := newProgressLine(stdout, target.text)
	defer line.end()
	store := model.NewStore()
	var state api.SyncState
	var moving []string
	watched := map[string]struct{}{}
	for {
		res := syncer.Sync(ctx, api.SyncRequest{State: state, Moving: moving, Now: time.Now()}, func(d model.Delta) { store.Apply(d) })
		state = res.State
		store.Apply(res.Delta)
		if err := res.Delta.Err; err != nil {
			return fmt.Errorf("watch the jobs of app %s: %w", sanitize.Line(cfg.AppID), err)
		}
		var counts model.OutcomeCounts
		counts, moving = tallyWatched(store, target, watched)
		if counts.Total() == 0 {
			return fmt.Errorf("no job of app %s matches %s", sanitize.Line(cfg.AppID), target.text)
		}
		line.show(counts)
		if len(moving) == 0 {
			return verdict(counts)
		}
		if err := pause(ctx, cfg.Interval); err != nil {
			return fmt.Errorf("stopped watching %s: %w", target.text, err)
		}
	}
}

// parseWatch reads watch's own flags and the settings it shares with the
// dashboard.
func parseWatch(args []string, stdout, stderr io.Writer) (config.Config, watchTarget, error) {
	var target watchTarget
	fail := func(err error) (config.Config, watchTarget, error) { return config.Config{}, target, err }
	batch, rest, err := takeFlag(args, "batch", "")
	if err != nil {
		return fail(err)
	}
	job, rest, err := takeFlag(rest, "job", "")
	if err != nil {
		return fail(err)
	}
	env := config.OSEnv()
	cfg, err := config.Parse(rest, env, io.Discard)
	if errors.Is(err, config.ErrHelp) {
		watchHelp.Write(stdout, env)
		return cfg, target, err
	}
	if err != nil {
		return fail(err)
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(stderr, "superdash: warning:", w)
	}
	if cfg.AppID == "" && !cfg.Demo {
		return fail(errors.New("watch needs an app: give --app APP_ID (or app in the config file)"))
	}
	if batch == "" && job == "" && cfg.Filter == "" {
		return fail(errors.New("watch needs something to follow: give --batch BATCH_ID, --job JOB_ID or --filter QUERY"))
	}
	filter, err := model.ParseQuery(cfg.Filter, time.Now())
	if err != nil {
		return fail(fmt.Errorf("filter %q: %w", cfg.Filter, err))
	}
	target = watchTarget{batch: batch, job: job, filter: filter}
	var names []string
	for _, part := range [][2]string{{"batch", batch}, {"job", job}, {"filter", cfg.Filter}} {
		if part[1] != "" {
			names = append(names, part[0]+" "+sanitize.Line(part[1]))
		}
	}
	target.text = strings.Join(names, ", ")
	return cfg, target, nil
}

// tallyWatched adds the jobs target matches to watched, then counts the
// watched jobs by outcome and lists the keys of those still moving, for
// the syncer to read back should the cheap queries lose sight of them. A
// job stays watched once matched: watching --filter status:moving follows
// those jobs to their end instead of losing each as it ends.
func tallyWatched(store *model.Store, target watchTarget, watched map[string]struct{}) (model.OutcomeCounts, []string) {
	var counts model.OutcomeCounts
	var moving []string
	store.Each(func(j *model.Job) bool {
		key := j.Key()
		if _, ok := watched[key]; !ok {
			if !target.match(j) {
				return true
			}
			watched[key] = struct{}{}
		}
		o := model.OutcomeOf(j.Status)
		counts[o]++
		if !o.Ended() {
			moving = append(moving, key)
		}
		return true
	})
	return counts, moving
}

// verdict is the outcome of a watch whose jobs have all ended: nil when
// every one ended with output, else an error of status exitSomeNotDone that
// says how many did not.
func verdict(counts model.OutcomeCounts) error {
	failed, stopped := counts[model.OutcomeFailed], counts[model.OutcomeStopped]
	if failed+stopped == 0 {
		return nil
	}
	return &exitError{code: exitSomeNotDone, err: fmt.Errorf("%d of %d watched jobs ended without output (%d failed, %d canceled or expired)",
		failed+stopped, counts.Total(), failed, stopped)}
}
