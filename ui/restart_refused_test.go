package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
	"superdash/ui/actions"
)

// On a host without restart, the refused restart offers to resubmit the
// job instead: N opens the editor on it, and the new job is submitted.
func TestRestartRefusedOffersResubmit(t *testing.T) {
	f := newActionFixture(t, sim.Options{NoRestart: true}, 2)
	id := f.ids[0]
	f.srv.SetStatus(id, model.StatusFailed)
	m, _ := fakeEditor(t, f.dashboard(t, nil, nil), `sed -i '/^  "input": {$/,/^  },$/c\\  "input": {"fixed": true},' "$1"`)
	m = actCursorOn(t, m, id)
	m, _ = press(m, "R")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))
	requireContains(t, "footer", actFooter(m), "does not offer restart")
	requireContains(t, "footer", actFooter(m), "N: resubmit it as a new job instead · job "+id+" not restarted")

	m = pressRun(t, m, "N")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Resubmit job "+id+" as a new job?")
	m = pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs); n != 1 {
		t.Fatalf("%d submissions sent, want 1", n)
	}
	requireContains(t, "footer", actFooter(m), "job "+id+" resubmitted: ")
	entries := actJournal(t, f.journal)
	if len(entries) != 2 || entries[0].Action != "restart" || entries[0].Outcome != journal.OutcomeRefused ||
		entries[1].Action != "resubmit" || entries[1].Outcome != journal.OutcomeDone || entries[1].JobID != id {
		t.Fatalf("journal %+v, want the refused restart then the resubmit of %s", entries, id)
	}
}

// Once the host is known to lack restart, R on marked jobs offers to
// resubmit them, and any other key declines and does what it does.
func TestKnownRefusedRestartOffersResubmitOfTheMarked(t *testing.T) {
	f := newActionFixture(t, sim.Options{NoRestart: true}, 1)
	seedSubmission(t, f, 2)
	f.srv.SetStatus(f.ids[0], model.StatusFailed)
	m := f.dashboard(t, nil, nil)
	m = actCursorOn(t, m, f.ids[0])
	m, _ = press(m, "R")
	m, cmd := press(m, "y")
	m = update(m, onlyMsg[actions.Msg](t, cmd))
	before := f.requests(sim.EndpointSubmitJobs)

	m = keys(m, "?") // declines the offer, and opens the help
	if _, ok := m.overlay.(helpOverlay); !ok {
		t.Fatalf("the key that declined the offer did not open the help: %T", m.overlay)
	}
	m = keys(m, "esc", "V", "R")
	requireContains(t, "footer", actFooter(m), "N: resubmit them as new jobs instead · this API host")
	requireContains(t, "footer", actFooter(m), "does not offer restart: nothing sent")
	m = keys(m, "N")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Resubmit 3 jobs as new jobs?")
	m = pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs) - before; n != 2 {
		t.Fatalf("%d submissions sent, want 2 (the upload's two jobs together, the other alone)", n)
	}
}

// TestBulkRestartRefusedOffersResubmit: a bulk restart on a host without
// restart ends with a summary that says resubmission is the way, and once
// it is closed N resubmits the jobs the host refused.
func TestBulkRestartRefusedOffersResubmit(t *testing.T) {
	f := newActionFixture(t, sim.Options{NoRestart: true}, 3)
	for _, id := range f.ids {
		f.srv.SetStatus(id, model.StatusFailed)
	}
	m := f.dashboard(t, nil, nil)
	before := f.requests(sim.EndpointSubmitJobs)
	m = keys(m, "V", "R")
	m, cmd := press(m, "y")
	m = runBulkToEnd(t, m, cmd, nil)
	requireContains(t, "summary", ansi.Strip(m.View()), "no restart here: close this, then N resubmits the 3 jobs as new jobs")
	m = keys(m, "esc")
	requireContains(t, "footer", actFooter(m), "N: resubmit them as new jobs instead")
	m = keys(m, "N")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Resubmit 3 jobs as new jobs?")
	pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs) - before; n == 0 {
		t.Fatal("no submission sent after yes")
	}
}
