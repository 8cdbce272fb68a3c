package ui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/ui/common"
	"superdash/ui/poller"
)

// newClockedDashboard builds a dashboard on srv's first app whose clock is
// clock: the tests that share it with the simulator (testServer does) age
// the data on screen and move the simulated world with one Advance.
func newClockedDashboard(t *testing.T, srv *sim.Running, clock *sim.ManualClock, interval time.Duration) Model {
	t.Helper()
	return newStyledDashboard(t, srv, clock, interval, common.DefaultStyles())
}

// newStyledDashboard is newClockedDashboard drawing with styles.
func newStyledDashboard(t *testing.T, srv *sim.Running, clock *sim.ManualClock, interval time.Duration, styles common.Styles) Model {
	t.Helper()
	return newDashboardWith(t, srv, clock, Options{Interval: interval}, styles)
}

// newDashboardWith builds a dashboard on srv's first app, with opts
// completed by a client of srv and a Common drawing with styles on clock.
func newDashboardWith(t *testing.T, srv *sim.Running, clock *sim.ManualClock, opts Options, styles common.Styles) Model {
	t.Helper()
	// A transport of its own, whose idle connections are closed before the
	// simulator (cleanups run last-in first-out): a connection the
	// transport dialled but never used looks new to the server, and
	// http.Server.Shutdown waits 5 s before it counts a new one as idle.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	client, err := api.New(api.Options{
		BaseURL:    srv.BaseURL,
		APIKey:     srv.APIKey(),
		KeySource:  "the test",
		HTTPClient: &http.Client{Transport: transport},
		// The client retries a 503 with real waits of up to seconds; the
		// tests are about what the dashboard does once it gives up.
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	c := common.New()
	c.Styles = styles
	c.Now, c.JobNow = clock.Now, clock.Now // one clock for freshness and job ages
	opts.Client, opts.AppID, opts.Common = client, srv.AppIDs()[0], c
	m := New(opts)
	t.Cleanup(m.Close) // ends the syncs a test started and did not finish
	return m
}

// newPollModel is a sized dashboard for the Update tests, with its 1 s
// header redraw marked as running, as it is in a program after the first
// tick: then onTick returns only the next tick and the sync, and no
// command of a test waits a second for the redraw timer.
func newPollModel(t *testing.T, srv *sim.Running, clock *sim.ManualClock, interval time.Duration, w, h int) Model {
	t.Helper()
	m := newClockedDashboard(t, srv, clock, interval)
	m.header.clockArmed = true
	return update(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// send is update that keeps the command.
func send(m Model, msg tea.Msg) (Model, tea.Cmd) {
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// press sends one key and keeps the command.
func press(m Model, k string) (Model, tea.Cmd) { return send(m, keyMsg(k)) }

// tick is the poll timer firing for the model's current app.
func tick(m Model) poller.TickMsg { return poller.TickMsg{Gen: m.poll.Gen()} }

// msgsOf runs cmd and the commands of every batch it returns, and lists the
// messages they produced. A sync command yields the sync's first page or
// its end; a tick command blocks until its timer fires, so only run what
// a model with instantInterval returned.
func msgsOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var all []tea.Msg
		for _, c := range msg {
			all = append(all, msgsOf(c)...)
		}
		return all
	default:
		return []tea.Msg{msg}
	}
}

// isSync reports whether msg is a message of a sync in flight.
func isSync(msg tea.Msg) bool {
	switch msg.(type) {
	case poller.PageMsg, poller.DoneMsg:
		return true
	}
	return false
}

// finishSync runs cmd, which started a sync, and feeds the sync's pages and
// its end back into m as the program would, until the sync is over. Other
// messages (output fetches of the detail pane) are dropped: they are not
// the sync's. Never give it a command holding a tick of a slow interval.
func finishSync(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, msg := range msgsOf(c) {
			if isSync(msg) {
				var next tea.Cmd
				m, next = send(m, msg)
				// A page's command reads the next event; the end's
				// commands only schedule (the retry after a failure
				// waits out a real backoff), so they are not run.
				if _, page := msg.(poller.PageMsg); page {
					queue = append(queue, next)
				}
			}
		}
	}
	if m.poll.Status().Syncing {
		t.Fatal("the sync never ended")
	}
	return m
}

// syncNow presses r and runs the sync it starts to its end.
func syncNow(t *testing.T, m Model) Model {
	t.Helper()
	m, cmd := press(m, "r")
	if !m.poll.Status().Syncing || cmd == nil {
		t.Fatal("r started no sync")
	}
	return finishSync(t, m, cmd)
}

// quits reports whether cmd is tea.Quit. Only call it with commands that
// return at once.
func quits(cmd tea.Cmd) bool {
	for _, msg := range msgsOf(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

// requireOnlyTick checks that cmd re-arms the poll timer of m's generation
// and does nothing else: no sync, no second tick.
func requireOnlyTick(t *testing.T, m Model, cmd tea.Cmd) {
	t.Helper()
	msgs := msgsOf(cmd)
	if len(msgs) != 1 || msgs[0] != tick(m) {
		t.Fatalf("the tick's command gave %s, want only the next tick %#v", describe(msgs), tick(m))
	}
}

// describe names messages by type, and ticks by generation: a sync's
// message holds whole pages of jobs, too much for a failure message.
func describe(msgs []tea.Msg) string {
	names := make([]string, len(msgs))
	for i, msg := range msgs {
		if tm, ok := msg.(poller.TickMsg); ok {
			names[i] = fmt.Sprintf("%#v", tm)
			continue
		}
		names[i] = fmt.Sprintf("%T", msg)
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// requireStartsSync checks that cmd holds a sync (and runs its first step).
func requireStartsSync(t *testing.T, cmd tea.Cmd) {
	t.Helper()
	for _, msg := range msgsOf(cmd) {
		if isSync(msg) {
			return
		}
	}
	t.Fatal("the command starts no sync")
}

// Plain-text header lines, for assertions on what the user reads.
func title(m Model) string  { return ansi.Strip(m.heading().titleLine()) }
func notice(m Model) string { return ansi.Strip(m.heading().noticeLine()) }

func requireContains(t *testing.T, what, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("%s = %q, want it to contain %q", what, got, want)
	}
}

func requireNotContains(t *testing.T, what, got, unwanted string) {
	t.Helper()
	if strings.Contains(got, unwanted) {
		t.Fatalf("%s = %q, want it without %q", what, got, unwanted)
	}
}
