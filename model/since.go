package model

import "time"

// EnteredSince counts, per status, the stored jobs that entered their
// current status at or after t (see EnteredStatus), in display order: what
// changed since someone last looked. A job first seen after t counts in the
// status it was seen in, as a new arrival. Statuses with none are left out.
func (s *Store) EnteredSince(t time.Time) []StatusCount {
	since := t.UnixNano()
	counts := map[Status]int{}
	for i := range s.entries {
		if e := &s.entries[i]; e.entered >= since {
			counts[e.job.Status]++
		}
	}
	out := make([]StatusCount, 0, len(counts))
	for st, n := range counts {
		out = append(out, StatusCount{Status: st, Count: n})
	}
	SortStatusCounts(out)
	return out
}
