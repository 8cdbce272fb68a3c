package ui

import (
	"fmt"
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/poller"
)

// messagesOf runs cmd, and each command of a batch it returns, and returns
// the messages they produce.
func messagesOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var msgs []tea.Msg
		for _, c := range batch {
			msgs = append(msgs, messagesOf(c)...)
		}
		return msgs
	}
	return []tea.Msg{msg}
}

// TestSearchTextsAreBuiltAfterTheLoad: once a load ends, the dashboard
// builds every job's search text in the background and hands them to the
// store, so the first bare word typed has none to build, and then lets
// the process settle (its load's garbage returned); what the filter then
// shows is what it shows with the texts built on the keystroke.
func TestSearchTextsAreBuiltAfterTheLoad(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Apps: 1, Jobs: 10})
	jobs := make([]model.Job, 1500)
	for i := range jobs {
		raw := fmt.Sprintf(`{"id":"%d","appId":"app","status":"COMPLETED","created":"2026-11-28T12:00:00Z","input":{"note":"%s Invoice %d"}}`,
			1000+i, []string{"Pink", "Teal", "Gold"}[i%3], i)
		j, err := model.DecodeJob([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		jobs[i] = j
	}

	built := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	built = update(built, poller.PageMsg{Gen: built.poll.Gen(), Delta: model.Delta{Jobs: jobs}})
	next, cmd := built.Update(poller.DoneMsg{Gen: built.poll.Gen(), Result: api.SyncResult{State: api.SyncState{Loaded: true}}})
	built = next.(Model)
	if pending, _ := built.poll.Store().PendingSearchTexts(); pending.Len() != len(jobs) {
		t.Fatalf("%d jobs lack a search text before the build's answer, want all %d", pending.Len(), len(jobs))
	}
	var texts []tea.Msg
	for _, msg := range messagesOf(cmd) {
		if _, ok := msg.(searchTextsMsg); ok {
			texts = append(texts, msg)
		}
	}
	if len(texts) != 1 {
		t.Fatalf("the end of the load started %d search text builds, want 1", len(texts))
	}
	settled := 0
	built.opts.Settle = func() { settled++ }
	next, cmd = built.Update(texts[0])
	built = next.(Model)
	if pending, _ := built.poll.Store().PendingSearchTexts(); pending.Len() != 0 {
		t.Fatalf("%d jobs lack a search text once the build is handed over, want none", pending.Len())
	}
	if messagesOf(cmd); settled != 1 {
		t.Fatalf("the process was settled %d times once the texts were in, want once", settled)
	}

	onKey := loaded(newTestModel(t, srv, srv.AppIDs()[0], 120, 40), jobs) // its build's answer dropped
	for _, word := range []string{"pink", `"teal invoice 10"`, "invoice 77"} {
		a := filtered(keys(built, "/", word, "enter"))
		b := filtered(keys(onKey, "/", word, "enter"))
		if len(a) == 0 || !slices.Equal(a, b) {
			t.Errorf("%q: the filter shows %d jobs with the texts built in the background, %d with them built on the key; want the same, not none", word, len(a), len(b))
		}
	}
}

// filtered is the keys of the jobs the table lists.
func filtered(m Model) []string {
	var ks []string
	s := m.jobs()
	for _, j := range s.view.Jobs(s.filter.query(s.c.JobNow()), s.sort) {
		ks = append(ks, j.Key())
	}
	return ks
}

// TestSmallLoadSettlesAtItsEnd: a full pass too small for a background
// build of search texts lets the process settle at its end, and only a
// full pass does: a cheap poll's end does not.
func TestSmallLoadSettlesAtItsEnd(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Apps: 1, Jobs: 10})
	m := newTestModel(t, srv, srv.AppIDs()[0], 120, 40)
	settled := 0
	m.opts.Settle = func() { settled++ }
	end := func(full bool) {
		t.Helper()
		next, cmd := m.Update(poller.DoneMsg{Gen: m.poll.Gen(), Result: api.SyncResult{
			State: api.SyncState{Loaded: true}, Delta: model.Delta{Full: full},
		}})
		m = next.(Model)
		messagesOf(cmd)
	}
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: []model.Job{{ID: "1", Status: model.StatusCompleted}}}})
	end(true)
	if settled != 1 {
		t.Fatalf("the end of a small full pass settled the process %d times, want once", settled)
	}
	end(false)
	if settled != 1 {
		t.Fatalf("the end of a cheap poll settled the process (%d times in all), want only the full pass's", settled)
	}
}
