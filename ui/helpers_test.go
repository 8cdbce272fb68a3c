package ui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"go.uber.org/goleak"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
	"superdash/ui/nav"
	"superdash/ui/poller"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	goleak.VerifyTestMain(m)
}

// frozen is the clock of every UI test, so screens are stable.
var frozen = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// testServer starts a simulator on a manual clock for the test.
func testServer(t testing.TB, opts sim.Options) (*sim.Running, *sim.ManualClock) {
	t.Helper()
	clock := sim.NewManualClock(frozen)
	if opts.Clock == nil {
		opts.Clock = clock.Now
	}
	if opts.Seed == 0 {
		opts.Seed = 42
	}
	srv, err := sim.Start(opts, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, clock
}

// newTestModel builds a dashboard on srv with a frozen clock, sized w×h.
func newTestModel(t testing.TB, srv *sim.Running, app string, w, h int) Model {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: srv.BaseURL, APIKey: srv.APIKey(), KeySource: "the test"})
	if err != nil {
		t.Fatal(err)
	}
	c := common.New()
	c.Now = func() time.Time { return frozen }
	c.JobNow = c.Now
	m := New(Options{Client: client, AppID: app, Interval: 5 * time.Second, Common: c})
	t.Cleanup(m.Close)
	return update(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// update sends msg and returns the new root model, dropping the command.
func update(m Model, msg tea.Msg) Model {
	next, _ := m.Update(msg)
	return next.(Model)
}

// keys sends each key in turn.
func keys(m Model, ks ...string) Model {
	for _, k := range ks {
		m = update(m, keyMsg(k))
	}
	return m
}

// keyMsg is the message of the key called k (see uitest.NamedKey), or, for
// any other k, of its characters typed at once, as Bubble Tea sends fast
// typing or a paste.
func keyMsg(k string) tea.KeyMsg {
	if msg, ok := uitest.NamedKey(k); ok {
		return msg
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// testJobs builds one job per status given, ids 1000 upward, created a
// minute apart, the newest last.
func testJobs(t *testing.T, statuses ...model.Status) []model.Job {
	t.Helper()
	jobs := make([]model.Job, len(statuses))
	for i, st := range statuses {
		created := frozen.Add(-time.Duration(len(statuses)-i) * time.Minute).Format(time.RFC3339)
		raw := fmt.Sprintf(`{"id":"%d","uuid":"u-%d","appId":"app","batchId":"b1","status":%q,"jobType":"DEFAULT","created":%q,"tags":["t%d"],"input":{"n":%d}}`,
			1000+i, i, st, created, i%3, i)
		j, err := model.DecodeJob([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		jobs[i] = j
	}
	return jobs
}

// loaded feeds jobs to m as a completed sync of its current generation.
func loaded(m Model, jobs []model.Job) Model {
	m = update(m, poller.PageMsg{Gen: m.poll.Gen(), Delta: model.Delta{Jobs: jobs}})
	return update(m, poller.DoneMsg{Gen: m.poll.Gen(), Result: api.SyncResult{State: api.SyncState{Loaded: true}}})
}

// withJobs returns m with its jobs screen changed by f.
func withJobs(m Model, f func(s *jobsScreen)) Model {
	s := m.jobs()
	f(&s)
	m.put(nav.Jobs, s)
	return m
}
