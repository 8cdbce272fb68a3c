package ui

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/apppicker"
	"superdash/ui/common"
)

// The tests of cancel and restart run against the simulator over HTTP. A
// test adds its own jobs (sim.AddJobs) and sets their statuses, so it
// knows exactly what the dashboard loads; the simulator's clock stands
// still, so nothing moves unless the test moves it.

// actionFixture is a simulator with one app and n scheduled jobs.
type actionFixture struct {
	srv     *sim.Running
	clock   *sim.ManualClock
	ids     []string // the jobs, in creation order
	journal string   // the journal file
}

func newActionFixture(t *testing.T, opts sim.Options, n int) *actionFixture {
	t.Helper()
	opts.Jobs, opts.Apps = -1, 1
	srv, clock := testServer(t, opts)
	return &actionFixture{
		srv: srv, clock: clock,
		ids:     srv.AddJobs(srv.AppIDs()[0], n),
		journal: filepath.Join(t.TempDir(), "state", "superdash", "journal.jsonl"),
	}
}

// dashboard is a 120x40 dashboard on the fixture's app, loaded by one
// sync. apiOpts and uiOpts, when set, adjust the client and the options.
func (f *actionFixture) dashboard(t *testing.T, apiOpts func(*api.Options), uiOpts func(*Options)) Model {
	t.Helper()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	o := api.Options{
		BaseURL:    f.srv.BaseURL,
		APIKey:     f.srv.APIKey(),
		KeySource:  "the test",
		HTTPClient: &http.Client{Transport: transport},
		Sleep:      func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	}
	if apiOpts != nil {
		apiOpts(&o)
	}
	client, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	c := common.New()
	c.Now, c.JobNow = f.clock.Now, f.clock.Now
	opts := Options{Client: client, AppID: f.srv.AppIDs()[0], Interval: pollInterval, Common: c, JournalPath: f.journal}
	if uiOpts != nil {
		uiOpts(&opts)
	}
	m := New(opts)
	t.Cleanup(m.Close)
	m.header.clockArmed = true
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = update(m, onlyMsg[apppicker.ListedMsg](t, apppicker.List(m.life, m.opts.Client, m.opts.Org))) // the app's name
	return syncNow(t, m)
}

// requests is how often the simulator was asked for endpoint.
func (f *actionFixture) requests(endpoint string) int { return f.srv.Stats().Endpoints[endpoint] }

// status is the simulator's truth about a job.
func (f *actionFixture) status(id string) model.Status {
	return f.srv.Snapshot(f.srv.AppIDs()[0])[id]
}

// actCursorOn puts the table's cursor on the job.
func actCursorOn(t *testing.T, m Model, id string) Model {
	t.Helper()
	for i, j := range m.jobs().rows {
		if j.Key() == id {
			return withJobs(m, func(s *jobsScreen) { s.table.SetCursor(i) })
		}
	}
	t.Fatalf("job %s is not in the table", id)
	return m
}

// actRow is the table's line for a job, as plain text.
func actRow(t *testing.T, m Model, id string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(m.jobs().table.View()), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, "*• "), id+" ") {
			return l
		}
	}
	t.Fatalf("no row for job %s in:\n%s", id, ansi.Strip(m.jobs().table.View()))
	return ""
}

// actStored is the dashboard's idea of a job's status.
func actStored(t *testing.T, m Model, id string) model.Status {
	t.Helper()
	j, ok := m.poll.Store().Get(id)
	if !ok {
		t.Fatalf("job %s is not in the store", id)
	}
	return j.Status
}

// footer is the footer line as plain text.
func actFooter(m Model) string { return ansi.Strip(m.footerView()) }

// actOverlay names what shows over the jobs, as the user sees it:
// "dialog", "progress", "summary", or "" for none.
func actOverlay(m Model) string {
	screen := ansi.Strip(m.View())
	switch {
	case strings.Contains(screen, "[ No ]") || strings.Contains(screen, "[ Yes"):
		return "dialog"
	case progressLine.MatchString(screen):
		return "progress"
	case strings.Contains(screen, "journal: ") && (strings.Contains(screen, " (finished)") || strings.Contains(screen, " (stopped)")):
		return "summary"
	}
	return ""
}

// requireOverlay fails unless actOverlay is want.
func requireOverlay(t *testing.T, what string, m Model, want string) {
	t.Helper()
	if got := actOverlay(m); got != want {
		t.Fatalf("%s: the screen shows %q over the jobs, want %q:\n%s", what, got, want, ansi.Strip(m.View()))
	}
}

// only runs cmd and returns its one message of type T.
func onlyMsg[T tea.Msg](t *testing.T, cmd tea.Cmd) T {
	t.Helper()
	var found []T
	for _, msg := range msgsOf(cmd) {
		if m, ok := msg.(T); ok {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		var zero T
		t.Fatalf("the command gave %d %T, want 1", len(found), zero)
	}
	return found[0]
}

func TestCancelOneJobAsksThenSendsOnceAndReReads(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 5)
	id := f.ids[2]
	f.srv.SetStatus(id, model.StatusInProgress)
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, id)

	// The dialog states what will happen and starts on No: enter says no.
	m, cmd := press(m, "c")
	if cmd != nil {
		t.Fatal("c sent something")
	}
	requireOverlay(t, "c", m, "dialog")
	screen := ansi.Strip(m.View())
	for _, want := range []string{"Cancel job " + id + "?", "job      " + id, "status   IN_PROGRESS", "app      Invoice extraction  (" + f.srv.AppIDs()[0] + ")", "[ No ]"} {
		requireContains(t, "dialog", screen, want)
	}
	m, cmd = press(m, "enter")
	if cmd != nil || f.requests(sim.EndpointCancel) != 0 {
		t.Fatalf("enter on the default No: cmd %v, %d cancels; want nothing sent", cmd, f.requests(sim.EndpointCancel))
	}
	requireOverlay(t, "enter on the default No", m, "")
	requireContains(t, "footer", actFooter(m), "nothing sent")

	// Yes sends it; the row says so while it is out.
	m, _ = press(m, "c")
	m, cmd = press(m, "y")
	if cmd == nil {
		t.Fatal("yes sent nothing")
	}
	requireContains(t, "row in flight", actRow(t, m, id), "canceling…")
	if _, again := press(m, "c"); again != nil {
		t.Fatal("a second cancel of a job in flight was sent")
	}

	done := onlyMsg[actions.Msg](t, cmd)
	m = update(m, done)
	if c, g := f.requests(sim.EndpointCancel), f.requests(sim.EndpointGetJob); c != 1 || g != 1 {
		t.Fatalf("%d cancels and %d reads, want 1 and 1 (the job read back)", c, g)
	}
	if got := f.status(id); got != model.StatusCanceled {
		t.Fatalf("the simulator has job %s %s, want CANCELED", id, got)
	}
	row := actRow(t, m, id)
	requireContains(t, "row after", row, "CANCELED")
	requireNotContains(t, "row after", row, "canceling…")
	requireContains(t, "footer", actFooter(m), "job "+id+" canceled: now CANCELED")

	lines := actJournal(t, f.journal)
	if len(lines) != 1 {
		t.Fatalf("%d journal lines, want 1", len(lines))
	}
	requireJournalEntry(t, f, lines[0], id, "cancel", "done", "CANCELED", "")
}

func TestCancelRefusedByTheAPILeavesTheRow(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	id := f.ids[1]
	m := f.dashboard(t, nil, nil)
	// The job completes behind the dashboard's back: it still shows
	// SCHEDULED, so it offers the cancel, and the API refuses it.
	f.srv.SetStatus(id, model.StatusCompleted)
	m = actCursorOn(t, m, id)
	before := actRow(t, m, id)

	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))

	apiSays := fmt.Sprintf("Job %s cannot be canceled in status COMPLETED", id)
	requireContains(t, "footer", actFooter(m), "job "+id+" not canceled: "+apiSays)
	if got := actRow(t, m, id); got != before {
		t.Fatalf("the refused job's row changed:\n%s\nwant:\n%s", got, before)
	}
	if c := f.requests(sim.EndpointCancel); c != 1 {
		t.Fatalf("%d cancels, want 1", c)
	}
	lines := actJournal(t, f.journal)
	if len(lines) != 1 {
		t.Fatalf("%d journal lines, want 1", len(lines))
	}
	requireJournalEntry(t, f, lines[0], id, "cancel", "refused", "", apiSays+" (HTTP 409)")
}

// A cancel that times out is not sent again: the job is read again first,
// the row shows what the read found, and a new cancel needs a new yes.
func TestCancelTimingOutIsNeverSentTwice(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	id := f.ids[0]
	m := f.dashboard(t, func(o *api.Options) {
		o.Timeout = 300 * time.Millisecond
		// The network fails once, at the worst moment: the re-read that
		// follows the POST meets a healthy server.
		o.Logf = func(format string, args ...any) {
			if strings.HasPrefix(format, "api: %s %s -> ") && args[0] == http.MethodPost {
				f.srv.SetFaults(sim.Faults{})
			}
		}
	}, nil)
	m = actCursorOn(t, m, id)
	m, _ = press(m, "c")
	f.srv.SetFaults(sim.Faults{Latency: 10 * time.Second})
	m, cmd := press(m, "y")
	done := onlyMsg[actions.Msg](t, cmd)
	m = update(m, done)

	if c := f.requests(sim.EndpointCancel); c != 1 {
		t.Fatalf("cancel sent %d times, want exactly once", c)
	}
	if g := f.requests(sim.EndpointGetJob); g != 1 {
		t.Fatalf("job read %d times after the timeout, want once", g)
	}
	requireContains(t, "footer", actFooter(m), "job "+id+": not known whether it was canceled (no answer in time); read again: SCHEDULED; not sent again")
	requireContains(t, "row", actRow(t, m, id), "SCHEDULED")
	requireNotContains(t, "row", actRow(t, m, id), "canceling…")

	// Nothing more goes out on its own: only a fresh dialog and a fresh
	// yes could send it again.
	m, cmd = press(m, "c")
	if cmd != nil {
		t.Fatal("c after a timeout sent something")
	}
	requireOverlay(t, "c after a timeout", m, "dialog")
	if c := f.requests(sim.EndpointCancel); c != 1 {
		t.Fatalf("cancel sent %d times, want once", c)
	}
	lines := actJournal(t, f.journal)
	if len(lines) != 1 {
		t.Fatalf("%d journal lines, want 1", len(lines))
	}
	requireJournalEntry(t, f, lines[0], id, "cancel", "unknown", "SCHEDULED", lines[0].Message)
	requireContains(t, "journal message", lines[0].Message, "the API did not answer within 300ms")
}

func TestRestartOnAHostWithoutRestart(t *testing.T) {
	f := newActionFixture(t, sim.Options{NoRestart: true}, 3)
	id := f.ids[0]
	f.srv.SetStatus(id, model.StatusFailed)
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, id)
	before := actRow(t, m, id)

	m, _ = press(m, "R")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Restart job "+id+"?")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))

	host := m.opts.Client.Host()
	requireContains(t, "footer", actFooter(m), "job "+id+" not restarted: this API host ("+host+") does not offer restart")
	if got := actRow(t, m, id); got != before {
		t.Fatalf("row changed:\n%s\nwant:\n%s", got, before)
	}
	// Now known, the next restart is explained without being sent.
	m, cmd = press(m, "R")
	if cmd != nil || actOverlay(m) != "" {
		t.Fatal("a second restart on a host without restart asked again")
	}
	requireContains(t, "footer", actFooter(m), "does not offer restart: nothing sent")
	// The host has no restart path: the simulator counts the request
	// as unmatched.
	if r := f.requests(sim.EndpointRestart) + f.requests(sim.EndpointUnmatched); r != 1 {
		t.Fatalf("%d restarts sent, want 1", r)
	}
	lines := actJournal(t, f.journal)
	if len(lines) != 1 || lines[0].Outcome != journal.OutcomeRefused || lines[0].Action != "restart" ||
		!strings.Contains(lines[0].Message, "does not offer restart") {
		t.Fatalf("journal: %+v", lines)
	}
}

// An action the status does not allow is explained in one line, and
// nothing is asked or sent.
func TestActionTheStatusDoesNotAllow(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	f.srv.SetStatus(f.ids[0], model.StatusCompleted)
	f.srv.SetStatus(f.ids[1], model.StatusInProgress)
	m := f.dashboard(t, nil, nil)

	m = actCursorOn(t, m, f.ids[0])
	m, cmd := press(m, "c")
	if cmd != nil || actOverlay(m) != "" {
		t.Fatal("cancel of a COMPLETED job opened a dialog")
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" is COMPLETED: only SCHEDULED, IN_PROGRESS or SUSPENDED jobs can be canceled; nothing sent")

	m = actCursorOn(t, m, f.ids[1])
	m, cmd = press(m, "R")
	if cmd != nil || actOverlay(m) != "" {
		t.Fatal("restart of a running job opened a dialog")
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[1]+" is IN_PROGRESS: only FAILED, CANCELED or EXPIRED jobs can be restarted; nothing sent")
	if s := f.srv.Stats().Endpoints; s[sim.EndpointCancel]+s[sim.EndpointRestart] != 0 {
		t.Fatalf("actions sent: %v", s)
	}
}

// The single-job dialog, as drawn.
func TestCancelDialogScreen(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 4)
	f.srv.SetStatus(f.ids[1], model.StatusInProgress)
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, f.ids[1])
	m, _ = press(m, "c")
	runScreens(t, []screenCase{modelScreen("cancel_dialog", m)})
}

// The restart dialogs' words agree with the count: one job "runs again",
// several "each run again".
func TestRestartDialogScreens(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 3)
	for _, id := range f.ids {
		f.srv.SetStatus(id, model.StatusFailed)
	}
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, f.ids[1])
	one, _ := press(m, "R")
	requireContains(t, "the dialog of one job", ansi.Strip(one.View()), "restart this job: it runs again")
	many := keys(m, "V", "R")
	requireContains(t, "the dialog of three jobs", ansi.Strip(many.View()), "restart these jobs: each runs again")
	runScreens(t, []screenCase{modelScreen("restart_dialog_one", one), modelScreen("restart_dialog_many", many)})
}
