package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
)

func TestNavigationMovesCursorAndDetail(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	jobs := testJobs(t, model.StatusCompleted, model.StatusFailed, model.StatusInProgress, model.StatusScheduled)
	m = loaded(m, jobs)

	sel := func(m Model) string {
		j, ok := m.jobs().table.Selected()
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
	if m.jobs().pane.JobKey() != "1001" {
		t.Errorf("detail shows %q, want the selected job 1001", m.jobs().pane.JobKey())
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
	firstRow := headerLines + 1
	m = update(m, tea.MouseMsg{X: 5, Y: firstRow + 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if j, _ := m.jobs().table.Selected(); j.Key() != "1027" {
		t.Errorf("click on the third row selected %s, want 1027", j.Key())
	}
	if m.jobs().pane.JobKey() != "1027" {
		t.Errorf("detail shows %q after the click, want 1027", m.jobs().pane.JobKey())
	}
	m = update(m, tea.MouseMsg{X: 5, Y: firstRow, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.jobs().table.Cursor() <= 2 {
		t.Errorf("wheel down left the cursor at %d", m.jobs().table.Cursor())
	}
	// A click in the header does nothing.
	before := m.jobs().table.Cursor()
	m = update(m, tea.MouseMsg{X: 5, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.jobs().table.Cursor() != before {
		t.Error("a click on the header moved the cursor")
	}
}

// TestLettersReadTogetherAreKeyPresses sends letters the way a terminal
// read delivers them when they come quickly (fast typing, key repeat over
// SSH, tmux send-keys): several runes in one key message.
func TestLettersReadTogetherAreKeyPresses(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m = loaded(m, testJobs(t, model.StatusCompleted, model.StatusFailed, model.StatusInProgress, model.StatusScheduled, model.StatusCompleted))
	sel := func(m Model) string {
		t.Helper()
		j, ok := m.jobs().table.Selected()
		if !ok {
			t.Fatal("no selected job")
		}
		return j.Key()
	}
	if got := sel(m); got != "1004" {
		t.Fatalf("newest job first: selected %s, want 1004", got)
	}
	m = update(m, keyMsg("jjj"))
	if got := sel(m); got != "1001" {
		t.Fatalf(`"jjj" in one message: selected %s, want 1001, three rows down`, got)
	}
	if m.jobs().pane.JobKey() != "1001" {
		t.Errorf("detail shows %q, want the selected job 1001", m.jobs().pane.JobKey())
	}
	m = update(m, keyMsg("jk"))
	if got := sel(m); got != "1001" {
		t.Errorf(`"jk" in one message: selected %s, want 1001, where it started`, got)
	}

	// A paste is text, never keys: nothing has the keyboard, so it does
	// nothing at all.
	m = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("kk"), Paste: true})
	if got := sel(m); got != "1001" {
		t.Errorf("a pasted \"kk\" moved the cursor to %s", got)
	}

	// Once a letter gives a text input the keyboard, the letters after it
	// are its text: "/" opens the filter and "status:fa" is typed into it, and
	// so are letters read together while it is open.
	m = update(m, keyMsg("/status:fa"))
	m = update(m, keyMsg("iled"))
	if !m.jobs().filter.typing() || m.jobs().filter.input.Value() != "status:failed" {
		t.Fatalf("filter typing=%v holds %q, want \"status:failed\"", m.jobs().filter.typing(), m.jobs().filter.input.Value())
	}
	if got := sel(m); got != "1001" || len(m.jobs().rows) != 1 {
		t.Errorf("the filter shows %d rows, selected %s; want the failed job 1001 alone", len(m.jobs().rows), got)
	}

	// Alt with a letter is one key (Bubble Tea never reads more than one
	// rune after the Alt escape); several are each pressed with Alt, so
	// none of them is taken for the plain letter.
	m = update(m, keyMsg("esc"))
	before := sel(m)
	m = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj"), Alt: true})
	if got := sel(m); got != before {
		t.Errorf("alt+j alt+j moved the cursor from %s to %s", before, got)
	}

	// Quit ends the run: the letters after it are not handled.
	m = update(m, keyMsg("qj"))
	if got := sel(m); got != before {
		t.Errorf("\"qj\" moved the cursor from %s to %s after quitting", before, got)
	}
}

// TestHugePasteIntoTheFilter pastes 10 MB into the filter bar: the bar
// keeps no more than a filter may hold, says why it is not applied, and the
// table keeps the last filter that was.
func TestHugePasteIntoTheFilter(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	m = loaded(m, testJobs(t, model.StatusCompleted, model.StatusFailed, model.StatusCompleted))
	m = update(m, keyMsg("/"))
	m = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("x", 10<<20)), Paste: true})
	if n := len(m.jobs().filter.input.Value()); n > model.MaxQueryLen+1 {
		t.Errorf("the filter bar holds %d bytes", n)
	}
	if screen := ansi.Strip(m.View()); !strings.Contains(screen, "the filter is longer than 4 KB") {
		t.Errorf("the screen does not say the filter is too long:\n%s", screen)
	}
	if len(m.jobs().rows) != 3 {
		t.Errorf("the table shows %d rows, want all 3: the huge filter must not apply", len(m.jobs().rows))
	}
}
