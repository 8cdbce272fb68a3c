package model

import "time"

// Outcome is where a job stands as far as its batch's progress goes: the
// five parts a batch's progress bar is stacked from, in drawing order.
type Outcome int

const (
	OutcomeCompleted Outcome = iota // ended with output
	OutcomeFailed                   // ended because something went wrong
	OutcomeStopped                  // canceled or expired: ended without anyone finishing it
	OutcomeRunning                  // being worked on, or parked until someone acts
	OutcomeQueued                   // waiting to be picked up
	outcomeCount
)

// Outcomes lists every outcome in drawing order.
func Outcomes() []Outcome {
	return []Outcome{OutcomeCompleted, OutcomeFailed, OutcomeStopped, OutcomeRunning, OutcomeQueued}
}

// OutcomeOf is the outcome of a job in status st. A status this build does
// not know counts as running: it has not ended (see Status.Ended).
func OutcomeOf(st Status) Outcome {
	// The statuses most jobs are in, spelled as the API spells them, first:
	// Class upper-cases and looks up, which a pass over 100,000 jobs feels.
	switch st {
	case StatusCompleted:
		return OutcomeCompleted
	case StatusInProgress:
		return OutcomeRunning
	case StatusScheduled:
		return OutcomeQueued
	}
	switch st.Class() {
	case ClassDone:
		return OutcomeCompleted
	case ClassFailed:
		return OutcomeFailed
	case ClassStopped:
		return OutcomeStopped
	case ClassQueued:
		return OutcomeQueued
	}
	return OutcomeRunning
}

// OutcomeCounts is how many jobs are in each outcome, indexed by Outcome.
type OutcomeCounts [outcomeCount]int

// Total is how many jobs are counted.
func (c OutcomeCounts) Total() int {
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// Ended reports whether jobs of this outcome have stopped moving.
func (o Outcome) Ended() bool { return o <= OutcomeStopped }

// Stall thresholds: a batch is stalled once it has been quiet for
// stallFactor times its typical gap between endings, and never before
// stallFloor, so a batch one minute old with nothing ended yet, or one
// whose jobs end every few seconds, is not called stalled for a pause a
// sync or two long.
const (
	stallFactor = 5
	stallFloor  = 10 * time.Minute
)

// BatchProgress is one batch's jobs split by outcome, with what it takes
// to judge whether the batch is still making progress.
type BatchProgress struct {
	ID     string
	Counts OutcomeCounts
	// First is the earliest creation among its jobs; zero if none says.
	First time.Time
	// firstEnd and lastEnd bound its jobs' completed times, ended counts
	// them: enough for a typical gap without keeping every time.
	firstEnd, lastEnd time.Time
	endings           int
}

// Add counts j in the batch.
func (p *BatchProgress) Add(j *Job) {
	o := OutcomeOf(j.Status)
	p.Counts[o]++
	if !j.Created.IsZero() && (p.First.IsZero() || j.Created.Before(p.First)) {
		p.First = j.Created
	}
	// A moving job may carry the completed time of an earlier run.
	if !o.Ended() || j.Completed.IsZero() {
		return
	}
	p.endings++
	if p.firstEnd.IsZero() || j.Completed.Before(p.firstEnd) {
		p.firstEnd = j.Completed
	}
	if j.Completed.After(p.lastEnd) {
		p.lastEnd = j.Completed
	}
}

// Total is how many jobs the batch has.
func (p *BatchProgress) Total() int { return p.Counts.Total() }

// Moving is how many of its jobs have not ended.
func (p *BatchProgress) Moving() int {
	return p.Counts[OutcomeRunning] + p.Counts[OutcomeQueued]
}

// TypicalGap is the mean time between two of its jobs' endings, over the
// batch's life so far; zero until two have ended.
func (p *BatchProgress) TypicalGap() time.Duration {
	if p.endings < 2 {
		return 0
	}
	return p.lastEnd.Sub(p.firstEnd) / time.Duration(p.endings-1)
}

// LastProgress is when the batch last moved forward: its latest ending,
// or, before any, its creation.
func (p *BatchProgress) LastProgress() time.Time {
	if p.endings > 0 {
		return p.lastEnd
	}
	return p.First
}

// Stalled reports whether the batch, with jobs still to end, has been
// quiet at now for several times its own typical gap between endings (and
// at least stallFloor). A batch with nothing left to do is finished, not
// stalled; one whose creation is unknown and has nothing ended cannot be
// judged and is not called stalled.
func (p *BatchProgress) Stalled(now time.Time) bool {
	last := p.LastProgress()
	if p.Moving() == 0 || last.IsZero() {
		return false
	}
	return now.Sub(last) >= max(stallFactor*p.TypicalGap(), stallFloor)
}

// BatchProgresses is the progress of every batch in s, keyed by batch id,
// in one pass over the store. Jobs without a batch are left out.
func BatchProgresses(s *Store) map[string]*BatchProgress {
	out := make(map[string]*BatchProgress, len(s.byBatch))
	var p *BatchProgress // the last one added to: a batch's jobs mostly arrive together
	for i := range s.entries {
		j := s.entries[i].job
		if j.BatchID == "" {
			continue
		}
		if p == nil || p.ID != j.BatchID {
			if p = out[j.BatchID]; p == nil {
				p = &BatchProgress{ID: j.BatchID}
				out[j.BatchID] = p
			}
		}
		p.Add(j)
	}
	return out
}
