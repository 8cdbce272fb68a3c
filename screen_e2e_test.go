package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPagerGetsTheTerminalAndGivesItBack opens a job in $PAGER (o) in the
// real binary in tmux. The dashboard draws its own frames (package
// screen), so it must hand the terminal over itself: while the pager
// runs, the terminal is as a shell leaves it (normal screen, no mouse
// reporting, cursor shown, cooked mode: a typed line reaches the pager's
// read); once the pager exits, the dashboard has it all back and has
// painted every line over what the pager left.
func TestPagerGetsTheTerminalAndGivesItBack(t *testing.T) {
	bin := endToEnd(t)
	dir := t.TempDir()
	pager := filepath.Join(dir, "pager")
	// The pager ends on a second line, not on a timer, so that the test
	// sees "pager: read" however slow the machine.
	script := "#!/bin/sh\nprintf 'pager: ready\\n'\nread line\nprintf 'pager: read %s\\n' \"$line\"\nread _\n"
	if err := os.WriteFile(pager, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	term := startTmux(t, dir, 120, 40, `PAGER="$2" "$0" --demo --config "$1"`, bin, emptyConfig(t, dir), pager)
	term.waitFor(t, "the first jobs", 15*time.Second, func(s string) bool {
		return countsLine.MatchString(s) && strings.Contains(s, "● live") && len(jobRows(s)) > 0
	})

	term.keys(t, "o")
	term.waitFor(t, "the pager", 10*time.Second, func(s string) bool { return strings.Contains(s, "pager: ready") })
	if got := term.format(t, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"); got != "0 0 1" {
		t.Errorf("while the pager runs: alternate screen, mouse, cursor shown = %q, want \"0 0 1\"", got)
	}
	term.keys(t, "ok", "Enter")
	term.waitFor(t, "the pager to read a line", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "pager: read ok")
	})
	term.keys(t, "Enter")

	screen := term.waitFor(t, "the dashboard back", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "superdash ·") && len(jobRows(s)) > 0
	})
	if strings.Contains(screen, "pager:") {
		t.Errorf("the pager's lines are still on the dashboard's screen:\n%s", screen)
	}
	if got := term.format(t, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}"); got != "1 1 0" {
		t.Errorf("back in the dashboard: alternate screen, mouse, cursor shown = %q, want \"1 1 0\"", got)
	}
	// Keys reach the dashboard again: typed into its filter.
	term.keys(t, "/", "zqzq")
	term.waitFor(t, "the typed filter", 5*time.Second, func(s string) bool { return strings.Contains(s, "zqzq") })
}

// TestResizeRedrawsAtTheNewSize: the dashboard learns its terminal's size
// itself (SIGWINCH), as Bubble Tea does only with its own renderer: after
// the window shrinks, the frame fits it, the footer on its last line.
func TestResizeRedrawsAtTheNewSize(t *testing.T) {
	bin := endToEnd(t)
	term := startDemo(t, bin)
	term.run(t, "resize-window", "-t", tmuxTarget, "-x", "90", "-y", "25")
	term.waitFor(t, "a frame of 90×25", 10*time.Second, func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		return len(lines) == 25 && strings.Contains(lines[24], "help") && strings.HasPrefix(lines[0], "superdash")
	})
}
