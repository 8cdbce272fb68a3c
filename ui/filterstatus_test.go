package ui

import (
	"strings"
	"testing"

	"superdash/api/sim"
	"superdash/model"
)

// TestFilterNamesAnUnknownStatus: status:bogus is a misspelling, not a
// filter that silently matches nothing: the bar names it, with the
// statuses there are (the API's own first), and the rows stay. A status
// the API sent that this build does not know is a filter like any other.
func TestFilterNamesAnUnknownStatus(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m = loaded(m, testJobs(t, model.StatusFailed, "WEIRD_NEW_STATE", model.StatusCompleted))

	m = keys(m, "/", "status:bogus")
	view := m.View()
	if !strings.Contains(view, "✗ status:bogus: no status BOGUS; the API sent WEIRD_NEW_STATE; known: PENDING") {
		t.Errorf("the bar does not name the unknown status and the ones there are:\n%s", view)
	}
	if got := rowKeys(m); got != "1002 1001 1000" {
		t.Errorf("an unknown status changed the rows to %s", got)
	}

	m = keys(m, "ctrl+u", "status:weird_new_state")
	if got := rowKeys(m); got != "1001" || strings.Contains(m.View(), "✗") {
		t.Errorf("a status the API sent: rows %s, want 1001, no error:\n%s", got, m.View())
	}
}
