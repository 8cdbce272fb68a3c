package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"superdash/api"
	"superdash/config"
	"superdash/model"
	watched "superdash/model/watch"
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
	return watch(ctx, args, stdout, stderr, api.Sleep)
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
	line := newProgressLine(stdout, target.Name())
	defer line.end()
	store := model.NewStore()
	var state api.SyncState
	var moving []string
	watches := []*watched.Watch{watched.New(target)}
	for {
		res := syncer.Sync(ctx, api.SyncRequest{State: state, Moving: moving, Now: time.Now()}, func(d model.Delta) { store.Apply(d) })
		state = res.State
		store.Apply(res.Delta)
		if err := res.Delta.Err; err != nil {
			return fmt.Errorf("watch %s: %w", target.Name(), err) // err names the app
		}
		// The syncer reads the moving jobs back should its cheap queries
		// lose sight of them.
		progress := watched.Tally(store, watches, time.Time{})[0]
		counts := progress.Jobs.Counts
		moving = progress.Moving
		if counts.Total() == 0 {
			return fmt.Errorf("no job of app %s matches %s", sanitize.Line(cfg.AppID), target.Name())
		}
		line.show(counts)
		if len(moving) == 0 {
			return verdict(counts)
		}
		if err := pause(ctx, cfg.Interval); err != nil {
			return fmt.Errorf("stopped watching %s: %w", target.Name(), err)
		}
	}
}

// parseWatch reads watch's own flags and the settings it shares with the
// dashboard.
func parseWatch(args []string, stdout, stderr io.Writer) (config.Config, watched.Target, error) {
	var target watched.Target
	fail := func(err error) (config.Config, watched.Target, error) { return config.Config{}, target, err }
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
	filter, err := parseCommandFilter(cfg.Filter, time.Now())
	if err != nil {
		return fail(err)
	}
	return cfg, watched.Target{Batch: batch, Job: job, Filter: filter, FilterText: cfg.Filter}, nil
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
