package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func TestAuthentication(t *testing.T) {
	f := serve(t, Options{APIKey: "secret"})
	for _, key := range []string{"", "wrong", "Bearer secret"} {
		resp, body := f.requestCtx(t, context.Background(), http.MethodGet, "apps", key)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("key %q: status %d, want 401", key, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("key %q: Content-Type %q", key, ct)
		}
		if msg := message(t, body); strings.Contains(msg, "secret") {
			t.Errorf("401 message %q reveals the key", msg)
		}
	}
	// An unknown path needs the key too: nothing is disclosed without it.
	resp, _ := f.requestCtx(t, context.Background(), http.MethodGet, "nowhere", "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("unknown path without key: status %d, want 401", resp.StatusCode)
	}
	f.get(t, "apps", http.StatusOK, nil)
}

func TestUnknownPathAndMethod(t *testing.T) {
	f := serve(t, Options{})
	for _, path := range []string{"nowhere", "apps/x/y/z/w", "jobs", "jobs//response"} {
		if msg := message(t, f.get(t, path, http.StatusNotFound, nil)); !strings.Contains(msg, "no such endpoint") {
			t.Errorf("GET %s: message %q", path, msg)
		}
	}
	resp, body := f.request(t, http.MethodDelete, "jobs/1/cancel")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("DELETE jobs/1/cancel: status %d, Allow %q; want 405, POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
	message(t, body)
	id := f.AppIDs()[0]
	if msg := message(t, f.get(t, "apps/nope/jobs", http.StatusNotFound, nil)); !strings.Contains(msg, "nope") {
		t.Errorf("unknown app: message %q does not name it", msg)
	}
	if msg := message(t, f.get(t, "jobs/42", http.StatusNotFound, nil)); !strings.Contains(msg, "42") {
		t.Errorf("unknown job: message %q does not name it", msg)
	}
	if msg := message(t, f.get(t, "apps/"+id+"/batches/b-1", http.StatusNotFound, nil)); !strings.Contains(msg, "b-1") {
		t.Errorf("unknown batch: message %q does not name it", msg)
	}
}

func TestListApps(t *testing.T) {
	f := serve(t, Options{Apps: 5})
	var page struct {
		Apps                               []model.App
		Total, PageSize, PageNumber, Pages int
	}
	f.get(t, "apps?page=0&size=2&sortBy=created&orderBy=desc", http.StatusOK, &page)
	if page.Total != 5 || page.PageSize != 2 || page.PageNumber != 0 || page.Pages != 3 || len(page.Apps) != 2 {
		t.Fatalf("paging: %+v", page)
	}
	apps := f.Apps()
	if page.Apps[0].UUID != apps[4].ID || page.Apps[0].Name != apps[4].Name {
		t.Errorf("newest first: got %s, want %s", page.Apps[0].UUID, apps[4].ID)
	}
	for _, a := range page.Apps {
		if len(a.Problems) > 0 || a.Created.IsZero() || a.Status == "" {
			t.Errorf("app %+v does not decode cleanly", a)
		}
	}
	body := f.get(t, "apps?size=1", http.StatusOK, nil)
	if !strings.Contains(string(body), ` UTC"`) {
		t.Errorf("app created is not spelled like 2023-07-25 12:29:24 UTC: %s", body)
	}
	f.get(t, "apps?sortBy=colour", http.StatusBadRequest, nil)
}

func TestJobsDecodeCleanly(t *testing.T) {
	f := serve(t, Options{})
	for _, app := range f.AppIDs() {
		for _, j := range f.allJobs(t, app, nil, 1000) {
			if len(j.Problems) > 0 {
				t.Fatalf("job %s: %v\n%s", j.ID, j.Problems, j.Raw)
			}
			if j.AppID != app || j.UUID == "" || j.BatchID == "" || j.Created.IsZero() || j.JobType == "" {
				t.Fatalf("job %s lacks a field:\n%s", j.ID, j.Raw)
			}
			if j.Status.Ended() == j.Completed.IsZero() {
				t.Fatalf("job %s: status %s with completed %v", j.ID, j.Status, j.Completed)
			}
			if !j.Completed.IsZero() && j.Completed.Before(j.Created) {
				t.Fatalf("job %s completed before it was created", j.ID)
			}
			if (j.Correct != nil) && !j.Status.HasOutput() {
				t.Fatalf("job %s: correct set in status %s", j.ID, j.Status)
			}
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(j.Raw, &raw); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"input", "metadata", "tags", "correct", "callbackUrl", "baselineId", "completed"} {
				if _, ok := raw[key]; !ok {
					t.Fatalf("job %s has no %q key:\n%s", j.ID, key, j.Raw)
				}
			}
		}
	}
}

func TestGetJobByIDOrUUID(t *testing.T) {
	f := serve(t, Options{})
	id := jobIn(t, f.Server, model.StatusCompleted)
	var byID model.Job
	body := f.get(t, "jobs/"+id, http.StatusOK, &byID)
	if byID.ID != id {
		t.Fatalf("GET jobs/%s answered job %s", id, byID.ID)
	}
	if again := f.get(t, "jobs/"+byID.UUID, http.StatusOK, nil); string(again) != string(body) {
		t.Errorf("by uuid:\n%s\nby id:\n%s", again, body)
	}
}

func TestNumericIDs(t *testing.T) {
	f := serve(t, Options{NumericIDs: true})
	var raw struct {
		Jobs []struct {
			ID json.RawMessage `json:"id"`
		} `json:"jobs"`
	}
	f.get(t, "apps/"+f.AppIDs()[0]+"/jobs?size=3", http.StatusOK, &raw)
	for _, j := range raw.Jobs {
		if j.ID[0] == '"' {
			t.Errorf("id %s is a string", j.ID)
		}
	}
	var p jobPage
	f.get(t, "apps/"+f.AppIDs()[0]+"/jobs?size=3", http.StatusOK, &p)
	if p.Jobs[0].ID == "" || len(p.Jobs[0].Problems) > 0 {
		t.Errorf("numeric id does not decode: %+v", p.Jobs[0])
	}
}

func TestJobResponse(t *testing.T) {
	f := serve(t, Options{})
	var output map[string]any
	f.get(t, "jobs/"+jobIn(t, f.Server, model.StatusCompleted)+"/response", http.StatusOK, &output)
	if len(output) == 0 {
		t.Error("a completed job's response is empty")
	}
	for _, st := range []model.Status{model.StatusFailed, model.StatusInProgress} {
		id := jobIn(t, f.Server, st)
		if msg := message(t, f.get(t, "jobs/"+id+"/response", http.StatusNotFound, nil)); !strings.Contains(msg, string(st)) {
			t.Errorf("%s job: message %q does not say why", st, msg)
		}
	}
}

func TestBatches(t *testing.T) {
	f := serve(t, Options{Seed: 3})
	app := f.AppIDs()[0]
	var batches []model.Batch
	f.get(t, "apps/"+app+"/batches", http.StatusOK, &batches)
	if len(batches) < 4 {
		t.Fatalf("%d batches, want several", len(batches))
	}
	perBatch := map[string]int{}
	for _, j := range f.allJobs(t, app, nil, 1000) {
		perBatch[j.BatchID]++
	}
	var previous time.Time
	for _, b := range batches {
		var invalid []int
		if err := json.Unmarshal(b.InvalidIndex, &invalid); err != nil {
			t.Errorf("batch %s: invalid_index %s: %v", b.ID, b.InvalidIndex, err)
		}
		if len(b.Problems) > 0 || b.AppUUID != app || (b.ErrorMessage == "" && b.Total != b.ValidCount+len(invalid)) {
			t.Errorf("batch %s inconsistent: %s", b.ID, b.Raw)
		}
		if b.ValidCount != perBatch[b.ID] {
			t.Errorf("batch %s: valid_count %d, but %d jobs", b.ID, b.ValidCount, perBatch[b.ID])
		}
		if !previous.IsZero() && b.Created.After(previous) {
			t.Errorf("batches not newest first: %v after %v", b.Created, previous)
		}
		previous = b.Created
	}
	var one model.Batch
	f.get(t, "apps/"+app+"/batches/"+batches[1].ID, http.StatusOK, &one)
	if one.ID != batches[1].ID {
		t.Errorf("GET one batch answered %s", one.ID)
	}
}

// TestAppsLikeTheRealAPI: the app list and the app object have the shape of
// recorded real responses: the envelope's keys, a default page of 10,
// ENABLED/DISABLED, statusIn, and GET apps/{uuid}.
func TestAppsLikeTheRealAPI(t *testing.T) {
	f := serve(t, Options{Apps: 12})
	var envelope map[string]json.RawMessage
	f.get(t, "apps", http.StatusOK, &envelope)
	var keys []string
	for k := range envelope {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, ","); got != "apps,pageNumber,pageSize,pages,total,totalArchivedApps" {
		t.Errorf("envelope keys = %s", got)
	}
	var page struct {
		Apps                               []map[string]any
		Total, PageSize, PageNumber, Pages int
	}
	f.get(t, "apps", http.StatusOK, &page)
	if page.PageSize != 10 || len(page.Apps) != 10 || page.Total != 12 || page.Pages != 2 {
		t.Errorf("default page: size %d, %d apps, total %d, pages %d; want 10, 10, 12, 2", page.PageSize, len(page.Apps), page.Total, page.Pages)
	}

	statuses := map[string][]string{}
	for p := 0; p < 2; p++ {
		f.get(t, fmt.Sprintf("apps?page=%d", p), http.StatusOK, &page)
		for _, a := range page.Apps {
			statuses[a["status"].(string)] = append(statuses[a["status"].(string)], a["uuid"].(string))
		}
	}
	if len(statuses["ENABLED"]) != 11 || len(statuses["DISABLED"]) != 1 || len(statuses) != 2 {
		t.Fatalf("statuses = %v, want 11 ENABLED and 1 DISABLED", statuses)
	}
	f.get(t, "apps?statusIn=DISABLED", http.StatusOK, &page)
	if page.Total != 1 || len(page.Apps) != 1 || page.Apps[0]["uuid"] != statuses["DISABLED"][0] {
		t.Errorf("statusIn=DISABLED: total %d, apps %v", page.Total, page.Apps)
	}
	f.get(t, "apps?statusIn=ENABLED&size=100", http.StatusOK, &page)
	if page.Total != 11 || len(page.Apps) != 11 {
		t.Errorf("statusIn=ENABLED: total %d, %d apps", page.Total, len(page.Apps))
	}

	var one map[string]any
	f.get(t, "apps/"+statuses["DISABLED"][0], http.StatusOK, &one)
	if one["uuid"] != statuses["DISABLED"][0] || one["status"] != "DISABLED" || one["name"] == "" {
		t.Errorf("GET apps/{uuid} = %v", one)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$`).MatchString(one["created"].(string)) {
		t.Errorf("created = %q, want it spelled like 2023-07-25 12:29:24 UTC", one["created"])
	}
	if msg := message(t, f.get(t, "apps/no-such-app", http.StatusNotFound, nil)); !strings.Contains(msg, "no-such-app") {
		t.Errorf("404 message = %q", msg)
	}
}

// TestOrganisationApps: an organisation's apps are listed under
// organizations/{id}/apps, in the same envelope, and not under apps; an
// unknown organisation is a 404 with a message.
func TestOrganisationApps(t *testing.T) {
	f := serve(t, Options{Apps: 3, OrgApps: 2, Org: "acme"})
	type page struct {
		Apps                               []map[string]any
		Total, PageSize, PageNumber, Pages int
		TotalArchivedApps                  *int
	}
	var own, org page
	f.get(t, "apps", http.StatusOK, &own)
	f.get(t, "organizations/acme/apps?page=0&size=10&sortBy=created&orderBy=desc", http.StatusOK, &org)
	if own.Total != 3 || org.Total != 2 || len(org.Apps) != 2 || org.Pages != 1 || org.TotalArchivedApps == nil {
		t.Fatalf("own %+v, organisation %+v", own, org)
	}
	want := map[string]bool{}
	for _, a := range f.Apps() {
		if a.Org == "acme" {
			want[a.ID] = true
		}
	}
	for _, a := range org.Apps {
		if !want[a["uuid"].(string)] || a["status"] != "ENABLED" || a["ownerUsername"] == "ops@example.com" {
			t.Errorf("organisation app %v", a)
		}
		var one map[string]any
		f.get(t, "apps/"+a["uuid"].(string), http.StatusOK, &one) // its jobs and itself are reachable as any app's
	}
	for _, a := range own.Apps {
		if want[a["uuid"].(string)] {
			t.Errorf("GET apps lists the organisation's app %v", a)
		}
	}
	if msg := message(t, f.get(t, "organizations/globex/apps", http.StatusNotFound, nil)); !strings.Contains(msg, "globex") {
		t.Errorf("404 message = %q", msg)
	}
	none := serve(t, Options{})
	none.get(t, "organizations/"+defaultOrg+"/apps", http.StatusNotFound, nil)
}
