package ui

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/confirm"
)

// The tests of cancel and restart run against the simulator over HTTP. A
// test adds its own jobs (sim.AddJobs) and sets their statuses, so it
// knows exactly what the dashboard loads; the simulator's clock stands
// still, so nothing moves unless the test moves it.

// actionFixture is a simulator with one app and the jobs a test added to
// it, and where the dashboard's journal file goes.
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
	m.poll.clockArmed = true
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = update(m, onlyMsg[appsListedMsg](t, listApps(m.life, m.client, m.opts.Org))) // the app's name
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
	for i, j := range m.rows {
		if j.Key() == id {
			m.table.SetCursor(i)
			return m
		}
	}
	t.Fatalf("job %s is not in the table", id)
	return m
}

// actRow is the table's line for a job, as plain text.
func actRow(t *testing.T, m Model, id string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(m.table.View()), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, "* "), id+" ") {
			return l
		}
	}
	t.Fatalf("no row for job %s in:\n%s", id, ansi.Strip(m.table.View()))
	return ""
}

// actStored is the dashboard's idea of a job's status.
func actStored(t *testing.T, m Model, id string) model.Status {
	t.Helper()
	j, ok := m.store.Get(id)
	if !ok {
		t.Fatalf("job %s is not in the store", id)
	}
	return j.Status
}

// footer is the footer line as plain text.
func actFooter(m Model) string { return ansi.Strip(m.footerView()) }

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

func TestCancelOneJobAsksThenSendsOnceAndReReads(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 5)
	id := f.ids[2]
	f.srv.SetStatus(id, model.StatusInProgress)
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, id)

	// The dialog states what will happen and starts on No: enter says no.
	m, cmd := press(m, "c")
	if cmd != nil || m.acts.overlay != overlayConfirm || m.acts.dialog.Focused() != confirm.No {
		t.Fatalf("c: overlay %v, focus %v, cmd %v; want the dialog, on No, nothing sent", m.acts.overlay, m.acts.dialog.Focused(), cmd)
	}
	screen := ansi.Strip(m.View())
	for _, want := range []string{"Cancel job " + id + "?", "job      " + id, "status   IN_PROGRESS", "app      Invoice extraction  (" + f.srv.AppIDs()[0] + ")", "[ No ]"} {
		requireContains(t, "dialog", screen, want)
	}
	m, cmd = press(m, "enter")
	if cmd != nil || m.acts.overlay != overlayNone || f.requests(sim.EndpointCancel) != 0 {
		t.Fatalf("enter on the default No: cmd %v, overlay %v, %d cancels; want nothing sent", cmd, m.acts.overlay, f.requests(sim.EndpointCancel))
	}
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

	done := onlyMsg[actionDoneMsg](t, cmd)
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
	m = update(m, onlyMsg[actionDoneMsg](t, cmd))

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
	done := onlyMsg[actionDoneMsg](t, cmd)
	m = update(m, done)

	if c := f.requests(sim.EndpointCancel); c != 1 {
		t.Fatalf("cancel sent %d times, want exactly once", c)
	}
	if g := f.requests(sim.EndpointGetJob); g != 1 {
		t.Fatalf("job read %d times after the timeout, want once", g)
	}
	if done.res.outcome != journal.OutcomeUnknown {
		t.Fatalf("outcome %q, want unknown", done.res.outcome)
	}
	requireContains(t, "footer", actFooter(m), "job "+id+": not known whether it was canceled (no answer in time); read again: SCHEDULED; not sent again")
	requireContains(t, "row", actRow(t, m, id), "SCHEDULED")
	requireNotContains(t, "row", actRow(t, m, id), "canceling…")

	// Nothing more goes out on its own: only a fresh dialog and a fresh
	// yes could send it again.
	m, cmd = press(m, "c")
	if cmd != nil || m.acts.overlay != overlayConfirm {
		t.Fatal("c after a timeout did not ask again")
	}
	if c := f.requests(sim.EndpointCancel); c != 1 {
		t.Fatalf("cancel sent %d times, want once", c)
	}
	lines := actJournal(t, f.journal)
	if len(lines) != 1 {
		t.Fatalf("%d journal lines, want 1", len(lines))
	}
	requireJournalEntry(t, f, lines[0], id, "cancel", "unknown", "SCHEDULED", api.Reason(done.res.err))
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
	m = update(m, onlyMsg[actionDoneMsg](t, cmd))

	host := m.client.Host()
	requireContains(t, "footer", actFooter(m), "job "+id+" not restarted: this API host ("+host+") does not offer restart")
	if got := actRow(t, m, id); got != before {
		t.Fatalf("row changed:\n%s\nwant:\n%s", got, before)
	}
	// Now known, the next restart is explained without being sent.
	m, cmd = press(m, "R")
	if cmd != nil || m.acts.overlay != overlayNone {
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

// A bulk restart on a host without restart stops at the first answer:
// every other request would get the same one.
func TestBulkRestartOnAHostWithoutRestartStops(t *testing.T) {
	const n = 12
	f := newActionFixture(t, sim.Options{NoRestart: true}, n)
	for _, id := range f.ids {
		f.srv.SetStatus(id, model.StatusFailed)
	}
	m := f.dashboard(t, nil, nil)
	m, _ = press(m, "V")
	m, _ = press(m, "R")
	m, cmd := press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	b := m.acts.bulk
	if b.sent < 1 || b.sent > bulkWorkers || b.refused.n != b.sent || b.done+b.failed.n+b.unknown.n != 0 {
		t.Fatalf("sent %d, refused %d, done %d; want at most %d sent, all refused", b.sent, b.refused.n, b.done, bulkWorkers)
	}
	if sent := f.requests(sim.EndpointUnmatched) + f.requests(sim.EndpointRestart); sent != b.sent {
		t.Fatalf("the simulator saw %d restarts, the run sent %d", sent, b.sent)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, "(stopped)")
	requireContains(t, "summary", summary, "does not offer restart")
	if !m.acts.noRestart {
		t.Fatal("the dashboard did not learn that the host lacks restart")
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
	if cmd != nil || m.acts.overlay != overlayNone {
		t.Fatal("cancel of a COMPLETED job opened a dialog")
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" is COMPLETED: only SCHEDULED, IN_PROGRESS or SUSPENDED jobs can be canceled; nothing sent")

	m = actCursorOn(t, m, f.ids[1])
	m, cmd = press(m, "R")
	if cmd != nil || m.acts.overlay != overlayNone {
		t.Fatal("restart of a running job opened a dialog")
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[1]+" is IN_PROGRESS: only FAILED, CANCELED or EXPIRED jobs can be restarted; nothing sent")
	if s := f.srv.Stats().Endpoints; s[sim.EndpointCancel]+s[sim.EndpointRestart] != 0 {
		t.Fatalf("actions sent: %v", s)
	}
}

// runBulkToEnd feeds a bulk run's events into m until the run ends. before,
// if set, sees the model before each event and may change it (press esc).
func runBulkToEnd(t *testing.T, m Model, cmd tea.Cmd, before func(Model, bulkEventMsg) Model) Model {
	t.Helper()
	for cmd != nil {
		msgs := msgsOf(cmd)
		cmd = nil
		for _, msg := range msgs {
			ev, ok := msg.(bulkEventMsg)
			if !ok {
				continue
			}
			if before != nil {
				m = before(m, ev)
			}
			var next tea.Cmd
			m, next = send(m, ev)
			if !ev.ended {
				cmd = next // reads the next event; the end's commands only refresh
			}
		}
	}
	if !m.acts.bulk.ended {
		t.Fatal("the bulk run never ended")
	}
	return m
}

// A bulk cancel with every outcome: some jobs skipped before sending, one
// failing, two refused, the rest done; then a retry of the failed one
// alone. One request at a time, so the simulator's failure hits a known
// job and the screens are stable.
func TestBulkCancelMixedOutcomesAndRetryOfTheFailed(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 8)
	ids := f.ids
	f.srv.SetStatus(ids[6], model.StatusCompleted)
	f.srv.SetStatus(ids[7], model.StatusFailed)
	m := f.dashboard(t, nil, nil)
	m.acts.workers = 1

	m, _ = press(m, "V")
	if len(m.marks) != 8 {
		t.Fatalf("V marked %d jobs, want all 8", len(m.marks))
	}
	m, _ = press(m, "c")
	p := m.acts.plan
	if len(p.keys) != 6 || p.asked != 8 || tallyText(p.skipped) != "COMPLETED 1, FAILED 1" || p.acted.Total(model.Status.Cancellable) != 6 {
		t.Fatalf("preview: %d to cancel of %d, skipped %q", len(p.keys), p.asked, tallyText(p.skipped))
	}
	screen := ansi.Strip(m.View())
	requireContains(t, "dialog", screen, "Cancel 6 of 8 marked jobs?")
	requireContains(t, "dialog", screen, "will cancel       6   SCHEDULED 6")
	requireContains(t, "dialog", screen, "will skip         2   COMPLETED 1, FAILED 1 (not cancellable)")
	requireContains(t, "dialog", screen, "Only SCHEDULED, IN_PROGRESS or SUSPENDED jobs can be canceled.")
	runScreens(t, []screenCase{modelScreen("bulk_dialog", m)})

	// Behind the dashboard's back, two jobs complete (the API will refuse
	// them) and the API fails the first request.
	f.srv.SetStatus(ids[4], model.StatusCompleted)
	f.srv.SetStatus(ids[5], model.StatusCompleted)
	f.srv.FailNext(1, http.StatusInternalServerError, "")
	m, cmd := press(m, "y")
	if m.acts.overlay != overlayProgress {
		t.Fatal("yes did not start the run")
	}
	m = runBulkToEnd(t, m, cmd, nil)

	b := m.acts.bulk
	if b.done != 3 || b.refused.n != 2 || b.failed.n != 1 || b.unknown.n != 0 || b.sent != 6 {
		t.Fatalf("done %d, refused %d, failed %d, unknown %d, sent %d; want 3, 2, 1, 0, 6", b.done, b.refused.n, b.failed.n, b.unknown.n, b.sent)
	}
	if c := f.requests(sim.EndpointCancel); c != 6 {
		t.Fatalf("%d cancels sent, want 6", c)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, "Cancel: 3 of 6 jobs canceled (finished)")
	requireContains(t, "summary", summary, "2 × Job <id> cannot be canceled in status COMPLETED (HTTP 409)")
	requireContains(t, "summary", summary, "1 × the API failed with an internal error")
	requireContains(t, "summary", summary, "skipped        2  (before sending: COMPLETED 1, FAILED 1)")
	runScreens(t, []screenCase{modelScreen("summary", m)})

	// The journal, line by line, in the order the one worker sent them.
	lines := actJournal(t, f.journal)
	if len(lines) != 6 {
		t.Fatalf("%d journal lines, want 6", len(lines))
	}
	requireJournalEntry(t, f, lines[0], ids[0], "cancel", "failed", "SCHEDULED", "the API failed with an internal error: simulated failure: 500 Internal Server Error (HTTP 500)")
	for i := 1; i <= 3; i++ {
		requireJournalEntry(t, f, lines[i], ids[i], "cancel", "done", "CANCELED", "")
	}
	for i := 4; i <= 5; i++ {
		requireJournalEntry(t, f, lines[i], ids[i], "cancel", "refused", "", fmt.Sprintf("Job %s cannot be canceled in status COMPLETED (HTTP 409)", ids[i]))
	}

	// The store has the jobs as read back (a refusal reads nothing back).
	for i, want := range []model.Status{"SCHEDULED", "CANCELED", "CANCELED", "CANCELED", "SCHEDULED", "SCHEDULED", "COMPLETED", "FAILED"} {
		if got := actStored(t, m, ids[i]); got != want {
			t.Errorf("job %s shows %s, want %s", ids[i], got, want)
		}
	}

	// Retry asks again, about the failed job only, and sends only it.
	m, _ = press(m, "r")
	if m.acts.overlay != overlayConfirm || !slices.Equal(m.acts.plan.keys, []string{ids[0]}) || !m.acts.plan.retry {
		t.Fatalf("r: overlay %v, plan %v; want a dialog about job %s alone", m.acts.overlay, m.acts.plan.keys, ids[0])
	}
	requireContains(t, "retry dialog", ansi.Strip(m.View()), "Cancel 1 job that failed?")
	m, cmd = press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	if b := m.acts.bulk; b.done != 1 || b.total != 1 {
		t.Fatalf("retry: done %d of %d, want 1 of 1", b.done, b.total)
	}
	if c := f.requests(sim.EndpointCancel); c != 7 {
		t.Fatalf("%d cancels in all, want 7: the six, then the failed one again", c)
	}
	if got := f.status(ids[0]); got != model.StatusCanceled {
		t.Fatalf("the retried job is %s in the simulator, want CANCELED", got)
	}
	lines = actJournal(t, f.journal)
	if len(lines) != 7 {
		t.Fatalf("%d journal lines after the retry, want 7", len(lines))
	}
	requireJournalEntry(t, f, lines[6], ids[0], "cancel", "done", "CANCELED", "")

	// The summary closes onto the table, marks as they were.
	m, _ = press(m, "esc")
	if m.acts.overlay != overlayNone || len(m.marks) != 8 {
		t.Fatalf("after esc: overlay %v, %d marks; want the table and the 8 marks", m.acts.overlay, len(m.marks))
	}
	requireContains(t, "row", actRow(t, m, ids[0]), "* "+ids[0]+"  CANCELED")
}

// Esc half way: the requests out finish and are recorded, the rest are
// never sent. Four at a time, with latency so that the stop lands while
// requests are out.
func TestBulkStopHalfWay(t *testing.T) {
	const n = 24
	f := newActionFixture(t, sim.Options{}, n)
	m := f.dashboard(t, nil, nil)
	m, _ = press(m, "V")
	m, _ = press(m, "c")
	f.srv.SetFaults(sim.Faults{Latency: 20 * time.Millisecond})
	m, cmd := press(m, "y")

	maxOut, sentAtStop := 0, -1
	m = runBulkToEnd(t, m, cmd, func(m Model, ev bulkEventMsg) Model {
		b := m.acts.bulk
		maxOut = max(maxOut, b.sent-b.finished)
		// The stop comes as a result arrives: no request has been
		// handed over without being counted as sent.
		if ev.result != nil && b.finished == 6 && sentAtStop < 0 {
			sentAtStop = b.sent
			m, _ = press(m, "esc")
			requireContains(t, "progress", ansi.Strip(m.View()), "stopped: nothing more is sent")
		}
		return m
	})
	b := m.acts.bulk
	if maxOut > bulkWorkers || maxOut < 2 {
		t.Errorf("at most %d requests out at once, want between 2 and %d", maxOut, bulkWorkers)
	}
	if sentAtStop < 0 || !b.stopping {
		t.Fatal("the run ended before the stop")
	}
	// What was out when esc came finished; nothing more went out. (A
	// request announced just before the stop, whose worker then saw the
	// stop, is withdrawn unsent: sent can only shrink.)
	if b.sent > sentAtStop || b.finished != b.sent || b.sent >= n {
		t.Fatalf("sent %d (at the stop %d), finished %d, of %d", b.sent, sentAtStop, b.finished, n)
	}
	if c := f.requests(sim.EndpointCancel); c != b.sent {
		t.Fatalf("the simulator saw %d cancels, the run sent %d", c, b.sent)
	}
	if lines := actJournal(t, f.journal); len(lines) != b.sent {
		t.Fatalf("%d journal lines, want one per request sent: %d", len(lines), b.sent)
	}
	canceled := 0
	for _, st := range f.srv.Snapshot(f.srv.AppIDs()[0]) {
		if st == model.StatusCanceled {
			canceled++
		}
	}
	if canceled != b.done || b.done != b.sent {
		t.Fatalf("%d jobs canceled in the simulator, %d done, %d sent", canceled, b.done, b.sent)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, "(stopped)")
	requireContains(t, "summary", summary, fmt.Sprintf("not sent  %6d  (stopped before they were sent)", n-b.sent))
}

// Above 100 jobs, the count must be typed before yes does anything.
func TestBulkAbove100NeedsTheCountTyped(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 150)
	m := f.dashboard(t, nil, nil)
	m, _ = press(m, "V")
	m, _ = press(m, "c")
	if !m.acts.dialog.Typing() {
		t.Fatal("the dialog for 150 jobs does not ask for the count")
	}
	requireContains(t, "dialog", ansi.Strip(m.View()), "Type 150 to unlock Yes:")
	m, cmd := press(m, "y")
	if cmd != nil || m.acts.overlay != overlayConfirm {
		t.Fatal("y before the count was typed went ahead")
	}
	m, _ = press(m, "150")
	m, cmd = press(m, "y")
	if cmd == nil {
		t.Fatal("y after typing 150 sent nothing")
	}
	m = runBulkToEnd(t, m, cmd, nil)
	if b := m.acts.bulk; b.done != 150 || f.requests(sim.EndpointCancel) != 150 {
		t.Fatalf("done %d, %d cancels sent; want 150 and 150", b.done, f.requests(sim.EndpointCancel))
	}
}

func TestMarksSurviveRefreshAndFilters(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 10)
	f.srv.SetStatus(f.ids[3], model.StatusFailed)
	f.srv.SetStatus(f.ids[8], model.StatusFailed)
	m := f.dashboard(t, nil, nil)
	if got := m.countsLine(); strings.Contains(ansi.Strip(got), "marked") {
		t.Fatalf("header before marking: %q", ansi.Strip(got))
	}

	m = actCursorOn(t, m, f.ids[1])
	m, _ = press(m, " ")
	m = actCursorOn(t, m, f.ids[5])
	m, _ = press(m, " ")
	requireContains(t, "header", ansi.Strip(m.countsLine()), "10 jobs  2 marked")
	requireContains(t, "row", actRow(t, m, f.ids[1]), "* "+f.ids[1])
	if r := actRow(t, m, f.ids[2]); strings.HasPrefix(r, "*") {
		t.Fatalf("unmarked row %q has a mark", r)
	}

	// The world moves and the dashboard syncs: the marks stay on their jobs.
	f.srv.SetStatus(f.ids[1], model.StatusInProgress)
	f.clock.Advance(time.Second)
	m = syncNow(t, m)
	requireContains(t, "row after a sync", actRow(t, m, f.ids[1]), "IN_PROGRESS")
	if !slices.Equal(m.markedKeys(), []string{f.ids[1], f.ids[5]}) {
		t.Fatalf("marks after a sync: %v", m.markedKeys())
	}

	// A filter hides them, and they stay; V marks what the filter shows.
	m, _ = press(m, "F")
	requireContains(t, "header", ansi.Strip(m.countsLine()), "2 of 10 jobs  2 marked")
	m, _ = press(m, "V")
	requireContains(t, "header", ansi.Strip(m.countsLine()), "4 marked")
	m, _ = press(m, "esc") // the filter goes
	if !slices.Equal(m.markedKeys(), []string{f.ids[1], f.ids[3], f.ids[5], f.ids[8]}) {
		t.Fatalf("marks after V and a filter change: %v", m.markedKeys())
	}
	requireContains(t, "row", actRow(t, m, f.ids[5]), "* "+f.ids[5])

	// space unmarks; U clears them all.
	m = actCursorOn(t, m, f.ids[5])
	m, _ = press(m, " ")
	if len(m.marks) != 3 {
		t.Fatalf("%d marks after unmarking one, want 3", len(m.marks))
	}
	m, _ = press(m, "U")
	if len(m.marks) != 0 || strings.Contains(ansi.Strip(m.countsLine()), "marked") {
		t.Fatalf("after U: %d marks, header %q", len(m.marks), ansi.Strip(m.countsLine()))
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
		if mm.acts.overlay != overlayNone || len(mm.marks) != 0 {
			t.Errorf("%q: overlay %v, %d marks; want neither", path, mm.acts.overlay, len(mm.marks))
		}
		for _, msg := range msgsOf(cmd) {
			switch msg.(type) {
			case actionDoneMsg, bulkEventMsg:
				t.Errorf("%q sent an action", path)
			}
		}
	}

	// A dialog or a summary that got open some other way still sends
	// nothing: the check is where the request is made, too.
	m = actCursorOn(t, m, f.ids[0])
	m.acts.plan = actionPlan{action: actRestart, keys: []string{f.ids[0]}, single: true, asked: 1}
	m.acts.dialog = confirm.New(m.c, confirm.Options{Title: "forced"})
	m.acts.overlay = overlayConfirm
	m, cmd := press(m, "y")
	if cmd != nil {
		t.Error("yes in a forced dialog sent something")
	}
	requireContains(t, "footer", actFooter(m), "read-only")
	m.acts.bulk = bulkRun{plan: actionPlan{action: actRestart}, ended: true, failedKeys: []string{f.ids[0]}}
	m.acts.overlay = overlaySummary
	m, cmd = press(m, "r")
	if cmd != nil || m.acts.overlay == overlayConfirm {
		t.Error("r in a forced summary asked to retry")
	}
	if m.askBulk(actRestart, []string{f.ids[0]}, true); m.acts.overlay == overlayConfirm {
		if cmd := m.confirmed(); cmd != nil {
			t.Error("confirming a forced retry sent something")
		}
	}
	if s := f.srv.Stats().Endpoints; s[sim.EndpointCancel]+s[sim.EndpointRestart] != 0 {
		t.Fatalf("actions reached the API: %v", s)
	}
	if _, err := os.Stat(f.journal); !os.IsNotExist(err) {
		t.Errorf("read-only mode wrote a journal: %v", err)
	}

	// The help lists no action, and says nothing of marks.
	m.acts.overlay = overlayNone
	m, _ = press(m, "?")
	help := ansi.Strip(m.View())
	for _, word := range []string{"cancel job", "restart job", "mark"} {
		requireNotContains(t, "help", help, word)
	}
	requireContains(t, "help", help, "action journal")
}

// The journal is written ahead: when it cannot record a request before
// it goes out, the request is not sent, and the footer says so.
func TestNothingSentWhenTheJournalCannotRecordIt(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m := f.dashboard(t, nil, func(o *Options) { o.JournalPath = unwritableJournal(t) })
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actionDoneMsg](t, cmd))
	if n, got := f.requests(sim.EndpointCancel), f.status(f.ids[0]); n != 0 || got != model.StatusScheduled {
		t.Fatalf("%d cancels reached the API, job is %s; want none, SCHEDULED: never act without a record", n, got)
	}
	requireContains(t, "footer", actFooter(m), "job "+f.ids[0]+" not canceled: nothing sent: the journal could not record it first: journal: mkdir")
	requireNotContains(t, "row", actRow(t, m, f.ids[0]), "canceling")
}

// A bulk run stops at the first request the journal cannot record: none
// is sent, and the summary says why.
func TestBulkStopsWhenTheJournalCannotRecord(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 6)
	m := f.dashboard(t, nil, func(o *Options) { o.JournalPath = unwritableJournal(t) })
	m, _ = press(m, "V")
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	if n := f.requests(sim.EndpointCancel); n != 0 {
		t.Fatalf("%d cancels reached the API without a record", n)
	}
	b := m.acts.bulk
	if b.sent != 0 || b.finished != 0 || b.done != 0 {
		t.Fatalf("sent %d, finished %d, done %d; want nothing", b.sent, b.finished, b.done)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, "Cancel: 0 of 6 jobs canceled (stopped)")
	requireContains(t, "summary", summary, "not sent       6  (the journal could not record them first)")
	requireContains(t, "summary", summary, "journal: mkdir /")
	requireContains(t, "summary", summary, "not a directory")
}

// Without a journal file (no home directory: the journal is off on
// purpose), actions are sent, and each says it is not recorded.
func TestWithoutAJournalFileActionsSayTheyAreNotRecorded(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 2)
	m := f.dashboard(t, nil, func(o *Options) { o.JournalPath = "" })
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "c")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actionDoneMsg](t, cmd))
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
		m = update(m, onlyMsg[actionDoneMsg](t, cmd))
		f.clock.Advance(time.Minute)
	}
	m, cmd := press(m, "L")
	if m.screen != screenJournal {
		t.Fatal("L did not open the journal")
	}
	m = update(m, onlyMsg[journalReadMsg](t, cmd))
	screen := ansi.Strip(m.View())
	requireContains(t, "journal", screen, "Action journal · newest first · "+f.journal)
	first, second := strings.Index(screen, "12:01:00  "+f.ids[2]), strings.Index(screen, "12:00:00  "+f.ids[0])
	if first < 0 || second < 0 || first > second {
		t.Fatalf("journal screen, want %s (12:01) above %s (12:00):\n%s", f.ids[2], f.ids[0], screen)
	}
	requireContains(t, "journal", screen, "cancel   done      CANCELED")
	m, _ = press(m, "esc")
	if m.screen != screenJobs {
		t.Fatal("esc did not go back to the jobs")
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
