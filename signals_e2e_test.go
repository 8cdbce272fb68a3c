package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTerminalRestoredOnEveryExit runs the real binary with --demo in
// tmux, as TestDemoEndToEnd does, and ends it every way it can end but q:
// ctrl+c, SIGTERM (what `kill` and service managers send), SIGHUP (the
// terminal closed, SSH dropped), SIGINT from outside, and a panic, in
// Update, in View and in a command (set off with the hidden crash test
// trigger, see crashTestEnv). Each time the terminal
// must be as the shell left it: normal screen, mouse reporting off, cursor
// shown, and cooked mode (a line typed reaches the shell's read). After
// the panic, a crash report without the key must be where the dashboard
// says it is.
func TestTerminalRestoredOnEveryExit(t *testing.T) {
	bin := endToEnd(t)

	cases := []struct {
		name  string
		crash string // SUPERDASH_CRASH_TEST
		end   func(t *testing.T, term *tmuxTerm)
		// status is the exit status the shell sees.
		status int
	}{
		{"ctrl+c", "", func(t *testing.T, term *tmuxTerm) { term.keys(t, "C-c") }, 0},
		{"SIGTERM", "", func(t *testing.T, term *tmuxTerm) { signalDashboard(t, term, syscall.SIGTERM) }, 0},
		// A hangup (the terminal window closed, an SSH connection lost)
		// quits as SIGTERM does.
		{"SIGHUP", "", func(t *testing.T, term *tmuxTerm) { signalDashboard(t, term, syscall.SIGHUP) }, 0},
		// Bubble Tea reports an outside SIGINT as an error ("program was
		// interrupted"): exit status 1, terminal restored all the same.
		{"SIGINT", "", func(t *testing.T, term *tmuxTerm) { signalDashboard(t, term, syscall.SIGINT) }, 1},
		{"panic in Update", "update", func(t *testing.T, term *tmuxTerm) { term.keys(t, "C-t") }, 1},
		{"panic in View", "view", func(t *testing.T, term *tmuxTerm) { term.keys(t, "C-t") }, 1},
		{"panic in a command", "command", func(t *testing.T, term *tmuxTerm) { term.keys(t, "C-t") }, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			config := emptyConfig(t, dir)
			state := filepath.Join(dir, "state")
			// The shell stays after its last line: tmux drops what a
			// pane's process wrote if the process ends before tmux has
			// read it, and the test would miss "e2e: read".
			term := startTmux(t, dir, 120, 40,
				`printf 'e2e: before\n'; SUPERDASH_CRASH_TEST="$2" XDG_STATE_HOME="$3" "$0" --demo --config "$1"; s=$?; printf 'e2e: exited %s\n' "$s"; read line; printf 'e2e: read %s\n' "$line"; exec sleep 60`,
				bin, config, tc.crash, state)
			term.waitFor(t, "the first jobs", 15*time.Second, func(s string) bool {
				return countsLine.MatchString(s) && strings.Contains(s, "● live") && len(jobRows(s)) > 0
			})
			if got := term.format(t, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"); got != "1 1 0" {
				t.Fatalf("while running: alternate screen, mouse, cursor shown = %q, want \"1 1 0\"", got)
			}

			tc.end(t, term)
			screen := term.waitFor(t, "the dashboard to exit", 15*time.Second, func(s string) bool {
				return strings.Contains(s, "e2e: exited")
			})
			if want := "e2e: exited " + strconv.Itoa(tc.status); !strings.Contains(screen, want) {
				t.Errorf("want %q on the shell's screen:\n%s", want, screen)
			}
			if !strings.Contains(screen, "e2e: before") || strings.Contains(screen, "superdash ·") || len(jobRows(screen)) > 0 {
				t.Errorf("after the exit the shell's screen is not back:\n%s", screen)
			}
			if got := term.format(t, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"); got != "0 0 1" {
				t.Errorf("after the exit: alternate screen, mouse, cursor shown = %q, want \"0 0 1\"", got)
			}
			// Cooked mode: the line is echoed and read. In raw mode Enter
			// is a carriage return the read never sees as a line end.
			term.keys(t, "ok", "Enter")
			term.waitFor(t, "the shell to read a line", 5*time.Second, func(s string) bool {
				return strings.Contains(s, "e2e: read ok")
			})

			// The whole history, joined: a long line wraps, a stack trace scrolls.
			joined := term.run(t, "capture-pane", "-p", "-J", "-S", "-", "-t", tmuxTarget)
			if strings.Contains(joined, "sim-key") {
				t.Errorf("the API key is on the terminal:\n%s", joined)
			}
			if tc.crash == "" {
				if _, err := os.Stat(filepath.Join(state, "superdash")); err == nil {
					t.Errorf("a crash report directory was made without a crash")
				}
				return
			}
			requireCrashReport(t, joined, state, tc.crash)
		})
	}
}

var crashNotice = regexp.MustCompile(`superdash: the dashboard crashed \(a bug\); the terminal was restored\. A crash report, without your API key, is in (\S+\.txt)`)

// requireCrashReport checks the shell's screen names the report, and the
// report tells the panic without the key.
func requireCrashReport(t *testing.T, screen, state, mode string) {
	t.Helper()
	m := crashNotice.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("the screen does not name a crash report:\n%s", screen)
	}
	path := m[1]
	if dir := filepath.Join(state, "superdash"); filepath.Dir(path) != dir {
		t.Errorf("the report is at %s, want it in %s", path, dir)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report := string(data)
	for _, want := range []string{"superdash crash report", "panic: superdash crash test (" + mode + "), holding the API key \"[redacted]\"", "goroutine "} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, "sim-key") {
		t.Errorf("the report holds the API key:\n%s", report)
	}
}

// signalDashboard sends sig to the dashboard's process: the child of the
// shell tmux runs.
func signalDashboard(t *testing.T, term *tmuxTerm, sig syscall.Signal) {
	t.Helper()
	shell := term.format(t, "#{pane_pid}")
	out, err := exec.Command("pgrep", "-P", shell).Output()
	if err != nil {
		t.Fatalf("pgrep -P %s: %v (is procps installed?)", shell, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) != 1 {
		t.Fatalf("the shell %s has children %q, want the dashboard alone", shell, fields)
	}
	pid, err := strconv.Atoi(fields[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatalf("kill -%d %d: %v", sig, pid, err)
	}
}
