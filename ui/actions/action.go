// Package actions is everything that changes a job on the API: cancel and
// restart as descriptors, the plan of which jobs an action applies to, the
// dialog that asks first, single actions in flight, bulk runs with their
// progress and summary, the marks that pick the jobs of a bulk run, and
// the write-ahead journal of every request sent.
//
// Nothing is sent without an explicit yes in a dialog that opens on "No"
// and says exactly what will happen. The journal records each request
// before it is sent (never anything sent without a record), the request
// is sent once, its result re-reads the job from the API and merges it
// like any sync, and the journal records how it ended. After a timeout
// the client has already read the job again, and nothing is resent: the
// user decides with fresh facts, through a fresh dialog.
package actions

import "superdash/jobaction"

// Action describes one thing that can be done to a job; the descriptors
// live in jobaction, which the shell commands share.
type Action = jobaction.Action

// The actions the dashboard offers.
var (
	Cancel  = jobaction.Cancel
	Restart = jobaction.Restart
)
