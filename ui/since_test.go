package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
)

// headerLine is line i (0-based) of what the dashboard draws, as the user
// reads it: no colours, no trailing blanks.
func headerLine(m Model, i int) string {
	return strings.TrimRight(ansi.Strip(strings.Split(m.View(), "\n")[i]), " ")
}

// endedWorld is a simulator on a manual clock holding n jobs of one app,
// all COMPLETED: a status the simulation does not move, so nothing
// changes but what the test changes. It returns the jobs' ids.
func endedWorld(t *testing.T, n int) (*sim.Running, *sim.ManualClock, []string) {
	t.Helper()
	srv, clock := testServer(t, sim.Options{Jobs: -1, Apps: 1})
	ids := srv.AddJobs(srv.AppIDs()[0], n)
	clock.Advance(time.Minute)
	for _, id := range ids {
		srv.SetStatus(id, model.StatusCompleted)
	}
	return srv, clock, ids
}

// setStatuses moves the jobs to st in the simulator.
func setStatuses(srv *sim.Running, st model.Status, ids ...string) {
	for _, id := range ids {
		srv.SetStatus(id, st)
	}
}

// TestSinceLineCountsWhatChangedAndFClearsIt drives the dashboard against
// the simulator with a frozen clock, advanced by hand: what the first load
// brought is not news; what changed after it is counted exactly, in the
// world's time; F shows the failures and clears the line, which then
// counts again from the moment of F.
func TestSinceLineCountsWhatChangedAndFClearsIt(t *testing.T) {
	srv, clock, ids := endedWorld(t, 20)
	m := newPollModel(t, srv, clock, time.Hour, 80, 24)
	m = syncNow(t, m) // the first load, at 12:01
	if got := headerLine(m, 2); got != "" {
		t.Fatalf("after the first load the since line says %q: a load is not news", got)
	}

	clock.Advance(2 * time.Minute) // 12:03
	setStatuses(srv, model.StatusFailed, ids[0:3]...)
	added := srv.AddJobs(srv.AppIDs()[0], 4)
	setStatuses(srv, model.StatusPending, added...) // PENDING does not move by itself
	m = syncNow(t, m)
	if got, want := headerLine(m, 2), "+3 FAILED · +4 PENDING since 12:01"; got != want {
		t.Fatalf("since line = %q, want %q", got, want)
	}

	clock.Advance(time.Minute) // 12:04
	setStatuses(srv, model.StatusFailed, ids[3])
	m = syncNow(t, m)
	if got, want := headerLine(m, 2), "+4 FAILED · +4 PENDING since 12:01"; got != want {
		t.Fatalf("since line = %q, want %q", got, want)
	}

	m = keys(m, "F")
	if got := headerLine(m, 2); got != "" {
		t.Fatalf("after F the since line still says %q", got)
	}
	if rows := len(m.jobs().rows); rows != 4 {
		t.Errorf("F shows %d jobs, want the 4 failed", rows)
	}
	m = syncNow(t, m) // nothing changed: nothing to say
	if got := headerLine(m, 2); got != "" {
		t.Fatalf("a quiet sync after F brought back %q", got)
	}

	clock.Advance(3 * time.Minute) // 12:07
	setStatuses(srv, model.StatusFailed, ids[4])
	m = syncNow(t, m)
	if got, want := headerLine(m, 2), "+1 FAILED since 12:04"; got != want {
		t.Fatalf("after F and a new failure, since line = %q, want %q", got, want)
	}
}

// TestSinceLineAfterFocusComesBack: a terminal that reports focus tells
// the dashboard when the user left and came back. With nothing left
// unacknowledged, coming back shows what happened while away, since the
// time the user left; with something unacknowledged, that stays counted.
func TestSinceLineAfterFocusComesBack(t *testing.T) {
	srv, clock, ids := endedWorld(t, 20)
	m := newPollModel(t, srv, clock, time.Hour, 80, 24)
	m = syncNow(t, m) // 12:01

	clock.Advance(4 * time.Minute)
	m = update(m, tea.BlurMsg{}) // left at 12:05
	clock.Advance(10 * time.Minute)
	setStatuses(srv, model.StatusFailed, ids[0:2]...)
	m = syncNow(t, m) // while away
	clock.Advance(time.Minute)
	m = update(m, tea.FocusMsg{})
	if got, want := headerLine(m, 2), "+2 FAILED since 12:05"; got != want {
		t.Fatalf("back after being away, since line = %q, want %q", got, want)
	}

	// Left again without F: the two failures stay on the line, and what
	// happens while away joins them, counted from the same time.
	m = update(m, tea.BlurMsg{})
	clock.Advance(5 * time.Minute)
	setStatuses(srv, model.StatusFailed, ids[2])
	m = syncNow(t, m)
	m = update(m, tea.FocusMsg{})
	if got, want := headerLine(m, 2), "+3 FAILED since 12:05"; got != want {
		t.Fatalf("back again with failures not acknowledged, since line = %q, want %q", got, want)
	}

	m = keys(m, "F")
	if got := headerLine(m, 2); got != "" {
		t.Fatalf("after F the since line still says %q", got)
	}
	// A focus report with no departure before it (a terminal reporting
	// focus as soon as it is asked to) moves nothing.
	m = update(m, tea.FocusMsg{})
	clock.Advance(time.Minute)
	setStatuses(srv, model.StatusFailed, ids[3])
	m = syncNow(t, m)
	if got, want := headerLine(m, 2), "+1 FAILED since 12:21"; got != want {
		t.Fatalf("since line = %q, want %q", got, want)
	}
}

// TestSinceLineShowsTheWorldsTime: in --demo the jobs' clock is the
// simulator's, faster than the wall's; the since line, like the table's
// ages, tells the world's time.
func TestSinceLineShowsTheWorldsTime(t *testing.T) {
	srv, clock, ids := endedWorld(t, 5)
	m := newPollModel(t, srv, clock, time.Hour, 80, 24)
	// The world's clock five hours ahead of the wall's, which the
	// simulator and the store's stamps keep.
	m.c.JobNow = func() time.Time { return clock.Now().Add(5 * time.Hour) }
	m = syncNow(t, m) // 12:01 on the wall, 17:01 in the world
	clock.Advance(20 * time.Minute)
	setStatuses(srv, model.StatusFailed, ids[0])
	m = syncNow(t, m)
	if got, want := headerLine(m, 2), "+1 FAILED since 17:01"; got != want {
		t.Fatalf("since line = %q, want %q (the world's time of the load)", got, want)
	}
}

// TestSinceLineGivesWayFailuresLast: on a narrow terminal the line
// shortens, the failures the last to go.
func TestSinceLineGivesWayFailuresLast(t *testing.T) {
	srv, clock, ids := endedWorld(t, 20)
	m := newPollModel(t, srv, clock, time.Hour, 80, 24)
	m = syncNow(t, m)
	clock.Advance(time.Minute)
	setStatuses(srv, model.StatusFailed, ids[0:3]...)
	setStatuses(srv, model.StatusNeedsReview, ids[3:10]...)
	setStatuses(srv, model.StatusPending, ids[10:12]...)
	setStatuses(srv, model.StatusNeedsWork, ids[12])
	m = syncNow(t, m)
	for _, tc := range []struct {
		width int
		want  string
	}{
		{80, "+3 FAILED · +2 PENDING · +1 NEEDS_WORK · +7 NEEDS_REVIEW since 12:01"},
		{60, "+3 FAIL · +2 PEND · +1 WORK · +7 REVW since 12:01"},
		{45, "+3 FAILED since 12:01"},
	} {
		m = update(m, tea.WindowSizeMsg{Width: tc.width, Height: 20})
		if got := headerLine(m, 2); got != tc.want {
			t.Errorf("at %d columns, since line = %q, want %q", tc.width, got, tc.want)
		}
	}
}

// TestSinceAndStripScreens are the golden screens of the header's news:
// the since line alone below 100 columns; beside the throughput strip
// above; beside the counts while an error banner holds the third line.
// The world is the seeded simulator of the other screens, moved on ten
// minutes after the first load.
func TestSinceAndStripScreens(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Seed: 42, Jobs: 300, Apps: 2})
	m := newPollModel(t, srv, clock, time.Hour, 120, 40)
	m = syncNow(t, m)
	clock.Advance(10 * time.Minute)
	m = syncNow(t, m)
	banner := m
	srv.FailNext(1000, 503, "")
	banner = syncNow(t, banner)
	for _, sc := range []struct {
		name string
		m    Model
	}{{"since_and_strip", m}, {"since_beside_banner", banner}} {
		for _, size := range [][2]int{{200, 60}, {120, 40}, {80, 24}, {60, 20}} {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, w, h), func(t *testing.T) {
				screen := update(sc.m, tea.WindowSizeMsg{Width: w, Height: h}).View()
				requireFits(t, screen, w, h)
				if !regexp.MustCompile(`\+[0-9]+ FAIL`).MatchString(ansi.Strip(screen)) {
					t.Errorf("no since line on screen:\n%s", ansi.Strip(screen))
				}
				requireGolden(t, screen)
			})
		}
	}
}
