// Package jobaction is what changes a job on the API, shared by the
// dashboard and the shell commands: cancel and restart as descriptors,
// and the write-ahead send that records each request in the journal
// before it goes out, sends it once, reads the job again and records how
// it ended. It holds no user interface.
package jobaction

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
	// Consequence says in a line what yes does to n jobs, in words that
	// agree with n: "this job … it", "these jobs … each".
	Consequence func(n int) string
	// Send asks the API for the action and returns the job as it then is.
	Send func(c *api.Client, ctx context.Context, id string) (model.Job, error)
	// Call describes the request Send makes, for a dry run or a
	// reproduction.
	Call func(c *api.Client, id string) api.Call
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
	Consequence: func(n int) string {
		return "The API will be asked to cancel " + them(n) + ". This cannot be undone."
	},
	Send: (*api.Client).CancelJob,
	Call: (*api.Client).CancelCall,
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
	Consequence: func(n int) string {
		if n == 1 {
			return "The API will be asked to restart this job: it runs again from the start."
		}
		return "The API will be asked to restart these jobs: each runs again from the start."
	},
	Send: (*api.Client).RestartJob,
	Call: (*api.Client).RestartCall,
}

// them names n jobs in a consequence.
func them(n int) string {
	if n == 1 {
		return "this job"
	}
	return "these jobs"
}
