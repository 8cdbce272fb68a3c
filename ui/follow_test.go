package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/batches"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// selectedJob is the key of the job under the table's cursor.
func selectedJob(t *testing.T, m Model) string {
	t.Helper()
	j, ok := m.jobs().table.Selected()
	if !ok {
		t.Fatal("no job selected")
	}
	return j.Key()
}

// screenText is the whole screen as plain text.
func screenText(m Model) string { return ansi.Strip(m.View()) }

// arrivedMarker is the marker line's count on screen, "" for none.
func arrivedMarker(m Model) string {
	for _, l := range strings.Split(screenText(m), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "↑ "); ok {
			if n, _, ok := strings.Cut(rest, " new"); ok {
				return n
			}
		}
	}
	return ""
}

// TestJobsArrivingWhileTheCursorIsDown drives the dashboard against the
// simulator on a frozen clock, advanced between syncs: jobs created while
// the cursor is down the list are counted exactly, the cursor stays on its
// job, and g goes up to them; at the top the table follows the head.
func TestJobsArrivingWhileTheCursorIsDown(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 30)
	app := f.srv.AppIDs()[0]
	m := f.dashboard(t, nil, nil)
	m = keys(m, "j", "j", "j", "j")
	on := selectedJob(t, m)
	if got := arrivedMarker(m); got != "" {
		t.Fatalf("marker %q before anything arrived", got)
	}

	f.clock.Advance(10 * time.Second)
	f.srv.AddJobs(app, 7)
	m = syncNow(t, m)
	if got := arrivedMarker(m); got != "7" {
		t.Fatalf("after 7 new jobs the marker says %q:\n%s", got, screenText(m))
	}
	if got := selectedJob(t, m); got != on {
		t.Fatalf("the cursor moved from job %s to %s", on, got)
	}
	requireContains(t, "screen", screenText(m), on) // still on screen
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 40}} {
		m = update(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		screen := m.View()
		requireFits(t, screen, size[0], size[1])
		if got := arrivedMarker(m); got != "7" || selectedJob(t, m) != on {
			t.Fatalf("at %dx%d: marker %q, on job %s; want 7, on %s:\n%s", size[0], size[1], got, selectedJob(t, m), on, screenText(m))
		}
	}

	f.clock.Advance(10 * time.Second)
	added := f.srv.AddJobs(app, 3)
	m = syncNow(t, m)
	m = syncNow(t, m) // a sync with nothing new counts nothing
	if got := arrivedMarker(m); got != "10" {
		t.Fatalf("after 3 more the marker says %q, want 10", got)
	}

	m = keys(m, "g")
	if got := arrivedMarker(m); got != "" {
		t.Fatalf("after g the marker still says %q", got)
	}
	if got := selectedJob(t, m); !slices.Contains(added, got) {
		t.Fatalf("after g the cursor is on %s, want one of the newest: %v", got, added)
	}

	// At the top the table follows the head: the new jobs show, the
	// cursor stays on the first row, and nothing is counted.
	f.clock.Advance(10 * time.Second)
	added = f.srv.AddJobs(app, 5)
	m = syncNow(t, m)
	if got := selectedJob(t, m); !slices.Contains(added, got) || m.jobs().table.Cursor() != 0 {
		t.Fatalf("at the top the cursor went to %s at %d, want the first row, one of %v", got, m.jobs().table.Cursor(), added)
	}
	if got := arrivedMarker(m); got != "" {
		t.Fatalf("at the top the marker says %q", got)
	}
	for _, id := range added {
		requireContains(t, "screen", screenText(m), id)
	}
}

// TestArrivalsCountOnlyWhatTheFilterShows: with a filter on, only the
// jobs that come to match it above the window are counted: not the new
// jobs it hides, but a job that failed above the window under F.
func TestArrivalsCountOnlyWhatTheFilterShows(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 30)
	app := f.srv.AppIDs()[0]
	m := f.dashboard(t, nil, nil)
	rows := m.jobs().rows
	for _, j := range rows[5:] { // more than the table shows
		f.srv.SetStatus(j.Key(), model.StatusFailed)
	}
	f.clock.Advance(time.Second)
	m = syncNow(t, m)
	m = keys(m, "F", "j", "j")
	on := selectedJob(t, m)

	f.clock.Advance(time.Second)
	f.srv.AddJobs(app, 6)                              // scheduled: F hides them
	f.srv.SetStatus(rows[2].Key(), model.StatusFailed) // newer than the cursor's: above it
	m = syncNow(t, m)
	if got := arrivedMarker(m); got != "1" {
		t.Fatalf("the marker says %q, want 1 (the job that failed):\n%s", got, screenText(m))
	}
	if got := selectedJob(t, m); got != on {
		t.Fatalf("the cursor moved from job %s to %s", on, got)
	}
	m = keys(m, "esc") // another filter: another list, nothing in it arrived
	if got := arrivedMarker(m); got != "" {
		t.Fatalf("another filter kept the count: %q", got)
	}
}

// changeMark is a change mark before a job's id (the footer's • is no mark).
var changeMark = regexp.MustCompile(`•[0-9]`)

// changedJobs moves two jobs on screen, a second on, and syncs: the
// dashboard with change marks on their rows.
func changedJobs(t *testing.T, f *actionFixture, m Model) (Model, []string) {
	t.Helper()
	rows := m.jobs().rows
	ids := []string{rows[1].Key(), rows[3].Key()}
	f.srv.SetStatus(ids[0], model.StatusFailed)
	f.srv.SetStatus(ids[1], model.StatusCompleted)
	f.clock.Advance(time.Second)
	return syncNow(t, m), ids
}

// TestChangedRowsAreMarked: a job whose status a sync changed is marked
// on screen with a glyph, for changeMarkFor; then the mark goes, with no
// sync, on the clock's redraw.
func TestChangedRowsAreMarked(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 12)
	m := f.dashboard(t, nil, nil)
	m, ids := changedJobs(t, f, m)
	for _, id := range ids {
		requireContains(t, "row", actRow(t, m, id), "•"+id)
	}
	if n := len(changeMark.FindAllString(screenText(m), -1)); n != len(ids) {
		t.Errorf("%d rows marked, want the %d that changed:\n%s", n, len(ids), screenText(m))
	}
	f.clock.Advance(5 * time.Second)
	m = update(m, clockMsg{})
	if changeMark.MatchString(screenText(m)) {
		t.Errorf("marks outlived their time:\n%s", screenText(m))
	}
}

func TestFollowScreens(t *testing.T) {
	arrived := func() Model {
		f := newActionFixture(t, sim.Options{}, 30)
		m := f.dashboard(t, nil, nil)
		m = keys(m, "j", "j", "j", "j")
		f.clock.Advance(10 * time.Second)
		f.srv.AddJobs(f.srv.AppIDs()[0], 47)
		return syncNow(t, m)
	}()
	changed := func(uiOpts func(*Options)) Model {
		f := newActionFixture(t, sim.Options{}, 12)
		m, _ := changedJobs(t, f, f.dashboard(t, nil, uiOpts))
		return m
	}
	runScreens(t, []screenCase{
		modelScreen("new_jobs_above", arrived),
		modelScreen("changed_rows", changed(nil)),
	})

	// The tint is the info role's colour, and without colour the glyph
	// alone marks the rows.
	for _, p := range []struct {
		name  string
		theme common.Theme
	}{{"256_colours", common.Theme{Profile: termenv.ANSI256, Dark: true}}, {"no_colour", common.Theme{Profile: termenv.Ascii, Dark: true}}} {
		t.Run("changed_rows_"+p.name, func(t *testing.T) {
			inProfile(t, termenv.ANSI256)
			if p.theme.Profile == termenv.Ascii {
				inProfile(t, termenv.ANSI) // as main draws under NO_COLOR (theme.go)
			}
			m := changed(func(o *Options) { o.Common.Styles = stylesFor(common.DefaultStyles(), p.theme) })
			screen := m.View()
			requireFits(t, screen, 120, 40)
			if n := len(changeMark.FindAllString(ansi.Strip(screen), -1)); n != 2 {
				t.Errorf("%d change marks, want 2", n)
			}
			if p.theme.Profile == termenv.Ascii && colourSGR.MatchString(screen) {
				t.Errorf("colour drawn without colour: %q", colourSGR.FindString(screen))
			}
			requireGolden(t, screen)
		})
	}
}

// selectedBatch is the batch under the batches view's cursor.
func selectedBatch(t *testing.T, m Model) string {
	t.Helper()
	id, ok := m.screens[nav.Batches].(listScreen[batches.Model, *batches.Model]).list.Selected()
	if !ok {
		t.Fatal("no batch selected")
	}
	return id
}

// batchOf is the batch of a job the dashboard holds.
func batchOf(t *testing.T, m Model, id string) string {
	t.Helper()
	j, ok := m.poll.Store().Get(id)
	if !ok {
		t.Fatalf("job %s is not stored", id)
	}
	return j.BatchID
}

// TestBatchesViewFollowsTheNewestBatch: on its first row the batches view
// follows the newest batch, however often it is left and opened again;
// with the cursor down, it stays on its batch and counts the new ones.
func TestBatchesViewFollowsTheNewestBatch(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	app := f.srv.AppIDs()[0]
	for range 8 {
		f.clock.Advance(time.Minute)
		f.srv.AddJobs(app, 2)
	}
	m := f.dashboard(t, nil, nil)
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 14}) // 6 batches on screen
	m = keys(m, "b", "esc")

	f.clock.Advance(time.Minute)
	newest := f.srv.AddJobs(app, 2)
	m = syncNow(t, m)
	m = keys(m, "b")
	if got, want := selectedBatch(t, m), batchOf(t, m, newest[0]); got != want {
		t.Fatalf("the batches view opened on %s, want the newest batch %s:\n%s", got, want, screenText(m))
	}

	m = keys(m, "j", "j", "j")
	on := selectedBatch(t, m)
	f.clock.Advance(time.Minute)
	f.srv.AddJobs(app, 2)
	m = keys(m, "esc")
	m = syncNow(t, m)
	f.clock.Advance(time.Minute)
	newest = f.srv.AddJobs(app, 2)
	m = syncNow(t, m)
	m = keys(m, "b")
	if got := arrivedMarker(m); got != "2" {
		t.Fatalf("the marker says %q, want 2 new batches:\n%s", got, screenText(m))
	}
	if got := selectedBatch(t, m); got != on {
		t.Fatalf("the cursor left batch %s for %s", on, got)
	}
	m = keys(m, "g")
	if got, want := selectedBatch(t, m), batchOf(t, m, newest[0]); got != want || arrivedMarker(m) != "" {
		t.Fatalf("after g: on %s, marker %q; want the newest batch %s, no marker", got, arrivedMarker(m), want)
	}
}
