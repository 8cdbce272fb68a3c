package jobaction

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"superdash/api"
	"superdash/api/sim"
	"superdash/journal"
	"superdash/model"
)

func job(t *testing.T, raw string) model.Job {
	t.Helper()
	j, err := model.DecodeJob([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// Jobs sharing app, metadata (however spaced) and callback go together;
// any difference keeps them apart, so that nothing is sent changed.
func TestGroupSubmissionsKeepsMetadataAndCallbackUnchanged(t *testing.T) {
	jobs := []model.Job{
		job(t, `{"id":"1","appId":"a","input":1,"metadata":{"k": 1},"callbackUrl":"u"}`),
		job(t, `{"id":"2","appId":"a","input":2,"metadata":{"k":1},"callbackUrl":"u"}`),
		job(t, `{"id":"3","appId":"a","input":3,"metadata":{"k":2},"callbackUrl":"u"}`),
		job(t, `{"id":"4","appId":"b","input":4,"metadata":{"k":1},"callbackUrl":"u"}`),
		job(t, `{"id":"5","appId":"a","input":5,"metadata":{"k":1},"callbackUrl":null}`),
	}
	subs := GroupSubmissions(jobs)
	if len(subs) != 4 || len(subs[0].Jobs) != 2 || subs[0].Jobs[1].ID != "2" || string(subs[0].Metadata) != `{"k":1}` {
		t.Fatalf("groups: %+v", subs)
	}
	if in := subs[0].Inputs(); string(in[0]) != "1" || string(in[1]) != "2" {
		t.Errorf("inputs %s", in)
	}
}

// A journal that cannot record the jobs first means nothing is sent.
func TestResubmitSendsNothingTheJournalCannotRecord(t *testing.T) {
	r, err := sim.Start(sim.Options{Jobs: 50, APIKey: "k"}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	client, err := api.New(api.Options{BaseURL: r.BaseURL, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	e := Env{Client: client, Journal: journal.Open(filepath.Join(blocker, "journal.jsonl")), Now: time.Now}
	sub := Submission{App: r.AppIDs()[0], Jobs: []model.Job{job(t, `{"id":"1","input":{}}`)}}
	results, _ := ResubmitJobs(context.Background(), e, sub)
	if results[0].Unrecorded == nil || results[0].Outcome != journal.OutcomeFailed {
		t.Errorf("result %+v", results[0])
	}
	if n := r.Stats().Endpoints[sim.EndpointSubmitJobs]; n != 0 {
		t.Errorf("sent %d submissions without a record", n)
	}
}
