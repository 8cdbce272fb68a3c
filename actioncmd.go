package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"

	"superdash/api"
	"superdash/config"
	"superdash/journal"
	"superdash/sanitize"
	"superdash/ui/common"
)

// Exit codes of the shell actions: 0 when every job was done, 1 when any
// was refused or failed, 2 for a usage error or a host that cannot be
// used (no connection, a wrong key).
// askAbove is the count of jobs above which the question asks for the
// count to be typed, not a mere yes: as the dashboard's bulk dialog does.
const askAbove = 100

// actionArgs is what a shell action was asked to do.
type actionArgs struct {
	cfg    config.Config
	ids    []string
	yes    bool
	dryRun bool
}

// stdio is the command's standard streams; interactive says that stdin
// is a terminal a person answers on.
type stdio struct {
	in          io.Reader
	out, err    io.Writer
	interactive bool
}

// osStdio is the process's own streams.
func osStdio(stdout, stderr io.Writer) stdio {
	return stdio{in: os.Stdin, out: stdout, err: stderr, interactive: term.IsTerminal(os.Stdin.Fd())}
}

// parseActionArgs reads a shell action's command line: its own switches
// (--yes, --dry-run), the job ids (as arguments, or "-" for one a line on
// stdin) and the settings shared with the dashboard; help is the
// command's --help.
func parseActionArgs(args []string, std stdio, help config.Help) (actionArgs, error) {
	var a actionArgs
	a.yes, args = takeSwitch(args, "yes")
	a.dryRun, args = takeSwitch(args, "dry-run")
	flags, positional := config.SplitArgs(args)
	env := config.OSEnv()
	cfg, err := config.Parse(flags, env, io.Discard)
	switch {
	case errors.Is(err, config.ErrHelp):
		help.Write(std.out, env)
		return a, err
	case errors.Is(err, config.ErrVersion):
		return a, usageError("--version is not a flag of this command: use superdash version")
	case err != nil:
		return a, &exitError{code: exitUsage, err: err}
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(std.err, "superdash: warning:", w)
	}
	a.cfg = cfg
	a.ids, err = jobIDs(positional, std.in)
	if err != nil {
		return a, &exitError{code: exitUsage, err: err}
	}
	if len(a.ids) == 0 {
		return a, usageError("no job ids given: name them as arguments, or give - and one a line on stdin")
	}
	if cfg.ReadOnly && !a.dryRun {
		return a, usageError("read-only (--read-only or read_only in the config file): nothing was sent")
	}
	return a, nil
}

// withAction parses a shell action's command line, connects to its host
// (starting the built-in simulator for --demo) and runs act with the
// arguments and a client; the simulator and the debug log are closed
// when act returns.
func withAction(args []string, std stdio, help config.Help, act func(aa actionArgs, client *api.Client) error) error {
	aa, err := parseActionArgs(args, std, help)
	if err != nil {
		return err
	}
	cfg, demo, err := connect(aa.cfg)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if demo != nil {
		defer demo.Close()
	}
	client, dlog, err := newClient(cfg)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	defer dlog.Close()
	aa.cfg = cfg
	return act(aa, client)
}

// jobIDs are the ids named, in order, each once: the arguments, and for
// "-" the lines of in (blank lines skipped, spaces around an id trimmed).
func jobIDs(positional []string, in io.Reader) ([]string, error) {
	var ids []string
	for _, p := range positional {
		if p != "-" {
			ids = append(ids, strings.TrimSpace(p))
			continue
		}
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if id := strings.TrimSpace(sc.Text()); id != "" {
				ids = append(ids, id)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read job ids from stdin: %w", err)
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(ids, func(id string) bool {
		dup := seen[id] || id == ""
		seen[id] = true
		return dup // a job acted on twice would be restarted twice
	}), nil
}

// takeSwitch removes --name (or -name, --name=true|false) from args.
func takeSwitch(args []string, name string) (bool, []string) {
	on, rest := false, make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return on, append(rest, args[i:]...)
		}
		bare := strings.TrimLeft(a, "-")
		if v, ok := strings.CutPrefix(bare, name+"="); ok && strings.HasPrefix(a, "-") {
			on, _ = strconv.ParseBool(v)
			continue
		}
		if bare == name && strings.HasPrefix(a, "-") {
			on = true
			continue
		}
		rest = append(rest, a)
	}
	return on, rest
}

// confirm asks before sending, unless --yes said yes already. Without a
// terminal to ask on, it refuses: a script must say --yes. lines describe
// what will be sent, one a line; the last says what yes does.
func confirm(a actionArgs, std stdio, verb string, count int, lines []string) error {
	if a.yes {
		return nil
	}
	if !std.interactive {
		return usageError("%s %d %s: standard input is not a terminal to ask on, so give --yes to go ahead (or --dry-run to see what would be sent)",
			verb, count, common.Plural(count, "job"))
	}
	for _, l := range lines {
		fmt.Fprintln(std.err, l)
	}
	want, prompt := "y", fmt.Sprintf("%s %d %s? [y/N] ", verb, count, common.Plural(count, "job"))
	if count > askAbove {
		want, prompt = strconv.Itoa(count), fmt.Sprintf("Type the count (%d) to %s them: ", count, verb)
	}
	fmt.Fprint(std.err, prompt)
	answer, _ := bufio.NewReader(std.in).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	if answer == want || (want == "y" && answer == "yes") {
		return nil
	}
	return usageError("not confirmed: nothing was sent")
}

// listLines are the first ids of a list, one a line, and how many more.
func listLines(ids []string, clean func(string) string) []string {
	const shown = 20
	var lines []string
	for i, id := range ids {
		if i == shown {
			lines = append(lines, fmt.Sprintf("  … and %d more", len(ids)-shown))
			break
		}
		lines = append(lines, "  "+clean(id))
	}
	return lines
}

// where names the host and app, for the question.
func where(client *api.Client, app string) string {
	if app == "" {
		app = "each job's own"
	}
	return fmt.Sprintf("on %s, app %s", client.Host(), app)
}

// cleanFor is the sanitiser for text bound to w: API strings reach a
// terminal only through it; a pipe or a file gets them as they are.
func cleanFor(w io.Writer) func(string) string {
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		return sanitize.Line
	}
	return func(s string) string { return s }
}

// openJournal is the journal the dashboard writes to.
func openJournal() *journal.Journal {
	return journal.Open(journal.DefaultPath(os.Getenv, homeDir()))
}
