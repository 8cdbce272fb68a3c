package sim

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/model"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var t0 = time.Date(2024, 3, 12, 10, 0, 0, 0, time.UTC)

// fixture is a simulator served over real HTTP, with a clock the test moves.
type fixture struct {
	*Running
	clock  *ManualClock
	client *http.Client
}

// serve starts a simulator for the test and stops it when the test ends.
// Unless opts say otherwise it is small (600 jobs) and its clock is manual.
func serve(t *testing.T, opts Options) *fixture {
	t.Helper()
	clock := NewManualClock(t0)
	if opts.Clock == nil {
		opts.Clock = clock.Now
	}
	if opts.Jobs == 0 {
		opts.Jobs = 600
	}
	r, err := Start(opts, "")
	if err != nil {
		t.Fatal(err)
	}
	transport := &http.Transport{}
	t.Cleanup(func() {
		transport.CloseIdleConnections()
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &fixture{Running: r, clock: clock, client: &http.Client{Transport: transport, Timeout: 10 * time.Second}}
}

// request sends method path (relative to the base URL) with the right key
// and returns the response with its body read.
func (f *fixture) request(t *testing.T, method, path string) (*http.Response, []byte) {
	t.Helper()
	return f.requestCtx(t, context.Background(), method, path, f.APIKey())
}

func (f *fixture) requestCtx(t *testing.T, ctx context.Context, method, path, key string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, f.BaseURL+"/"+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("API-KEY", key)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return resp, body
}

// get fetches path, expects status want, and decodes the body into into
// (when not nil).
func (f *fixture) get(t *testing.T, path string, want int, into any) []byte {
	t.Helper()
	return f.expect(t, http.MethodGet, path, want, into)
}

func (f *fixture) post(t *testing.T, path string, want int, into any) []byte {
	t.Helper()
	return f.expect(t, http.MethodPost, path, want, into)
}

func (f *fixture) expect(t *testing.T, method, path string, want int, into any) []byte {
	t.Helper()
	resp, body := f.request(t, method, path)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, want, body)
	}
	if into != nil {
		if err := json.Unmarshal(body, into); err != nil {
			t.Fatalf("%s %s: decoding %s: %v", method, path, body, err)
		}
	}
	return body
}

// message decodes an error body, failing the test if it is not the API's
// {"message": …} shape.
func message(t *testing.T, body []byte) string {
	t.Helper()
	var m struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &m); err != nil || m.Message == "" {
		t.Fatalf("error body %s is not {\"message\": …} (%v)", body, err)
	}
	return m.Message
}

type jobPage struct {
	Jobs       []model.Job `json:"jobs"`
	Total      int         `json:"total"`
	PageSize   int         `json:"pageSize"`
	PageNumber int         `json:"pageNumber"`
	Pages      int         `json:"pages"`
}

// allJobs pages through app's job list with query q, pageSize at a time,
// and checks the paging fields on the way.
func (f *fixture) allJobs(t *testing.T, appID string, q url.Values, pageSize int) []model.Job {
	t.Helper()
	q = maps.Clone(q)
	if q == nil {
		q = url.Values{}
	}
	var jobs []model.Job
	for page := 0; ; page++ {
		q.Set("page", strconv.Itoa(page))
		q.Set("size", strconv.Itoa(pageSize))
		var p jobPage
		f.get(t, "apps/"+appID+"/jobs?"+q.Encode(), http.StatusOK, &p)
		if p.PageNumber != page || p.PageSize != pageSize || p.Pages != (p.Total+pageSize-1)/pageSize {
			t.Fatalf("page %d: paging fields %+v inconsistent", page, p)
		}
		jobs = append(jobs, p.Jobs...)
		if page >= p.Pages-1 {
			if len(jobs) != p.Total {
				t.Fatalf("paged through %d jobs, total says %d", len(jobs), p.Total)
			}
			return jobs
		}
	}
}

// jobIn returns the lowest id among the jobs in status st, in any app.
func jobIn(t *testing.T, s *Server, st model.Status) string {
	t.Helper()
	var ids []int
	for _, app := range s.AppIDs() {
		for id, got := range s.Snapshot(app) {
			if got == st {
				n, err := strconv.Atoi(id)
				if err != nil {
					t.Fatalf("job id %q is not digits", id)
				}
				ids = append(ids, n)
			}
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no job in status %s", st)
	}
	return strconv.Itoa(slices.Min(ids))
}

// job fetches one job.
func (f *fixture) job(t *testing.T, id string) model.Job {
	t.Helper()
	var j model.Job
	f.get(t, "jobs/"+id, http.StatusOK, &j)
	return j
}
