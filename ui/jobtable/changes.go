package jobtable

import (
	"time"

	"superdash/model"
)

// changeMarkFor is how long a row stays marked after its job changed
// status: long enough to be seen at a glance between two polls, short
// enough that marks say "just now" and not "some time ago".
//
// A mark shows a change as it happens, as k9s's do: a row is marked while
// its job's status changed less than changeMarkFor ago by the store's
// clock, whichever rows are on screen then. A job that changed while
// scrolled off, or while another screen showed, is not marked when it
// comes into view later: by then the change is old news, and a page of
// rows lighting up on every scroll would hide the ones changing now. What
// changed since the user last looked is the header's since line. A job
// new to the store is no change (the marker line counts new jobs above
// the window; at the head they show up at the top).
const changeMarkFor = 5 * time.Second

// changeMark reports whether job j's row bears a change mark at wall (the
// wall clock, the store's), and until when.
func (m Model) changeMark(j *model.Job, wall time.Time) (until time.Time, marked bool) {
	if m.changedAt == nil {
		return time.Time{}, false
	}
	at := m.changedAt(j.Key())
	if at.IsZero() {
		return time.Time{}, false
	}
	until = at.Add(changeMarkFor)
	return until, wall.Before(until)
}
