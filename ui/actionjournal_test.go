package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/journalscreen"
	"superdash/ui/nav"
)

// actJournal reads the journal's actions, oldest sent first, and checks
// that each is on record twice, as it went out and as it ended.
func actJournal(t *testing.T, path string) []journal.Entry {
	t.Helper()
	entries, err := journal.Read(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(entries)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != 2*len(entries) {
		t.Fatalf("%d journal lines for %d actions, want a sending and an outcome line each:\n%s", lines, len(entries), data)
	}
	return entries
}

// requireJournalEntry checks one journal entry field by field.
func requireJournalEntry(t *testing.T, f *actionFixture, got journal.Entry, id, action, outcome, status, message string) {
	t.Helper()
	want := journal.Entry{
		Time: frozen, Host: f.srv.BaseURL[len("http://") : len(f.srv.BaseURL)-len("/v1")], App: f.srv.AppIDs()[0],
		JobID: id, Action: action, Outcome: outcome, Status: status, Message: message,
		ID: got.ID, PID: os.Getpid(), Mine: true,
	}
	if !got.Time.Equal(want.Time) {
		t.Errorf("journal entry of %s: time %v, want %v", id, got.Time, want.Time)
	}
	got.Time = want.Time
	if got != want {
		t.Errorf("journal entry:\n got %+v\nwant %+v", got, want)
	}
}

// The journal is written ahead: when it cannot record a request before
// it goes out, the request is not sent, and the footer says so.
func TestNothingSentWhenTheJournalCannotRecordIt(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m := f.dashboard(t, nil, func(o *Options) { o.JournalPath = unwritableJournal(t) })
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))
	if n, got := f.requests(sim.EndpointCancel), f.status(f.ids[0]); n != 0 || got != model.StatusScheduled {
		t.Fatalf("%d cancels reached the API, job is %s; want none, SCHEDULED: never act without a record", n, got)
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" not canceled: nothing sent: the journal could not record it first: journal: mkdir")
	requireNotContains(t, "row", actRow(t, m, f.ids[0]), "canceling")
}

// Without a journal file (no home directory: the journal is off on
// purpose), actions are sent, and each says it is not recorded.
func TestWithoutAJournalFileActionsSayTheyAreNotRecorded(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m := f.dashboard(t, nil, func(o *Options) { o.JournalPath = "" })
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))
	if got := f.status(f.ids[0]); got != model.StatusCanceled {
		t.Fatalf("job is %s, want CANCELED", got)
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" canceled: now CANCELED · NOT RECORDED in the journal: no journal file")
}

// unwritableJournal is a journal path under a file, where no directory
// can be made.
func unwritableJournal(t *testing.T) string {
	t.Helper()
	blocker := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(blocker, "journal.jsonl")
}

func TestJournalScreenShowsNewestFirst(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	m := f.dashboard(t, nil, nil)
	for _, id := range []string{f.ids[0], f.ids[2]} {
		m = actCursorOn(t, m, id)
		m, _ = press(m, "c")
		var cmd tea.Cmd
		m, cmd = press(m, "y")
		m = update(m, onlyMsg[actions.Msg](t, cmd))
		f.clock.Advance(time.Minute)
	}
	m, cmd := press(m, "L")
	if m.active != nav.Journal {
		t.Fatal("L did not open the journal")
	}
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	screen := ansi.Strip(m.View())
	requireContains(t, "journal", screen, "Action journal · Invoice extraction on "+m.opts.Client.Host()+" · newest first · /")
	first, second := strings.Index(screen, "12:01:00  "+f.ids[2]), strings.Index(screen, "12:00:00  "+f.ids[0])
	if first < 0 || second < 0 || first > second {
		t.Fatalf("journal screen, want %s (12:01) above %s (12:00):\n%s", f.ids[2], f.ids[0], screen)
	}
	requireContains(t, "journal", screen, "cancel    done      CANCELED")
	m, _ = press(m, "esc")
	if m.active != nav.Jobs {
		t.Fatal("esc did not go back to the jobs")
	}
}

// The journal records an action at the jobs' clock, which on the demo's
// simulator runs ahead of the wall clock: a cancel never reads as sent
// before the job it canceled was created.
func TestJournalTimesAreTheJobsClock(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 1)
	wall := frozen.Add(-2 * time.Hour) // the jobs' world is ahead of it
	m := f.dashboard(t, nil, func(o *Options) { o.Common.Now = func() time.Time { return wall } })
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	update(m, onlyMsg[actions.Msg](t, cmd))
	entries := actJournal(t, f.journal)
	if len(entries) != 1 || !entries[0].Time.Equal(f.clock.Now()) {
		t.Fatalf("journal %+v, want one entry at the jobs' clock %v (not the wall clock %v)", entries, f.clock.Now(), wall)
	}
}
