// Command superdash is a live terminal dashboard for super.AI jobs.
//
// main only wires the parts together: flags and environment → config →
// API client (or the built-in simulator) → dashboard → Bubble Tea program.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"superdash/api"
	"superdash/api/sim"
	"superdash/config"
	"superdash/internal/memlimit"
	"superdash/internal/screen"
	"superdash/journal"
	"superdash/notify"

	"superdash/ui"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, config.ErrHelp) {
			fmt.Fprintln(os.Stderr, "superdash:", err)
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	var coded *exitError
	switch {
	case errors.Is(err, config.ErrHelp):
		return 0
	case errors.As(err, &coded):
		return coded.code
	}
	return 1
}

// run dispatches the subcommands; everything else opens the dashboard.
func run(args []string, stdout, stderr io.Writer) error {
	defer memlimit.Start(memlimit.Ratio, memlimit.Floor)() // RSS near the live heap: internal/memlimit
	if len(args) > 0 {
		switch args[0] {
		case "sim":
			return runSim(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "cancel":
			return runCancel(args[1:], osStdio(stdout, stderr))
		case "restart":
			return runRestart(args[1:], osStdio(stdout, stderr))
		case "resubmit":
			return runResubmit(args[1:], osStdio(stdout, stderr))
		case "watch":
			return runWatch(args[1:], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, "superdash", version())
			return nil
		}
	}
	cfg, err := config.Parse(args, config.OSEnv(), stdout)
	switch {
	case errors.Is(err, config.ErrVersion):
		fmt.Fprintln(stdout, "superdash", version())
		return nil
	case err != nil:
		return err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(stderr, "superdash: warning:", w)
	}
	return runDashboard(cfg)
}

// demoSpeed makes the demo's simulated world move 20 times faster than the
// wall clock, so jobs visibly change state every few seconds.
const demoSpeed = 20

// demoOrgApps is how many apps of an organisation the demo's world has,
// besides the account's own.
const demoOrgApps = 2

func runDashboard(cfg config.Config) error {
	shared := ui.NewCommon(cfg)
	cfg, demo, err := connect(cfg)
	if err != nil {
		return err
	}
	if demo != nil {
		defer demo.Close()
		shared.JobNow = demo.Now
	}
	client, dlog, err := newClient(cfg)
	if err != nil {
		return err
	}
	defer dlog.Close()
	// The first load is most of what the dashboard will hold: it runs
	// without the memory limit, which would make it collect all it has
	// loaded at every 40% of growth (internal/memlimit).
	restoreLimit := memlimit.Lift()
	// The dashboard draws its own frames (see package screen): a key is on
	// screen as soon as it is handled, and an idle dashboard wakes only
	// for its clock and polls.
	term, err := screen.Open(os.Stdin, os.Stdout)
	if err != nil {
		return err
	}
	dash := ui.New(ui.Options{
		Client:   client,
		AppID:    cfg.AppID,
		Org:      cfg.Org,
		Interval: cfg.Interval,
		Sync:     api.SyncOptions{PageSize: cfg.PageSize, Concurrency: cfg.Concurrency, Since: cfg.Since},
		Common:   shared,
		Filter:   cfg.Filter,
		Saved:    cfg.SavedFilters,
		ReadOnly: cfg.ReadOnly,
		Exec:     term.ExecProcess,
		// Once a load is in the store, its garbage goes back to the
		// system at once rather than as the heap shrinks: the dashboard
		// settles near its data instead of the load's peak (BENCHMARKS.md,
		// RSS). The first load runs without the memory limit, which
		// comes back then.
		Settle: func() {
			debug.FreeOSMemory()
			restoreLimit()
		},
		// Where every cancel and restart is recorded. No home directory
		// leaves it empty, and the dashboard then says it keeps no record.
		JournalPath: journal.DefaultPath(os.Getenv, homeDir()),
		// A watch's bell and notifications go to the terminal the
		// frames are drawn on, between two frames: package screen
		// writes each frame in one Write.
		Notify:             cfg.Notify,
		WatchFailThreshold: cfg.WatchFailThreshold,
		Terminal:           os.Stdout,
		TerminalWhere:      notify.WhereFrom(os.Getenv),
	})
	// Nothing may write to the terminal behind Bubble Tea's back: what is
	// logged through the standard logger goes to the debug log, or nowhere,
	// until the terminal is the shell's again.
	defer redirectStdLog(dlog.Writer())()
	// A panic restores the terminal and leaves a crash report: crash.go.
	return runDashboardProgram(dash, term, cfg.APIKey)
}

// connect points cfg at the built-in simulator for --demo, started here on
// a loopback port (the caller closes it), and picks its first app unless
// one was named. Without --demo it returns cfg as it is and no simulator.
func connect(cfg config.Config) (config.Config, *sim.Running, error) {
	if !cfg.Demo {
		return cfg, nil, nil
	}
	srv, err := sim.Start(sim.Options{Speed: demoSpeed, OrgApps: demoOrgApps, Endless: true}, "")
	if err != nil {
		return cfg, nil, fmt.Errorf("start the built-in simulator: %w", err)
	}
	cfg.BaseURL, cfg.APIKey, cfg.KeySource, cfg.HostSource = srv.BaseURL, srv.APIKey(), "the built-in simulator", "the built-in simulator"
	if cfg.AppID == "" {
		cfg.AppID = srv.AppIDs()[0]
	}
	if cfg.Org == "" {
		cfg.Org = srv.Org() // so the picker (a) shows organisation apps too
	}
	return cfg, srv, nil
}

// newClient opens the debug log cfg names (see openLog) and an API client
// that writes to it. The caller closes the log once done with the client.
func newClient(cfg config.Config) (*api.Client, debugLog, error) {
	dlog, err := openLog(cfg.LogFile)
	if err != nil {
		return nil, debugLog{}, err
	}
	client, err := api.New(api.Options{
		BaseURL:    cfg.BaseURL,
		APIKey:     cfg.APIKey,
		KeySource:  cfg.KeySource,
		HostSource: cfg.HostSource,
		Timeout:    cfg.Timeout,
		Logf:       dlog.Printf,
	})
	if err != nil {
		dlog.Close()
		return nil, debugLog{}, fmt.Errorf("set up the API client: %w", err)
	}
	return client, dlog, nil
}

// homeDir is the user's home directory, or "" when it is unknown.
func homeDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return home
}

// version is the module version when built from a tagged module, else the
// VCS revision the binary was built from, else "devel".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel-" + s.Value[:12]
		}
	}
	return "devel"
}
