package api

import (
	"context"
	"encoding/json"
	"testing"

	"superdash/api/sim"
	"superdash/model"
)

func TestListAppsAgainstSimulator(t *testing.T) {
	f := newFixture(t, sim.Options{Apps: 3}, nil)
	page, err := f.client.ListApps(context.Background(), 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := f.sim.Apps()
	if len(page.Apps) != len(want) || page.Total != len(want) || page.Pages != 1 || page.PageSize != 10 || len(page.Problems) != 0 {
		t.Fatalf("page = %+v", page)
	}
	// Newest first: the simulator creates apps in order.
	for i, a := range page.Apps {
		w := want[len(want)-1-i]
		if a.UUID != w.ID || a.Name != w.Name || a.Created.IsZero() || len(a.Problems) != 0 {
			t.Errorf("app %d = %+v, want %+v", i, a, w)
		}
	}
}

func TestListJobsAgainstSimulator(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	snap := f.sim.Snapshot(f.appID)
	failed := 0
	for _, st := range snap {
		if st == model.StatusFailed || st == model.StatusExpired {
			failed++
		}
	}
	page, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{
		Size: 1000, SortBy: "id", OrderBy: "desc",
		StatusIn: []model.Status{model.StatusFailed, model.StatusExpired},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Jobs) != failed || page.Total == nil || *page.Total != failed || page.Pages != 1 || page.Bytes == 0 {
		t.Fatalf("got %d jobs (total %v, pages %d), want %d", len(page.Jobs), page.Total, page.Pages, failed)
	}
	for _, j := range page.Jobs {
		if snap[j.ID] != j.Status || !(j.Status == model.StatusFailed || j.Status == model.StatusExpired) || len(j.Problems) != 0 {
			t.Errorf("job %s: %s (sim says %s), problems %q", j.ID, j.Status, snap[j.ID], j.Problems)
		}
	}

	// Paging: a small page of the same app reports its place.
	page, err = f.client.ListJobs(context.Background(), f.appID, JobQuery{Page: 2, Size: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Jobs) != 7 || *page.PageNumber != 2 || *page.PageSize != 7 || page.Pages != (len(snap)+6)/7 {
		t.Errorf("page 2 of 7: %d jobs, number %v, size %v, pages %d", len(page.Jobs), *page.PageNumber, *page.PageSize, page.Pages)
	}
}

func TestListJobsFiltersByBatch(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	batches, err := f.client.ListBatches(context.Background(), f.appID)
	if err != nil {
		t.Fatal(err)
	}
	b := batches[0]
	page, err := f.client.ListJobs(context.Background(), f.appID, JobQuery{Size: 1000, BatchID: b.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Jobs) == 0 {
		t.Fatalf("batch %s has no jobs", b.ID)
	}
	for _, j := range page.Jobs {
		if j.BatchID != b.ID {
			t.Errorf("job %s is in batch %s, not %s", j.ID, j.BatchID, b.ID)
		}
	}
}

func TestGetJobAndOutputAgainstSimulator(t *testing.T) {
	f := newFixture(t, sim.Options{NumericIDs: true}, nil)
	id := f.jobIn(t, model.Status.HasOutput)
	job, err := f.client.GetJob(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if job.ID != id || !job.Status.HasOutput() || job.Created.IsZero() || job.Completed.IsZero() || len(job.Problems) != 0 {
		t.Fatalf("job = %+v", job)
	}
	// The uuid reaches the same job.
	byUUID, err := f.client.GetJob(context.Background(), job.UUID)
	if err != nil || byUUID.ID != id {
		t.Fatalf("by uuid: %v, %v", byUUID.ID, err)
	}
	out, err := f.client.GetJobOutput(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) || string(out) == "null" {
		t.Errorf("output = %s", out)
	}
}

func TestBatchesAgainstSimulator(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	batches, err := f.client.ListBatches(context.Background(), f.appID)
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) == 0 {
		t.Fatal("no batches")
	}
	for _, b := range batches {
		if b.ID == "" || b.AppUUID != f.appID || b.Created.IsZero() || len(b.Raw) == 0 || len(b.Problems) != 0 {
			t.Errorf("batch = %+v", b)
		}
	}
	one, err := f.client.GetBatch(context.Background(), f.appID, batches[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if one.ID != batches[0].ID || one.Total != batches[0].Total {
		t.Errorf("GetBatch = %+v, want %+v", one, batches[0])
	}
}

func TestCancelAndRestartAgainstSimulator(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	id := f.jobIn(t, model.Status.Cancellable)
	job, err := f.client.CancelJob(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if job.ID != id || job.Status != model.StatusCanceled || f.sim.Snapshot(f.appID)[id] != model.StatusCanceled {
		t.Fatalf("after cancel: %s %s", job.ID, job.Status)
	}
	job, err = f.client.RestartJob(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if job.Status != model.StatusScheduled || f.sim.Snapshot(f.appID)[id] != model.StatusScheduled {
		t.Fatalf("after restart: %s", job.Status)
	}
	if n := f.requests(sim.EndpointCancel) + f.requests(sim.EndpointRestart); n != 2 {
		t.Errorf("%d action requests, want 2", n)
	}
}
