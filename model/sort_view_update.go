package model

import (
	"maps"
	"slices"
)

// updateShare bounds the jobs update may place: at most one in
// updateShare of the store's jobs. Measured at 100,000 jobs on one CPU
// (BenchmarkViewSync with the bound lifted), placing 20,000 took about
// half a full sort and 30,000 about as long: one in 8 leaves a margin for
// keys whose comparisons cost more.
const updateShare = 8

// update brings the sorted list up to date with the store after the store
// changed, sorting only the jobs that changed: a sync changes tens of jobs
// out of 100,000, and sorting all of them again is a visible hitch on every
// poll. It reports false when too many jobs changed for that to pay; the
// caller then sorts everything.
//
// The jobs the list holds that the store still holds unchanged (the same
// *Job: the store replaces a job it updates, never modifies it) keep their
// place and their record. The others (replaced or removed) are dropped,
// and the jobs at the store positions nobody kept (new or replaced) are
// sorted and then placed among the kept ones by searching their records
// (see countBefore): O(n + k log n) for k jobs to place, in integer
// comparisons, against O(n) for a full sort, whose constant is a lot
// larger (see updateShare).
//
// The result is exactly what a full sort gives, which compares the same
// records. When a status or batch came or went, the ranks in the records'
// keys are renumbered (see valueRanks), which keeps the order of the
// values that stayed: the kept jobs stay in order, and their records are
// re-keyed on the way.
func (v *View) update() bool {
	s := v.store
	n := len(s.entries)
	// Every job the store holds that the list does not is to be placed:
	// n - len(v.sorted) of them, plus one per job of the list gone.
	limit := n / updateShare
	toPlace := n - len(v.sorted)
	if toPlace > limit {
		return false
	}
	srt := v.srt
	ranks := s.valueRanks(srt.Key)
	rerank := renumbering(v.ranks, ranks)

	// Which positions still hold the job they held: the jobs the list
	// had, scattered to their positions, then compared with the store's
	// in memory order, which costs no cache miss per job.
	if cap(v.kept) < n {
		v.kept = make([]bool, n)
	}
	kept := v.kept[:n]
	held := make([]*Job, n)
	for i, r := range v.recs {
		if int(r.pos) < n {
			held[r.pos] = v.sorted[i]
		}
	}
	for pos := range kept {
		kept[pos] = held[pos] == s.entries[pos].job
	}

	// The jobs of the list that the store still holds go to the end of
	// the new list, in order, with their current positions; the gap
	// before them is one slot per job to place. A job not where it was
	// was moved by a removal (Remove fills the hole with the last job,
	// RetainOnly closes the gaps), or replaced, or removed: its key says.
	sorted := make([]*Job, n)
	recs := make([]sortRec, n)
	var moved []int32
	next := n
	for i := len(v.sorted) - 1; i >= 0; i-- {
		j, r := v.sorted[i], v.recs[i]
		if int(r.pos) >= n || !kept[r.pos] {
			at, ok := s.index[j.Key()]
			if !ok || s.entries[at].job != j {
				if toPlace++; toPlace > limit {
					return false
				}
				continue
			}
			r.pos = int32(at)
			moved = append(moved, r.pos) // marked after the loop: it may be another job's old position
		}
		if rerank != nil {
			r = r.reranked(rerank, srt.Desc)
		}
		next--
		sorted[next], recs[next] = j, r
	}
	for _, pos := range moved {
		kept[pos] = true
	}

	// The records of the jobs to place, with the answers of the query the
	// kept ones have theirs for.
	q := v.matchQuery
	if v.matchValid && q.hasText {
		s.buildSearchTexts()
	}
	added := make([]sortRec, 0, toPlace)
	now := s.clock().UnixNano()
	for pos, ok := range kept {
		if !ok {
			r := s.record(pos, srt, ranks)
			r.matched = v.matchValid && q.matches(&s.entries[pos], now)
			added = append(added, r)
		}
	}
	s.orderRecs(added, srt.Desc)

	// Merge from the front: each added job goes after the kept jobs that
	// sort before it, which slide left into the gap. The gap shrinks by one
	// per job added, so the kept jobs are never overwritten before they
	// are moved.
	at, from := 0, next // where the next job goes, and the next kept one
	for _, r := range added {
		before := s.countBefore(recs[from:], r, srt.Desc)
		copy(sorted[at:], sorted[from:from+before])
		copy(recs[at:], recs[from:from+before])
		at, from = at+before, from+before
		sorted[at], recs[at] = s.entries[r.pos].job, r
		at++
	}
	v.sorted, v.recs, v.ranks = sorted, recs, ranks
	return true
}

// countBefore is how many of recs, which are sorted, sort before r. It
// gallops: it tries 1, 2, 4... records from the start, then searches the
// last stretch by halves. That takes 2 log d comparisons for an answer d,
// near the records the previous search touched: when many jobs are placed,
// each lands a short way after the last, and a search over the whole rest
// would miss the cache at every step.
func (s *Store) countBefore(recs []sortRec, r sortRec, desc bool) int {
	lo, hi := 0, 1 // recs[:lo] sort before r
	for hi <= len(recs) && s.compareRecs(recs[hi-1], r, desc) < 0 {
		lo, hi = hi, 2*hi
	}
	n, _ := slices.BinarySearchFunc(recs[lo:min(hi, len(recs))], r, func(k, r sortRec) int {
		return s.compareRecs(k, r, desc)
	})
	return lo + n
}

// renumbering maps each rank of old to the rank of the same value in cur,
// both valueRanks of one key, or is nil when they are the same. A value
// missing from cur has no job left, and no record to re-key.
func renumbering(old, cur map[string]int64) []int64 {
	if maps.Equal(old, cur) {
		return nil
	}
	to := make([]int64, len(old))
	for value, rank := range old {
		to[rank] = cur[value]
	}
	return to
}
