package jobtable

import (
	"maps"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

// clockJobs are jobs whose time cells are about to roll over at now: a
// moving job's age in seconds, an ended job's in minutes about to become
// hours, one about to go from hours to days, and plain ones below.
func clockJobs() []*model.Job {
	jobs := []*model.Job{
		{ID: "10", Status: model.StatusInProgress, JobType: "DEFAULT", Created: now.Add(-50 * time.Second)},
		{ID: "11", Status: model.StatusCompleted, Created: now.Add(-2 * time.Hour), Completed: now.Add(-time.Hour + 500*time.Millisecond)},
		{ID: "12", Status: model.StatusFailed, Created: now.Add(-72 * time.Hour), Completed: now.Add(-48*time.Hour + 2*time.Second)},
	}
	return append(jobs, makeJobs(30)...)
}

// TestKeptFrameIsNeverStale takes a table through every kind of change,
// with the jobs' clock moving in between, and checks after each that View
// (which keeps its frame and its rows) gives exactly what drawing afresh
// gives, with colours and without. Each step also says whether the screen
// must change, so that a step that tests nothing is noticed.
func TestKeptFrameIsNeverStale(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI256} {
		t.Run(profile.Name(), func(t *testing.T) {
			lipgloss.SetColorProfile(profile)
			t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
			clock := now
			c := uitest.Common()
			c.JobNow = func() time.Time { return clock }
			jobs := clockJobs()
			m := New(c)
			m.SetSize(150, 12)
			m.SetRows(jobs)
			marks := map[string]bool{}
			marked := func(key string) bool { return marks[key] }

			steps := []struct {
				name    string
				do      func()
				changes bool
			}{
				{"nothing", func() {}, false},
				{"a nanosecond", func() { clock = clock.Add(time.Nanosecond) }, false},
				{"half a second: minutes become an hour", func() { clock = clock.Add(500 * time.Millisecond) }, true},
				{"a quarter second", func() { clock = clock.Add(250 * time.Millisecond) }, false},
				{"a quarter second: seconds roll", func() { clock = clock.Add(250 * time.Millisecond) }, true},
				{"a second: hours become days", func() { clock = clock.Add(time.Second) }, true},
				{"ten seconds: seconds become a minute", func() { clock = clock.Add(10 * time.Second) }, true},
				{"the clock goes back", func() { clock = clock.Add(-20 * time.Second) }, true},
				{"cursor down", func() { m = uitest.Press(t, m, "j") }, true},
				{"cursor down again", func() { m = uitest.Press(t, m, "down") }, true},
				{"page down", func() { m = uitest.Press(t, m, "pgdn") }, true},
				{"to the end", func() { m = uitest.Press(t, m, "end") }, true},
				{"home", func() { m = uitest.Press(t, m, "home") }, true},
				{"narrower", func() { m.SetSize(100, 12) }, true},
				{"shorter", func() { m.SetSize(100, 6) }, true},
				{"back to size", func() { m.SetSize(150, 12) }, true},
				{"the same list again", func() { m.SetRows(jobs) }, false},
				{"a job changed", func() {
					jobs = slices.Clone(jobs)
					changed := *jobs[0]
					changed.Status = model.StatusFailed
					changed.Completed = clock
					jobs[0] = &changed
					m.SetRows(jobs)
				}, true},
				{"unfocused", func() { m.SetFocused(false) }, true},
				{"focused", func() { m.SetFocused(true) }, true},
				{"pending", func() { m.SetPending(jobs[1].Key(), "canceling…") }, true},
				{"pending cleared", func() { m.ClearPending(jobs[1].Key()) }, true},
				{"a mark", func() { marks[jobs[2].Key()] = true; m.SetMarked(marked) }, true},
				{"another mark", func() { marks[jobs[3].Key()] = true; m.SetMarked(marked) }, true},
				{"a mark less", func() { delete(marks, jobs[2].Key()); m.SetMarked(marked) }, true},
				{"no marks", func() { clear(marks); m.SetMarked(nil) }, true},
				{"empty", func() { m.SetRows(nil) }, true},
				{"another empty message", func() { m.SetEmptyMessage("no job matches") }, true},
				{"jobs again", func() { m.SetRows(jobs) }, true},
				{"new year's eve", func() { clock = time.Date(now.Year(), 12, 31, 23, 59, 59, 0, time.UTC) }, true},
				{"new year", func() { clock = clock.Add(time.Second) }, true},
			}
			if profile != termenv.Ascii {
				steps = append(steps, struct {
					name    string
					do      func()
					changes bool
				}{"another profile", func() { lipgloss.SetColorProfile(termenv.ANSI) }, true})
			}
			prev := m.View()
			for _, st := range steps {
				st.do()
				got, want := m.View(), fresh(m)
				if got != want {
					t.Fatalf("after %q, View kept a stale frame:\n got %q\nwant %q", st.name, got, want)
				}
				// Without colours the cursor and focus do not show.
				if changed := got != prev; changed != st.changes && profile != termenv.Ascii {
					t.Errorf("after %q the screen changed: %v, want %v (the step tests nothing)", st.name, changed, st.changes)
				}
				prev = got
			}
		})
	}
}

// fresh is m's frame drawn from scratch, nothing kept.
func fresh(m Model) string {
	return m.render(m.c.JobNow(), m.c.Now(), nil).view
}

// TestCopiesDoNotShareFrames: Bubble Tea hands models around by value, and
// copies share the kept frame. A copy in another state must never be given
// the frame of the other, whichever draws first.
func TestCopiesDoNotShareFrames(t *testing.T) {
	a := newTable(makeJobs(20), 100, 8)
	b := uitest.Press(t, a, "j")
	c := a
	c.SetPending(a.jobs[0].Key(), "canceling…")
	d := a
	d.SetPending(a.jobs[0].Key(), "restarting…")
	for range 2 {
		for name, m := range map[string]Model{"a": a, "b": b, "c": c, "d": d} {
			if got, want := m.View(), fresh(m); got != want {
				t.Errorf("copy %s was drawn another copy's frame:\n got %q\nwant %q", name, got, want)
			}
		}
	}
}

// TestRowsAreKept checks that a frame where one age rolled over draws that
// row only: the others are the strings kept from the frame before.
func TestRowsAreKept(t *testing.T) {
	clock := now
	c := uitest.Common()
	c.JobNow = func() time.Time { return clock }
	m := New(c)
	m.SetSize(150, 12)
	m.SetRows(clockJobs())
	m.View()
	before := maps.Clone(m.frame.rows)
	clock = clock.Add(500 * time.Millisecond) // job 11's "59m ago" becomes "1h ago"
	m.View()
	var drawn []string
	for j, r := range m.frame.rows {
		if old, ok := before[j]; !ok || unsafe.StringData(old.view) != unsafe.StringData(r.view) {
			drawn = append(drawn, j.Key())
		}
	}
	if !slices.Equal(drawn, []string{"11"}) {
		t.Errorf("rows drawn again: %v, want only 11, whose age rolled over", drawn)
	}
}

// The kept frame holds the rows it drew, not the list they came from: a
// table that is not drawn (another screen is up) while new lists arrive
// must not keep every job version of the last list it drew.
func TestKeptFrameLetsOldListsGo(t *testing.T) {
	const n = 2000
	m := newTable(makeJobs(n), 120, 20)
	m.View()
	var freed atomic.Int32
	for _, j := range m.jobs {
		runtime.AddCleanup(j, func(*atomic.Int32) { freed.Add(1) }, &freed)
	}
	m.SetRows(makeJobs(n)) // new versions of every job, not drawn
	// Only the rows on screen may stay; cleanups run after a collection,
	// on a goroutine of their own.
	for deadline := time.Now().Add(5 * time.Second); freed.Load() < n-20 && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := freed.Load(); got < n-20 {
		t.Errorf("%d of %d jobs of the old list were let go, want all but the rows on screen", got, n)
	}
	runtime.KeepAlive(m)
}
