package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/api"
	"superdash/config"
	"superdash/model"
	"superdash/ui/poller"
)

// TestScreenIsNeverStale drives a dashboard through what the clock, the
// poller and a user do to it, and checks after each step that its View,
// which keeps the table's and the pane's frames, the body, the counts line
// and the footer between changes, is exactly the screen of a dashboard
// built afresh and sent the same messages at the same times. It runs in
// 256 colours with the styles resolved as main does, so a highlight or a
// border colour left stale fails it too.
func TestScreenIsNeverStale(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	wall := frozen
	build := func() Model {
		client, err := api.New(api.Options{BaseURL: "http://127.0.0.1:1", APIKey: "k", KeySource: "the test"})
		if err != nil {
			t.Fatal(err)
		}
		c := NewCommon(config.Defaults())
		c.Now = func() time.Time { return wall }
		c.JobNow = c.Now
		m := New(Options{Client: client, AppID: "app", Interval: 5 * time.Second, Common: c})
		t.Cleanup(m.Close)
		return m
	}
	type sent struct {
		at  time.Time
		msg tea.Msg
	}
	var log []sent
	m := build()
	send := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			log = append(log, sent{wall, msg})
			m = update(m, msg)
		}
	}
	// sync delivers a sync of the current generation that brought delta.
	sync := func(delta model.Delta) {
		gen := m.poll.Gen()
		send(poller.TickMsg{Gen: gen}, poller.PageMsg{Gen: gen, Delta: delta}, poller.DoneMsg{Gen: gen, Result: api.SyncResult{State: api.SyncState{Loaded: true}, Delta: model.Delta{Err: delta.Err}}})
	}
	tick := func(d time.Duration) func() {
		return func() { wall = wall.Add(d); send(clockMsg{}) }
	}
	press := func(ks ...string) func() {
		return func() {
			for _, k := range ks {
				send(keyMsg(k))
			}
		}
	}
	jobs := idleJobs(t, 60) // the newest, IN_PROGRESS, was created 5 s ago
	newest := jobs[len(jobs)-1]

	steps := []struct {
		name string
		do   func()
		want string // on screen after the step, when not ""
	}{
		{"a size", func() { send(tea.WindowSizeMsg{Width: 160, Height: 45}) }, "not loaded yet"},
		{"the first sync", func() { sync(model.Delta{Jobs: jobs}) }, "running 5s"},
		{"a second", tick(time.Second), "updated 1s ago"},
		{"half a second", tick(500 * time.Millisecond), "running 6s"},
		{"another half", tick(500 * time.Millisecond), "running 7s"},
		{"down", press("j"), "job 2000058"},
		{"down again", press("down"), "job 2000057"},
		{"up", press("k"), "job 2000058"},
		{"a page down", press("pgdown"), ""},
		{"the top", press("g"), "job 2000059"},
		{"a minute", tick(time.Minute), "running 1m"},
		{"narrower: stacked", func() { send(tea.WindowSizeMsg{Width: 120, Height: 40}) }, ""},
		{"back", func() { send(tea.WindowSizeMsg{Width: 160, Height: 45}) }, ""},
		{"the pane focused", press("tab"), "next match"},
		{"the pane scrolled", press("j", "j"), ""},
		{"the table focused", press("tab"), "next failed"},
		{"a sync that changed a job", func() {
			changed := newest
			changed.Status = model.StatusFailed
			changed.Completed = wall
			changed.Raw = []byte(strings.Replace(string(newest.Raw), `"IN_PROGRESS"`, `"FAILED"`, 1))
			sync(model.Delta{Jobs: []model.Job{changed}})
		}, "0s ago"},
		{"a quiet sync", func() { sync(model.Delta{}) }, "updated 0s ago"},
		{"a mark", press(" "), "1 marked"},
		{"down and another mark", press("j", " "), "2 marked"},
		{"marks cleared", press("U"), "cleared 2 marks"},
		{"a key clears the notice", press("k"), ""},
		{"a filter typed", press("/", "t", "3"), ""},
		{"the filter applied", press("enter"), "9 of 60 jobs"},
		{"the filter cleared", press("/", "esc"), ""},
		{"a failed sync", func() { wall = wall.Add(time.Second); sync(model.Delta{Err: errors.New("connection refused")}) }, "connection refused"},
		{"seconds of backoff", tick(2 * time.Second), "retrying in 3s"},
		{"paused", press("p"), "paused"},
		{"resumed", press("p"), ""},
		{"help", press("?"), ""},
		{"help closed", press("?"), ""},
		{"the job full screen", press("enter"), ""},
		{"back to the table", press("esc"), ""},
		{"sorted otherwise", press("s"), ""},
		{"an hour", tick(time.Hour), "updated 1h ago"},
	}
	for _, st := range steps {
		st.do()
		got := m.View()
		// The same messages at the same times, to a dashboard that has
		// drawn nothing yet.
		now := wall
		fresh := build()
		for _, s := range log {
			wall = s.at
			fresh = update(fresh, s.msg)
		}
		wall = now
		if want := fresh.View(); got != want {
			t.Fatalf("after %q the screen is stale:\n got:\n%s\nwant:\n%s", st.name, got, want)
		}
		if st.want != "" && !strings.Contains(got, st.want) {
			t.Errorf("after %q the screen lacks %q:\n%s", st.name, st.want, got)
		}
	}
}
