package api_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/model"
)

// TestSyncerWatermarksIgnoreTheLocalClock syncs with this machine's clock
// minutes ahead of the server's, and minutes behind. The watermarks must
// come from the server's timestamps: a job created on the server shows on
// the next poll either way, and a quiet poll after an upload re-reads only
// the upload (the overlap), costing exactly what it costs with the clocks
// in step. The moving set is listed only every tenth poll, so the new jobs
// can only arrive by the created-since query.
func TestSyncerWatermarksIgnoreTheLocalClock(t *testing.T) {
	type cost struct {
		requests int
		bytes    int64
	}
	var inStep cost
	for _, skew := range []time.Duration{0, 7 * time.Minute, -7 * time.Minute} {
		t.Run(fmt.Sprintf("skew=%v", skew), func(t *testing.T) {
			h := newHarness(t, sim.Options{Seed: 5, Apps: 1, Jobs: 600, MaxJobs: 600},
				api.SyncOptions{PageSize: 100, FullEvery: time.Hour, MovingEvery: 10})
			h.skew = skew
			h.clock.Advance(2 * time.Hour) // the initial workload has ended: only the test adds jobs
			h.sync(false)

			// An earlier upload, read in, then five minutes of quiet: it is
			// then older than the overlap and must not be read again.
			earlier := h.srv.AddJobs(h.app, 30)
			h.clock.Advance(pollEvery)
			h.requireNewJobs("the earlier upload", earlier)
			h.clock.Advance(5 * time.Minute)
			h.sync(false)

			upload := h.srv.AddJobs(h.app, 7)
			h.clock.Advance(pollEvery)
			h.requireNewJobs("the upload", upload)

			h.clock.Advance(pollEvery)
			want := h.overlapJobs(2 * time.Minute)
			h.srv.ResetStats()
			quiet := h.sync(false)
			stats := h.srv.Stats()
			got := cost{stats.Requests, stats.Bytes}
			var reread []string
			for _, j := range quiet.Delta.Jobs {
				reread = append(reread, j.Key())
			}
			slices.Sort(reread)
			if !slices.Equal(reread, want) {
				t.Errorf("the quiet poll re-read %d jobs, want the %d stamped within the overlap of the newest seen:\ngot  %v\nwant %v",
					len(reread), len(want), reread, want)
			}
			for _, id := range upload {
				if !slices.Contains(want, id) {
					t.Fatalf("job %s of the last upload is not within the overlap: the test is wrong", id)
				}
			}
			if !slices.ContainsFunc(earlier, func(id string) bool { return !slices.Contains(want, id) }) {
				t.Fatal("every job of the earlier upload is within the overlap: the test proves nothing")
			}
			if got.requests != 2 {
				t.Errorf("the quiet poll sent %d requests, want 2 (created since, completed since)", got.requests)
			}
			if skew == 0 {
				inStep = got
			} else if got != inStep {
				t.Errorf("the quiet poll cost %d requests, %d bytes; with the clocks in step %d, %d",
					got.requests, got.bytes, inStep.requests, inStep.bytes)
			}
			h.assertBehindOnlyInMoving("after the quiet poll")
		})
	}
}

// overlapJobs lists, sorted, the ids of the stored jobs created or
// completed within overlap of the newest such times in the store: what a
// quiet poll re-reads when its watermarks are the server's timestamps.
func (h *syncHarness) overlapJobs(overlap time.Duration) []string {
	var newest model.Watermark
	h.store.Each(func(j *model.Job) bool {
		newest = newest.Advance([]model.Job{*j})
		return true
	})
	var ids []string
	h.store.Each(func(j *model.Job) bool {
		if !j.Created.Before(newest.Created.Add(-overlap)) ||
			(!j.Completed.IsZero() && !j.Completed.Before(newest.Completed.Add(-overlap))) {
			ids = append(ids, j.Key())
		}
		return true
	})
	slices.Sort(ids)
	return ids
}

// requireNewJobs runs one poll and fails unless the store then holds every
// job of ids.
func (h *syncHarness) requireNewJobs(what string, ids []string) {
	h.t.Helper()
	if res := h.sync(false); res.Delta.Full {
		h.t.Fatalf("%s: a cheap pass was due, got a full pass", what)
	}
	var missing []string
	for _, id := range ids {
		if _, ok := h.store.Get(id); !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		h.t.Fatalf("%s: the poll after it missed %d of its %d jobs (clock skew %v, watermark %+v)",
			what, len(missing), len(ids), h.skew, h.state.Watermark)
	}
}
