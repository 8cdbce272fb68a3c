package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"superdash/api/sim"
	"superdash/config"
)

// runSim is `superdash sim`: the simulated super.AI API in the foreground,
// for scripts and curl, until interrupted.
func runSim(args []string, stdout, stderr io.Writer) error {
	var (
		opts   sim.Options
		faults sim.Faults
		addr   string
	)
	fs := flag.NewFlagSet("superdash sim", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned; the help is printed when asked for
	fs.Usage = func() {}
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "`address` (host:port) to listen on")
	fs.Int64Var(&opts.Seed, "seed", 1, "`seed` of the simulated workload")
	fs.IntVar(&opts.Jobs, "jobs", 3000, "`number` of jobs at start, across all apps")
	fs.IntVar(&opts.Apps, "apps", 3, "`number` of the account's own apps")
	fs.IntVar(&opts.OrgApps, "org-apps", 2, "`number` of apps of an organisation (GET organizations/{id}/apps)")
	fs.StringVar(&opts.Org, "org", "acme-labs", "`id` of that organisation")
	fs.Float64Var(&opts.Speed, "speed", 1, "`factor`: simulated seconds per real second")
	fs.StringVar(&opts.APIKey, "api-key", "sim-key", "API `key` the simulator accepts")
	fs.BoolVar(&opts.Endless, "endless", true, "keep uploading batches forever (one in six failing a lot), retiring the oldest ended jobs")
	fs.BoolVar(&opts.NoRestart, "no-restart", false, "act like a host without the restart endpoint")
	fs.BoolVar(&opts.StrictStatuses, "strict-statuses", false, "act like a strict host: a job list asking for a status other than the classic seven is answered 400")
	fs.DurationVar(&faults.Latency, "latency", 0, "`duration` added to each response")
	fs.Float64Var(&faults.ErrorRate, "error-rate", 0, "`share` of responses answered 5xx, 0 to 1")
	fs.Float64Var(&faults.RateLimitRate, "rate-limit-rate", 0, "`share` of responses answered 429 with Retry-After, 0 to 1")
	fs.Float64Var(&faults.MalformedRate, "malformed-rate", 0, "`share` of bodies cut mid-JSON, 0 to 1")
	fs.Float64Var(&faults.DropRate, "drop-rate", 0, "`share` of connections dropped mid-body, 0 to 1")
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		simHelp(fs).Write(stdout, config.OSEnv())
		return config.ErrHelp
	case err != nil:
		return config.FlagError(err, "superdash sim")
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q (see superdash sim --help)", fs.Arg(0))
	}
	if err := checkRates(faults); err != nil {
		return err
	}

	srv, err := sim.Start(opts, addr)
	if err != nil {
		return fmt.Errorf("start the simulator on %s: %w", addr, err)
	}
	defer srv.Close()
	srv.SetFaults(faults)
	srv.Describe(stdout)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "simulator stopped")
	return nil
}

// simHelp is `superdash sim --help`, its flags those of fs.
func simHelp(fs *flag.FlagSet) config.Help {
	return config.Help{
		Command: "superdash sim",
		Summary: "run the simulated super.AI API on a loopback address until interrupted",
		Usage:   []string{"superdash sim [flags]"},
		About: `The same simulator --demo runs inside the dashboard, on its own, for
scripts and curl: it prints its address, API key and apps, then serves
until interrupted.`,
		Flags:    append(config.FlagsOf(fs), config.Flag{Name: "help", Usage: "print this help"}),
		Examples: []string{"superdash sim --addr 127.0.0.1:9000 --error-rate 0.1 & SUPERAI_BASE_URL=http://127.0.0.1:9000/v1 SUPERAI_API_KEY=sim-key superdash"},
	}
}

func checkRates(f sim.Faults) error {
	for name, rate := range map[string]float64{
		"error-rate": f.ErrorRate, "rate-limit-rate": f.RateLimitRate,
		"malformed-rate": f.MalformedRate, "drop-rate": f.DropRate,
	} {
		if rate < 0 || rate > 1 {
			return fmt.Errorf("--%s %v is out of range 0..1", name, rate)
		}
	}
	return nil
}
