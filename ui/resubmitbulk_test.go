package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
)

// seedSubmission submits n jobs that share their metadata and callback,
// as one upload does, before the dashboard loads them.
func seedSubmission(t *testing.T, f *actionFixture, n int) {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: f.srv.BaseURL, APIKey: f.srv.APIKey(), KeySource: "the test"})
	if err != nil {
		t.Fatal(err)
	}
	inputs := make([]json.RawMessage, n)
	for i := range inputs {
		inputs[i] = json.RawMessage(fmt.Sprintf(`{"row": %d}`, i))
	}
	if _, err := client.SubmitJobs(context.Background(), f.srv.AppIDs()[0], inputs, json.RawMessage(`{"upload": "u1"}`), "https://example.com/hook"); err != nil {
		t.Fatal(err)
	}
}

// The marked jobs go out unchanged, in one request per metadata and
// callback they share: three of one upload and one of another are two
// requests, and every job is recorded by its own id.
func TestBulkResubmitSendsOneRequestPerGroup(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 1)
	seedSubmission(t, f, 3)
	m := f.dashboard(t, nil, nil)
	before := f.requests(sim.EndpointSubmitJobs)
	m = keys(m, "V", "N")
	screen := ansi.Strip(m.View())
	requireContains(t, "dialog", screen, "Resubmit 4 jobs as new jobs?")
	requireContains(t, "dialog", screen, "will send  2 requests")
	requireContains(t, "dialog", screen, "[ No ]")
	m = pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs) - before; n != 2 {
		t.Fatalf("%d submissions sent, want 2", n)
	}
	requireContains(t, "footer", actFooter(m), "resubmitted 4 of 4 jobs in 2 requests; batch ")
	ids := map[string]bool{}
	for _, e := range actJournal(t, f.journal) {
		if e.Action != "resubmit" || e.Outcome != "done" {
			t.Errorf("journal entry %+v", e)
		}
		ids[e.JobID] = true
	}
	if len(ids) != 4 || !ids[f.ids[0]] {
		t.Errorf("the journal names %v, want the 4 jobs marked", ids)
	}
	if got := m.poll.Store().Len(); got != 8 {
		t.Errorf("after the sync the table has %d jobs, want the 4 and their 4 copies", got)
	}
}

// Above 100 jobs the count must be typed before yes does anything.
func TestBulkResubmitAbove100AsksForTheCount(t *testing.T) {
	f := newActionFixture(t, sim.Options{}, 0)
	seedSubmission(t, f, 101)
	m := f.dashboard(t, nil, nil)
	before := f.requests(sim.EndpointSubmitJobs)
	m = keys(m, "V", "N", "y")
	requireContains(t, "dialog", ansi.Strip(m.View()), "Type 101 to unlock Yes")
	if n := f.requests(sim.EndpointSubmitJobs) - before; n != 0 {
		t.Fatalf("y sent %d submissions before the count was typed", n)
	}
	m = keys(m, "101")
	m = pressRun(t, m, "y")
	if n := f.requests(sim.EndpointSubmitJobs) - before; n != 1 {
		t.Fatalf("%d submissions sent, want 1", n)
	}
	if foot := actFooter(m); !strings.Contains(foot, "resubmitted 101 of 101 jobs in 1 request") {
		t.Errorf("footer %q", foot)
	}
}
