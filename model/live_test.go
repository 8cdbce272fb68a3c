package model

import (
	"fmt"
	"testing"
	"time"
)

var liveNow = time.Date(2024, 5, 6, 14, 30, 20, 0, time.UTC)

// ended is a job of batch b that ended in status st, ago before liveNow.
func ended(id, b string, st Status, ago time.Duration) Job {
	return Job{ID: id, BatchID: b, Status: st, Created: liveNow.Add(-2 * time.Hour), Completed: liveNow.Add(-ago)}
}

func TestThroughputBucketsByMinute(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{
		ended("1", "b", StatusCompleted, 10*time.Second),                            // this minute
		ended("2", "b", StatusCompleted, 15*time.Second),                            // this minute
		ended("3", "b", StatusFailed, 30*time.Second),                               // the minute before (14:29:50)
		ended("4", "b", StatusCompleted, 29*time.Minute),                            // 14:01:20: the window's first minute
		ended("5", "b", StatusCompleted, 31*time.Minute),                            // 13:59:20: before the window
		ended("6", "b", StatusExpired, 20*time.Second),                              // neither a completion nor a failure
		{ID: "7", Status: StatusInProgress, Completed: liveNow},                     // a restarted job's old completed time
		ended("8", "b", StatusCompleted, -time.Minute),                              // after now: a clock ahead, ignored
		{ID: "9", Status: StatusReviewed, Completed: liveNow.Add(-3 * time.Minute)}, // done class
	})
	tp := s.Throughput(liveNow)
	if want := time.Date(2024, 5, 6, 14, 31, 0, 0, time.UTC); !tp.End.Equal(want) {
		t.Fatalf("End = %v, want %v", tp.End, want)
	}
	last := ThroughputWindow - 1
	if tp.Completed[last] != 2 || tp.Failed[last-1] != 1 || tp.Completed[0] != 1 || tp.Completed[last-3] != 1 {
		t.Errorf("completed %v failed %v", tp.Completed, tp.Failed)
	}
	if c, f := tp.Totals(); c != 4 || f != 1 {
		t.Errorf("Totals = %d, %d; want 4, 1", c, f)
	}
	if got := tp.FailureRate(); got != 0.2 {
		t.Errorf("FailureRate = %v, want 0.2", got)
	}
	perMinute, share := tp.CurrentRate() // 1, 2, 3, 9 in the last five minutes
	if perMinute != 4.0/5 || share != 0.25 {
		t.Errorf("CurrentRate = %v, %v; want 0.8, 0.25", perMinute, share)
	}
}

// TestThroughputFollowsTheStore: the minute counts move with every merge,
// replacement and removal, and the window with the clock.
func TestThroughputFollowsTheStore(t *testing.T) {
	s := NewStore()
	totals := func(at time.Time) [2]int {
		tp := s.Throughput(at)
		c, f := tp.Totals()
		return [2]int{c, f}
	}
	if got := s.Throughput(liveNow).FailureRate(); got != 0 {
		t.Errorf("empty store: FailureRate = %v", got)
	}
	s.Merge([]Job{ended("1", "b", StatusFailed, time.Second), ended("2", "b", StatusCompleted, time.Second)})
	if got := totals(liveNow); got != [2]int{1, 1} {
		t.Errorf("after a merge: %v, want [1 1]", got)
	}
	s.Merge([]Job{ended("1", "b", StatusCompleted, time.Second)}) // a review turned the failure around
	if got := totals(liveNow); got != [2]int{2, 0} {
		t.Errorf("after a replacement: %v, want [2 0]", got)
	}
	s.Merge([]Job{{ID: "2", BatchID: "b", Status: StatusInProgress, Created: liveNow, Completed: liveNow}}) // restarted
	if got := totals(liveNow); got != [2]int{1, 0} {
		t.Errorf("after a restart: %v, want [1 0]", got)
	}
	s.Remove("1")
	if got := totals(liveNow); got != [2]int{0, 0} {
		t.Errorf("after a removal: %v, want [0 0]", got)
	}
	s.Merge([]Job{ended("3", "b", StatusFailed, 0)})
	if got := totals(liveNow.Add(ThroughputWindow * time.Minute)); got != [2]int{0, 0} {
		t.Errorf("half an hour later the failure is still in the window: %v", got)
	}
	s.RetainOnly(nil)
	if len(s.byMinute) != 0 {
		t.Errorf("an empty store still counts endings: %v", s.byMinute)
	}
}

func TestEnteredSince(t *testing.T) {
	s := NewStore()
	clock := liveNow
	s.SetClock(func() time.Time { return clock })
	s.Merge([]Job{{ID: "1", Status: StatusInProgress}, {ID: "2", Status: StatusInProgress}, {ID: "3", Status: StatusScheduled}})
	looked := liveNow.Add(time.Minute)
	clock = looked
	s.Merge([]Job{{ID: "1", Status: StatusFailed}, {ID: "4", Status: StatusScheduled}}) // at the instant looked: counts
	clock = looked.Add(time.Minute)
	s.Merge([]Job{{ID: "2", Status: StatusCompleted}, {ID: "3", Status: StatusScheduled, JobType: "X"}}) // 3: same status
	got := fmt.Sprint(s.EnteredSince(looked))
	if want := "[{SCHEDULED 1} {COMPLETED 1} {FAILED 1}]"; got != want {
		t.Errorf("EnteredSince = %s, want %s", got, want)
	}
	if got := s.EnteredSince(clock.Add(time.Second)); len(got) != 0 {
		t.Errorf("nothing changed after the last merge, got %v", got)
	}
}

func TestBatchProgressOutcomes(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{
		ended("1", "a", StatusCompleted, time.Minute),
		ended("2", "a", StatusPostProcessed, time.Minute),
		ended("3", "a", StatusFailed, time.Minute),
		ended("4", "a", StatusCanceled, time.Minute),
		ended("5", "a", StatusExpired, time.Minute),
		{ID: "6", BatchID: "a", Status: StatusInProgress},
		{ID: "7", BatchID: "a", Status: StatusSuspended},
		{ID: "8", BatchID: "a", Status: "TELEPORTING"},
		{ID: "9", BatchID: "a", Status: StatusScheduled},
		{ID: "10", Status: StatusScheduled},           // no batch
		{ID: "11", BatchID: "a", Status: "completed"}, // spelled otherwise
	})
	all := BatchProgresses(s)
	p := all["a"]
	if len(all) != 1 || p == nil {
		t.Fatalf("BatchProgresses = %v", all)
	}
	if want := (OutcomeCounts{3, 1, 2, 3, 1}); p.Counts != want {
		t.Errorf("Counts = %v, want %v", p.Counts, want)
	}
	if p.Total() != 10 || p.Moving() != 4 {
		t.Errorf("Total %d Moving %d, want 10 and 4", p.Total(), p.Moving())
	}
}

// batchOf is a batch created at created with n jobs ended gap apart from
// firstEnd on and moving jobs still to end.
func batchOf(created, firstEnd time.Time, n int, gap time.Duration, moving int) *BatchProgress {
	p := &BatchProgress{ID: "b"}
	for i := range n {
		p.Add(&Job{Status: StatusCompleted, Created: created, Completed: firstEnd.Add(time.Duration(i) * gap)})
	}
	for range moving {
		p.Add(&Job{Status: StatusScheduled, Created: created})
	}
	return p
}

func TestBatchStalled(t *testing.T) {
	t0 := liveNow
	cases := []struct {
		name string
		p    *BatchProgress
		at   time.Time
		want bool
	}{
		{"a minute old, nothing ended", batchOf(t0, t0, 0, 0, 50), t0.Add(time.Minute), false},
		{"nothing ended for the floor", batchOf(t0, t0, 0, 0, 50), t0.Add(stallFloor), true},
		{"fast batch, quiet for a moment", batchOf(t0, t0, 20, 3*time.Second, 5), t0.Add(57*time.Second + 2*time.Minute), false},
		{"fast batch, quiet past the floor", batchOf(t0, t0, 20, 3*time.Second, 5), t0.Add(time.Minute + stallFloor), true},
		{"slow batch, quiet for 4 gaps", batchOf(t0, t0, 5, 10*time.Minute, 5), t0.Add(80 * time.Minute), false},
		{"slow batch, quiet for 5 gaps", batchOf(t0, t0, 5, 10*time.Minute, 5), t0.Add(90 * time.Minute), true},
		{"finished batch", batchOf(t0, t0, 5, time.Minute, 0), t0.Add(24 * time.Hour), false},
		{"creation unknown, nothing ended", batchOf(time.Time{}, t0, 0, 0, 3), t0.Add(24 * time.Hour), false},
	}
	for _, c := range cases {
		if got := c.p.Stalled(c.at); got != c.want {
			t.Errorf("%s: Stalled = %v, want %v (gap %v, last %v)", c.name, got, c.want, c.p.TypicalGap(), c.p.LastProgress())
		}
	}
}

// BenchmarkThroughput100k is what a frame pays to read the throughput of
// 100,000 jobs.
func BenchmarkThroughput100k(b *testing.B) {
	s := NewStore()
	s.Merge(BenchJobs(100_000, 1))
	for b.Loop() {
		tp := s.Throughput(benchNow)
		tp.FailureRate()
	}
}

// BenchmarkEnteredSince100k and BenchmarkBatchProgresses100k are passes
// over 100,000 jobs: made once per sync, not per frame.
func BenchmarkEnteredSince100k(b *testing.B) {
	s := NewStore()
	s.Merge(BenchJobs(100_000, 1))
	since := time.Now().Add(-time.Minute)
	for b.Loop() {
		s.EnteredSince(since)
	}
}

func BenchmarkBatchProgresses100k(b *testing.B) {
	s := NewStore()
	s.Merge(BenchJobs(100_000, 1))
	for b.Loop() {
		BatchProgresses(s)
	}
}
