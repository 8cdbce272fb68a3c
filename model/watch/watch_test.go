package watch

import (
	"strings"
	"testing"
	"time"

	"superdash/model"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// storeOf holds jobs "1".."n" of batch b, in the statuses given.
func storeOf(b string, statuses ...model.Status) *model.Store {
	s := model.NewStore()
	jobs := make([]model.Job, len(statuses))
	for i, st := range statuses {
		jobs[i] = model.Job{ID: string(rune('1' + i)), BatchID: b, Status: st, Created: t0}
		if st.Ended() {
			jobs[i].Completed = t0.Add(time.Duration(i+1) * time.Minute)
		}
	}
	s.Merge(jobs)
	return s
}

const (
	queued = model.StatusScheduled
	done   = model.StatusCompleted
	failed = model.StatusFailed
)

// TestObserveTellsEachEventOnce follows one batch through its life: what
// stood when watching began is not news; the first failure is (threshold
// 1), the second not; the end is, once; a restart that makes it move and
// end again is a new end.
func TestObserveTellsEachEventOnce(t *testing.T) {
	w := New(Target{Batch: "b"})
	steps := []struct {
		statuses []model.Status
		want     string // the events' descriptions, one per line
	}{
		{[]model.Status{failed, queued, queued}, ""}, // a failure there already: not news
		{[]model.Status{failed, queued, queued}, ""},
		{[]model.Status{failed, done, queued}, ""},
		{[]model.Status{failed, done, done}, "batch b ended: 2 completed, 1 failed of 3"},
		{[]model.Status{failed, done, done}, ""},
		{[]model.Status{queued, done, done}, ""}, // restarted
		{[]model.Status{done, done, done}, "batch b ended: 3 completed of 3"},
	}
	for i, step := range steps {
		got := describe(w.Observe(Tally(storeOf("b", step.statuses...), []*Watch{w}, time.Time{})[0], 1))
		if got != step.want {
			t.Errorf("step %d: told %q, want %q", i, got, step.want)
		}
	}
}

func TestObserveFailing(t *testing.T) {
	w := New(Target{Batch: "b"})
	steps := []struct {
		statuses []model.Status
		want     string
	}{
		{[]model.Status{queued, queued, queued, queued}, ""},
		{[]model.Status{failed, queued, queued, queued}, ""}, // below the threshold of 2
		{[]model.Status{failed, failed, queued, queued}, "batch b is failing: 2 failed, 2 of 4 still to go"},
		{[]model.Status{failed, failed, failed, queued}, ""},
		// Failing is told already: the end is the news, and says how many failed.
		{[]model.Status{failed, failed, failed, done}, "batch b ended: 1 completed, 3 failed of 4"},
	}
	for i, step := range steps {
		got := describe(w.Observe(Tally(storeOf("b", step.statuses...), []*Watch{w}, time.Time{})[0], 2))
		if got != step.want {
			t.Errorf("step %d: told %q, want %q", i, got, step.want)
		}
	}
	// Crossing the threshold and ending in one sync is told once, as the end.
	w = New(Target{Batch: "b"})
	w.Observe(Tally(storeOf("b", queued, queued), []*Watch{w}, time.Time{})[0], 1)
	if got := describe(w.Observe(Tally(storeOf("b", failed, failed), []*Watch{w}, time.Time{})[0], 1)); got != "batch b ended: 0 completed, 2 failed of 2" {
		t.Errorf("told %q", got)
	}
}

func describe(events []Event) string {
	lines := make([]string, len(events))
	for i, e := range events {
		lines[i] = e.Describe()
	}
	return strings.Join(lines, "\n")
}

// TestTallyKeepsWhatItMatched: a job matched once stays watched when it no
// longer matches the filter, so a filter on moving jobs follows them to
// their end.
func TestTallyKeepsWhatItMatched(t *testing.T) {
	q, err := model.ParseQuery("status:moving", t0)
	if err != nil {
		t.Fatal(err)
	}
	w := New(Target{Filter: q, FilterText: "status:moving"})
	p := Tally(storeOf("b", queued, done), []*Watch{w}, time.Time{})[0]
	if p.Jobs.Total() != 1 || p.Ended() {
		t.Fatalf("first tally: %d jobs, ended %v; want 1 moving", p.Jobs.Total(), p.Ended())
	}
	p = Tally(storeOf("b", done, done), []*Watch{w}, t0)[0]
	if p.Jobs.Total() != 1 || !p.Ended() || p.Recent != 1 {
		t.Fatalf("second tally: %d jobs, ended %v, %d recent; want the one job, ended, recent", p.Jobs.Total(), p.Ended(), p.Recent)
	}
}

func TestTargetNameAndSame(t *testing.T) {
	hostile := Target{Batch: "b\x1b]9;pwned\a"}
	if name := hostile.Name(); strings.ContainsAny(name, "\x1b\a") {
		t.Errorf("Name = %q: an escape got through", name)
	}
	a, b := JobsTarget([]string{"1", "2"}), JobsTarget([]string{"2", "1"})
	if !a.Same(b) || a.Same(JobsTarget([]string{"1"})) || a.Same(Target{}) || !(Target{Batch: "x"}).Same(Target{Batch: "x"}) {
		t.Error("Same does not compare what is followed")
	}
	if got := a.Name(); got != "2 jobs" {
		t.Errorf("Name = %q", got)
	}
}

// TestTallyMeasuresInStatusAsTheTable: a filter on the time in status
// (w on the table filtered by in-status:>15m) follows the jobs the table
// shows: the time is measured from when the store saw each job enter its
// status, by the store's clock, not counted as never known.
func TestTallyMeasuresInStatusAsTheTable(t *testing.T) {
	clock := t0
	s := model.NewStore()
	s.SetClock(func() time.Time { return clock })
	s.Merge([]model.Job{{ID: "1", Status: queued, Created: t0}, {ID: "2", Status: queued, Created: t0}})
	clock = t0.Add(20 * time.Minute)
	s.Merge([]model.Job{{ID: "3", Status: queued, Created: t0}})
	for _, tc := range []struct {
		filter string
		want   int
	}{{"in-status:>15m", 2}, {"in-status:<15m", 1}, {"-in-status:>15m", 1}} {
		q, err := model.ParseQuery(tc.filter, clock)
		if err != nil {
			t.Fatal(err)
		}
		if table := len(s.Select(q, model.Sort{})); table != tc.want {
			t.Fatalf("the table's filter %s selects %d jobs, want %d", tc.filter, table, tc.want)
		}
		p := Tally(s, []*Watch{New(Target{Filter: q, FilterText: tc.filter})}, time.Time{})[0]
		if p.Jobs.Total() != tc.want {
			t.Errorf("a watch of %s follows %d jobs; the table shows %d", tc.filter, p.Jobs.Total(), tc.want)
		}
	}
}
