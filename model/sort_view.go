package model

import "time"

// View is the job list as the table shows it: the store's jobs that a query
// matches, sorted. It caches at two levels, because the UI asks for the
// list on every frame while things change at very different rates:
//
//   - every job, sorted, kept until the store's version or the sort changes
//     (a sort is the costly part: tens of milliseconds at 100,000 jobs).
//     After a sync, only the jobs it changed are sorted, and merged into
//     the list: see update;
//   - the query's matches, filtered out of that sorted list in O(n), kept
//     until the query changes as well.
//
// So typing in the filter bar never sorts, and a frame with nothing new
// costs a comparison. A View is not safe for concurrent use.
type View struct {
	store *Store

	// The sorted list, valid while store.Version() == version and the
	// sort is srt. recs[i] is the sort record of sorted[i], made with
	// ranks (the key's valueRanks at the time); its pos is the job's
	// position in store.entries, which holds still while the version does.
	sorted  []*Job
	recs    []sortRec
	ranks   map[string]int64
	version uint64
	srt     Sort

	// (The sorted list and the records are made anew each time: callers
	// keep the old list, and tell lists apart by their first element's
	// address. Between syncs the view holds these two, 32 bytes a job,
	// two bytes a job of scratch and the last result: memory is what the
	// store may use, not the view.)

	// fullSorts counts the sorts of every job, as opposed to the updates
	// that sort only what changed: tests and benchmarks check that a small
	// sync takes the cheap path.
	fullSorts int

	// recs[i].matched says whether matchQuery matches sorted[i], while
	// matchValid. A query's answer for a job depends on the job alone (a
	// created: age is resolved when the query is parsed; the status-entry
	// time an in-status term reads changes only with the job, and the
	// clock it is measured against moves the query's key, as an age's
	// parse time does), so an update asks it of the jobs it places only,
	// and the kept jobs keep their answers: a sync does not match every
	// job again. fullMatches counts the filters that did, for the tests.
	matchQuery  Query
	matchValid  bool
	fullMatches int

	// Scratch space, per store position: the filter's matches, and which
	// positions hold a job the sorted list already has (see update).
	matched []bool
	kept    []bool

	// The last result, valid while the sorted list is and the query's
	// cache key is queryKey; resultAll says it is the whole sorted list.
	// counts are its counts by status once Counts was asked for them.
	result    []*Job
	resultAll bool
	counts    []StatusCount
	counted   bool
	queryKey  string
	fresh     bool

	// When the store's changes were last folded into the sorted list (by
	// the store's clock), and its removals count then: see Jobs.
	folded        time.Time
	foldedRemoved uint64
}

// FoldEvery is how often, at most, a view folds the pages of a paging pass
// into its sorted list. A load of 100,000 jobs comes in 200 pages; folding
// each one costs O(n) and, page after page, O(n²/500) in all, which slowed
// the load itself. Between folds the view hands back the list it has: at
// most this old, and never across a change of query or sort, a removal or
// the pass's last page.
const FoldEvery = 100 * time.Millisecond

// NewView returns a view of s.
func NewView(s *Store) *View { return &View{store: s} }

// Jobs returns the jobs q matches, in order srt, recomputing only what the
// store, the sort or the query changed since the last call. The slice is
// shared with the cache: the caller must not modify it.
func (v *View) Jobs(q Query, srt Sort) []*Job {
	version := v.store.Version()
	if version != v.version && v.holdsFold(q, srt) {
		return v.result
	}
	if v.sorted == nil || version != v.version || srt != v.srt {
		v.folded, v.foldedRemoved = v.store.clock(), v.store.removals
		// A new sort orders everything afresh; new data, only what moved.
		if v.sorted == nil || srt != v.srt || !v.update() {
			v.sort(srt)
		}
		v.version, v.srt = version, srt
		v.fresh = false
	}
	key := q.key
	if v.fresh && key == v.queryKey {
		return v.result
	}
	v.result, v.queryKey, v.fresh = v.filter(q), key, true
	v.resultAll, v.counted = q.IsEmpty(), false
	return v.result
}

// Counts is how many of the jobs the last call of Jobs returned are in
// each status, in display order (see SortStatusCounts). They are counted
// at the first call after a new result, from the records that made it:
// a result nobody asks the counts of costs no pass.
func (v *View) Counts() []StatusCount {
	if !v.counted {
		v.counts, v.counted = v.countResult(v.resultAll), true
	}
	return v.counts
}

// countResult counts the result by status from the records, in one pass
// over them, reading only the jobs whose status this build does not know.
// all says the result is the whole sorted list.
func (v *View) countResult(all bool) []StatusCount {
	byCode := make([]int, len(knownStatuses)+1)
	others := map[Status]int{}
	for i := range v.recs {
		r := &v.recs[i]
		if !all && !r.matched {
			continue
		}
		byCode[r.status]++
		if r.status == 0 {
			others[v.sorted[i].Status]++
		}
	}
	known := KnownStatuses()
	counts := make([]StatusCount, 0, len(known)+len(others))
	for code, n := range byCode[1:] {
		if n > 0 {
			counts = append(counts, StatusCount{Status: known[code], Count: n})
		}
	}
	for st, n := range others {
		counts = append(counts, StatusCount{Status: st, Count: n})
	}
	SortStatusCounts(counts)
	return counts
}

// holdsFold reports whether the store's latest changes may wait for the
// next fold: a paging pass is under way, the last fold was less than
// FoldEvery ago, and the caller asks the same question as last time, about
// a store that has only gained or replaced jobs since.
func (v *View) holdsFold(q Query, srt Sort) bool {
	s := v.store
	return s.paging && v.fresh && srt == v.srt && q.key == v.queryKey &&
		s.removals == v.foldedRemoved && s.clock().Sub(v.folded) < FoldEvery
}

func (v *View) sort(srt Sort) {
	v.fullSorts++
	s := v.store
	v.ranks = s.valueRanks(srt.Key)
	v.recs = s.sortRecs(srt, v.ranks, nil)
	v.matchValid = false
	v.sorted = make([]*Job, len(v.recs))
	for i, r := range v.recs {
		v.sorted[i] = s.entries[r.pos].job
	}
}

// filter narrows the sorted list to q's matches. Unless the records know
// q's answers already, it tests the jobs in the store's order, which is
// the order they sit in memory, and only then walks the sorted list:
// testing them in sorted order would hop across the heap and cost a cache
// miss per job.
func (v *View) filter(q Query) []*Job {
	if q.IsEmpty() {
		return v.sorted
	}
	switch {
	case v.matchValid && v.matchQuery.key == q.key:
	case v.matchValid && q.narrows(v.matchQuery):
		// A letter typed at the end of a word: only the jobs the query
		// before it matched can match, so only they are asked again.
		if q.hasText {
			v.store.buildSearchTexts()
			q = v.store.anchored(q)
		}
		now := v.store.clock().UnixNano()
		recs := v.recs
		inParallel(len(recs), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if r := &recs[i]; r.matched {
					r.matched = v.store.matchesAt(q, int(r.pos), now)
				}
			}
		})
		v.matchQuery = q
	default:
		n := v.store.Len()
		if cap(v.matched) < n {
			v.matched = make([]bool, n)
		}
		matched := v.matched[:n]
		v.store.match(q, matched)
		for i := range v.recs {
			v.recs[i].matched = matched[v.recs[i].pos]
		}
		v.matchQuery, v.matchValid = q, true
		v.fullMatches++
	}
	// Counted first, so the list is allocated once at its size: growing
	// it by appends copies and collects up to twice the final list per key.
	n := 0
	for i := range v.recs {
		if v.recs[i].matched {
			n++
		}
	}
	out := make([]*Job, 0, n)
	for i := range v.recs {
		if v.recs[i].matched {
			out = append(out, v.sorted[i])
		}
	}
	return out
}
