package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/api/sim"
	"superdash/config"
	"superdash/model"
	"superdash/ui/common"
)

func TestSavedFiltersAreTabsWithLiveCounts(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey()})
	if err != nil {
		t.Fatal(err)
	}
	now := frozen
	c := common.New()
	c.Now = func() time.Time { return now }
	c.JobNow = c.Now
	m := New(Options{Client: client, AppID: srv.AppIDs()[0], Interval: time.Hour, Common: c, Saved: []config.SavedFilter{
		{Name: "broken", Query: "status:failed", Key: "1"},
		{Name: "live", Query: "status:moving"},
		{Name: "fresh", Query: "created:<150s"}, // the jobs are 3, 2 and 1 minutes old
		{Name: "bare", Query: "t1"},             // the second job's tag
	}})
	t.Cleanup(m.Close)
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = loaded(m, testJobs(t, model.StatusFailed, model.StatusFailed, model.StatusScheduled))

	if !strings.Contains(m.View(), "1 broken 2 │ live 1 │ fresh 2 │ bare 1") {
		t.Fatalf("no tab line with counts:\n%s", m.View())
	}
	m = keys(m, "1")
	if m.jobs().filter.text != "status:failed" || len(m.jobs().rows) != 2 {
		t.Errorf("the tab's key applied %q (%d rows)", m.jobs().filter.text, len(m.jobs().rows))
	}
	// A store change within ageStep keeps the age's count as it is kept
	// (a first load changes the store once per page); the others' counts
	// follow the store all the same.
	fresh := m.jobs().tabs.tabs[2].tally
	now = now.Add(ageStep / 2)
	m = loaded(m, testJobs(t, model.StatusFailed, model.StatusFailed, model.StatusFailed))
	if m.jobs().tabs.tabs[2].tally != fresh || !strings.Contains(m.View(), "1 broken 3 │ live 0 │ fresh 2 │ bare 1") {
		t.Errorf("within %v of the last count:\n%s", ageStep, m.View())
	}
	// The counts follow the store, and an age counts the window as of
	// the store's last change.
	now = now.Add(time.Minute)
	m = loaded(m, testJobs(t, model.StatusFailed, model.StatusCompleted, model.StatusScheduled))
	if !strings.Contains(m.View(), "1 broken 1 │ live 1 │ fresh 1 │ bare 1") {
		t.Errorf("the counts did not follow the store:\n%s", m.View())
	}
}
