package ui

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/apppicker"
	"superdash/ui/poller"
)

// Terminal sizes: every size from 1x1 up to well past the minimum, on
// every screen, and storms of resizes mixed with data and keys. Nothing
// may panic, nothing may draw outside the terminal (a line too long
// wraps, a line too many scrolls: both leave garbage), and below the
// minimum the screen says so.

// resizeJobs are enough jobs to fill a screen, in many statuses, batches
// and tags, newest last.
func resizeJobs(t *testing.T, n int) []model.Job {
	t.Helper()
	statuses := []model.Status{
		model.StatusCompleted, model.StatusFailed, model.StatusInProgress, model.StatusScheduled,
		model.StatusExpired, model.StatusCanceled, "POST_PROCESSING", "SOMETHING_NEW",
	}
	all := make([]model.Status, n)
	for i := range all {
		all[i] = statuses[i%len(statuses)]
	}
	return testJobs(t, all...)
}

// screensAt are the screens a user can be on, each reached from a loaded
// dashboard by keys.
var screensAt = []struct {
	name string
	keys []string
}{
	{"table", nil},
	{"detail focused", []string{"j", "tab"}},
	{"detail zoomed", []string{"enter"}},
	{"detail search", []string{"enter", "/", "x", "y"}},
	{"filter typing", []string{"/", "s", "t", "a"}},
	{"filter applied", []string{"F"}},
	{"help", []string{"?"}},
	{"batches", []string{"b"}},
	{"tags", []string{"t"}},
	{"app picker", []string{"a"}},
}

// requireScreen checks one frame: it fits, it fills a big enough terminal
// exactly, and below the minimum it says the terminal is too small.
func requireScreen(t *testing.T, where string, m Model, w, h int) {
	t.Helper()
	var screen string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s at %dx%d: View panicked: %v", where, w, h, r)
			}
		}()
		screen = ansi.Strip(m.View())
	}()
	if w <= 0 || h <= 0 {
		if screen != "" {
			t.Fatalf("%s at %dx%d: drew %q on no terminal", where, w, h, screen)
		}
		return
	}
	lines := strings.Split(screen, "\n")
	if len(lines) > h {
		t.Fatalf("%s at %dx%d: %d lines:\n%s", where, w, h, len(lines), screen)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			t.Fatalf("%s at %dx%d: line %d is %d cells: %q", where, w, h, i, got, l)
		}
	}
	if w < minWidth || h < minHeight {
		// Cut to the width there is: "terminal too sma…" at 17 columns,
		// and only the ellipsis at one.
		first := strings.TrimSuffix(lines[0], "…")
		if first == "" && w > 1 || !strings.HasPrefix("terminal too small", first) {
			t.Fatalf("%s at %dx%d: below the minimum the screen reads %q", where, w, h, screen)
		}
		return
	}
	if len(lines) != h {
		t.Fatalf("%s at %dx%d: %d lines, want the whole terminal, %d:\n%s", where, w, h, len(lines), h, screen)
	}
}

func TestEverySizeOnEveryScreen(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	base := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	base = loaded(base, resizeJobs(t, 40))
	base = update(base, apppicker.ListedMsg{Apps: []model.App{{UUID: base.jobs().app.UUID, Name: "An app with a long name, longer than most"}}})

	var sizes [][2]int
	for w := 0; w <= 50; w++ {
		for h := 0; h <= 12; h++ {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	sizes = append(sizes, [][2]int{{20, 5}, {39, 10}, {40, 9}, {40, 10}, {80, 24}, {149, 40}, {150, 40}, {120, 15}, {120, 16}, {300, 100}, {1000, 300}}...)

	for _, sc := range screensAt {
		t.Run(sc.name, func(t *testing.T) {
			// The keys are pressed on a roomy terminal, as a user would,
			// then the terminal takes every size in turn.
			m := keys(base, sc.keys...)
			for _, s := range sizes {
				m = update(m, tea.WindowSizeMsg{Width: s[0], Height: s[1]})
				requireScreen(t, sc.name, m, s[0], s[1])
			}
			// And the keys work on the smallest screen that draws.
			small := update(keys(update(base, tea.WindowSizeMsg{Width: minWidth, Height: minHeight}), sc.keys...),
				tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
			requireScreen(t, sc.name+" (keys at the minimum)", small, minWidth, minHeight)
			// Too small to draw, keys still do no harm.
			tiny := keys(update(base, tea.WindowSizeMsg{Width: 20, Height: 5}), sc.keys...)
			requireScreen(t, sc.name+" (keys at 20x5)", tiny, 20, 5)
		})
	}
}

// TestResizeStormWithDataEndsLikeAFreshScreen: a thousand resizes while a
// paging pass lands, page by page. The screen at the final size is the
// screen a dashboard opened at that size with the same data draws: no
// size along the way left a trace.
func TestResizeStormWithDataEndsLikeAFreshScreen(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	jobs := resizeJobs(t, 300)
	// Newest first, as the first page a user sees: the cursor starts on
	// the newest job and stays on it, as on a fresh screen.
	newestFirst := make([]model.Job, len(jobs))
	for i, j := range jobs {
		newestFirst[len(jobs)-1-i] = j
	}
	rng := rand.New(rand.NewPCG(8, 8))
	m := newTestModel(t, srv, srv.AppIDs()[0], 100, 30)
	pages := 0
	for i := range 1000 {
		w, h := stormSize(rng)
		m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
		requireScreen(t, fmt.Sprintf("resize %d", i), m, w, h)
		if i%33 == 0 && pages*10 < len(newestFirst) {
			page := newestFirst[pages*10 : min((pages+1)*10, len(newestFirst))]
			pages++
			m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: page, Pages: 30, PagesDone: pages}})
			requireScreen(t, fmt.Sprintf("page %d", pages), m, w, h)
		}
	}
	rest := newestFirst[min(pages*10, len(newestFirst)):]
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: rest}})
	m = update(m, poller.DoneMsg{Gen: m.poll.Gen(), Result: api.SyncResult{State: api.SyncState{Loaded: true}}})

	for _, final := range [][2]int{{120, 40}, {80, 24}, {200, 60}, {40, 10}} {
		t.Run(fmt.Sprintf("%dx%d", final[0], final[1]), func(t *testing.T) {
			end := update(m, tea.WindowSizeMsg{Width: final[0], Height: final[1]})
			fresh := newTestModel(t, srv, srv.AppIDs()[0], final[0], final[1])
			fresh = loaded(fresh, jobs)
			got, want := normalizeScreen(end.View()), normalizeScreen(fresh.View())
			if got != want {
				t.Fatalf("after the storm the screen differs from a fresh one at %dx%d:\ngot:\n%s\nwant:\n%s", final[0], final[1], got, want)
			}
		})
	}
}

// TestResizeStormWithKeys: resizes, pages of data and keys, all mixed.
// Every frame fits; at the end, back on the table at a normal size, the
// table is there with every job.
func TestResizeStormWithKeys(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	jobs := resizeJobs(t, 200)
	// Keys that change what is on screen without leaving the dashboard
	// or sending a request (quitting, syncing, switching app, acting).
	safe := []string{"j", "k", "g", "G", "down", "up", "pgdown", "home", "end", "tab", "enter", "esc", "?", "b", "t", "s", "S", "f", "F", "M", "D", "A", "n", "N"}
	rng := rand.New(rand.NewPCG(9, 9))
	m := newTestModel(t, srv, srv.AppIDs()[0], 100, 30)
	next := 0
	w, h := 100, 30
	for i := range 1500 {
		switch r := rng.IntN(10); {
		case r < 4:
			w, h = stormSize(rng)
			m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
		case r < 5 && next < len(jobs):
			end := min(next+7, len(jobs))
			m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: jobs[next:end]}})
			next = end
		default:
			m = keys(m, safe[rng.IntN(len(safe))])
		}
		requireScreen(t, fmt.Sprintf("step %d", i), m, w, h)
	}
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: jobs[next:]}})
	m = update(m, poller.DoneMsg{Gen: m.poll.Gen(), Result: api.SyncResult{State: api.SyncState{Loaded: true}}})
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	// Back to the whole table: out of the help, the list views, the zoomed
	// detail and any filter.
	for range 4 {
		m = keys(m, "esc")
		if (m.overlay == helpOverlay{}) {
			m = keys(m, "?")
		}
	}
	m = keys(m, "A")
	screen := ansi.Strip(m.View())
	requireScreen(t, "after the storm", m, 120, 40)
	requireContains(t, "the screen after the storm", screen, fmt.Sprintf("%d jobs", len(jobs)))
	if m.jobs().table.Len() != len(jobs) {
		t.Fatalf("the table holds %d rows after the storm, want %d", m.jobs().table.Len(), len(jobs))
	}
	if !tableHeaderRow.MatchString(screen) {
		t.Fatalf("no table on screen after the storm:\n%s", screen)
	}
}

// tableHeaderRow is the job table's column titles.
var tableHeaderRow = regexp.MustCompile(`(?m)^ *ID +STATUS `)

// stormSize is a random terminal size, small ones (the dangerous ones)
// more often than large.
func stormSize(rng *rand.Rand) (w, h int) {
	switch rng.IntN(4) {
	case 0:
		return rng.IntN(45), rng.IntN(14)
	case 1:
		return rng.IntN(400), rng.IntN(120)
	default:
		return 30 + rng.IntN(170), 8 + rng.IntN(50)
	}
}
