package main

import (
	"strings"
	"testing"
	"time"
)

// TestCopyReachesTmuxBuffer presses y in the real binary inside a stock
// tmux (allow-passthrough off, as tmux 3.3 and later ship) set up as the
// README says, with set-clipboard on: the job's id must be in tmux's paste
// buffer, and the footer must not claim more than is known.
func TestCopyReachesTmuxBuffer(t *testing.T) {
	bin := endToEnd(t)
	term := startDemo(t, bin)
	term.run(t, "set-option", "-g", "set-clipboard", "on")
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
