package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/nav"
)

// triageModel is a dashboard holding jobs of every kind, for the tests of
// the finding keys.
func triageModel(t *testing.T) Model {
	t.Helper()
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	return loaded(m, testJobs(t,
		model.StatusCompleted,  // 1000, oldest
		model.StatusFailed,     // 1001
		model.StatusInProgress, // 1002
		model.StatusFailed,     // 1003
		model.StatusExpired,    // 1004
		model.StatusScheduled,  // 1005, newest
	))
}

// rowKeys lists the table's rows by key, in order.
func rowKeys(m Model) string {
	keys := make([]string, len(m.jobs().rows))
	for i, j := range m.jobs().rows {
		keys[i] = j.Key()
	}
	return strings.Join(keys, " ")
}

func selectedKey(t *testing.T, m Model) string {
	t.Helper()
	j, ok := m.jobs().table.Selected()
	if !ok {
		t.Fatal("no job selected")
	}
	return j.Key()
}

func TestFacetKeys(t *testing.T) {
	m := triageModel(t)
	cases := []struct{ key, filter, rows string }{
		{"F", "status:failed", "1003 1001"},
		{"M", "status:moving", "1005 1002"},
		{"D", "status:ended", "1004 1003 1001 1000"},
		{"A", "", "1005 1004 1003 1002 1001 1000"},
	}
	for _, tc := range cases {
		m = keys(m, tc.key)
		if m.jobs().filter.text != tc.filter {
			t.Errorf("%s: filter %q, want %q", tc.key, m.jobs().filter.text, tc.filter)
		}
		if got := rowKeys(m); got != tc.rows {
			t.Errorf("%s: rows %s, want %s", tc.key, got, tc.rows)
		}
	}
	m = keys(m, "F")
	if !strings.Contains(m.View(), "2 of 6 jobs") {
		t.Error(`a facet's header does not say "2 of 6 jobs"`)
	}
	m = keys(m, "esc")
	if m.jobs().filter.shown() || rowKeys(m) != "1005 1004 1003 1002 1001 1000" {
		t.Errorf("esc on the table did not drop the filter: %q shows %s", m.jobs().filter.text, rowKeys(m))
	}
}

func TestFilterBarAppliesAsYouTypeAndKeepsLastValid(t *testing.T) {
	m := triageModel(t)
	m = keys(m, "/")
	if !m.current().Typing() {
		t.Fatal("/ did not give the filter bar the keyboard")
	}
	m = keys(m, strings.Split("status:fail", "")...)
	if got := rowKeys(m); got != "1003 1001" {
		t.Fatalf("typed status:fail, rows %s", got)
	}
	// A half-typed term does not parse: it is named with its reason and
	// the last valid filter stays applied.
	m = keys(m, " ", "-")
	if m.jobs().filter.err == nil || !strings.Contains(m.View(), `✗ -: nothing to negate`) {
		t.Errorf("the bad term is not shown with its reason:\n%s", m.View())
	}
	if got := rowKeys(m); got != "1003 1001" {
		t.Errorf("an invalid query changed the rows to %s", got)
	}
	// q is a letter of the query while typing, not quit.
	m, cmd := press(m, "q")
	if quits(cmd) {
		t.Fatal("q quit while typing a filter")
	}
	m = keys(m, "enter")
	if m.current().Typing() || !m.jobs().filter.shown() {
		t.Error("enter should keep the filter and give the keyboard back")
	}
	// esc while typing goes back to the filter in force before /, not to
	// none; a second esc, on the table, clears it.
	m = keys(m, "/", "ctrl+u")
	if got := rowKeys(m); got != "1005 1004 1003 1002 1001 1000" {
		t.Fatalf("ctrl+u in the bar left rows %s", got)
	}
	m = keys(m, "esc")
	if m.current().Typing() || rowKeys(m) != "1003 1001" || !strings.Contains(m.View(), "/ status:fail") {
		t.Errorf("esc in the bar should restore status:fail and give the keyboard back, rows %s:\n%s", rowKeys(m), m.View())
	}
	m = keys(m, "esc")
	if m.jobs().filter.shown() || rowKeys(m) != "1005 1004 1003 1002 1001 1000" {
		t.Errorf("a second esc should drop the filter, rows %s", rowKeys(m))
	}
}

func TestNextFailedJumpsBelowTheCursor(t *testing.T) {
	m := triageModel(t)
	if got := selectedKey(t, m); got != "1005" {
		t.Fatalf("starts on %s", got)
	}
	m = keys(m, "f")
	if got := selectedKey(t, m); got != "1003" {
		t.Errorf("f went to %s, want the first failed job below, 1003", got)
	}
	if m.jobs().pane.JobKey() != "1003" {
		t.Errorf("the detail pane shows %q, not the job jumped to", m.jobs().pane.JobKey())
	}
	m = keys(m, "f")
	if got := selectedKey(t, m); got != "1001" {
		t.Errorf("second f went to %s, want 1001", got)
	}
	m = keys(m, "f")
	if got := selectedKey(t, m); got != "1001" || !strings.Contains(m.View(), "no failed job below the cursor") {
		t.Errorf("f at the last failed job should stay and say so; on %s", got)
	}
}

func TestSortCyclesReversesAndKeepsTheCursorsJob(t *testing.T) {
	m := triageModel(t)
	m = keys(m, "j", "j") // 1003
	if !strings.Contains(m.View(), "CREATED ↓") || strings.Contains(m.View(), "by created") {
		t.Error("the sorted column's header does not show the sort, or the counts line says it again")
	}
	m = keys(m, "s") // completed
	if m.jobs().sort.Key != model.SortByCompleted {
		t.Fatalf("s set the sort to %v", m.jobs().sort.Key)
	}
	m = keys(m, "s") // status
	if m.jobs().sort.Key != model.SortByStatus || !strings.Contains(m.View(), "STATUS ↓") {
		t.Errorf("second s: sort %v", m.jobs().sort.Key)
	}
	if got := selectedKey(t, m); got != "1003" {
		t.Errorf("re-sorting moved the cursor to %s, want it on 1003", got)
	}
	before := rowKeys(m)
	m = keys(m, "S")
	if !strings.Contains(m.View(), "STATUS ↑") || rowKeys(m) == before {
		t.Errorf("S did not reverse: %s then %s", before, rowKeys(m))
	}
	// Stable: equal statuses keep a fixed order (by id) both ways.
	if got := rowKeys(m); got != "1005 1002 1000 1001 1003 1004" {
		t.Errorf("status ascending: %s", got)
	}
	// Sorted by a column the width leaves out, the counts line says the
	// order instead.
	m = keys(m, "s", "s") // id, then batch
	m = update(m, tea.WindowSizeMsg{Width: 50, Height: 20})
	js := m.jobs()
	if js.table.SortShown() || !strings.Contains(ansi.Strip(m.heading().countsLine()), "by batch ↑") {
		t.Errorf("sorted by batch at 50 columns: the BATCH column shown %v, the counts line %q", js.table.SortShown(), ansi.Strip(m.heading().countsLine()))
	}
}

func TestBatchesAndTagsViewsFilterTheTable(t *testing.T) {
	m := triageModel(t)
	m = keys(m, "b")
	if m.active != nav.Batches || !strings.Contains(m.View(), "b1") {
		t.Fatalf("b did not open the batches view:\n%s", m.View())
	}
	m = keys(m, "enter")
	if m.active != nav.Jobs || m.jobs().filter.text != "batch:b1" {
		t.Errorf("enter on a batch: screen %v filter %q", m.active, m.jobs().filter.text)
	}
	m = keys(m, "t")
	if m.active != nav.Tags {
		t.Fatal("t did not open the tags view")
	}
	m = keys(m, "enter")
	if m.active != nav.Jobs || !strings.HasPrefix(m.jobs().filter.text, "tag:t") {
		t.Errorf("enter on a tag: screen %v filter %q", m.active, m.jobs().filter.text)
	}
	m = keys(m, "b", "esc")
	if m.active != nav.Jobs {
		t.Error("esc did not leave the batches view")
	}
}

func TestTriageScreens(t *testing.T) {
	screens := []screenCase{
		{name: "filter_valid", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys(append([]string{"/"}, strings.Split("status:fail,exp", "")...)...)
			e.keys("enter") // keep it, so q quits
			e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte(" of 150 jobs")) })
		}},
		{name: "filter_invalid", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys(append([]string{"/"}, strings.Split("status:failed -", "")...)...)
			e.keys("enter")
			e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte("✗ ")) })
		}},
		{name: "batches", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys("b")
			e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte("PROGRESS")) })
		}},
		{name: "tags", show: func(t *testing.T, e *screenEnv) {
			e.load(t)
			e.keys("t")
			e.waitFor(t, func(drawn []byte) bool { return bytes.Contains(drawn, []byte("SHARE")) })
		}},
	}
	runScreens(t, screens)
}
