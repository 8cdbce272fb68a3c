package ui

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/common"
	"superdash/ui/journal"
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

// progressLine is a bulk run's "12 of 24 sent · 4 in flight".
var progressLine = regexp.MustCompile(`(\d+) of [\d,]+ sent · (\d+) in flight`)

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

// bulkProgress reads the requests sent and in flight off a bulk run's
// progress on screen.
func bulkProgress(t *testing.T, m Model) (sent, inFlight int) {
	t.Helper()
	got := progressLine.FindStringSubmatch(ansi.Strip(m.View()))
	if got == nil {
		t.Fatalf("no progress on screen:\n%s", ansi.Strip(m.View()))
	}
	sent, _ = strconv.Atoi(got[1])
	inFlight, _ = strconv.Atoi(got[2])
	return sent, inFlight
}

// summaryCount reads the count of a line of a bulk run's summary on
// screen ("done", "refused", "not sent"...); 0 when the line is absent.
func summaryCount(t *testing.T, m Model, name string) int {
	t.Helper()
	got := regexp.MustCompile(`│ ` + regexp.QuoteMeta(name) + ` +([\d,]+)`).FindStringSubmatch(ansi.Strip(m.View()))
	if got == nil {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(got[1], ",", ""))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// marked is the header's count of marked jobs.
func marked(t *testing.T, m Model) int {
	t.Helper()
	got := regexp.MustCompile(`([\d,]+) marked`).FindStringSubmatch(ansi.Strip(m.countsLine()))
	if got == nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(got[1], ",", ""))
	return n
}

// markedRows lists the jobs whose rows show a mark, in table order.
func markedRows(m Model) []string {
	var ids []string
	for _, l := range strings.Split(ansi.Strip(m.table.View()), "\n") {
		if rest, ok := strings.CutPrefix(l, "* "); ok {
			ids = append(ids, strings.Fields(rest)[0])
		}
	}
	return ids
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

	host := m.client.Host()
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
	sent := n - summaryCount(t, m, "not sent")
	refused, done, failed := summaryCount(t, m, "refused"), summaryCount(t, m, "done"), summaryCount(t, m, "failed")
	if sent < 1 || sent > actions.DefaultWorkers || refused != sent || done+failed+summaryCount(t, m, "unknown") != 0 {
		t.Fatalf("sent %d, refused %d, done %d; want at most %d sent, all refused", sent, refused, done, actions.DefaultWorkers)
	}
	if seen := f.requests(sim.EndpointUnmatched) + f.requests(sim.EndpointRestart); seen != sent {
		t.Fatalf("the simulator saw %d restarts, the run sent %d", seen, sent)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, "(stopped)")
	requireContains(t, "summary", summary, "does not offer restart")

	// The dashboard learnt that the host lacks restart: the next one is
	// not sent.
	m, _ = press(m, "esc")
	m, cmd = press(m, "R")
	if cmd != nil || actOverlay(m) != "" {
		t.Fatal("a restart after the run on a host without restart asked again")
	}
	requireContains(t, "footer", actFooter(m), "does not offer restart: nothing sent")
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

// runBulkToEnd feeds a bulk run's events into m until its summary shows.
// after, if set, sees the model after each event and may change it
// (press esc).
func runBulkToEnd(t *testing.T, m Model, cmd tea.Cmd, after func(Model) Model) Model {
	t.Helper()
	for cmd != nil {
		msgs := msgsOf(cmd)
		cmd = nil
		for _, msg := range msgs {
			if _, ok := msg.(actions.Msg); !ok {
				continue
			}
			m, cmd = send(m, msg) // reads the next event
			if after != nil {
				m = after(m)
			}
			if actOverlay(m) == "summary" {
				return m // the end's commands only refresh
			}
		}
	}
	t.Fatal("the bulk run never ended")
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
	m := f.dashboard(t, nil, func(o *Options) { o.BulkWorkers = 1 })

	m, _ = press(m, "V")
	if n := marked(t, m); n != 8 || len(markedRows(m)) != 8 {
		t.Fatalf("V marked %d jobs (%d rows), want all 8", n, len(markedRows(m)))
	}
	m, _ = press(m, "c")
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
	requireOverlay(t, "yes", m, "progress")
	m = runBulkToEnd(t, m, cmd, nil)

	done, refused, failed := summaryCount(t, m, "done"), summaryCount(t, m, "refused"), summaryCount(t, m, "failed")
	unknown, notSent := summaryCount(t, m, "unknown"), summaryCount(t, m, "not sent")
	if done != 3 || refused != 2 || failed != 1 || unknown != 0 || notSent != 0 {
		t.Fatalf("done %d, refused %d, failed %d, unknown %d, not sent %d; want 3, 2, 1, 0, 0", done, refused, failed, unknown, notSent)
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
	requireOverlay(t, "r", m, "dialog")
	requireContains(t, "retry dialog", ansi.Strip(m.View()), "Cancel 1 job that failed?")
	requireContains(t, "retry dialog", ansi.Strip(m.View()), "will cancel       1   SCHEDULED 1")
	m, cmd = press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	requireContains(t, "retry summary", ansi.Strip(m.View()), "Cancel: 1 of 1 job canceled (finished)")
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
	requireOverlay(t, "esc", m, "")
	if n := marked(t, m); n != 8 || len(markedRows(m)) != 8 {
		t.Fatalf("after esc: %d marks (%d rows); want the 8 marks", n, len(markedRows(m)))
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

	maxOut, sentAtStop, finished := 0, -1, 0
	m = runBulkToEnd(t, m, cmd, func(m Model) Model {
		if actOverlay(m) != "progress" || sentAtStop >= 0 {
			return m
		}
		sent, inFlight := bulkProgress(t, m)
		maxOut = max(maxOut, inFlight)
		// The stop comes as a result arrives: no request has been
		// handed over without being counted as sent.
		if sent-inFlight > finished && sent-inFlight == 6 {
			sentAtStop = sent
			m, _ = press(m, "esc")
			requireContains(t, "progress", ansi.Strip(m.View()), "stopped: nothing more is sent")
		}
		finished = sent - inFlight
		return m
	})
	if maxOut > actions.DefaultWorkers || maxOut < 2 {
		t.Errorf("at most %d requests out at once, want between 2 and %d", maxOut, actions.DefaultWorkers)
	}
	if sentAtStop < 0 {
		t.Fatal("the run ended before the stop")
	}
	// What was out when esc came finished; nothing more went out. (A
	// request announced just before the stop, whose worker then saw the
	// stop, is withdrawn unsent: sent can only shrink.) The summary
	// counts only requests that ended, so every one sent ended.
	sent := n - summaryCount(t, m, "not sent")
	done := summaryCount(t, m, "done")
	if sent > sentAtStop || sent >= n {
		t.Fatalf("sent %d (at the stop %d), of %d", sent, sentAtStop, n)
	}
	if c := f.requests(sim.EndpointCancel); c != sent {
		t.Fatalf("the simulator saw %d cancels, the run sent %d", c, sent)
	}
	if lines := actJournal(t, f.journal); len(lines) != sent {
		t.Fatalf("%d journal lines, want one per request sent: %d", len(lines), sent)
	}
	canceled := 0
	for _, st := range f.srv.Snapshot(f.srv.AppIDs()[0]) {
		if st == model.StatusCanceled {
			canceled++
		}
	}
	if canceled != done || done != sent {
		t.Fatalf("%d jobs canceled in the simulator, %d done, %d sent", canceled, done, sent)
	}
	summary := ansi.Strip(m.View())
	requireContains(t, "summary", summary, fmt.Sprintf("Cancel: %d of %d jobs canceled (stopped)", done, n))
	requireContains(t, "summary", summary, fmt.Sprintf("journal: %d actions recorded", sent))
	requireContains(t, "summary", summary, fmt.Sprintf("not sent  %6d  (stopped before they were sent)", n-sent))
}

// Above 100 jobs, the count must be typed before yes does anything.
func TestBulkAbove100NeedsTheCountTyped(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 150)
	m := f.dashboard(t, nil, nil)
	m, _ = press(m, "V")
	m, _ = press(m, "c")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Type 150 to unlock Yes:")
	m, cmd := press(m, "y")
	if cmd != nil {
		t.Fatal("y before the count was typed went ahead")
	}
	requireOverlay(t, "y before the count", m, "dialog")
	m, _ = press(m, "150")
	m, cmd = press(m, "y")
	if cmd == nil {
		t.Fatal("y after typing 150 sent nothing")
	}
	m = runBulkToEnd(t, m, cmd, nil)
	if done := summaryCount(t, m, "done"); done != 150 || f.requests(sim.EndpointCancel) != 150 {
		t.Fatalf("done %d, %d cancels sent; want 150 and 150", done, f.requests(sim.EndpointCancel))
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
	if got := markedRows(m); !sameSet(got, []string{f.ids[1], f.ids[5]}) {
		t.Fatalf("marks after a sync: %v", got)
	}

	// A filter hides them, and they stay; V marks what the filter shows.
	m, _ = press(m, "F")
	requireContains(t, "header", ansi.Strip(m.countsLine()), "2 of 10 jobs  2 marked")
	m, _ = press(m, "V")
	requireContains(t, "header", ansi.Strip(m.countsLine()), "4 marked")
	m, _ = press(m, "esc") // the filter goes
	if got := markedRows(m); !sameSet(got, []string{f.ids[1], f.ids[3], f.ids[5], f.ids[8]}) {
		t.Fatalf("marks after V and a filter change: %v", got)
	}
	requireContains(t, "row", actRow(t, m, f.ids[5]), "* "+f.ids[5])

	// space unmarks; U clears them all.
	m = actCursorOn(t, m, f.ids[5])
	m, _ = press(m, " ")
	if n := marked(t, m); n != 3 || len(markedRows(m)) != 3 {
		t.Fatalf("%d marks (%d rows) after unmarking one, want 3", n, len(markedRows(m)))
	}
	m, _ = press(m, "U")
	requireContains(t, "footer", actFooter(m), "cleared 3 marks")
	if strings.Contains(ansi.Strip(m.countsLine()), "marked") {
		t.Fatalf("after U: header %q", ansi.Strip(m.countsLine()))
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
		if o, n := actOverlay(mm), marked(t, mm); o != "" || n != 0 {
			t.Errorf("%q: %q shows, %d marks; want neither", path, o, n)
		}
		for _, msg := range msgsOf(cmd) {
			if _, ok := msg.(actions.Msg); ok {
				t.Errorf("%q sent an action", path)
			}
		}
	}

	if s := f.srv.Stats().Endpoints; s[sim.EndpointCancel]+s[sim.EndpointRestart] != 0 {
		t.Fatalf("actions reached the API: %v", s)
	}
	if _, err := os.Stat(f.journal); !os.IsNotExist(err) {
		t.Errorf("read-only mode wrote a journal: %v", err)
	}

	// The help lists no action, and says nothing of marks.
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
	m = update(m, onlyMsg[actions.Msg](t, cmd))
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

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
