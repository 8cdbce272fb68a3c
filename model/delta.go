package model

import "time"

// Delta is what one sync learned. The api Syncer builds it off the UI
// goroutine; Update hands it to Store.Apply and nothing else, so the store
// only ever changes on the goroutine that owns it.
type Delta struct {
	Jobs []Job // jobs fetched this sync

	// Full means Jobs is the complete set of the app's jobs: the store drops
	// every job not in it. A pass that failed part-way is not full, whatever
	// this says (see Apply).
	Full bool

	// Seen, when set on a full delta, is every key the pass listed. A full
	// pass streams its pages as ordinary deltas and ends with one that
	// carries only Seen, so the complete list is never held twice.
	Seen map[string]struct{}

	Watermark Watermark // newest server timestamps seen so far

	Pages, PagesDone int // progress of a paging pass, for the header

	// Total is how many jobs the paging pass expects in all, as the API
	// said (a page's total); 0 when it did not. The store makes room for
	// them at once (see Store.Reserve).
	Total int

	// PagesPerSec is the pace of a paging pass so far: PagesDone over the
	// time since the pass began. 0 until known.
	PagesPerSec float64

	// Drop holds the keys of jobs to forget whatever kind of pass this is:
	// jobs a cheap pass read back and found created before the --since
	// window. Keys the store does not hold are ignored.
	Drop []string

	// Err is why the sync stopped short, if it did. The jobs it fetched
	// before that are still good and are merged.
	Err error
}

// Watermark is the newest created and completed timestamps seen on the
// server. The incremental sync asks for what is newer, so it is built from
// server time only, never from the local clock, which may be skewed.
type Watermark struct {
	Created, Completed time.Time
}

// Advance returns the watermark moved forward to the newest created and
// completed times among jobs. It never moves back: a page of older jobs
// leaves it as it was, and zero (unset or unreadable) times are ignored.
func (w Watermark) Advance(jobs []Job) Watermark {
	for i := range jobs {
		if jobs[i].Created.After(w.Created) {
			w.Created = jobs[i].Created
		}
		if jobs[i].Completed.After(w.Completed) {
			w.Completed = jobs[i].Completed
		}
	}
	return w
}

// Apply merges what a sync learned. When the delta is a complete, error-free
// pass it also drops the jobs the server no longer lists, reported in
// MergeResult.Removed; after a failed pass nothing is dropped, because a
// job missing from an incomplete list may well still exist.
//
// A delta that is a page of a paging pass other than its last (PagesDone <
// Pages) marks the store as paging until the next delta: views then fold
// the changes in at most every FoldEvery (see View.Jobs).
func (s *Store) Apply(d Delta) MergeResult {
	s.paging = d.Pages > 0 && d.PagesDone < d.Pages
	if d.Total > 0 {
		s.Reserve(d.Total)
	}
	res := s.Merge(d.Jobs)
	for _, key := range d.Drop {
		if _, ok := s.index[key]; ok {
			s.Remove(key)
			res.Removed = append(res.Removed, key)
		}
	}
	if !d.Full || d.Err != nil {
		return res
	}
	keep := d.Seen
	if keep == nil {
		keep = make(map[string]struct{}, len(d.Jobs))
	}
	for i := range d.Jobs {
		if key := d.Jobs[i].Key(); key != "" {
			keep[key] = struct{}{}
		}
	}
	res.Removed = append(res.Removed, s.RetainOnly(keep)...)
	return res
}
