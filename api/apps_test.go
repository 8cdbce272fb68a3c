package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/model"
)

// TestAllAppsFollowsPages: a server that serves at most 10 apps a page,
// whatever is asked (the real API's default is 10), still yields every app.
func TestAllAppsFollowsPages(t *testing.T) {
	f := newFixture(t, sim.Options{Apps: 25, Jobs: 50, MaxPageSize: 10}, nil)
	apps, err := f.client.AllApps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 25 {
		t.Fatalf("got %d apps, want 25", len(apps))
	}
	seen := map[string]bool{}
	disabled := 0
	for i, a := range apps {
		if seen[a.UUID] || a.Name == "" || a.Created.IsZero() || len(a.Problems) > 0 {
			t.Errorf("app %d: %+v", i, a)
		}
		seen[a.UUID] = true
		if i > 0 && a.Created.After(apps[i-1].Created) {
			t.Errorf("app %d is newer than the one before it: not newest first", i)
		}
		if a.Disabled() {
			disabled++
		}
	}
	if disabled != 1 {
		t.Errorf("%d DISABLED apps, want 1", disabled)
	}
	if n := f.requests(sim.EndpointListApps); n != 3 {
		t.Errorf("%d list requests, want 3 pages of 10", n)
	}
}

// recordedApps serves the recorded pages of GET apps in testdata: 10 apps a
// page whatever size is asked, as the real API may.
func recordedApps(t *testing.T) (*Client, *[]string) {
	t.Helper()
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.RawQuery)
		var file string
		switch {
		case r.URL.Path == "/v1/apps" && r.URL.Query().Get("page") == "0":
			file = "apps_page0.json"
		case r.URL.Path == "/v1/apps" && r.URL.Query().Get("page") == "1":
			file = "apps_page1.json"
		case r.URL.Path == "/v1/apps":
			file = "apps_past_end.json"
		case r.URL.Path == "/v1/apps/6e1f0b8a-3c2d-4a57-9b1e-1a2b3c4d5e0b":
			file = "app_disabled.json"
		default:
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"message": "App not found"}`))
			return
		}
		body, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: "k", Retry: RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return c, &asked
}

// TestRecordedAppShape decodes app pages and an app in the exact shape of
// recorded real responses, extra keys and all.
func TestRecordedAppShape(t *testing.T) {
	c, asked := recordedApps(t)
	ctx := context.Background()
	page, err := c.ListApps(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 12 || page.PageSize != 10 || page.Pages != 2 || page.Archived != 3 || len(page.Problems) > 0 {
		t.Errorf("envelope: %+v", page)
	}
	first := page.Apps[0]
	wantCreated := time.Date(2023, 7, 25, 12, 29, 24, 0, time.UTC)
	if first.UUID != "6e1f0b8a-3c2d-4a57-9b1e-1a2b3c4d5e00" || first.Name != "Invoice extraction" || first.Status != model.AppEnabled ||
		!first.Created.Equal(wantCreated) || first.Owner != "ops@example.com" || first.Disabled() || len(first.Problems) > 0 {
		t.Errorf("first app: %+v", first)
	}

	apps, err := c.AllApps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 12 || !apps[11].Disabled() || apps[11].Name != "Legacy intake" {
		t.Errorf("AllApps: %d apps, last %+v", len(apps), apps[len(apps)-1])
	}
	if got := strings.Join((*asked)[1:], " | "); !strings.Contains(got, "page=0") || !strings.Contains(got, "page=1") || strings.Contains(got, "page=2") {
		t.Errorf("AllApps asked %s: want pages 0 and 1, and no further (pages is 2)", got)
	}

	app, err := c.GetApp(ctx, "6e1f0b8a-3c2d-4a57-9b1e-1a2b3c4d5e0b")
	if err != nil {
		t.Fatal(err)
	}
	if app.Name != "Legacy intake" || !app.Disabled() || len(app.Problems) > 0 {
		t.Errorf("GetApp: %+v", app)
	}
}

// TestAllAppsServerIgnoringPage: a server that answers page 0 to every
// request ends the listing at the first page with nothing new.
func TestAllAppsServerIgnoringPage(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "apps_page0.json"))
	if err != nil {
		t.Fatal(err)
	}
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Write([]byte(strings.Replace(string(body), `"pages": 2`, `"pages": 50`, 1)))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	apps, err := c.AllApps(context.Background())
	if err != nil || len(apps) != 10 || requests != 2 {
		t.Errorf("got %d apps in %d requests (err %v), want 10 in 2", len(apps), requests, err)
	}
}

func TestGetApp(t *testing.T) {
	f := newFixture(t, sim.Options{Apps: 3}, nil)
	ctx := context.Background()
	ids := f.sim.AppIDs()
	app, err := f.client.GetApp(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if app.UUID != ids[1] || app.Name == "" || !app.Disabled() {
		t.Errorf("GetApp(%s) = %+v, want the simulator's DISABLED app", ids[1], app)
	}
	_, err = f.client.GetApp(ctx, "no-such-app")
	if !IsNotFound(err) || !strings.Contains(err.Error(), "app no-such-app not found") {
		t.Errorf("err = %v, want a 404 naming the app", err)
	}
}

func TestAllOrgApps(t *testing.T) {
	f := newFixture(t, sim.Options{Apps: 2, OrgApps: 3, Org: "acme", MaxPageSize: 2}, nil)
	ctx := context.Background()
	apps, err := f.client.AllOrgApps(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, a := range f.sim.Apps() {
		if a.Org == "acme" {
			want[a.ID] = true
		}
	}
	if len(apps) != 3 {
		t.Fatalf("got %d apps, want the organisation's 3", len(apps))
	}
	for _, a := range apps {
		if !want[a.UUID] || a.Org != "acme" || a.Name == "" {
			t.Errorf("app %+v: not one of the organisation's, or not marked with it", a)
		}
	}
	if n := f.requests(sim.EndpointListOrgApps); n != 2 {
		t.Errorf("%d requests, want 2 pages of 2", n)
	}
	_, err = f.client.AllOrgApps(ctx, "globex")
	if !IsNotFound(err) || !strings.Contains(err.Error(), "organisation globex not found") {
		t.Errorf("unknown organisation: err = %v", err)
	}
}
