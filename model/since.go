package model

import (
	"slices"
	"time"
)

// EnteredSince counts, per status, the stored jobs that entered their
// current status at or after t (see EnteredStatus), in display order: what
// changed since someone last looked. A job first seen after t counts in the
// status it was seen in, as a new arrival. Statuses with none are left out.
func (s *Store) EnteredSince(t time.Time) []StatusCount {
	since := t.UnixNano()
	// A handful of statuses: a slice searched from the last one hit beats
	// a map, whose hashing would be most of a pass over 100,000 jobs.
	var out []StatusCount
	last := -1
	for i := range s.entries {
		e := &s.entries[i]
		if e.entered < since {
			continue
		}
		st := e.job.Status
		if last < 0 || out[last].Status != st {
			last = slices.IndexFunc(out, func(c StatusCount) bool { return c.Status == st })
			if last < 0 {
				out = append(out, StatusCount{Status: st})
				last = len(out) - 1
			}
		}
		out[last].Count++
	}
	SortStatusCounts(out)
	return out
}
