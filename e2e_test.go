package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"superdash/internal/rawhttp"
	"superdash/model"
)

// TestDemoEndToEnd runs the real binary with --demo in a real terminal,
// tmux, and looks at it the way a user does: the screen tmux holds, the
// keys tmux types. It proves what no in-process test can: flags, the
// embedded simulator, the alt screen, raw key input and the terminal left
// clean on quit.
func TestDemoEndToEnd(t *testing.T) {
	bin := endToEnd(t)
	dir := t.TempDir()
	config := emptyConfig(t, dir)
	start := time.Now()
	term := startTmux(t, dir, 120, 40,
		// The shell around the dashboard stands for the user's: it leaves
		// a line on the normal screen before the dashboard and one after,
		// with the exit status, then waits for Enter so the test can look
		// at the terminal exactly as the dashboard left it.
		`printf 'e2e: before\n'; "$0" --demo --config "$1"; s=$?; printf 'e2e: exited %s\n' "$s"; read _; exit "$s"`,
		bin, config)

	// The demo must be useful at once: jobs on screen within a couple of
	// seconds of start. The bound is looser so that a loaded CI machine
	// does not fail; the log says how long it took.
	screen := term.waitFor(t, "the first jobs", 10*time.Second, func(s string) bool {
		return countsLine.MatchString(s) && strings.Contains(s, "● live") && len(jobRows(s)) > 0
	})
	t.Logf("first jobs on screen %s after start", time.Since(start).Round(time.Millisecond))
	rows := jobRows(screen)
	t.Logf("%d job rows, first: %q", len(rows), rows[0][0])
	// Checked here so that the same flags read 0 after quit mean restored.
	if got := term.format(t, "#{alternate_on} #{mouse_any_flag}"); got != "1 1" {
		t.Errorf("while running: alternate screen, mouse reporting = %q, want \"1 1\"", got)
	}

	// j selects the next job and Enter opens it full screen: its input,
	// under its id, and no table.
	term.keys(t, "j", "Enter")
	screen = term.waitFor(t, "the full-screen detail", 5*time.Second, func(s string) bool {
		return detailTitle.MatchString(s) && strings.Contains(s, "Input") && !tableHeader.MatchString(s)
	})
	id := detailTitle.FindStringSubmatch(screen)[1]
	if !regexp.MustCompile(`(?m)^│id +` + id + ` `).MatchString(screen) {
		t.Fatalf("the detail of job %s does not show its id field:\n%s", id, screen)
	}
	if !containsRow(rows, id) {
		t.Fatalf("the detail shows job %s, which was not on the table:\n%s", id, screen)
	}
	// The cursor starts on the top row's job and j moves it off that job:
	// to the second row, or, should new jobs have landed on top meanwhile
	// (the cursor follows its job), to the row below the first job.
	if len(rows) < 2 {
		t.Fatalf("one job row on a 40-line screen: j has nowhere to go:\n%s", screen)
	}
	if id == rows[0][0] {
		t.Fatalf("after j the detail shows job %s, the one the cursor started on: j did not move", id)
	}
	if id != rows[1][0] {
		t.Logf("opened job %s, not the second row %s: the table moved meanwhile", id, rows[1][0])
	}

	term.keys(t, "Escape")
	term.waitFor(t, "the table again", 5*time.Second, func(s string) bool {
		return tableHeader.MatchString(s) && len(jobRows(s)) > 0
	})

	// The full help lists bindings the one-line help at the bottom leaves
	// out, such as the page keys.
	term.keys(t, "?")
	term.waitFor(t, "the help", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "page down") && strings.Contains(s, "G/end")
	})

	// q closes the help, as esc does; a second q quits.
	term.keys(t, "q")
	term.waitFor(t, "the table after the help", 5*time.Second, func(s string) bool {
		return tableHeader.MatchString(s) && !strings.Contains(s, "page down")
	})
	quitAt := time.Now()
	term.keys(t, "q")
	// The shell only goes on once the dashboard's process has ended.
	screen = term.waitFor(t, "the dashboard to exit", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "e2e: exited")
	})
	t.Logf("exited %s after q", time.Since(quitAt).Round(time.Millisecond))

	// The terminal is back as it was: the normal screen with the shell's
	// lines and none of the dashboard, mouse reporting off, cursor shown.
	if !strings.Contains(screen, "e2e: before") || !strings.Contains(screen, "e2e: exited 0") {
		t.Errorf("after quit the shell's screen is not back, or the exit status is not 0:\n%s", screen)
	}
	if strings.Contains(screen, "superdash ·") || len(jobRows(screen)) > 0 {
		t.Errorf("after quit the dashboard is still on screen:\n%s", screen)
	}
	if got := term.format(t, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"); got != "0 0 1" {
		t.Errorf("after quit: alternate screen, mouse reporting, cursor shown = %q, want \"0 0 1\"", got)
	}

	// Enter ends the shell's read, which a terminal left in raw mode would
	// not deliver as a newline; then the pane's process is gone.
	term.keys(t, "Enter")
	term.waitFor(t, "the pane to close", 5*time.Second, func(string) bool {
		return term.format(t, "#{pane_dead}") == "1"
	})
	// The exit status was checked on the shell's line above: tmux 3.3
	// sometimes marks a pane dead without ever filling in its status.
	if got := term.format(t, "#{pane_dead_status}"); got != "" && got != "0" {
		t.Errorf("the pane's exit status is %s, want 0", got)
	}
}

// What the dashboard's screen is recognised by. The table's first two
// cells are the marks' column wherever marks are possible: the mark ("*"
// or blank), then the change mark ("•" for a status that just changed, or
// blank).
var (
	countsLine  = regexp.MustCompile(`(?m)^[1-9][0-9,]* jobs  `)
	tableHeader = regexp.MustCompile(`(?m)^(?:  )?ID +STATUS `)
	detailTitle = regexp.MustCompile(`(?m)^│job ([0-9]+) `)
	// A job row: an id and a status word the model knows.
	jobRow = func() *regexp.Regexp {
		var names []string
		for _, s := range model.KnownStatuses() {
			names = append(names, regexp.QuoteMeta(string(s)))
		}
		return regexp.MustCompile(`(?m)^(?:[* ][• ])?([0-9]+) +(` + strings.Join(names, "|") + `) `)
	}()
)

// jobRows lists the id and status of every job row on screen.
func jobRows(screen string) [][]string {
	var rows [][]string
	for _, m := range jobRow.FindAllStringSubmatch(screen, -1) {
		rows = append(rows, m[1:])
	}
	return rows
}

func containsRow(rows [][]string, id string) bool {
	for _, r := range rows {
		if r[0] == id {
			return true
		}
	}
	return false
}

// endToEnd skips the test under -short, and where tmux is missing (but
// not in CI, which must run it), and returns the binary under test. A
// skipped test is named in the line TestMain prints at the end.
func endToEnd(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		skipEndToEnd(t, "-short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for the end-to-end tests and CI must run them: install tmux")
		}
		skipEndToEnd(t, "tmux is not installed")
	}
	return buildBinary(t)
}

// skipped are the end-to-end tests skipped in this run, by reason.
var skipped struct {
	mu     sync.Mutex
	tests  map[string][]string
	reason []string // in the order first seen
}

func skipEndToEnd(t *testing.T, reason string) {
	t.Helper()
	skipped.mu.Lock()
	if skipped.tests == nil {
		skipped.tests = map[string][]string{}
	}
	if len(skipped.tests[reason]) == 0 {
		skipped.reason = append(skipped.reason, reason)
	}
	skipped.tests[reason] = append(skipped.tests[reason], t.Name())
	skipped.mu.Unlock()
	t.Skip("end-to-end (builds the binary and drives it in tmux): " + reason)
}

// reportSkipped writes one line per reason naming the end-to-end tests
// skipped for it, if any were.
func reportSkipped(w io.Writer) {
	skipped.mu.Lock()
	defer skipped.mu.Unlock()
	for _, reason := range skipped.reason {
		fmt.Fprintf(w, "superdash: %d end-to-end tests skipped (%s): %s\n",
			len(skipped.tests[reason]), reason, strings.Join(skipped.tests[reason], ", "))
	}
}

// built is the command, built once for all the end-to-end tests of a run
// into a folder TestMain removes.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// buildBinary builds the command as a user would install it, the first
// time it is asked, and returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "superdash-e2e-")
		if built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "superdash")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// removeBuiltBinary removes what buildBinary made, if anything.
func removeBuiltBinary() {
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
}

// serveRaw serves h with the hand-written HTTP server (internal/rawhttp),
// closed when the test ends.
func serveRaw(t *testing.T, h http.Handler, opts rawhttp.Options) *rawhttp.Server {
	t.Helper()
	raw, err := rawhttp.Start(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := raw.Close(); err != nil {
			t.Errorf("closing the server: %v", err)
		}
	})
	return raw
}

// emptyConfig is an empty config file in dir: the user's own (an app, an
// interval, key overrides) must not change what a test sees.
func emptyConfig(t *testing.T, dir string) string {
	t.Helper()
	config := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(config, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return config
}

// startDemo runs the binary with --demo in a 120x40 tmux and waits for the
// first jobs, live.
func startDemo(t *testing.T, bin string) *tmuxTerm {
	t.Helper()
	dir := t.TempDir()
	term := startTmux(t, dir, 120, 40, `"$0" --demo --config "$1"`, bin, emptyConfig(t, dir))
	term.waitFor(t, "the first jobs", 15*time.Second, func(s string) bool {
		return countsLine.MatchString(s) && strings.Contains(s, "● live") && len(jobRows(s)) > 0
	})
	return term
}

// tmuxTerm is one tmux server of the test's own, with one window.
type tmuxTerm struct {
	socket string
	env    []string
}

const tmuxTarget = "e2e"

// startTmux starts a private tmux server (its own socket, no config file,
// so the user's tmux is never touched) running script under sh in a
// w×h window, and kills the server when the test ends. script gets args as
// $0, $1, …
func startTmux(t *testing.T, dir string, w, h int, script string, args ...string) *tmuxTerm {
	t.Helper()
	socket := filepath.Join(dir, "tmux.sock")
	if len(socket) > 100 { // a Unix socket path has a limit of about 104 bytes
		short, err := os.MkdirTemp("/tmp", "sd-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(short) })
		socket = filepath.Join(short, "tmux.sock")
	}
	term := &tmuxTerm{
		socket: socket,
		// Only what the test chooses: a UTF-8 locale for the dashboard's
		// symbols, and a HOME with no settings in it.
		env: []string{
			"PATH=" + os.Getenv("PATH"),
			"HOME=" + dir,
			"XDG_CONFIG_HOME=" + dir,
			"LANG=C.UTF-8",
			"TERM=xterm-256color",
		},
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", socket, "kill-server").Run() })

	cmd := append([]string{"new-session", "-d", "-s", tmuxTarget, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"sh", "-c", script}, args...)
	// remain-on-exit in the same command, before the program can end: the
	// window stays after it has, with its last screen and exit status.
	cmd = append(cmd, ";", "set-option", "-w", "-t", tmuxTarget, "remain-on-exit", "on")
	term.run(t, cmd...)
	return term
}

func (tt *tmuxTerm) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("tmux", append([]string{"-u", "-f", "/dev/null", "-S", tt.socket}, args...)...)
	cmd.Env = tt.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys types keys into the window (tmux key names: Enter, Escape, j).
func (tt *tmuxTerm) keys(t *testing.T, keys ...string) {
	t.Helper()
	tt.run(t, append([]string{"send-keys", "-t", tmuxTarget}, keys...)...)
}

// capture is the text on the window's screen.
func (tt *tmuxTerm) capture(t *testing.T) string {
	t.Helper()
	return tt.run(t, "capture-pane", "-p", "-t", tmuxTarget)
}

// format reads one of tmux's format variables for the window's pane.
func (tt *tmuxTerm) format(t *testing.T, f string) string {
	t.Helper()
	return strings.TrimSpace(tt.run(t, "display-message", "-p", "-t", tmuxTarget, f))
}

// waitFor polls the screen until ok holds, for at most limit, and returns
// the screen that passed.
func (tt *tmuxTerm) waitFor(t *testing.T, what string, limit time.Duration, ok func(screen string) bool) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		screen := tt.capture(t)
		if ok(screen) {
			return screen
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s; the screen:\n%s", limit, what, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
