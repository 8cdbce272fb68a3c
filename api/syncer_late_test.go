package api_test

import (
	"fmt"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// lateCommits is how late the simulated server commits uploads and
// endings in the tests that switch it on: well inside the syncer's
// two-minute overlap, as the real API's nodes are.
const lateCommits = 90 * time.Second

// TestSyncerCatchesLateCommits polls, at the dashboard's interval, a
// server whose uploads and endings become visible up to lateCommits after
// their created and completed times, out of order: a job stamped before
// the newest one seen appears after it. The overlap the watermarks keep
// must catch every one. Listing the moving set on every poll, the store
// equals the server after every poll; at the default cadence it holds
// every job with every ending after every poll, and equals the server
// after each poll that lists the moving set.
func TestSyncerCatchesLateCommits(t *testing.T) {
	for _, every := range []int{1, 3} {
		t.Run(fmt.Sprintf("MovingEvery=%d", every), func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 13, Apps: 1, Jobs: 1500, LateCommits: lateCommits},
				api.SyncOptions{PageSize: 200, FullEvery: time.Hour, MovingEvery: every})
			h.sync(false)
			h.assertMirrors("after the first load")
			late := 0
			for step := range 120 { // 10 simulated minutes
				held := h.heldJobs()
				watermark := h.state.Watermark
				h.clock.Advance(pollEvery)
				res := h.sync(false)
				if res.Delta.Full {
					t.Fatalf("step %d: a cheap pass was due, got a full pass", step)
				}
				late += lateArrivals(res.Delta.Jobs, held, watermark)
				when := fmt.Sprintf("step %d (%d late commits caught so far)", step, late)
				if h.state.SinceMoving == 0 {
					h.assertMirrors(when)
				} else {
					h.assertBehindOnlyInMoving(when)
				}
			}
			t.Logf("%d jobs arrived stamped before the watermark of the poll that read them", late)
			if late == 0 {
				t.Fatal("no job committed behind the watermark: the test proves nothing about the overlap")
			}
		})
	}
}

// heldJobs copies the store's jobs, keyed by id.
func (h *syncHarness) heldJobs() map[string]model.Job {
	held := make(map[string]model.Job, h.store.Len())
	h.store.Each(func(j *model.Job) bool {
		held[j.Key()] = *j
		return true
	})
	return held
}

// lateArrivals counts the jobs of a poll that are news (new to the store,
// or newly ended) stamped before the watermark the poll started from:
// what a query starting at the watermark itself would have missed.
func lateArrivals(jobs []model.Job, held map[string]model.Job, watermark model.Watermark) int {
	n := 0
	for _, j := range jobs {
		was, ok := held[j.Key()]
		switch {
		case !ok && j.Created.Before(watermark.Created):
			n++
		case ok && !was.Status.Ended() && j.Status.Ended() && j.Completed.Before(watermark.Completed):
			n++
		}
	}
	return n
}
