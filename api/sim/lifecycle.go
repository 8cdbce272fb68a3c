package sim

import (
	"maps"
	"math/rand/v2"
	"time"

	"superdash/model"
)

// outcome is one way a job can leave a status: where it goes, how likely
// that is relative to the other outcomes, and how long it takes.
type outcome struct {
	to       model.Status
	weight   int
	min, max time.Duration
}

// lifecycle holds the rules of the simulated workforce. A status listed here
// moves on by itself; any other status (ended ones, or one a test set with
// SetStatus) stays until someone acts. The weights give an ended workload of
// roughly 83% COMPLETED, 7% FAILED, 8% EXPIRED and 2% CANCELED, with a
// job's life lasting minutes.
var lifecycle = map[model.Status][]outcome{
	model.StatusScheduled: {
		{model.StatusInProgress, 93, 20 * time.Second, 3 * time.Minute},
		{model.StatusExpired, 5, 10 * time.Minute, 30 * time.Minute}, // nobody picked it up
		{model.StatusCanceled, 2, time.Minute, 10 * time.Minute},     // its owner changed their mind
	},
	model.StatusInProgress: {
		{model.StatusCompleted, 82, time.Minute, 8 * time.Minute},
		{model.StatusFailed, 7, 30 * time.Second, 5 * time.Minute},
		{model.StatusSuspended, 11, 30 * time.Second, 4 * time.Minute},
	},
	model.StatusSuspended: {
		{model.StatusInProgress, 75, 2 * time.Minute, 10 * time.Minute},
		{model.StatusExpired, 25, 10 * time.Minute, 30 * time.Minute},
	},
}

// troubledLifecycle is the lifecycle of a troubled upload's jobs (a bad
// input file, a broken model): over half of the jobs that start fail, and
// fail fast, so a failure spike shows on the dashboard within minutes.
var troubledLifecycle = withOutcomes(lifecycle, model.StatusInProgress, []outcome{
	{model.StatusCompleted, 40, time.Minute, 8 * time.Minute},
	{model.StatusFailed, 55, 20 * time.Second, 2 * time.Minute},
	{model.StatusSuspended, 5, 30 * time.Second, 4 * time.Minute},
})

// withOutcomes returns a copy of rules where status from leads to outcomes.
func withOutcomes(rules map[model.Status][]outcome, from model.Status, outcomes []outcome) map[model.Status][]outcome {
	out := maps.Clone(rules)
	out[from] = outcomes
	return out
}

// troubledEvery: in an endless world (Options.Endless) every this-many-th
// upload is troubled, so a demo shows a failing batch within a minute.
const troubledEvery = 6

// nextChange draws what happens next to a job in status from, and after how
// long. Durations have millisecond resolution, like the API's timestamps.
// ok is false when the status does not move by itself.
func nextChange(r *rand.Rand, rules map[model.Status][]outcome, from model.Status) (to model.Status, after time.Duration, ok bool) {
	outcomes := rules[from]
	if len(outcomes) == 0 {
		return "", 0, false
	}
	total := 0
	for _, o := range outcomes {
		total += o.weight
	}
	pick, chosen := r.IntN(total), outcomes[0]
	for _, o := range outcomes {
		if pick < o.weight {
			chosen = o
			break
		}
		pick -= o.weight
	}
	return chosen.to, between(r, chosen.min, chosen.max).Truncate(time.Millisecond), true
}

// Uploads: each app receives a new batch every few simulated minutes, which
// at Speed 20 keeps a few status changes per real second on screen.
const (
	uploadEveryMin = 2 * time.Minute
	uploadEveryMax = 5 * time.Minute
	uploadSizeMin  = 4
	uploadSizeMax  = 16
)

// nextUpload draws the delay before an app's next upload, in whole seconds
// because created timestamps have no fraction.
func nextUpload(r *rand.Rand) time.Duration {
	return between(r, uploadEveryMin, uploadEveryMax).Truncate(time.Second)
}

// uploadSize draws the number of jobs in an upload.
func uploadSize(r *rand.Rand) int {
	return uploadSizeMin + r.IntN(uploadSizeMax-uploadSizeMin+1)
}

// between draws a duration uniformly from [lo, hi).
func between(r *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.Int64N(int64(hi-lo)))
}
