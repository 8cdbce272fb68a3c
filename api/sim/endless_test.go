package sim

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"superdash/model"
)

// TestEndlessWorldKeepsMoving: hours into an endless world, every hour
// still brings new jobs and endings, the world stays at its cap instead of
// growing, the oldest jobs and their batches are gone (404), and some
// batch fails far more than the usual few percent.
func TestEndlessWorldKeepsMoving(t *testing.T) {
	const jobs, maxJobs = 300, 400
	f := serve(t, Options{Seed: 4, Apps: 2, Jobs: jobs, MaxJobs: maxJobs, Endless: true})
	seen := map[string]model.Status{}
	var first model.Job
	troubled := false
	for hour := range 12 {
		f.clock.Advance(time.Hour)
		total, added, ended := 0, 0, 0
		byBatch := map[string][2]int{} // failed, ended
		for _, app := range f.AppIDs() {
			for _, j := range f.allJobs(t, app, url.Values{}, 1000) {
				total++
				was, existed := seen[j.ID]
				if !existed {
					added++
				}
				if j.Status.Ended() && (!existed || !was.Ended()) {
					ended++
				}
				seen[j.ID] = j.Status
				if first.ID == "" {
					first = j
				}
				if j.Status.Ended() {
					c := byBatch[j.BatchID]
					c[1]++
					if j.Status == model.StatusFailed {
						c[0]++
					}
					byBatch[j.BatchID] = c
				}
			}
		}
		if added == 0 || ended == 0 {
			t.Errorf("hour %d: %d new jobs, %d endings; want the world still moving", hour+1, added, ended)
		}
		if limit := maxJobs + 2*uploadSizeMax; total > limit {
			t.Errorf("hour %d: %d jobs, want at most %d", hour+1, total, limit)
		}
		for _, c := range byBatch {
			if c[1] >= 8 && c[0]*100 >= 40*c[1] {
				troubled = true
			}
		}
	}
	if !troubled {
		t.Error("in 12 hours no batch had 40% of 8 or more ended jobs FAILED")
	}
	f.get(t, "jobs/"+first.ID, http.StatusNotFound, nil)
	f.get(t, "apps/"+first.AppID+"/batches/"+first.BatchID, http.StatusNotFound, nil)
	var batches []model.Batch
	for _, app := range f.AppIDs() {
		f.get(t, "apps/"+app+"/batches", http.StatusOK, &batches)
		if len(batches) > maxJobs/uploadSizeMin+maxPastUploads+2 {
			t.Errorf("app %s keeps %d batches after 12 hours", app, len(batches))
		}
	}
}
