package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/api"
	"superdash/api/sim"
	"superdash/internal/termtest"
	"superdash/model"
	"superdash/notify"
	"superdash/ui/common"
)

// osc9 is a desktop notification as the terminal receives it.
var osc9 = regexp.MustCompile("\x1b\\]9;([^\x07\x1b]*)\x07")

// anyOSC is every OSC sequence ended by BEL, to tell a bell from the BEL
// that ends a sequence.
var anyOSC = regexp.MustCompile("\x1b\\][^\x07]*\x07")

// simBatchOf reads the batch id of job id from srv.
func simBatchOf(t *testing.T, srv *sim.Running, id string) string {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey(), KeySource: "the test"})
	if err != nil {
		t.Fatal(err)
	}
	job, err := client.GetJob(context.Background(), id)
	if err != nil || job.BatchID == "" {
		t.Fatalf("job %s: batch %q, %v", id, job.BatchID, err)
	}
	return job.BatchID
}

// TestWatchTellsOnceThroughTheTerminal runs the dashboard as a program on
// a simulator whose clock moves only when the test says: a batch watched
// from the batches view, and a second batch watched as a filter. The
// second's first failure is told (threshold 1), its second is not; the
// first batch's end is told, and never again on the syncs after it; the
// second's end is told. Each is a toast on screen, one bell and one OSC 9
// sequence in what the program wrote to its terminal.
func TestWatchTellsOnceThroughTheTerminal(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Apps: 1, Jobs: -1})
	app := srv.AppIDs()[0]
	first := srv.AddJobs(app, 3)
	firstBatch := simBatchOf(t, srv, first[0])

	out := &termtest.Output{}
	m := newDashboardWith(t, srv, clock, Options{
		Interval: time.Hour, // syncs only when r is pressed
		Notify:   notify.Defaults(), WatchFailThreshold: 1, Terminal: out,
	}, common.DefaultStyles())
	p := tea.NewProgram(m, tea.WithOutput(out), tea.WithInput(nil), tea.WithoutSignalHandler())
	done := make(chan error)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	out.WaitFor(t, "3 jobs")
	sync := func(want string) {
		t.Helper()
		clock.Advance(time.Second)
		p.Send(keyMsg("r"))
		out.WaitFor(t, want)
	}

	p.Send(keyMsg("b"))
	p.Send(keyMsg("w"))
	// The batch as the batches view shows it: the only one, by the
	// shortest prefix of its UUID allowed.
	out.WaitFor(t, "watching batch "+firstBatch[:7]+": 3 of 3 jobs to go")
	p.Send(keyMsg("esc"))

	second := srv.AddJobs(app, 4)
	secondBatch := simBatchOf(t, srv, second[0])
	sync("7 jobs")
	p.Send(keyMsg("/"))
	p.Send(keyMsg("batch:" + secondBatch))
	p.Send(keyMsg("enter"))
	p.Send(keyMsg("w"))
	out.WaitFor(t, "watching filter batch:"+secondBatch+": 4 of 4 jobs to go")

	srv.SetStatus(second[0], model.StatusFailed)
	sync("✗ filter batch:" + secondBatch + " is failing: 1 failed, 3 of 4 still to go")
	srv.SetStatus(second[1], model.StatusFailed)
	sync("✗2")
	for _, id := range first {
		srv.SetStatus(id, model.StatusCompleted)
	}
	sync("✓ batch " + firstBatch + " ended: 3 completed of 3")
	srv.SetStatus(second[2], model.StatusCompleted)
	sync("3/4")
	srv.SetStatus(second[3], model.StatusCompleted)
	sync("✗ filter batch:" + secondBatch + " ended: 2 completed, 2 failed of 4")

	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	written := out.String()
	var told []string
	for _, match := range osc9.FindAllStringSubmatch(written, -1) {
		told = append(told, match[1])
	}
	want := []string{
		"superdash: filter batch:" + secondBatch + " is failing: 1 failed, 3 of 4 still to go",
		"superdash: batch " + firstBatch + " ended: 3 completed of 3",
		"superdash: filter batch:" + secondBatch + " ended: 2 completed, 2 failed of 4",
	}
	if strings.Join(told, "\n") != strings.Join(want, "\n") {
		t.Errorf("OSC 9 notifications written:\n%s\nwant:\n%s", strings.Join(told, "\n"), strings.Join(want, "\n"))
	}
	if bells := strings.Count(anyOSC.ReplaceAllString(written, ""), "\a"); bells != len(want) {
		t.Errorf("%d bells written, want %d", bells, len(want))
	}
	if strings.Contains(written, "\x1b]777;") {
		t.Error("an OSC 777 notification was written, which the config did not ask for")
	}
}

// TestWatchesCostNoRequest syncs two dashboards on two identical
// simulators over the same polls, one watching a job, a batch and a
// filter, and counts the requests each simulator served: the same. A
// watch reads only what the store holds.
func TestWatchesCostNoRequest(t *testing.T) {
	requests := func(watching bool) int {
		srv, clock := testServer(t, sim.Options{Apps: 1, Jobs: 300})
		m := newPollModel(t, srv, clock, time.Hour, 120, 40)
		m = syncNow(t, m)
		if watching {
			m = keys(m, "w", "b", "w", "esc", "M", "w")
			if m.watches.Len() != 3 {
				t.Fatalf("%d items watched, want 3: %s", m.watches.Len(), m.notice)
			}
		}
		srv.ResetStats()
		for range 6 {
			clock.Advance(time.Minute)
			m = syncNow(t, m)
		}
		return srv.Stats().Requests
	}
	without, with := requests(false), requests(true)
	if with != without || with == 0 {
		t.Fatalf("%d requests with watches, %d without: want the same", with, without)
	}
}

// TestWatchScreens draws the watch strip, with more watched than it has
// lines for, and the toast of a watched batch that ended.
func TestWatchScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			srv, clock := testServer(t, sim.Options{Apps: 1, Jobs: -1})
			app := srv.AppIDs()[0]
			var batches [][]string
			for _, n := range []int{40, 25, 12, 8} {
				batches = append(batches, srv.AddJobs(app, n))
				clock.Advance(time.Minute)
			}
			// The oldest batch is half done, two of its jobs failed.
			for i, id := range batches[0][:20] {
				st := model.StatusCompleted
				if i%10 == 3 {
					st = model.StatusFailed
				}
				srv.SetStatus(id, st)
			}
			m := newDashboardWith(t, srv, clock, Options{Interval: time.Hour, Notify: notify.Defaults(), WatchFailThreshold: 5}, common.DefaultStyles())
			m.header.clockArmed = true
			m = update(m, tea.WindowSizeMsg{Width: size.w, Height: size.h})
			m = syncNow(t, m)
			m = keys(m, "b", "w", "j", "w", "j", "w", "j", "w", "esc")
			for _, id := range batches[3] {
				srv.SetStatus(id, model.StatusCompleted)
			}
			clock.Advance(time.Second)
			m = syncNow(t, m)
			if !m.toast.Shown() {
				t.Fatal("no toast after a watched batch ended")
			}
			requireGolden(t, m.View())
		})
	}
}

// TestWatchKeyTogglesWhatIsSingledOut presses w on the table: the job
// under the cursor, then the filter once one is applied, then the marked
// jobs once some are marked; each w again stops that watch. A batch that
// has ended is not watched.
func TestWatchKeyTogglesWhatIsSingledOut(t *testing.T) {
	srv, clock := testServer(t, sim.Options{Apps: 1, Jobs: -1})
	app := srv.AppIDs()[0]
	ended := srv.AddJobs(app, 2)
	for _, id := range ended {
		srv.SetStatus(id, model.StatusCompleted)
	}
	clock.Advance(time.Minute)
	moving := srv.AddJobs(app, 3)
	m := newPollModel(t, srv, clock, time.Hour, 120, 40)
	m = syncNow(t, m)

	steps := []struct {
		keys   []string
		notice string
		strip  int
	}{
		{[]string{"w"}, "watching job " + moving[2] + "; w again stops", 1},
		{[]string{"w"}, "stopped watching job " + moving[2], 0},
		{[]string{"M", "w"}, "watching filter status:moving: 3 of 3 jobs to go; w again stops", 1},
		{[]string{" ", " ", "w"}, "watching 2 jobs: 2 of 2 jobs to go; w again stops", 2},
		{[]string{"w"}, "stopped watching 2 jobs", 1},
		{[]string{"U", "w"}, "stopped watching filter status:moving", 0},
		{[]string{"D", "w"}, "filter status:ended has ended already: 2 completed of 2", 0},
	}
	for _, step := range steps {
		m = keys(m, step.keys...)
		if m.notice != step.notice || m.watches.Len() != step.strip {
			t.Fatalf("after %q: notice %q, %d watched; want %q, %d", step.keys, m.notice, m.watches.Len(), step.notice, step.strip)
		}
		if lines := strings.Split(m.View(), "\n"); len(lines) != 40 {
			t.Fatalf("after %q: the screen has %d lines, want 40", step.keys, len(lines))
		}
	}

	// Four watched: the strip takes three lines on a tall screen, one on
	// a short one, none on a smaller one; the screen always fits.
	m = keys(m, "A", "g", "w", "j", "w", "j", "w", "b", "w", "esc")
	if m.watches.Len() != 4 {
		t.Fatalf("%d watched, want 4: %s", m.watches.Len(), m.notice)
	}
	for _, size := range []struct{ w, h, strip int }{{120, 40, 3}, {80, 30, 3}, {80, 24, 1}, {60, 20, 1}, {60, 19, 0}, {40, 10, 0}} {
		m = update(m, tea.WindowSizeMsg{Width: size.w, Height: size.h})
		view := m.View()
		lines := strings.Split(view, "\n")
		if len(lines) != size.h {
			t.Fatalf("%dx%d: %d lines", size.w, size.h, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > size.w {
				t.Fatalf("%dx%d: a line %d wide: %q", size.w, size.h, w, l)
			}
		}
		if got := strings.Count(view, "more"); got != min(size.strip, 1) || m.stripLines() != size.strip {
			t.Errorf("%dx%d: %d strip lines, \"more\" %d times; want %d lines", size.w, size.h, m.stripLines(), got, size.strip)
		}
	}
}
