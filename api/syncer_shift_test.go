package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
)

// passingTime is a transport that lets simulated time pass before every
// page of a job list after the first, so that the simulated world uploads
// and retires jobs while a pass reads its pages.
type passingTime struct {
	clock *sim.ManualClock
	step  time.Duration
}

func (p passingTime) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/jobs") && r.URL.Query().Get("page") != "0" {
		p.clock.Advance(p.step)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestFullPassKeepsJobsAShiftSkipped: a full pass over a busy app whose
// server retires its oldest jobs as new ones arrive (the simulator's
// endless world at its cap) must not drop a job that was there all
// through the pass: the retirements move the later pages back over jobs
// the pass would never read, and a full pass forgets what it did not see.
func TestFullPassKeepsJobsAShiftSkipped(t *testing.T) {
	opts := api.SyncOptions{PageSize: 50, Concurrency: 2}
	h := newHarness(t, sim.Options{Seed: 5, Apps: 1, Jobs: 1500, MaxJobs: 1500, Endless: true}, opts)
	h.sync(true) // the first load, while nothing moves

	client, err := api.New(api.Options{
		BaseURL: h.srv.BaseURL, APIKey: h.srv.APIKey(), KeySource: "test",
		HTTPClient: &http.Client{Transport: passingTime{h.clock, 2 * time.Minute}},
	})
	if err != nil {
		t.Fatal(err)
	}
	opts.AppID = h.app
	h.syncer = api.NewSyncer(client, opts)
	before := h.srv.Snapshot(h.app)
	h.sync(true)
	after := h.srv.Snapshot(h.app)

	retired, lost := 0, []string{}
	for id := range before {
		if _, ok := after[id]; !ok {
			retired++
			continue
		}
		if _, ok := h.store.Get(id); !ok {
			lost = append(lost, id)
		}
	}
	if retired == 0 {
		t.Fatal("no job was retired during the pass: the test shifts nothing")
	}
	if len(lost) > 0 {
		t.Fatalf("%d jobs were retired during the pass; %d jobs there all through it are gone from the store, among them %v",
			retired, len(lost), lost[:min(len(lost), 10)])
	}
}
