package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/apppicker"
	"superdash/ui/nav"
	"superdash/ui/poller"
)

// Polling intervals of the tests below.
const (
	// pollInterval is the configured default: what the header's ages and
	// backoffs are read against. Its ticks are never run, only looked at.
	pollInterval = 5 * time.Second
	// instantInterval makes the next tick due at once, so that a test can
	// run the command a tick returned and see everything in it: a
	// tea.Tick command blocks until its timer fires.
	instantInterval = time.Nanosecond
)

func TestTickStartsASyncAndRearms(t *testing.T) {
	// The baseline the tests of dropped ticks below are measured against:
	// without a reason to wait, a tick syncs and schedules the next one.
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, instantInterval, 100, 15)

	m, cmd := send(m, tick(m))
	if !m.poll.Status().Syncing {
		t.Fatal("a due tick started no sync")
	}
	msgs := msgsOf(cmd)
	var ticks, syncs int
	for _, msg := range msgs {
		switch {
		case msg == tick(m):
			ticks++
		case isSync(msg):
			syncs++
		}
	}
	if ticks != 1 || syncs != 1 {
		t.Fatalf("a due tick returned %s, want one next tick and one sync", describe(msgs))
	}
}

func TestTickDuringSyncIsDropped(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, instantInterval, 100, 15)
	m, _ = press(m, "r") // a sync in flight (its command is never run)
	if !m.poll.Status().Syncing {
		t.Fatal("r started no sync")
	}

	m, cmd := send(m, tick(m))
	if !m.poll.Status().Syncing {
		t.Fatal("the tick ended the sync in flight")
	}
	// At most one sync in flight: the tick is dropped, not queued, and the
	// chain goes on with exactly one pending tick.
	requireOnlyTick(t, m, cmd)
	if got := srv.Stats(); got.Requests != 0 {
		t.Fatalf("the simulator saw %d requests, want none: no sync ran", got.Requests)
	}
}

func TestTickOfAnOldGenerationIsIgnored(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 2})
	m := newPollModel(t, srv, clock, instantInterval, 100, 15)
	var apps []model.App
	for _, a := range srv.Apps() {
		apps = append(apps, model.App{UUID: a.ID, Name: a.Name})
	}
	m = update(m, apppicker.ListedMsg{Apps: apps})
	old := tick(m)

	// Switching to the second app starts a new generation.
	m = keys(m, "a", "down")
	m, _ = press(m, "enter")
	t.Cleanup(m.Close) // the new app has its own context
	if m.jobs().app.UUID != apps[1].UUID || m.poll.Gen() == old.Gen {
		t.Fatalf("switching app: watching %q in generation %d, want %q in a new one", m.jobs().app.UUID, m.poll.Gen(), apps[1].UUID)
	}

	m, cmd := send(m, old)
	if cmd != nil || m.poll.Status().Syncing {
		t.Fatalf("a tick of the previous app returned %v and syncing=%v, want it ignored: no sync, no re-arm", cmd, m.poll.Status().Syncing)
	}
	// The current generation's tick still runs the new app's chain.
	m, cmd = send(m, tick(m))
	if !m.poll.Status().Syncing {
		t.Fatal("the new app's tick started no sync")
	}
	requireStartsSync(t, cmd)
}

func TestPauseStopsTicksFromSyncingAndResumes(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, instantInterval, 100, 15)

	m, _ = press(m, "p")
	requireContains(t, "title while paused", title(m), "⏸ paused")
	m, cmd := send(m, tick(m))
	if m.poll.Status().Syncing {
		t.Fatal("a tick synced while paused")
	}
	requireOnlyTick(t, m, cmd) // the chain goes on, ready for the resume

	m, _ = press(m, "p")
	requireNotContains(t, "title after resuming", title(m), "paused")
	requireContains(t, "title after resuming", title(m), "● live")
	m, cmd = send(m, tick(m))
	if !m.poll.Status().Syncing {
		t.Fatal("a tick after resuming started no sync")
	}
	requireStartsSync(t, cmd)
}

func TestRefreshSyncsDuringBackoffButNotWhileSyncing(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, pollInterval, 100, 15)
	srv.FailNext(1000, 503, "")
	m = syncNow(t, m)
	if m.poll.Status().Err == nil || !clock.Now().Before(m.poll.Status().RetryAt) {
		t.Fatalf("after a failed sync: err %v, retry at %v, want an error and a retry after now (%v)", m.poll.Status().Err, m.poll.Status().RetryAt, clock.Now())
	}

	// A tick during the backoff waits (its command is the next 5 s tick,
	// not run here; a value copy keeps m as it was).
	if waited := update(m, tick(m)); waited.poll.Status().Syncing {
		t.Fatal("a tick synced during the backoff")
	}

	m, cmd := press(m, "r")
	if !m.poll.Status().Syncing || !m.poll.Status().RetryAt.IsZero() {
		t.Fatalf("r during the backoff: syncing=%v retryAt=%v, want a sync now and the backoff lifted", m.poll.Status().Syncing, m.poll.Status().RetryAt)
	}
	if cmd == nil {
		t.Fatal("r returned no command")
	}

	again, cmd2 := press(m, "r")
	if cmd2 != nil || !again.poll.Status().Syncing {
		t.Fatal("r while a sync runs started a second one")
	}

	srv.FailNext(0, 0, "")
	m = finishSync(t, m, cmd)
	if m.poll.Status().Err != nil {
		t.Fatalf("the sync r started failed: %v", m.poll.Status().Err)
	}
}

func TestFailedSyncKeepsDataShowsBannerAndBacksOff(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, pollInterval, 100, 15)
	m = syncNow(t, m)
	jobs := m.poll.Store().Len()
	if jobs == 0 || m.poll.Status().Err != nil {
		t.Fatalf("first sync: %d jobs, err %v; want the app's jobs", jobs, m.poll.Status().Err)
	}
	if got := notice(m); strings.TrimSpace(got) != "" {
		t.Fatalf("banner after a good sync: %q, want none", got)
	}

	srv.FailNext(1000, 503, "")
	clock.Advance(time.Second)
	m = syncNow(t, m)

	if m.poll.Status().Err == nil {
		t.Fatal("the sync failed but the model has no error")
	}
	if got := m.poll.Store().Len(); got != jobs {
		t.Fatalf("after a failed sync the store holds %d jobs, want the %d it had", got, jobs)
	}
	if got := m.jobs().table.Len(); got != jobs {
		t.Fatalf("after a failed sync the table shows %d rows, want %d", got, jobs)
	}
	requireContains(t, "banner", notice(m), "⚠ ")
	requireContains(t, "banner", notice(m), "the API is unavailable right now")
	// The first failure waits one interval before the next scheduled sync.
	requireContains(t, "title", title(m), "retrying in 5s · updated 1s ago")
	if want := clock.Now().Add(pollInterval); !m.poll.Status().RetryAt.Equal(want) {
		t.Fatalf("retry at %v, want one interval on: %v", m.poll.Status().RetryAt, want)
	}

	// A second failure in a row waits twice as long.
	clock.Advance(pollInterval)
	m = syncNow(t, m)
	if want := clock.Now().Add(2 * pollInterval); !m.poll.Status().RetryAt.Equal(want) {
		t.Fatalf("after a second failure: retry at %v, want two intervals on: %v", m.poll.Status().RetryAt, want)
	}
	requireContains(t, "title", title(m), "retrying in 10s")

	// Once the backoff is over, the next tick syncs again.
	clock.Advance(2 * pollInterval)
	requireContains(t, "title once the backoff is over", title(m), "retrying ·")
	if due := update(m, tick(m)); !due.poll.Status().Syncing {
		t.Fatal("a tick after the backoff started no sync")
	}

	srv.FailNext(0, 0, "")
	m = syncNow(t, m)
	if m.poll.Status().Err != nil || m.poll.Status().Failures != 0 || !m.poll.Status().RetryAt.IsZero() {
		t.Fatalf("after a good sync: err %v, failures %d, retry at %v; want all cleared", m.poll.Status().Err, m.poll.Status().Failures, m.poll.Status().RetryAt)
	}
	if got := notice(m); strings.TrimSpace(got) != "" {
		t.Fatalf("banner after recovering: %q, want none", got)
	}
	requireContains(t, "title after recovering", title(m), "● live · updated 0s ago")
}

func TestDataOlderThanTwoIntervalsIsStale(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, pollInterval, 100, 15)
	requireContains(t, "title before any sync", title(m), "not loaded yet")
	m = syncNow(t, m)

	clock.Advance(2 * pollInterval)
	requireContains(t, "title at two intervals", title(m), "● live · updated 10s ago")
	requireNotContains(t, "title at two intervals", title(m), "STALE")

	clock.Advance(time.Second)
	requireContains(t, "title past two intervals", title(m), "· STALE: updated 11s ago")
}

func TestUnauthorizedBannerPointsAtTheKey(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Jobs: 20, Apps: 1})
	m := newPollModel(t, srv, clock, pollInterval, 120, 40)
	srv.FailNext(1000, 401, "")
	m = syncNow(t, m)

	if !api.IsUnauthorized(m.poll.Status().Err) {
		t.Fatalf("err = %v, want a 401", m.poll.Status().Err)
	}
	banner := notice(m)
	requireContains(t, "banner", banner, "⚠ ")
	requireContains(t, "banner", banner, "the API key from the test is missing, wrong or lacks access")
	requireNotContains(t, "banner", banner, srv.APIKey())
	// What to do comes last; at 120 columns the banner cuts it off (see
	// the report on noticeLine), so it is checked on the full summary.
	requireContains(t, "banner text", errorSummary(m.poll.Status().Err, true), "Check the API key, then press r:")
	if m.poll.Store().Len() != 0 || !strings.Contains(title(m), "not loaded yet") {
		t.Fatalf("after a refused first sync: %d jobs, title %q; want none, not loaded yet", m.poll.Store().Len(), title(m))
	}
}

func TestQuitKeys(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	fresh := func() Model {
		m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
		return loaded(m, testJobs(t, model.StatusCompleted, model.StatusFailed, model.StatusInProgress))
	}

	t.Run("q from the table", func(t *testing.T) {
		m, cmd := press(fresh(), "q")
		if !quits(cmd) {
			t.Fatal("q did not quit")
		}
		if m.life.Err() == nil {
			t.Error("quitting left the syncs' context running")
		}
	})
	t.Run("q in the help closes it", func(t *testing.T) {
		m := keys(fresh(), "?")
		if !(m.overlay == helpOverlay{}) {
			t.Fatal("? did not open the help")
		}
		m, cmd := press(m, "q")
		if quits(cmd) || (m.overlay == helpOverlay{}) {
			t.Fatalf("q in the help: quit %v, help still open %v; want the help closed, like esc and ?", quits(cmd), (m.overlay == helpOverlay{}))
		}
		if _, cmd := press(m, "q"); !quits(cmd) {
			t.Fatal("q once the help is closed did not quit")
		}
	})
	t.Run("q types into the detail search", func(t *testing.T) {
		m := keys(fresh(), "tab", "/")
		if !m.jobs().pane.Typing() {
			t.Fatal("/ in the focused detail pane opened no search")
		}
		m, cmd := press(m, "q")
		if quits(cmd) {
			t.Fatal("q quit while the search input had the keyboard")
		}
		if !m.jobs().pane.Typing() {
			t.Fatal("q closed the search")
		}
		requireContains(t, "screen", ansi.Strip(m.View()), "/q")
		if _, cmd := press(m, "ctrl+c"); !quits(cmd) {
			t.Fatal("ctrl+c did not quit while typing")
		}
	})
	t.Run("ctrl+c everywhere", func(t *testing.T) {
		for _, path := range [][]string{nil, {"?"}, {"enter"}, {"enter", "/"}, {"a"}} {
			m := keys(fresh(), path...)
			if _, cmd := press(m, "ctrl+c"); !quits(cmd) {
				t.Errorf("ctrl+c after %q did not quit", path)
			}
		}
	})
}

func TestResizeTooSmallAndBack(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	four := []model.Status{model.StatusCompleted, model.StatusFailed, model.StatusInProgress, model.StatusScheduled}
	m = loaded(m, testJobs(t, four...))
	m = keys(m, "j")
	selected := m.jobs().pane.JobKey()
	before := m.View()

	m = update(m, tea.WindowSizeMsg{Width: 30, Height: 8})
	small := ansi.Strip(m.View())
	requireContains(t, "too small screen", small, "terminal too small")
	requireContains(t, "too small screen", small, "need 40x10, have 30x8")
	requireFits(t, small, 30, 8)

	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if got := m.View(); got != before {
		t.Fatalf("shrinking and growing back changed the screen:\nbefore:\n%s\nafter:\n%s", before, got)
	}

	// A sync that lands while the terminal is too small is on screen when
	// it grows: the children get their sizes back and the new rows.
	m = update(m, tea.WindowSizeMsg{Width: 30, Height: 8})
	five := testJobs(t, append(four, model.StatusFailed)...)
	m = loaded(m, five[4:])
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	after := ansi.Strip(m.View())
	requireFits(t, after, 120, 40)
	if got := len(strings.Split(after, "\n")); got != 40 {
		t.Fatalf("the grown screen has %d lines, want all 40", got)
	}
	requireContains(t, "screen after growing", after, "5 jobs")
	requireContains(t, "screen after growing", after, "1004")
	if got := m.jobs().pane.JobKey(); got != selected {
		t.Fatalf("after growing the detail shows %q, want the job selected before, %q", got, selected)
	}
}

// requireFits checks that screen is at most h lines of at most w cells:
// anything bigger scrolls or wraps the terminal.
func requireFits(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > h {
		t.Fatalf("%d lines on a %d-line terminal:\n%s", len(lines), h, screen)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			t.Fatalf("line %d is %d cells on a %d-cell terminal: %q", i, got, w, l)
		}
	}
}

// A bug that panics inside a sync (here: a syncer with no client) ends the
// sync with an internal error in the banner, not with the process.
func TestPanicInASyncBecomesAnError(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m.poll = poller.New(m.life, poller.Options{Interval: m.opts.Interval, Now: m.c.Now}) // no client
	m.poll.Watch(srv.AppIDs()[0])                                                        // the poller again, and the jobs screen on its store
	m.updateScreen(nav.Jobs, nav.WatchMsg{App: model.App{UUID: srv.AppIDs()[0]}, Store: m.poll.Store()})
	m, cmd := press(m, "r")
	m = finishSync(t, m, cmd)
	if !errors.Is(m.poll.Status().Err, api.ErrInternal) {
		t.Fatalf("the sync ended with %v, want an internal error", m.poll.Status().Err)
	}
	if !strings.Contains(m.View(), "internal error in superdash") {
		t.Errorf("the banner does not say so:\n%s", m.View())
	}
}
