package ui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/api"
	"superdash/config"
	"superdash/model"
)

// idleJobs builds n jobs a minute apart, the newest created a few seconds
// before frozen and still running, the others in a mix of statuses; a few
// carry tags and a batch, as real ones do.
func idleJobs(tb testing.TB, n int) []model.Job {
	tb.Helper()
	statuses := []model.Status{"COMPLETED", "FAILED", "COMPLETED", "IN_PROGRESS", "EXPIRED", "SCHEDULED", "COMPLETED", "CANCELED"}
	jobs := make([]model.Job, n)
	for i := range jobs {
		st := statuses[i%len(statuses)]
		created := frozen.Add(-time.Duration(n-i)*time.Minute + 55*time.Second)
		if i == n-1 {
			st = "IN_PROGRESS"
		}
		completed := ""
		if model.Status(st).Ended() {
			completed = fmt.Sprintf(`,"completed":%q`, created.Add(30*time.Second).Format(time.RFC3339))
		}
		raw := fmt.Sprintf(`{"id":"%d","uuid":"u-%d","appId":"app","batchId":"batch-%d","status":%q,"jobType":"DEFAULT","created":%q%s,"tags":["poodle","t%d"],"input":{"url":"https://example.com/%d.png","n":%d},"metadata":{"source":"bench"}}`,
			2000000+i, i, i/100, st, created.Format(time.RFC3339), completed, i%7, i, i)
		j, err := model.DecodeJob([]byte(raw))
		if err != nil {
			tb.Fatal(err)
		}
		jobs[i] = j
	}
	return jobs
}

// idleDashboard is a dashboard of n jobs on a w×h terminal, loaded, on
// clocks the caller moves: wall for the header's freshness, job for the
// table's ages. Its client is never called: commands are dropped.
func idleDashboard(tb testing.TB, n, w, h int, wall, job *time.Time) Model {
	tb.Helper()
	client, err := api.New(api.Options{BaseURL: "http://127.0.0.1:1", APIKey: "k", KeySource: "the benchmark"})
	if err != nil {
		tb.Fatal(err)
	}
	c := NewCommon(config.Defaults()) // as main builds it: colours resolved for the profile set
	c.Now = func() time.Time { return *wall }
	c.JobNow = func() time.Time { return *job }
	m := New(Options{Client: client, AppID: "app", Interval: 5 * time.Second, Common: c})
	tb.Cleanup(m.Close)
	m = update(m, tea.WindowSizeMsg{Width: w, Height: h})
	return loaded(m, idleJobs(tb, n))
}

// BenchmarkIdleRedraw is what an idle dashboard does once a second: the
// clock message, then a frame. 1,000 jobs on 160×45 cells, table and
// detail pane side by side, in the 256 colours of a common terminal (so
// colours are converted as they would be on screen).
//
//   - header: one second passes on the wall clock, none on the jobs'
//     clock: only "updated Ns ago" changes, the idle case once the jobs
//     on screen are a minute old or more.
//   - age-rollover: a second passes on both, and the newest job's age
//     ("running 12s") changes with it, so the table is drawn again too:
//     the worst idle case, with a job under a minute old on screen.
func BenchmarkIdleRedraw(b *testing.B) {
	defer lipgloss.SetColorProfile(lipgloss.ColorProfile())
	lipgloss.SetColorProfile(termenv.ANSI256)
	for _, bc := range []struct {
		name    string
		jobsToo bool
	}{{"header", false}, {"age-rollover", true}} {
		b.Run(bc.name, func(b *testing.B) {
			wall, job := frozen, frozen
			m := idleDashboard(b, 1000, 160, 45, &wall, &job)
			m.View()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				wall = frozen.Add(time.Duration(i+1) * time.Second)
				if bc.jobsToo {
					// Back and forth over 30 s, so the newest job stays
					// under a minute old however long the benchmark runs.
					job = frozen.Add(time.Duration(i%30) * time.Second)
				}
				m = update(m, clockMsg{})
				_ = m.View()
			}
		})
	}
}
