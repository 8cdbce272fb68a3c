//go:build linux

package main

import (
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"superdash/api/sim"
	"superdash/model"
)

// TestHeaderSinceLineFollowsFocusInTmux runs the real binary in tmux with
// focus-events on and a client attached, as a user's terminal is, against
// a simulator whose world moves only when the test moves it. The header's
// since line counts what changed after the load; F clears it; switching
// to another tmux window and back is leaving and looking again, and the
// line then counts from when the user left, which tmux told the dashboard
// with a focus report.
func TestHeaderSinceLineFollowsFocusInTmux(t *testing.T) {
	bin := endToEnd(t)
	dir := t.TempDir()
	clock := sim.NewManualClock(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC))
	world := sim.New(sim.Options{Seed: 7, Jobs: -1, Apps: 1, Clock: clock.Now})
	app := world.AppIDs()[0]
	ids := world.AddJobs(app, 20)
	clock.Advance(time.Minute)
	setAll := func(st model.Status, ids ...string) {
		clock.Advance(time.Minute) // a later completed time, past the watermark
		for _, id := range ids {
			world.SetStatus(id, st)
		}
	}
	setAll(model.StatusCompleted, ids...)
	srv := httptest.NewServer(world)
	t.Cleanup(srv.Close)

	// TZ=UTC: the since line's time is the binary's local time.
	script := `TZ=UTC SUPERAI_API_KEY="$1" "$0" --config "$2" --base-url "$3" --app "$4" --interval 1s`
	term := startTmux(t, dir, 120, 40, script, bin, world.APIKey(), emptyConfig(t, dir), srv.URL+"/v1", app)
	term.run(t, "set-option", "-g", "focus-events", "on", ";", "set-option", "-g", "status", "off")
	attachClient(t, term, 120, 40)

	loadedAt := minute(time.Now())
	term.waitFor(t, "the load", 15*time.Second, func(s string) bool {
		return strings.Contains(s, "20 jobs  COMPLETED 20") && strings.Contains(s, "● live")
	})
	if line := screenLine(term.capture(t), 2); strings.Contains(line, "since") {
		t.Fatalf("after the load the since line says %q: a load is not news", line)
	}

	setAll(model.StatusFailed, ids[0:3]...)
	screen := term.waitFor(t, "the since line", 10*time.Second, func(s string) bool {
		return strings.Contains(screenLine(s, 2), "+3 FAILED since ")
	})
	if got := sinceTime(screenLine(screen, 2)); got != loadedAt && got != minute(time.Now()) {
		t.Errorf("the since line counts from %s, want the load's minute %s", got, loadedAt)
	}

	term.keys(t, "F")
	term.waitFor(t, "F to show the failures and clear the line", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "3 of 20 jobs  FAILED 3") && !strings.Contains(screenLine(s, 2), "since")
	})
	acknowledged := minute(time.Now())
	// The user leaves in a later minute than F, so the line's time tells
	// whether the dashboard heard of it.
	for minute(time.Now()) == acknowledged {
		time.Sleep(200 * time.Millisecond)
	}

	before := minute(time.Now())
	term.run(t, "new-window", "-t", tmuxTarget) // the client now shows another window
	after := minute(time.Now())
	setAll(model.StatusFailed, ids[3:5]...)
	// The dashboard's window, not shown, still polls and draws.
	dashboard := tmuxTarget + ":0"
	awayDeadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(term.run(t, "capture-pane", "-p", "-t", dashboard), "5 of 20 jobs  FAILED 5") {
		if time.Now().After(awayDeadline) {
			t.Fatalf("while away the dashboard never showed the new failures:\n%s", term.run(t, "capture-pane", "-p", "-t", dashboard))
		}
		time.Sleep(50 * time.Millisecond)
	}

	term.run(t, "select-window", "-t", dashboard) // back
	screen = term.waitFor(t, "the line to count from when the user left", 5*time.Second, func(s string) bool {
		line := screenLine(s, 2)
		return strings.Contains(line, "+2 FAILED since ") && sinceTime(line) != acknowledged
	})
	if got := sinceTime(screenLine(screen, 2)); got != before && got != after {
		t.Errorf("back from another window, the since line counts from %s, want when the user left (%s)", got, before)
	}

	term.keys(t, "F")
	term.waitFor(t, "F to clear the line again", 5*time.Second, func(s string) bool {
		return !strings.Contains(screenLine(s, 2), "since")
	})
}

// minute is t as the since line writes it, in UTC.
func minute(t time.Time) string { return t.UTC().Format("15:04") }

// screenLine is line i of screen, "" past its end.
func screenLine(screen string, i int) string {
	lines := strings.Split(screen, "\n")
	if i >= len(lines) {
		return ""
	}
	return lines[i]
}

var sinceAt = regexp.MustCompile(`since ([0-9]{2}:[0-9]{2})`)

// sinceTime is the time a since line counts from, "" for none.
func sinceTime(line string) string {
	if m := sinceAt.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}

// attachClient attaches a tmux client to term's server through a
// pseudo-terminal of the test's own, w×h, as a user's terminal would be:
// tmux tells a pane it has focus only while a focused client shows it.
// The client is killed when the test ends.
func attachClient(t *testing.T, term *tmuxTerm, w, h int) {
	t.Helper()
	master, slave, err := openPTY(w, h)
	if err != nil {
		t.Fatalf("open a pseudo-terminal for a tmux client: %v", err)
	}
	cmd := exec.Command("tmux", "-u", "-f", "/dev/null", "-S", term.socket, "attach-session", "-t", tmuxTarget)
	cmd.Env = term.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	err = cmd.Start()
	slave.Close() // the client holds it now
	if err != nil {
		master.Close()
		t.Fatalf("attach a tmux client: %v", err)
	}
	// What the client draws is read and dropped, so it never blocks on a
	// full terminal; the read ends when the client has gone.
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		_, _ = io.Copy(io.Discard, master)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		<-drained
		master.Close()
	})
	term.waitFor(t, "the client to attach", 5*time.Second, func(string) bool {
		return term.format(t, "#{session_attached}") == "1"
	})
}

// openPTY opens a pseudo-terminal of w×h cells: its master side, and its
// slave side for a child to use as its terminal.
func openPTY(w, h int) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(master.Fd())
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err == nil {
		err = unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0) // unlock the slave
	}
	if err == nil {
		err = unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(w), Row: uint16(h)})
	}
	if err == nil {
		slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	}
	if err != nil {
		master.Close()
		return nil, nil, errors.Join(errors.New("set up /dev/ptmx"), err)
	}
	return master, slave, nil
}
