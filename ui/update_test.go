package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api/sim"
	"superdash/model"
)

func TestNavigationMovesCursorAndDetail(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	jobs := testJobs(t, model.StatusCompleted, model.StatusFailed, model.StatusInProgress, model.StatusScheduled)
	m = loaded(m, jobs)

	sel := func(m Model) string {
		j, ok := m.table.Selected()
		if !ok {
			t.Fatal("no selected job")
		}
		return j.Key()
	}
	if got := sel(m); got != "1003" {
		t.Fatalf("newest job first: selected %s, want 1003", got)
	}
	m = keys(m, "j", "j")
	if got := sel(m); got != "1001" {
		t.Fatalf("after j j: selected %s, want 1001", got)
	}
	if m.pane.JobKey() != "1001" {
		t.Errorf("detail shows %q, want the selected job 1001", m.pane.JobKey())
	}
	m = keys(m, "k")
	if got := sel(m); got != "1002" {
		t.Errorf("after k: selected %s, want 1002", got)
	}
	m = keys(m, "G")
	if got := sel(m); got != "1000" {
		t.Errorf("after G: selected %s, want 1000", got)
	}
	m = keys(m, "g")
	if got := sel(m); got != "1003" {
		t.Errorf("after g: selected %s, want 1003", got)
	}
}

func TestMouseClickAndWheelMoveTheCursor(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	statuses := make([]model.Status, 30)
	for i := range statuses {
		statuses[i] = model.StatusCompleted
	}
	m = loaded(m, testJobs(t, statuses...))

	// The table's column header sits on the first line under the header;
	// the third job row is two lines below the first.
	firstRow := m.headerHeight() + 1
	m = update(m, tea.MouseMsg{X: 5, Y: firstRow + 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if j, _ := m.table.Selected(); j.Key() != "1027" {
		t.Errorf("click on the third row selected %s, want 1027", j.Key())
	}
	if m.pane.JobKey() != "1027" {
		t.Errorf("detail shows %q after the click, want 1027", m.pane.JobKey())
	}
	m = update(m, tea.MouseMsg{X: 5, Y: firstRow, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.table.Cursor() <= 2 {
		t.Errorf("wheel down left the cursor at %d", m.table.Cursor())
	}
	// A click in the header does nothing.
	before := m.table.Cursor()
	m = update(m, tea.MouseMsg{X: 5, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.table.Cursor() != before {
		t.Error("a click on the header moved the cursor")
	}
}
