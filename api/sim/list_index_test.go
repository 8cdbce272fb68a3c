package sim

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"testing"
	"time"

	"superdash/model"
)

// A listing whose jobs change between its pages sees the change: the
// selection a query keeps is dropped as soon as a job of the app changes.
func TestListingSeesAChangeBetweenItsPages(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	q := url.Values{"sortBy": {"status"}}
	before := f.allJobs(t, app, q, 25)
	// Move the first job in the order to the last status there is.
	moved := before[0].ID
	f.SetStatus(moved, model.Status("ZZZ_LAST"))
	after := f.allJobs(t, app, q, 25)
	if len(after) != len(before) {
		t.Fatalf("%d jobs after the change, %d before", len(after), len(before))
	}
	if last := after[len(after)-1]; last.ID != moved || last.Status != "ZZZ_LAST" {
		t.Errorf("the last job by status is %s (%s), want the moved %s", last.ID, last.Status, moved)
	}
	if !slices.IsSortedFunc(after, func(a, b model.Job) int { return compareStrings(string(a.Status), string(b.Status)) }) {
		t.Error("the listing after the change is not in status order")
	}
	// A job added between pages is listed too.
	f.AddJobs(app, 1)
	if got := f.allJobs(t, app, q, 25); len(got) != len(before)+1 {
		t.Errorf("after a job was added: %d jobs, want %d", len(got), len(before)+1)
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// A page of a sorted, filtered listing costs what the page holds, not a
// match and a sort of every job of the app: pages after the first reuse
// the query's selection.
func TestListingPagesReuseTheSelection(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	const n = 20_000
	s := New(Options{Seed: 1, Jobs: n, MaxJobs: n, Clock: func() time.Time { return t0 }})
	app := s.AppIDs()[0]
	get := func(page string) {
		req := httptest.NewRequest(http.MethodGet, "/v1/apps/"+app+"/jobs?size=10&sortBy=completed&orderBy=desc&statusIn=COMPLETED,FAILED&page="+page, nil)
		req.Header.Set("API-KEY", s.APIKey())
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
	}
	pages := []string{"0", "1", "2", "3", "4"}
	for _, page := range pages { // each job's JSON is encoded once, then kept
		get(page)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, page := range pages {
		get(page)
	}
	runtime.ReadMemStats(&after)
	// Copying the app's job pointers to filter them would be 8 bytes a job.
	if perPage := (after.TotalAlloc - before.TotalAlloc) / uint64(len(pages)); perPage > 8*n/4 {
		t.Errorf("a page of 10 allocated %d bytes in a %d-job app: the jobs are matched and sorted again for each page", perPage, n)
	}
}
