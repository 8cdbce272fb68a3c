package model

import (
	"slices"
	"time"
)

// InStatusBounds split time in status into the buckets of TimeInStatus:
// at most 5m, over 5m up to 15m, over 15m up to 1h, over 1h up to 1d, and
// over 1d. The buckets are disjoint (a job stuck for two days is "over 1d"
// only, not also "over 1h"), so the counts of a status add up to its
// moving jobs; and each includes its upper bound, as in-status:<15m does,
// so that a bucket's filter (InStatusBucket.Query) selects exactly its jobs.
var InStatusBounds = [...]string{"5m", "15m", "1h", "1d"}

// InStatusBuckets is how many buckets TimeInStatus counts.
const InStatusBuckets = len(InStatusBounds) + 1

// inStatusAges are InStatusBounds as durations.
var inStatusAges = func() (ages [len(InStatusBounds)]time.Duration) {
	for i, b := range InStatusBounds {
		age, ok := ParseAge(b)
		if !ok {
			panic("model: bad bound of time in status " + b)
		}
		ages[i] = age
	}
	return ages
}()

// InStatusCounts is how many jobs of one moving status have been in it for
// how long: Counts[i] is the jobs of bucket i (see InStatusBounds).
type InStatusCounts struct {
	Status Status
	Counts [InStatusBuckets]int
}

// Total is how many jobs of the status were counted.
func (c InStatusCounts) Total() int {
	n := 0
	for _, k := range c.Counts {
		n += k
	}
	return n
}

// TimeInStatus counts the moving jobs (see Status.Ended) of each status by
// how long they have been in it (see EnteredStatus), by the store's clock,
// which it returns with the counts. Statuses are in display order; those
// without a moving job are left out, and so are jobs without a status,
// which have no status to have been in (nor a filter to select them by).
func (s *Store) TimeInStatus() ([]InStatusCounts, time.Time) {
	at := s.clock()
	now := at.UnixNano()
	// As in EnteredSince: a few statuses, searched from the last one hit.
	var out []InStatusCounts
	last := -1
	for i := range s.entries {
		e := &s.entries[i]
		st := e.job.Status
		if st == "" || isEnded(st) {
			continue
		}
		if last < 0 || out[last].Status != st {
			last = slices.IndexFunc(out, func(c InStatusCounts) bool { return c.Status == st })
			if last < 0 {
				out = append(out, InStatusCounts{Status: st})
				last = len(out) - 1
			}
		}
		out[last].Counts[inStatusBucket(e.entered, now)]++
	}
	slices.SortFunc(out, func(a, b InStatusCounts) int { return compareStatus(a.Status, b.Status) })
	return out, at
}

// inStatusBucket is the bucket of a job that entered its status at
// entered, now: the first whose upper bound it is within, by the very
// comparison the in-status term makes.
func inStatusBucket(entered, now int64) int {
	for i, age := range inStatusAges {
		if (ageBound{age: age}).holds(entered, now) {
			return i
		}
	}
	return len(inStatusAges)
}

// InStatusQuery is the filter text that selects the jobs of bucket i of
// status st: "status:IN_PROGRESS in-status:>5m in-status:<15m".
func InStatusQuery(st Status, i int) string {
	q := FieldTerm(FieldStatus, string(st))
	if i > 0 {
		q += " " + string(FieldInStatus) + ":>" + InStatusBounds[i-1]
	}
	if i < len(InStatusBounds) {
		q += " " + string(FieldInStatus) + ":<" + InStatusBounds[i]
	}
	return q
}
