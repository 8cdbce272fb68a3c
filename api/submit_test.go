package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// The submission goes out as the SDK's create_jobs sends it, framed by
// Content-Length (a server without chunked support reads it whole), and
// the jobs it creates can be read back with the input as sent.
func TestSubmitJobsSendsTheSDKBodyOnceWithItsLength(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	raw := f.behindRawServer(t, rawhttp.Options{})
	input := json.RawMessage(`{"image_url": "https://x.example/a.jpg?q=1&r=<2>"}`)

	sub, err := f.client.SubmitJobs(context.Background(), f.appID, []json.RawMessage{input},
		json.RawMessage(`{"customerId":"c1"}`), "https://hooks.example/cb")
	if err != nil {
		t.Fatal(err)
	}
	if sub.JobUUID == "" || sub.BatchID == "" || sub.Message == "" {
		t.Errorf("submission = %+v, want a message, a batch and the job's uuid", sub)
	}
	var posts []rawhttp.Request
	for _, r := range raw.Requests() {
		if r.Method == http.MethodPost {
			posts = append(posts, r)
		}
	}
	if len(posts) != 1 {
		t.Fatalf("the server read %d POSTs, want 1", len(posts))
	}
	post := posts[0]
	want := `{"inputs":[{"image_url":"https://x.example/a.jpg?q=1&r=<2>"}],"metadata":{"customerId":"c1"},"callbackUrl":"https://hooks.example/cb"}`
	if string(post.Body) != want {
		t.Errorf("body\n got %s\nwant %s", post.Body, want)
	}
	if post.Target != "/v1/apps/"+f.appID+"/jobs" {
		t.Errorf("POST %s", post.Target)
	}
	if cl := post.Header.Get("Content-Length"); cl != strconv.Itoa(len(want)) {
		t.Errorf("Content-Length %q, want %d", cl, len(want))
	}
	if ct := post.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if te := post.Header.Values("Transfer-Encoding"); len(te) > 0 {
		t.Errorf("Transfer-Encoding %q", te)
	}
	if refused := raw.Refused(); len(refused) > 0 {
		t.Errorf("the server was sent lines that are no request: %q", refused)
	}
	job, err := f.client.GetJob(context.Background(), sub.JobUUID)
	if err != nil {
		t.Fatal(err)
	}
	var got, sent any
	_ = json.Unmarshal(job.Input(), &got)
	_ = json.Unmarshal(input, &sent)
	if job.Status != model.StatusScheduled || job.CallbackURL != "https://hooks.example/cb" || !jsonEqual(got, sent) {
		t.Errorf("the new job: %s %q input %s", job.Status, job.CallbackURL, job.Input())
	}
	if string(job.Metadata()) != `{"customerId":"c1"}` {
		t.Errorf("metadata %s", job.Metadata())
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// Absent metadata and callback are left out, as the SDK does.
func TestSubmitJobsLeavesOutWhatIsAbsent(t *testing.T) {
	body, err := encodeSubmission([]json.RawMessage{json.RawMessage(`1`), json.RawMessage(`"two"`)}, json.RawMessage("null"), "")
	if err != nil || string(body) != `{"inputs":[1,"two"]}` {
		t.Errorf("body %s, err %v", body, err)
	}
	for _, inputs := range [][]json.RawMessage{nil, {json.RawMessage(`{`)}} {
		if _, err := encodeSubmission(inputs, nil, ""); err == nil {
			t.Errorf("inputs %q accepted", inputs)
		}
	}
}

// A submission whose answer did not come is not resent: resending could
// create every job twice.
func TestSubmitJobsTimingOutIsSentOnce(t *testing.T) {
	f := newFixture(t, sim.Options{}, func(o *Options) { o.Timeout = 300 * time.Millisecond })
	f.sim.SetFaults(sim.Faults{Latency: 10 * time.Second})
	_, err := f.client.SubmitJobs(context.Background(), f.appID, []json.RawMessage{json.RawMessage(`{}`)}, nil, "")
	if !IsOutcomeUnknown(err) || IsRetryable(err) {
		t.Fatalf("err = %v", err)
	}
	if n := f.requests(sim.EndpointSubmitJobs); n != 1 {
		t.Errorf("submitted %d times, want once", n)
	}
	for _, status := range []int{http.StatusBadGateway, http.StatusGatewayTimeout} {
		f := newFixture(t, sim.Options{}, nil)
		f.sim.FailNext(1, status, "")
		_, err := f.client.SubmitJobs(context.Background(), f.appID, []json.RawMessage{json.RawMessage(`{}`)}, nil, "")
		if !IsOutcomeUnknown(err) || f.requests(sim.EndpointSubmitJobs) != 1 {
			t.Errorf("%d: err %v, %d requests", status, err, f.requests(sim.EndpointSubmitJobs))
		}
	}
}

// A 503 means the API did nothing: that alone is sent again.
func TestSubmitJobsRetriesWhatCertainlyDidNothing(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	f.sim.FailNext(1, http.StatusServiceUnavailable, "")
	sub, err := f.client.SubmitJobs(context.Background(), f.appID, []json.RawMessage{json.RawMessage(`{}`), json.RawMessage(`{}`)}, nil, "")
	if err != nil || sub.BatchID == "" || sub.JobUUID != "" {
		t.Fatalf("sub %+v, err %v", sub, err)
	}
	if n := f.requests(sim.EndpointSubmitJobs); n != 2 {
		t.Errorf("%d requests, want 2 (the 503, then the one that worked)", n)
	}
}

// The answer's keys are not documented: every spelling is read, unknown
// keys are ignored, and a body that is not JSON still means accepted.
func TestDecodeSubmissionIsLenient(t *testing.T) {
	for body, want := range map[string]Submission{
		`{"message":"ok","batchId":"b1","uuid":"u1","extra":[1]}`: {Message: "ok", BatchID: "b1", JobUUID: "u1"},
		`{"msg":"ok","batch_id":"b2","jobId":42}`:                 {Message: "ok", BatchID: "b2", JobUUID: "42"},
		`"Jobs created"`: {},
		``:               {},
	} {
		got := decodeSubmission([]byte(body), 1)
		if got.Message != want.Message || got.BatchID != want.BatchID || got.JobUUID != want.JobUUID || string(got.Raw) != body {
			t.Errorf("%s: got %+v, want %+v", body, got, want)
		}
	}
	if got := decodeSubmission([]byte(`{"uuid":"u1"}`), 2); got.JobUUID != "" {
		t.Errorf("a uuid for a submission of two: %+v", got)
	}
}
