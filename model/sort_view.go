package model

// View is the job list as the table shows it: the store's jobs that a query
// matches, sorted. It caches at two levels, because the UI asks for the
// list on every frame while things change at very different rates:
//
//   - every job, sorted, kept until the store's version or the sort changes
//     (a sort is the costly part: tens of milliseconds at 100,000 jobs);
//   - the query's matches, filtered out of that sorted list in O(n), kept
//     until the query changes as well.
//
// So typing in the filter bar never sorts, and a frame with nothing new
// costs a comparison. A View is not safe for concurrent use.
type View struct {
	store *Store

	// The sorted list, valid while store.Version() == version and the
	// sort is srt. order[i] is the position in store.entries of sorted[i]:
	// positions hold still while the version does.
	sorted  []*Job
	order   []int32
	version uint64
	srt     Sort

	// Scratch space for the filter's matches, per store position.
	matched []bool

	// The last result, valid while the sorted list is and the query's
	// cache key is queryKey.
	result   []*Job
	queryKey string
	fresh    bool
}

// NewView returns a view of s.
func NewView(s *Store) *View { return &View{store: s} }

// Jobs returns the jobs q matches, in order srt, recomputing only what the
// store, the sort or the query changed since the last call. The slice is
// shared with the cache: the caller must not modify it.
func (v *View) Jobs(q Query, srt Sort) []*Job {
	version := v.store.Version()
	if v.sorted == nil || version != v.version || srt != v.srt {
		v.sort(srt)
		v.version, v.srt = version, srt
		v.fresh = false
	}
	key := q.key
	if v.fresh && key == v.queryKey {
		return v.result
	}
	v.result, v.queryKey, v.fresh = v.filter(q), key, true
	return v.result
}

func (v *View) sort(srt Sort) {
	recs := v.store.sortRecs(srt, nil)
	v.sorted = make([]*Job, len(recs))
	v.order = make([]int32, len(recs))
	for i, r := range recs {
		v.sorted[i], v.order[i] = v.store.entries[r.pos].job, r.pos
	}
}

// filter narrows the sorted list to q's matches. It tests the jobs in the
// store's order, which is the order they sit in memory, and only then
// walks the sorted list: testing them in sorted order would hop across the
// heap and cost a cache miss per job.
func (v *View) filter(q Query) []*Job {
	if q.IsEmpty() {
		return v.sorted
	}
	n := v.store.Len()
	if cap(v.matched) < n {
		v.matched = make([]bool, n)
	}
	matched := v.matched[:n]
	v.store.match(q, matched)
	var out []*Job
	for i, pos := range v.order {
		if matched[pos] {
			out = append(out, v.sorted[i])
		}
	}
	return out
}
