package model

import "time"

// ThroughputWindow is how far back a Throughput looks, in whole minutes:
// long enough to show a trend as a sparkline, short enough that what it
// shows is still news.
const ThroughputWindow = 30

// currentMinutes is how many of the latest minutes "the current rate"
// averages over: one minute alone jumps with every sync's burst.
const currentMinutes = 5

// Throughput is what ended per minute over the last ThroughputWindow
// minutes, oldest minute first, the last one being the minute now is in.
// It is built from the jobs' completed times, so a dashboard opened on a
// batch half done shows its past half hour at once, with no extra request.
// Store.Throughput makes one.
type Throughput struct {
	End       time.Time // the end of the last minute: now, rounded up to the minute
	Completed [ThroughputWindow]int
	Failed    [ThroughputWindow]int
}

// FailureRate is the share of failures among the jobs that completed or
// failed over the whole window; 0 when none did.
func (t Throughput) FailureRate() float64 { return failureRate(t.sums(ThroughputWindow)) }

// CurrentRate is how many jobs completed or failed per minute over the
// last few minutes, and the share of those that failed.
func (t Throughput) CurrentRate() (perMinute, failureShare float64) {
	completed, failed := t.sums(currentMinutes)
	return float64(completed+failed) / currentMinutes, failureRate(completed, failed)
}

// Totals is how many jobs completed and failed over the whole window.
func (t Throughput) Totals() (completed, failed int) { return t.sums(ThroughputWindow) }

// sums adds the last n minutes.
func (t Throughput) sums(n int) (completed, failed int) {
	for i := ThroughputWindow - n; i < ThroughputWindow; i++ {
		completed += t.Completed[i]
		failed += t.Failed[i]
	}
	return completed, failed
}

func failureRate(completed, failed int) float64 {
	if completed+failed == 0 {
		return 0
	}
	return float64(failed) / float64(completed+failed)
}

// endings is how many jobs ended in one minute, as completions and as
// failures.
type endings struct{ completed, failed int32 }

// endingMinute is the minute j ended in, as Unix minutes, and whether it
// ended as a completion or a failure at all. Jobs canceled or expired are
// neither: nobody worked them to an end. A moving job may still carry the
// completed time of an earlier run (a restart), so only ended jobs count.
func endingMinute(j *Job) (minute int64, failed, ok bool) {
	if j.Completed.IsZero() {
		return 0, false, false
	}
	switch j.Status.Class() {
	case ClassDone:
	case ClassFailed:
		failed = true
	default:
		return 0, false, false
	}
	return unixMinute(j.Completed), failed, true
}

func unixMinute(t time.Time) int64 { return t.Truncate(time.Minute).Unix() / 60 }

// countEnding adds delta (+1 or -1) to the minute j ended in. The store
// keeps these counts as it merges, like its other counts, so a throughput
// costs thirty lookups however many jobs it holds.
func (s *Store) countEnding(j *Job, delta int32) {
	minute, failed, ok := endingMinute(j)
	if !ok {
		return
	}
	e := s.byMinute[minute]
	if failed {
		e.failed += delta
	} else {
		e.completed += delta
	}
	if e == (endings{}) {
		delete(s.byMinute, minute)
		return
	}
	s.byMinute[minute] = e
}

// recountEnding moves the minute counts of a job replaced by a newer
// version, when its status or completed time differ.
func (s *Store) recountEnding(old, cur *Job) {
	if old.Status != cur.Status || !old.Completed.Equal(cur.Completed) {
		s.countEnding(old, -1)
		s.countEnding(cur, +1)
	}
}

// Throughput is what the stored jobs' completed times say ended in each
// of the last ThroughputWindow minutes as of now, the last being the
// minute now is in.
func (s *Store) Throughput(now time.Time) Throughput {
	t := Throughput{End: now.Truncate(time.Minute).Add(time.Minute)}
	first := unixMinute(now) - ThroughputWindow + 1
	for i := range ThroughputWindow {
		e := s.byMinute[first+int64(i)]
		t.Completed[i], t.Failed[i] = int(e.completed), int(e.failed)
	}
	return t
}
