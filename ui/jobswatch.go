package ui

import (
	"superdash/model/watch"
	"superdash/ui/nav"
)

// toggleWatch is w on the table: it watches what the user has singled
// out, the most specific first: the marked jobs, else the jobs the filter
// selects (those of now and those still to come), else the job under the
// cursor. Pressed again on the same, it stops watching it.
func (s *jobsScreen) toggleWatch() {
	var target watch.Target
	switch {
	case s.acts.Marked() > 0:
		target = watch.JobsTarget(s.acts.MarkedKeys())
	case s.filter.text != "":
		target = watch.Target{Filter: s.filter.query(s.c.JobNow()), FilterText: s.filter.text}
	default:
		job, ok := s.table.Selected()
		if !ok {
			s.say("no job to watch")
			return
		}
		target = watch.Target{Job: job.Key()}
	}
	s.out.Send(nav.ToggleWatch{Target: target})
}
