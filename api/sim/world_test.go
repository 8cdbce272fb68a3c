package sim

import (
	"maps"
	"net/http"
	"net/url"
	"testing"
	"time"

	"superdash/model"
)

// TestDeterministic: the same seed and the same clock readings give the same
// bytes, and the state at an instant does not depend on how often the
// world was looked at before.
func TestDeterministic(t *testing.T) {
	a := serve(t, Options{Seed: 7})
	b := serve(t, Options{Seed: 7})
	c := serve(t, Options{Seed: 7})
	other := serve(t, Options{Seed: 8})
	path := func(f *fixture) string {
		return "apps/" + f.AppIDs()[1] + "/jobs?size=1000&sortBy=completed&orderBy=desc"
	}
	if string(a.get(t, path(a), http.StatusOK, nil)) == string(other.get(t, path(other), http.StatusOK, nil)) {
		t.Error("seeds 7 and 8 gave the same workload")
	}
	for step := range 12 {
		for _, f := range []*fixture{a, b, c} {
			f.clock.Advance(5*time.Minute + 333*time.Millisecond)
		}
		first := a.get(t, path(a), http.StatusOK, nil)
		if second := b.get(t, path(b), http.StatusOK, nil); string(first) != string(second) {
			t.Fatalf("step %d: same seed and clock, different answers", step)
		}
	}
	// c was never asked until now.
	if string(c.get(t, path(c), http.StatusOK, nil)) != string(a.get(t, path(a), http.StatusOK, nil)) {
		t.Fatal("a world looked at every five minutes differs from one looked at once")
	}
	for _, id := range a.AppIDs() {
		if !maps.Equal(a.Snapshot(id), c.Snapshot(id)) {
			t.Fatalf("app %s: snapshots differ", id)
		}
	}
}

func TestWorldMoves(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	before := f.Snapshot(app)
	moving := 0
	for _, st := range before {
		if !st.Ended() {
			moving++
		}
	}
	if moving == 0 || moving > len(before)/4 {
		t.Errorf("%d of %d jobs moving at start, want a minority", moving, len(before))
	}

	f.clock.Advance(30 * time.Minute)
	after := f.allJobs(t, app, url.Values{}, 1000)
	changed, ended, added := 0, 0, 0
	for _, j := range after {
		was, existed := before[j.ID]
		switch {
		case !existed:
			added++
			if j.Created.Before(t0) || j.Created.After(f.clock.Now()) {
				t.Errorf("new job %s created at %v", j.ID, j.Created)
			}
		case was != j.Status:
			changed++
			if j.Status.Ended() && !was.Ended() {
				ended++
				if !j.Completed.After(t0) || j.Completed.After(f.clock.Now()) {
					t.Errorf("job %s ended %s at %v, outside the half hour", j.ID, j.Status, j.Completed)
				}
			}
		}
		if j.Status.Ended() == j.Completed.IsZero() {
			t.Errorf("job %s: %s with completed %v", j.ID, j.Status, j.Completed)
		}
	}
	if changed == 0 || ended == 0 || added == 0 {
		t.Errorf("in half an hour: %d changed, %d ended, %d new jobs; want some of each", changed, ended, added)
	}
}

func TestUploadsStopAtMaxJobs(t *testing.T) {
	f := serve(t, Options{Jobs: 90, MaxJobs: 120})
	f.clock.Advance(48 * time.Hour)
	total := 0
	for _, id := range f.AppIDs() {
		for _, st := range f.Snapshot(id) {
			total++
			if !st.Ended() {
				t.Errorf("a job is still %s after two days", st)
			}
		}
	}
	if total != 120 {
		t.Errorf("%d jobs after two days, want the cap of 120", total)
	}
}

func TestAddJobsAndSetStatus(t *testing.T) {
	f := serve(t, Options{Jobs: -1})
	app := f.AppIDs()[0]
	if n := len(f.Snapshot(app)); n != 0 {
		t.Fatalf("Jobs -1 built %d jobs", n)
	}
	f.clock.Advance(90 * time.Second)
	ids := f.AddJobs(app, 3)
	snap := f.Snapshot(app)
	if len(ids) != 3 || len(snap) != 3 {
		t.Fatalf("AddJobs gave %v; snapshot %v", ids, snap)
	}
	var j model.Job
	f.get(t, "jobs/"+ids[0], http.StatusOK, &j)
	if j.Status != model.StatusScheduled || !j.Created.Equal(f.clock.Now()) {
		t.Errorf("added job: %s created %v", j.Status, j.Created)
	}
	var batches []model.Batch
	f.get(t, "apps/"+app+"/batches", http.StatusOK, &batches)
	if len(batches) != 1 || batches[0].ID != j.BatchID || batches[0].ValidCount != 3 {
		t.Errorf("AddJobs made batches %+v", batches)
	}

	f.clock.Advance(time.Second)
	f.SetStatus(ids[1], model.StatusCompleted)
	f.get(t, "jobs/"+ids[1], http.StatusOK, &j)
	if j.Status != model.StatusCompleted || !j.Completed.Equal(f.clock.Now()) {
		t.Errorf("SetStatus COMPLETED: %s, completed %v", j.Status, j.Completed)
	}
	// A review moves an ended job without touching completed.
	f.clock.Advance(time.Minute)
	f.SetStatus(j.UUID, model.StatusReviewed)
	var reviewed model.Job
	f.get(t, "jobs/"+ids[1], http.StatusOK, &reviewed)
	if reviewed.Status != model.StatusReviewed || !reviewed.Completed.Equal(j.Completed) {
		t.Errorf("review: %s, completed %v (was %v)", reviewed.Status, reviewed.Completed, j.Completed)
	}
	// A status the simulation does not move stays put.
	f.SetStatus(ids[2], model.StatusNeedsReview)
	f.clock.Advance(24 * time.Hour)
	if got := f.Snapshot(app)[ids[2]]; got != model.StatusNeedsReview {
		t.Errorf("NEEDS_REVIEW moved to %s", got)
	}
}

func TestScaledClock(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := scaledClock(start, 1000)
	time.Sleep(20 * time.Millisecond)
	if elapsed := clock().Sub(start); elapsed < 20*time.Second || elapsed > time.Hour {
		t.Errorf("after 20ms at speed 1000 the clock moved %v", elapsed)
	}
}
