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

import (
	"context"

	"superdash/api"
	"superdash/model"
)

// Action describes one thing that can be done to a job. Every action goes
// through the same code path: the plan, the dialog, the journal and the
// summary read their words and their rules from here.
type Action struct {
	Name        string // as the journal records it, and the verb: "cancel"
	Title       string // "Cancel"
	Past        string // done: "canceled" (one L, as the API spells it)
	Progressive string // titles a bulk run's progress: "Canceling"
	InFlight    string // labels a row while its request is out
	// Allows reports whether the API takes the action in a status;
	// Allowed names those statuses for the user, Adjective the jobs in
	// them ("cancellable").
	Allows    func(model.Status) bool
	Allowed   string
	Adjective string
	// Consequence says in a line what yes does, to "this job" or "these
	// jobs".
	Consequence func(them string) string
	// Send asks the API for the action and returns the job as it then is.
	Send func(c *api.Client, ctx context.Context, id string) (model.Job, error)
}

// Cancel stops a job that has not ended. It cannot be undone.
var Cancel = &Action{
	Name:        "cancel",
	Title:       "Cancel",
	Past:        "canceled",
	Progressive: "Canceling",
	InFlight:    "canceling…",
	Allows:      model.Status.Cancellable,
	Allowed:     "SCHEDULED, IN_PROGRESS or SUSPENDED",
	Adjective:   "cancellable",
	Consequence: func(them string) string {
		return "The API will be asked to cancel " + them + ". This cannot be undone."
	},
	Send: (*api.Client).CancelJob,
}

// Restart runs an ended job again from the start. A host may not offer
// it; then the first answer says so, and no restart is sent again.
var Restart = &Action{
	Name:        "restart",
	Title:       "Restart",
	Past:        "restarted",
	Progressive: "Restarting",
	InFlight:    "restarting…",
	Allows:      model.Status.Restartable,
	Allowed:     "FAILED, CANCELED or EXPIRED",
	Adjective:   "restartable",
	Consequence: func(them string) string {
		return "The API will be asked to restart " + them + ": each runs again from the start."
	},
	Send: (*api.Client).RestartJob,
}

// consequence is what yes does to n jobs.
func (a *Action) consequence(n int) string {
	if n > 1 {
		return a.Consequence("these jobs")
	}
	return a.Consequence("this job")
}
