package ui

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/actions"
)

// progressLine is a bulk run's "12 of 24 sent · 4 in flight".
var progressLine = regexp.MustCompile(`(\d+) of [\d,]+ sent · (\d+) in flight`)

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
	// Refusals grouped by the API's reason, in its words, with their jobs.
	requireContains(t, "summary", summary, "2 × cannot be canceled in status COMPLETED (HTTP 409)")
	requireContains(t, "summary", summary, "jobs "+ids[4]+", "+ids[5])
	requireNotContains(t, "summary", summary, "<id>")
	requireContains(t, "summary", summary, "1 × the API failed with an internal error")
	requireContains(t, "summary", summary, "job "+ids[0])
	requireContains(t, "summary", summary, "skipped        2  (before sending: COMPLETED 1, FAILED 1)")
	// The jobs canceled lose their marks; the refused, the failed and the
	// skipped keep theirs.
	requireContains(t, "summary", summary, "marks cleared from the 3 jobs canceled; 5 still marked")
	runScreens(t, []screenCase{modelScreen("summary", m)})

	// y copies the ids of every job not canceled: refused, then failed.
	var copied string
	m = withJobs(m, func(s *jobsScreen) {
		s.clipboard = clipboards{terminal: io.Discard, system: func(text string) error { copied = text; return nil }}
	})
	m, cmd = press(m, "y")
	msgsOf(cmd)
	if want := ids[4] + "\n" + ids[5] + "\n" + ids[0]; copied != want {
		t.Errorf("y in the summary copied %q, want %q", copied, want)
	}

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

	// The summary closes onto the table: marked are the jobs not canceled,
	// the two refused and the two skipped.
	m, _ = press(m, "esc")
	requireOverlay(t, "esc", m, "")
	if n := marked(t, m); n != 4 || len(markedRows(m)) != 4 {
		t.Fatalf("after esc: %d marks (%d rows); want the 4 jobs not canceled", n, len(markedRows(m)))
	}
	// Canceled just now: no mark, a change mark.
	requireContains(t, "row", actRow(t, m, ids[0]), " •"+ids[0]+"  CANCELED")
	requireContains(t, "row", actRow(t, m, ids[4]), "* "+ids[4]+"  SCHEDULED")
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

	// r has nothing to retry (nothing failed: nothing was sent); q quits
	// from the summary as from the table.
	m, _ = press(m, "r")
	requireContains(t, "footer", actFooter(m), "no job failed: nothing to retry")
	requireOverlay(t, "r", m, "summary")
	if _, cmd = press(m, "q"); !quits(cmd) {
		t.Fatal("q in the summary did not quit")
	}
}

// Many jobs refused for one reason: their ids are listed in one line cut
// to the panel's width, with a count of those left out, never wrapped
// (a wrapped line breaks the panel's layout).
func TestBulkSummaryCutsTheRefusedIDsToTheWidth(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 22)
	m := f.dashboard(t, nil, func(o *Options) { o.BulkWorkers = 1 })
	m = keys(m, "V", "c")
	for _, id := range f.ids { // behind the dashboard's back: the API refuses them all
		f.srv.SetStatus(id, model.StatusCompleted)
	}
	m, cmd := press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		screen := ansi.Strip(update(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}).View())
		line := ""
		for l := range strings.SplitSeq(screen, "\n") {
			if strings.Contains(l, "jobs "+f.ids[0]+", ") {
				line = l
			}
		}
		if !regexp.MustCompile(`jobs [0-9, ]+ … and 1[2-9] more`).MatchString(line) {
			t.Errorf("at %dx%d the refused jobs' line is not cut with a count of the rest: %q\n%s", size[0], size[1], line, screen)
		}
		if !strings.Contains(screen, "│ journal: 22 actions recorded") {
			t.Errorf("at %dx%d the panel's layout broke:\n%s", size[0], size[1], screen)
		}
	}
	runScreens(t, []screenCase{modelScreen("summary_many_refused", m)})
}
