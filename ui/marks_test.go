package ui

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/poller"
)

// marked is the header's count of marked jobs.
func marked(t *testing.T, m Model) int {
	t.Helper()
	got := regexp.MustCompile(`([\d,]+) marked`).FindStringSubmatch(ansi.Strip(m.heading().countsLine()))
	if got == nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(got[1], ",", ""))
	return n
}

// markedRows lists the jobs whose rows show a mark, in table order.
func markedRows(m Model) []string {
	var ids []string
	for _, l := range strings.Split(ansi.Strip(m.jobs().table.View()), "\n") {
		if rest, ok := strings.CutPrefix(l, "*"); ok { // the mark's cell; the next is the change mark's
			ids = append(ids, strings.Fields(strings.TrimPrefix(rest, "•"))[0])
		}
	}
	return ids
}

func TestMarksSurviveRefreshAndFilters(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 10)
	f.srv.SetStatus(f.ids[3], model.StatusFailed)
	f.srv.SetStatus(f.ids[8], model.StatusFailed)
	m := f.dashboard(t, nil, nil)
	if got := m.heading().countsLine(); strings.Contains(ansi.Strip(got), "marked") {
		t.Fatalf("header before marking: %q", ansi.Strip(got))
	}

	m = actCursorOn(t, m, f.ids[1])
	m, _ = press(m, " ")
	m = actCursorOn(t, m, f.ids[5])
	m, _ = press(m, " ")
	requireContains(t, "header", ansi.Strip(m.heading().countsLine()), "10 jobs  2 marked")
	requireContains(t, "row", actRow(t, m, f.ids[1]), "* "+f.ids[1])
	if r := actRow(t, m, f.ids[2]); strings.HasPrefix(r, "*") {
		t.Fatalf("unmarked row %q has a mark", r)
	}

	// The world moves and the dashboard syncs: the marks stay on their jobs.
	f.srv.SetStatus(f.ids[1], model.StatusInProgress)
	f.clock.Advance(time.Second)
	m = syncNow(t, m)
	requireContains(t, "row after a sync", actRow(t, m, f.ids[1]), "IN_PROGRESS")
	if got := markedRows(m); !sameSet(got, []string{f.ids[1], f.ids[5]}) {
		t.Fatalf("marks after a sync: %v", got)
	}

	// A filter hides them, and they stay; V marks what the filter shows.
	m, _ = press(m, "F")
	requireContains(t, "header", ansi.Strip(m.heading().countsLine()), "2 of 10 jobs  2 marked")
	m, _ = press(m, "V")
	requireContains(t, "header", ansi.Strip(m.heading().countsLine()), "4 marked")
	m, _ = press(m, "esc") // the filter goes
	if got := markedRows(m); !sameSet(got, []string{f.ids[1], f.ids[3], f.ids[5], f.ids[8]}) {
		t.Fatalf("marks after V and a filter change: %v", got)
	}
	requireContains(t, "row", actRow(t, m, f.ids[5]), "* "+f.ids[5])

	// space unmarks; U clears them all.
	m = actCursorOn(t, m, f.ids[5])
	m, _ = press(m, " ")
	if n := marked(t, m); n != 3 || len(markedRows(m)) != 3 {
		t.Fatalf("%d marks (%d rows) after unmarking one, want 3", n, len(markedRows(m)))
	}
	m, _ = press(m, "U")
	requireContains(t, "footer", actFooter(m), "cleared 3 marks")
	if strings.Contains(ansi.Strip(m.heading().countsLine()), "marked") {
		t.Fatalf("after U: header %q", ansi.Strip(m.heading().countsLine()))
	}
	if r := actRow(t, m, f.ids[1]); strings.HasPrefix(r, "*") {
		t.Fatalf("row %q still marked after U", r)
	}
}

// Read-only mode: no key, dialog or retry reaches the API, the help shows
// no action, and the header says so.
func TestReadOnlyBlocksEveryPathToAnAction(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 4)
	f.srv.SetStatus(f.ids[0], model.StatusFailed)
	m := f.dashboard(t, nil, func(o *Options) { o.ReadOnly = true })
	requireContains(t, "title", title(m), "read-only · ● live")

	for _, path := range [][]string{{"c"}, {"R"}, {" ", "c"}, {"V", "R"}, {"tab", "c"}, {"enter", "R"}, {"c", "y"}, {"c", "right", "enter"}} {
		mm := actCursorOn(t, m, f.ids[0])
		var cmd tea.Cmd
		for i, k := range path {
			var c tea.Cmd
			mm, c = press(mm, k)
			cmd = tea.Batch(cmd, c)
			if i == 0 && !slices.Contains([]string{"tab", "enter"}, k) && !strings.Contains(actFooter(mm), "read-only") {
				t.Errorf("%q: footer %q does not say why", path, actFooter(mm))
			}
		}
		if o, n := actOverlay(mm), marked(t, mm); o != "" || n != 0 {
			t.Errorf("%q: %q shows, %d marks; want neither", path, o, n)
		}
		for _, msg := range msgsOf(cmd) {
			if _, ok := msg.(actions.Msg); ok {
				t.Errorf("%q sent an action", path)
			}
		}
	}

	if s := f.srv.Stats().Endpoints; s[sim.EndpointCancel]+s[sim.EndpointRestart] != 0 {
		t.Fatalf("actions reached the API: %v", s)
	}
	if _, err := os.Stat(f.journal); !os.IsNotExist(err) {
		t.Errorf("read-only mode wrote a journal: %v", err)
	}

	// The help lists no action, and says nothing of marks.
	m, _ = press(m, "?")
	help := ansi.Strip(m.View())
	for _, word := range []string{"cancel job", "restart job", "mark"} {
		requireNotContains(t, "help", help, word)
	}
	requireContains(t, "help", help, "action journal")
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// A job the API no longer lists loses its mark: a bulk action never
// counts a job that is gone.
func TestMarkOfAJobNoLongerListedIsDropped(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 4)
	m := f.dashboard(t, nil, nil)
	for _, id := range []string{f.ids[1], f.ids[2]} {
		m = actCursorOn(t, m, id)
		m, _ = press(m, " ")
	}
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Drop: []string{f.ids[2]}}})
	if n, rows := marked(t, m), markedRows(m); n != 1 || !sameSet(rows, []string{f.ids[1]}) {
		t.Fatalf("after job %s left: %d marked, rows %v; want %s alone", f.ids[2], n, rows, f.ids[1])
	}
	m, _ = press(m, "c")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Cancel 1 marked job?")
}
