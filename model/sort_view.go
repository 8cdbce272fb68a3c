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
	idx   *SearchIndex

	// The sorted list, valid while store.Version() == version and the
	// sort is srt. order[i] is the position in store.entries of sorted[i]:
	// positions hold still while the version does.
	sorted  []*Job
	order   []int32
	version uint64
	srt     Sort

	// Per store position: the search text and the job it is of, filled by
	// the first query that needs them and kept current from then on; and
	// scratch space for the filter's matches.
	texts    []string
	textJobs []*Job
	matched  []bool

	// The last result, valid while the sorted list is and the query's
	// cache key is queryKey.
	result   []*Job
	queryKey string
	fresh    bool
}

// NewView returns a view of s that takes search texts from idx, or from an
// index of its own when idx is nil. An index serves the views of one store
// only: a view prunes from it whatever its store does not hold.
func NewView(s *Store, idx *SearchIndex) *View {
	if idx == nil {
		idx = new(SearchIndex)
	}
	return &View{store: s, idx: idx}
}

// Jobs returns the jobs q matches, in order srt, recomputing only what the
// store, the sort or the query changed since the last call. The slice is
// shared with the cache: the caller must not modify it.
func (v *View) Jobs(q Query, srt Sort) []*Job {
	version := v.store.Version()
	if v.sorted == nil || version != v.version || srt != v.srt {
		if version != v.version && v.texts != nil {
			// Refreshed now rather than at the next bare word, so that
			// neither v.textJobs nor the index hold on to old versions.
			v.refreshTexts()
		}
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

// refreshTexts brings texts and textJobs up to date with the store. A job
// found where it was costs a comparison; only the others are looked up in
// the index, which builds the texts of new versions. After a sync, that is
// the few jobs that changed, and the jobs that moved into the holes left by
// removed ones.
func (v *View) refreshTexts() {
	entries := v.store.entries
	var stale []int
	for pos, e := range entries {
		if pos >= len(v.textJobs) || v.textJobs[pos] != e.job {
			stale = append(stale, pos)
		}
	}
	v.texts, v.textJobs = resize(v.texts, len(entries)), resize(v.textJobs, len(entries))
	v.idx.fill(v.texts, entries, stale)
	for _, pos := range stale {
		v.textJobs[pos] = entries[pos].job
	}
	if v.idx.Len() > len(entries) { // it holds removed jobs
		v.idx.Prune(v.store)
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
	entries := v.store.entries
	if q.hasText && v.texts == nil {
		v.refreshTexts()
	}
	if cap(v.matched) < len(entries) {
		v.matched = make([]bool, len(entries))
	}
	matched := v.matched[:len(entries)]
	inParallel(len(entries), func(lo, hi int) {
		for pos := lo; pos < hi; pos++ {
			j := entries[pos].job
			matched[pos] = q.matchFields(j) && (!q.hasText || q.matchText(v.texts[pos]))
		}
	})
	var out []*Job
	for i, pos := range v.order {
		if matched[pos] {
			out = append(out, v.sorted[i])
		}
	}
	return out
}

// resize returns s with length n, keeping its first elements.
func resize[T any](s []T, n int) []T {
	if n <= len(s) {
		clear(s[n:]) // let the collector have what the tail held
		return s[:n]
	}
	return append(s, make([]T, n-len(s))...)
}
