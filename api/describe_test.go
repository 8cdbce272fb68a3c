package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// Each description names exactly what the client puts on the wire, for
// ids and tags a shell or a URL would choke on. The server here records
// the request line as it arrived.
func TestCallsDescribeWhatIsSent(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	raw := f.behindRawServer(t, rawhttp.Options{})
	ctx := context.Background()
	hostile := "a'b\"c $(touch x) `id` ?&=/#%[1]{2}\n\x1b[31m"
	q := JobQuery{Tags: hostile, StatusIn: []model.Status{"FAILED", "EXPIRED"}, Size: 7}

	for _, tc := range []struct {
		name string
		call Call
		send func()
	}{
		{"job", f.client.JobCall(hostile), func() { _, _ = f.client.GetJob(ctx, hostile) }},
		{"output", f.client.JobOutputCall(hostile), func() { _, _ = f.client.GetJobOutput(ctx, hostile) }},
		{"cancel", f.client.CancelCall(hostile), func() { _, _ = f.client.CancelJob(ctx, hostile) }},
		{"restart", f.client.RestartCall(hostile), func() { _, _ = f.client.RestartJob(ctx, hostile) }},
		{"list", f.client.JobListCalls(f.appID, q, 1)[0], func() { _, _ = f.client.ListJobs(ctx, f.appID, q) }},
	} {
		before := len(raw.Requests())
		tc.send()
		sent := raw.Requests()[before]
		prefix := raw.URL
		if tc.call.Method != sent.Method || tc.call.URL != prefix+sent.Target {
			t.Errorf("%s: described %s %s\n                 sent %s %s", tc.name, tc.call.Method, tc.call.URL, sent.Method, prefix+sent.Target)
		}
		if tc.call.Destructive != (sent.Method == http.MethodPost) {
			t.Errorf("%s: destructive = %v", tc.name, tc.call.Destructive)
		}
		if strings.ContainsAny(tc.call.URL, "\n\x1b'\"` ") {
			t.Errorf("%s: the URL holds a raw special character: %q", tc.name, tc.call.URL)
		}
	}
}

// The list is described page by page, as ListAllJobs reads it.
func TestJobListCallsArePaged(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	calls := f.client.JobListCalls(f.appID, JobQuery{SortBy: "created", OrderBy: "asc"}, 3)
	if len(calls) != 3 {
		t.Fatalf("%d calls", len(calls))
	}
	for i, c := range calls {
		want := f.opts.BaseURL + "/apps/" + f.appID + "/jobs?orderBy=asc&page=" + string(rune('0'+i)) + "&size=500&sortBy=created"
		if c.URL != want || c.Method != http.MethodGet {
			t.Errorf("page %d: %s %s, want GET %s", i, c.Method, c.URL, want)
		}
	}
}
