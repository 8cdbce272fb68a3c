package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/api/sim"
	"superdash/config"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// TestInStatusBucketFiltersTheTable: I opens the time-in-status view;
// enter on a bucket shows the table filtered to that status and bucket,
// with the query in the filter bar, and the table holds exactly the jobs
// the bucket counted.
func TestInStatusBucketFiltersTheTable(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 0})
	m := newTestModel(t, srv, "app", 120, 40)
	clock := frozen.Add(-3 * time.Hour)
	c := m.c
	c.Now = func() time.Time { return clock }
	c.JobNow = c.Now
	m.poll.Store().SetClock(c.Now)

	// Ten jobs scheduled three hours ago; then some start, at known times.
	statuses := slices.Repeat([]model.Status{model.StatusScheduled}, 10)
	m = loaded(m, testJobs(t, statuses...))
	start := func(ago time.Duration, idx ...int) {
		clock = frozen.Add(-ago)
		var st []model.Status
		for range 10 {
			st = append(st, model.StatusScheduled)
		}
		for _, i := range idx {
			st[i] = model.StatusInProgress
		}
		m = loaded(m, testJobs(t, st...))
	}
	start(2*time.Hour, 0)             // 1000: IN_PROGRESS for 2h
	start(40*time.Minute, 0, 1, 2)    // 1001, 1002: for 40m
	start(10*time.Minute, 0, 1, 2, 3) // 1003: for 10m
	start(7*time.Minute, 0, 1, 2, 3, 4, 5)
	start(time.Minute, 0, 1, 2, 3, 4, 5, 6)
	clock = frozen

	m = keys(m, "I")
	if m.active != nav.InStatus {
		t.Fatalf("I showed screen %d, want the time-in-status view", m.active)
	}
	// IN_PROGRESS is the second row; 5–15m the second bucket.
	m = keys(m, "j", "l", "enter")
	if m.active != nav.Jobs {
		t.Fatalf("enter showed screen %d, want the jobs", m.active)
	}
	const query = "status:IN_PROGRESS in-status:>5m in-status:<15m"
	if got := m.jobs().filter.input.Value(); got != query {
		t.Errorf("the filter bar holds %q, want %q", got, query)
	}
	var got []string
	for _, j := range m.jobs().rows {
		got = append(got, j.ID)
	}
	slices.Sort(got)
	if want := []string{"1003", "1004", "1005"}; !slices.Equal(got, want) {
		t.Errorf("the table shows %v, want the jobs of 5–15m: %v", got, want)
	}
	view := m.View()
	if !strings.Contains(view, "/ "+query) {
		t.Errorf("the screen does not show the filter:\n%s", view)
	}
}

// TestInStatusFilterFollowsTheClock: a job crossing into in-status:>15m
// changes nothing in the store, yet the table filtered by it, and a saved
// filter's count, take it in as the clock passes, without a sync.
func TestInStatusFilterFollowsTheClock(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: -1})
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey()})
	if err != nil {
		t.Fatal(err)
	}
	clock := frozen
	c := common.New()
	c.Now = func() time.Time { return clock }
	c.JobNow = c.Now
	m := New(Options{Client: client, AppID: srv.AppIDs()[0], Interval: time.Hour, Common: c,
		Saved: []config.SavedFilter{{Name: "stuck", Query: "in-status:>15m"}}})
	t.Cleanup(m.Close)
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = loaded(m, testJobs(t, model.StatusInProgress, model.StatusScheduled))
	clock = clock.Add(10 * time.Minute)
	m = loaded(m, testJobs(t, model.StatusInProgress, model.StatusInProgress)) // 1001 starts
	m = keys(m, "/", "in-status:>15m", "enter")
	if n := len(m.jobs().rows); n != 0 {
		t.Fatalf("at 10m, in-status:>15m shows %d jobs", n)
	}

	clock = clock.Add(6 * time.Minute) // 1000 is 16m in, 1001 6m
	m = update(m, clockMsg{})
	if rows := m.jobs().rows; len(rows) != 1 || rows[0].ID != "1000" {
		t.Errorf("16m on, in-status:>15m shows %v, want job 1000", rows)
	}
	if !strings.Contains(m.View(), "stuck 1") {
		t.Errorf("the saved filter's count did not follow the clock:\n%s", m.View())
	}
	clock = clock.Add(10 * time.Minute)
	m = update(m, clockMsg{})
	if n := len(m.jobs().rows); n != 2 {
		t.Errorf("26m on, in-status:>15m shows %d jobs, want both", n)
	}
}
