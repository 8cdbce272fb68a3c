package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"superdash/api"
	"superdash/config"
	"superdash/internal/memlimit"
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// exportHelp is `superdash export --help`.
var exportHelp = config.Help{
	Command: "superdash export",
	Summary: "write an app's jobs that match a filter to standard output, without the dashboard",
	Usage:   []string{"superdash export --app APP [--filter QUERY] [--format jsonl|csv|ids] [flags]"},
	About: `The jobs go out oldest first: JSON Lines (each job as the API sent it),
CSV, or the ids alone, one a line, for the actions from the shell. While
the pages are read, a terminal's standard error shows how far it is.`,
	Flags: []config.Flag{
		{Name: "app", Arg: "ID", Usage: "the app whose jobs to write (needed)"},
		{Name: "filter", Arg: "QUERY", Usage: "write only the jobs that match, as the dashboard's / filters: 'status:failed tag:x'"},
		{Name: "format", Arg: "jsonl|csv|ids", Usage: "what to write (default jsonl)"},
	},
	Shared:   []string{"since", "demo", "base-url", "profile", "config", "page-size", "concurrency", "timeout", "log-file", "help"},
	Examples: []string{"superdash export --app APP --filter 'status:failed tag:x' --format ids | superdash restart - --yes"},
}

// runExport is `superdash export`: the jobs of an app, filtered, to stdout.
func runExport(args []string, stdout, stderr io.Writer) error {
	formatText, rest, err := takeFlag(args, "format", string(model.FormatJSONL))
	if err != nil {
		return err
	}
	format, err := model.ParseExportFormat(formatText)
	if err != nil {
		return err
	}
	env := config.OSEnv()
	cfg, err := config.Parse(rest, env, io.Discard)
	if errors.Is(err, config.ErrHelp) {
		exportHelp.Write(stdout, env)
		return err
	}
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(stderr, "superdash: warning:", w)
	}
	cfg, demo, err := connect(cfg)
	if err != nil {
		return err
	}
	if demo != nil {
		defer demo.Close()
	}
	if cfg.AppID == "" {
		return errors.New("export needs an app: give --app APP_ID (or app in the config file)")
	}
	client, dlog, err := newClient(cfg)
	if err != nil {
		return err
	}
	defer dlog.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// An export is one load, all of it kept until written: the memory
	// limit would only make it collect more often (internal/memlimit).
	defer memlimit.Lift()()
	meter := newLoadMeter(stderr)
	jobs, err := fetchMatching(ctx, client, cfg, meter.page)
	meter.clear()
	if err != nil {
		return err
	}
	// A person reading the export in a terminal must be as safe from the
	// data as in the dashboard; a pipe or a file gets it byte for byte.
	var clean func(string) string
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		clean = sanitize.Line
	}
	if err := model.Export(stdout, format, jobs, clean); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "superdash: exported %s jobs of app %s\n", common.Thousands(len(jobs)), cfg.AppID)
	return nil
}

// fetchMatching lists every job of the app (within --since) and returns
// those the filter selects, oldest first. progress is told of each page:
// pages read, out of how many (0 when unknown), and the jobs held.
func fetchMatching(ctx context.Context, client *api.Client, cfg config.Config, progress func(done, total, jobs int)) ([]*model.Job, error) {
	now := time.Now()
	query, err := parseCommandFilter(cfg.Filter, now)
	if err != nil {
		return nil, err
	}
	q := api.JobQuery{Size: cfg.PageSize, SortBy: "created", OrderBy: "asc"}
	if cfg.Since > 0 {
		q.CreatedStart = now.Add(-cfg.Since)
	}
	store := model.NewStore()
	err = client.ListAllJobs(ctx, cfg.AppID, q, cfg.Concurrency, func(p api.JobPage, done, pages int) error {
		store.Reserve(p.Expected(pages))
		store.Merge(p.Jobs)
		progress(done, pages, store.Len())
		return nil
	})
	if err != nil {
		return nil, err // the API's errors name the request: "list jobs of app X: ..."
	}
	return store.Select(query, model.Sort{Key: model.SortByCreated}), nil
}

// takeFlag removes --name VALUE or --name=VALUE from args, returning the
// value (def when absent) and the other arguments, which go on to the
// shared settings parser. A flag given twice is an error: which of the
// two was meant cannot be guessed.
func takeFlag(args []string, name, def string) (string, []string, error) {
	value, rest, seen := def, make([]string, 0, len(args)), false
	for i := 0; i < len(args); i++ {
		a := args[i]
		bare := strings.TrimLeft(a, "-")
		if bare == name || strings.HasPrefix(bare, name+"=") {
			if seen {
				return "", nil, fmt.Errorf("flag --%s is given twice", name)
			}
			seen = true
		}
		switch {
		case a == "--":
			return value, append(rest, args[i:]...), nil
		case bare == name:
			if i+1 >= len(args) {
				return "", nil, fmt.Errorf("flag --%s needs a value", name)
			}
			value = args[i+1]
			i++
		case strings.HasPrefix(bare, name+"="):
			value = strings.TrimPrefix(bare, name+"=")
		default:
			rest = append(rest, a)
		}
	}
	return value, rest, nil
}
