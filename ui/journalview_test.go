package ui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/apppicker"
	"superdash/ui/journalscreen"
	"superdash/ui/nav"
)

// The journal screen shows one row per action, its two lines paired: an
// action of a process that ended without its outcome reads as sent,
// outcome unknown; one of this process still out reads as sending; a
// line of the one-line format reads as before.
func TestJournalScreenPairsActions(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	if err := os.MkdirAll(filepath.Dir(f.journal), 0o700); err != nil {
		t.Fatal(err)
	}
	ended := exec.Command("true") // a process that is gone: its pid names no one
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	gone := fmt.Sprintf("%d-%d-1", ended.Process.Pid, time.Now().Add(-time.Minute).UnixNano())
	old := `{"time":"2026-11-28T11:58:00Z","host":"h","app":"a","job_id":"111","action":"restart","outcome":"refused","message":"not restartable"}` + "\n" +
		`{"entry":"` + gone + `","phase":"sending","time":"2026-11-28T11:59:00Z","host":"h","app":"a","job_id":"222","action":"cancel"}` + "\n"
	if err := os.WriteFile(f.journal, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	m := f.dashboard(t, nil, nil)
	// This process has a request out: its "sending" line is written.
	if _, err := journal.Open(f.journal).Sending(journal.Request{Time: frozen, Host: "h", App: "a", JobID: "333", Action: "cancel"}); err != nil {
		t.Fatal(err)
	}
	m, cmd := press(m, "L")
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	// They are of host h: the journal opens on the watched app's actions.
	screen := ansi.Strip(m.View())
	requireNotContains(t, "the journal of the app watched", screen, "  111  ")
	requireContains(t, "the journal of the app watched", screen, "no action sent here yet · A shows all 3 actions")
	m, _ = press(m, "A")
	screen = ansi.Strip(m.View())
	requireContains(t, "the journal of every host and app", screen, "Action journal · every host and app · newest first")
	rows := map[string]string{}
	for _, l := range strings.Split(screen, "\n") {
		for _, id := range []string{"111", "222", "333"} {
			if strings.Contains(l, "  "+id+"  ") {
				rows[id] = l
			}
		}
	}
	requireContains(t, "the old-format row", rows["111"], "restart   refused           not restartable")
	requireContains(t, "the row of the ended process", rows["222"], "cancel    unknown           sent, outcome unknown (superdash stopped)")
	requireContains(t, "the row of this process", rows["333"], "cancel    sending…")
	if strings.Index(screen, "  333  ") > strings.Index(screen, "  222  ") || strings.Index(screen, "  222  ") > strings.Index(screen, "  111  ") {
		t.Errorf("rows not newest first:\n%s", screen)
	}
}

// journalOf writes lines of the one-line format to the fixture's journal
// (relative to a folder of its own, so the screen names it the same on
// every run) and opens the journal on the fixture's dashboard, whose host
// is api.example.test. The app picker has listed the app watched and a
// second app, "Receipts".
func journalOf(t *testing.T, lines ...string) (*actionFixture, Model) {
	t.Helper()
	f := newActionFixture(t, sim.Options{}, 3)
	t.Chdir(t.TempDir())
	f.journal = "journal.jsonl"
	m := f.dashboard(t, fixedHost(f), nil)
	m = update(m, apppicker.ListedMsg{Apps: []model.App{{UUID: f.srv.AppIDs()[0], Name: "Invoice extraction"}, {UUID: receiptsApp, Name: "Receipts"}}})
	var text strings.Builder
	for _, l := range lines {
		text.WriteString(strings.NewReplacer("$APP", f.srv.AppIDs()[0], "$JOB0", f.ids[0], "$JOB1", f.ids[1]).Replace(l) + "\n")
	}
	if err := os.WriteFile(f.journal, []byte(text.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	m, cmd := press(m, "L")
	return f, update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
}

const receiptsApp = "5d1c2e4a-7b3f-4e8a-9c21-0f6b8d2a4e17"

// A journal of the app watched, another app's, an app no list names and
// another host's, newest last.
var mixedJournal = []string{
	`{"time":"2026-11-28T11:50:00Z","host":"api.example.test","app":"$APP","job_id":"$JOB1","action":"cancel","outcome":"done","status":"CANCELED"}`,
	`{"time":"2026-11-28T11:52:00Z","host":"api.example.test","app":"` + receiptsApp + `","job_id":"4401","action":"restart","outcome":"done","status":"SCHEDULED"}`,
	`{"time":"2026-11-28T11:54:00Z","host":"api.example.test","app":"0a9e8f7d-1111-4222-8333-944455556666","job_id":"4402","action":"cancel","outcome":"failed","message":"connection reset by peer"}`,
	`{"time":"2026-11-28T11:56:00Z","host":"api.eu.example.test","app":"$APP","job_id":"4403","action":"cancel","outcome":"done","status":"CANCELED"}`,
	`{"time":"2026-11-28T11:58:00Z","host":"api.example.test","app":"$APP","job_id":"$JOB0","action":"cancel","outcome":"refused","status":"COMPLETED","message":"Job $JOB0 cannot be canceled in status COMPLETED: a job that has ended cannot be canceled; restart it instead if its output is wrong, or resubmit its input (HTTP 409)"}`,
}

// The journal opens on the watched app's actions on this host, its
// message the widest column; A shows every host's and app's, the apps by
// the names the app picker listed (an app it did not list by the start of
// its uuid); enter opens an entry in full, the message whole.
func TestJournalScreens(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	_, m := journalOf(t, mixedJournal...)
	app := m
	all, _ := press(m, "A")
	entry, _ := press(m, "enter")
	requireContains(t, "the entry", ansi.Strip(update(entry, tea.WindowSizeMsg{Width: 80, Height: 24}).View()), "resubmit its input (HTTP 409)")
	if err := os.Chdir(wd); err != nil { // where the goldens are
		t.Fatal(err)
	}
	runScreens(t, []screenCase{modelScreen("journal_app", app), modelScreen("journal_all", all), modelScreen("journal_entry", entry)})
}

// J on an entry of the watched app shows the job table with the cursor
// on its job, whatever the filter was; on another app's entry it says
// whose job it is and stays.
func TestJournalJumpsToTheJob(t *testing.T) {
	f, m := journalOf(t, mixedJournal...)
	m, _ = press(m, "j") // the cancel of the second job
	m, _ = press(m, "enter")
	m = keys(m, "J")
	if m.active != nav.Jobs {
		t.Fatalf("J did not show the jobs:\n%s", ansi.Strip(m.View()))
	}
	if job, ok := m.jobs().table.Selected(); !ok || job.Key() != f.ids[1] {
		t.Fatalf("the cursor is on %v, want job %s", job, f.ids[1])
	}

	// A filter that hides the job gives way, and the footer says so.
	m = keys(m, "/", "status:failed", "enter")
	m, cmd := press(m, "L")
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	m = keys(m, "g", "J") // the newest: the refused cancel of the first job
	if job, ok := m.jobs().table.Selected(); m.active != nav.Jobs || !ok || job.Key() != f.ids[0] {
		t.Fatalf("after J the cursor is on %v, want job %s", job, f.ids[0])
	}
	requireContains(t, "footer", actFooter(m), `filter "status:failed" cleared to show job `+f.ids[0])

	m, cmd = press(m, "L")
	m = update(m, onlyMsg[journalscreen.ReadMsg](t, cmd))
	m = keys(m, "A", "j", "j", "j", "J") // Receipts' restart of 4401
	if m.active != nav.Journal {
		t.Fatal("J on another app's entry left the journal")
	}
	requireContains(t, "footer", actFooter(m), "job 4401 is of app Receipts, not of Invoice extraction, the one watched: choose it with a to see the job")
	m = keys(m, "g", "j", "J") // another host's
	requireContains(t, "footer", actFooter(m), "job 4403 was acted on at api.eu.example.test; this dashboard talks to api.example.test")
}

// An entry longer than the screen scrolls, and its title says where the
// reader is: top, a share, end.
func TestJournalEntryScrolls(t *testing.T) {
	long := `{"time":"2026-11-28T11:58:00Z","host":"api.example.test","app":"$APP","job_id":"$JOB0","action":"cancel","outcome":"failed","message":"` + strings.Repeat("the host said something long. ", 60) + `the end"}`
	_, m := journalOf(t, long)
	m = update(m, tea.WindowSizeMsg{Width: 60, Height: 20})
	m, _ = press(m, "enter")
	screen := ansi.Strip(m.View())
	requireContains(t, "the entry at its top", screen, "Journal entry · cancel of job")
	requireContains(t, "the entry at its top", screen, " · top")
	requireNotContains(t, "the entry at its top", screen, "the end")
	m, _ = press(m, "G")
	screen = ansi.Strip(m.View())
	requireContains(t, "the entry at its end", screen, " · end")
	requireContains(t, "the entry at its end", screen, "the end")
	m, _ = press(m, "esc")
	requireContains(t, "esc back to the list", ansi.Strip(m.View()), "TIME (UTC)")
}
