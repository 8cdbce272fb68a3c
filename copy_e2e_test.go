package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCopyReachesTmuxBuffer presses y in the real binary inside a stock
// tmux (allow-passthrough off, as tmux 3.3 and later ship) set up as the
// README says, with set-clipboard on: the job's id must be in tmux's paste
// buffer, and the footer must not claim more than is known.
func TestCopyReachesTmuxBuffer(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and drives it in tmux")
	}
	requireTmux(t)
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	config := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(config, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	term := startTmux(t, dir, 120, 40, `"$0" --demo --config "$1"`, bin, config)
	term.run(t, "set-option", "-g", "set-clipboard", "on")
	term.waitFor(t, "the first jobs", 15*time.Second, func(s string) bool {
		return countsLine.MatchString(s) && strings.Contains(s, "● live") && len(jobRows(s)) > 0
	})
	// The cursor follows its job when new ones land above it, so y copies
	// the job opened here.
	id := openedJob(t, term)
	term.keys(t, "y")
	// No X display nor Wayland in the test's environment: the system
	// clipboard refuses, and the footer says only that the id was sent.
	notice := "sent job id " + id + " to the terminal clipboard"
	term.waitFor(t, "the copy notice", 5*time.Second, func(s string) bool { return strings.Contains(s, notice) })
	if got := term.run(t, "show-buffer"); got != id {
		t.Errorf("tmux's buffer holds %q, want the job id %q", got, id)
	}
}
