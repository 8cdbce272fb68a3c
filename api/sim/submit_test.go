package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"superdash/model"
)

func (f *fixture) submit(t *testing.T, appID, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.BaseURL+"/apps/"+appID+"/jobs", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("API-KEY", f.APIKey())
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp, buf.Bytes()
}

func TestSubmitRefusesWhatTheAPIWould(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	before := len(f.Snapshot(app))
	for body, want := range map[string]string{
		``:                               "empty",
		`{"inputs": [`:                   "not a JSON object",
		`[1, 2]`:                         "not a JSON object",
		`{}`:                             "inputs: missing",
		`{"inputs": null}`:               "inputs: missing",
		`{"inputs": {"a": 1}}`:           "inputs: not a list",
		`{"inputs": "x"}`:                "inputs: not a list",
		`{"inputs": []}`:                 "inputs: empty",
		`{"inputs": [1], "metadata": 3}`: "metadata: not an object",
	} {
		resp, got := f.submit(t, app, body)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(message(t, got), want) {
			t.Errorf("%q: %d %s, want 400 saying %q", body, resp.StatusCode, got, want)
		}
	}
	if resp, _ := f.submit(t, "no-such-app", `{"inputs":[1]}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown app: %d", resp.StatusCode)
	}
	if after := len(f.Snapshot(app)); after != before {
		t.Errorf("refused submissions created %d jobs", after-before)
	}
}

// The jobs of a submission form a new batch, carry what was sent, and
// then move like every other job.
func TestSubmittedJobsFormABatchThatMoves(t *testing.T) {
	f := serve(t, Options{})
	app := f.AppIDs()[0]
	resp, body := f.submit(t, app, `{"inputs":[{"n":1},{"n":2},{"n":3}],"metadata":{"m":true},"callbackUrl":"https://cb.example/x"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var answer submitAnswer
	if err := json.Unmarshal(body, &answer); err != nil || answer.BatchID == "" || answer.UUID != "" || answer.Message != "3 jobs created" {
		t.Fatalf("answer %s (%v)", body, err)
	}
	var batchJobs []model.Job
	for _, j := range f.allJobs(t, app, nil, 500) {
		if j.BatchID == answer.BatchID {
			batchJobs = append(batchJobs, j)
		}
	}
	if len(batchJobs) != 3 {
		t.Fatalf("%d jobs in the new batch, want 3", len(batchJobs))
	}
	for i, j := range batchJobs {
		if want := `{"n":` + string(rune('1'+i)) + `}`; string(j.Input()) != want || string(j.Metadata()) != `{"m":true}` ||
			j.CallbackURL != "https://cb.example/x" || j.Status != model.StatusScheduled {
			t.Errorf("job %d: %s %s %q %s", i, j.Input(), j.Metadata(), j.CallbackURL, j.Status)
		}
	}
	f.clock.Advance(24 * time.Hour)
	if st := f.job(t, batchJobs[0].ID).Status; st == model.StatusScheduled {
		t.Errorf("a day later the submitted job is still %s", st)
	}
}
