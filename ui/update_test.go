package ui

import (
	"testing"

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
