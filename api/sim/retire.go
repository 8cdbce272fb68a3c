package sim

import (
	"slices"
	"strconv"
	"time"
)

// commitUpload makes an upload of n jobs visible in a. In an endless world
// (Options.Endless) every troubledEvery-th upload is troubled, and once the
// world is over MaxJobs the upload retires as many of a's oldest ended jobs,
// so a demo left running for days holds about as much as at the start.
func (w *world) commitUpload(a *app, at time.Time, n int) {
	troubled := false
	if w.endless {
		w.uploads++
		troubled = w.uploads%troubledEvery == 0
	}
	w.addBatch(a, at, n, troubled)
	if w.endless {
		w.retireOldest(a, w.jobCount-w.maxJobs)
	}
}

// retireOldest forgets up to n of a's ended jobs, oldest first, in one pass
// over its jobs. Jobs still moving are kept whatever their age: they have
// changes queued and a client may be following them.
func (w *world) retireOldest(a *app, n int) {
	if n <= 0 {
		return
	}
	kept, retired := a.jobs[:0], 0
	for i, j := range a.jobs {
		if retired == n {
			kept = append(kept, a.jobs[i:]...)
			break
		}
		if !j.status.Ended() {
			kept = append(kept, j)
			continue
		}
		w.forget(j)
		retired++
	}
	clear(a.jobs[len(kept):]) // let the retired jobs be collected
	a.jobs = kept
	if retired > 0 {
		a.version++
	}
}

// forget removes j from every index, and its batch with its last job: the
// API then answers 404 for both, as for a record the host has purged.
func (w *world) forget(j *job) {
	delete(w.jobByKey, strconv.FormatInt(j.id, 10))
	delete(w.jobByKey, j.uuid)
	w.jobCount--
	j.gen++ // any change still queued for it is stale
	b := j.batch
	if b.retained--; b.retained == 0 {
		b.app.batches = slices.DeleteFunc(b.app.batches, func(x *batch) bool { return x == b })
	}
}
