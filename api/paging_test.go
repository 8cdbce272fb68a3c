package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"superdash/api/sim"
	"superdash/internal/rawhttp"
	"superdash/model"
)

// inFlight wraps a transport and records the most requests it ever had open.
type inFlight struct {
	next     http.RoundTripper
	mu       sync.Mutex
	now, max int
}

func (c *inFlight) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.now++
	c.max = max(c.max, c.now)
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.now--
		c.mu.Unlock()
	}()
	return c.next.RoundTrip(r)
}

func (c *inFlight) Max() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.max
}

func TestListAllJobsDeliversEveryPageInOrder(t *testing.T) {
	var counter *inFlight
	f := newFixture(t, sim.Options{}, func(o *Options) {
		counter = &inFlight{next: o.HTTPClient.Transport}
		o.HTTPClient = &http.Client{Transport: counter}
	})
	// Latency keeps several pages in flight at once.
	f.sim.SetFaults(sim.Faults{Latency: 20 * time.Millisecond})
	snap := f.sim.Snapshot(f.appID)
	const size, concurrency = 7, 3
	wantPages := (len(snap) + size - 1) / size

	seen := map[string]bool{}
	calls := 0
	err := f.client.ListAllJobs(context.Background(), f.appID, JobQuery{Size: size}, concurrency, func(p JobPage, done, total int) error {
		if p.PageNumber == nil || *p.PageNumber != calls {
			t.Errorf("call %d got page %v", calls, p.PageNumber)
		}
		calls++
		if done != calls || total != wantPages {
			t.Errorf("progress %d/%d, want %d/%d", done, total, calls, wantPages)
		}
		for _, j := range p.Jobs {
			if seen[j.ID] {
				t.Errorf("job %s delivered twice", j.ID)
			}
			seen[j.ID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != wantPages || len(seen) != len(snap) {
		t.Errorf("%d pages, %d jobs; want %d pages, %d jobs", calls, len(seen), wantPages, len(snap))
	}
	if n := f.requests(sim.EndpointListJobs); n != wantPages {
		t.Errorf("%d requests for %d pages", n, wantPages)
	}
	if m := counter.Max(); m > concurrency || m < 2 {
		t.Errorf("at most %d requests were in flight, want 2..%d", m, concurrency)
	}
}

func TestListAllJobsStopsWhenOnPageFails(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	stop := errors.New("enough")
	calls := 0
	err := f.client.ListAllJobs(context.Background(), f.appID, JobQuery{Size: 5}, 2, func(JobPage, int, int) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
	// The first page, then at most concurrency more before the stop.
	if n := f.requests(sim.EndpointListJobs); n > 1+2+1 {
		t.Errorf("%d requests after stopping at page 2", n)
	}
}

func TestListAllJobsStopsOnAFailedPage(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	calls := 0
	err := f.client.ListAllJobs(context.Background(), f.appID, JobQuery{Size: 5}, 2, func(JobPage, int, int) error {
		calls++
		f.sim.FailNext(100, http.StatusInternalServerError, "")
		return nil
	})
	if e := mustFail(t, err); e.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(err.Error(), "list jobs of app "+f.appID) || calls != 1 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
}

func TestListAllJobsCancelledLeavesNoGoroutine(t *testing.T) {
	f := newFixture(t, sim.Options{}, nil)
	ignore := goleak.IgnoreCurrent()
	f.sim.SetFaults(sim.Faults{Latency: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	start := time.Now()
	err := f.client.ListAllJobs(ctx, f.appID, JobQuery{Size: 5}, 4, func(JobPage, int, int) error {
		calls++
		cancel() // pages 1..4 are about to be in flight
		return nil
	})
	if !IsCanceled(err) || calls != 1 {
		t.Fatalf("err = %v after %d calls", err, calls)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v to stop", took)
	}
	f.transport.CloseIdleConnections()
	goleak.VerifyNone(t, ignore)
}

// pagedServer serves n jobs in pages, with or without a page count.
func pagedServer(t *testing.T, n int, envelope func(jobs []string, page, size int) string) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		var jobs []string
		for i := page * size; i < min(n, (page+1)*size); i++ {
			jobs = append(jobs, fmt.Sprintf(`{"id":"%d"}`, i))
		}
		fmt.Fprint(w, envelope(jobs, page, size))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func collectAll(t *testing.T, srv *httptest.Server, size int) (ids []string, totals []int, err error) {
	t.Helper()
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.rc.GetClient().CloseIdleConnections)
	err = c.ListAllJobs(context.Background(), "app", JobQuery{Size: size}, 3, func(p JobPage, done, total int) error {
		for _, j := range p.Jobs {
			ids = append(ids, j.ID)
		}
		totals = append(totals, total)
		return nil
	})
	return ids, totals, err
}

func TestListAllJobsWithoutPageCountReadsUntilShortPage(t *testing.T) {
	noCount := func(jobs []string, _, _ int) string { return `{"jobs":[` + strings.Join(jobs, ",") + `]}` }
	for _, n := range []int{0, 3, 10, 12} {
		ids, totals, err := collectAll(t, pagedServer(t, n, noCount), 5)
		if err != nil {
			t.Fatalf("%d jobs: %v", n, err)
		}
		wantPages := n/5 + 1 // a full last page is followed by an empty one
		if len(ids) != n || len(totals) != wantPages {
			t.Errorf("%d jobs: got %d jobs in %d pages, want %d pages", n, len(ids), len(totals), wantPages)
		}
		for i, id := range ids {
			if id != strconv.Itoa(i) {
				t.Fatalf("%d jobs: out of order: %v", n, ids)
			}
		}
		for _, total := range totals {
			if total != 0 {
				t.Errorf("%d jobs: total %d, want 0 (unknown)", n, total)
			}
		}
	}
}

func TestListAllJobsComputesPagesFromTotal(t *testing.T) {
	withTotal := func(jobs []string, _, _ int) string {
		return `{"jobs":[` + strings.Join(jobs, ",") + `],"total":12,"pageSize":5}`
	}
	ids, totals, err := collectAll(t, pagedServer(t, 12, withTotal), 5)
	if err != nil || len(ids) != 12 || len(totals) != 3 || totals[0] != 3 {
		t.Fatalf("ids %v, totals %v, err %v", ids, totals, err)
	}
}

// ListPages, called with no concurrency and no page size, takes the
// defaults as ListAllJobs does: with 0 pages in flight it would read the
// first page only.
func TestListPagesTakesTheDefaults(t *testing.T) {
	withTotal := func(jobs []string, _, size int) string {
		return fmt.Sprintf(`{"jobs":[%s],"total":1200,"pageSize":%d}`, strings.Join(jobs, ","), size)
	}
	srv := pagedServer(t, 1200, withTotal)
	c, err := New(Options{BaseURL: srv.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.rc.GetClient().CloseIdleConnections)
	jobs, pages := 0, 0
	err = c.ListPages(context.Background(), "app", JobQuery{}, 0, func(p JobPage, _, _ int) error {
		jobs += len(p.Jobs)
		pages++
		return nil
	})
	if err != nil || jobs != 1200 || pages != 3 {
		t.Errorf("read %d jobs in %d pages (%v), want 1200 in 3 pages of %d", jobs, pages, err, defaultPageSize)
	}
}

func TestListAllJobsDetectsAHostIgnoringPage(t *testing.T) {
	samePage := func(_ []string, _, size int) string {
		jobs := make([]string, size)
		for i := range jobs {
			jobs[i] = fmt.Sprintf(`{"id":"%d"}`, i)
		}
		return `{"jobs":[` + strings.Join(jobs, ",") + `]}`
	}
	_, totals, err := collectAll(t, pagedServer(t, 0, samePage), 5)
	if !IsMalformed(err) || !strings.Contains(err.Error(), "ignore the page parameter") || len(totals) != 1 {
		t.Fatalf("err = %v after %d pages", err, len(totals))
	}
}

// A paging pass keeps its connections alive from page to page: with the
// default client, the server sees no more connections than pages in
// flight, however many pages there are. (net/http keeps only two idle
// connections per host unless told otherwise: with four pages in flight,
// connections were closed and opened again all through a load.)
func TestPagingPassReusesItsConnections(t *testing.T) {
	f := newFixture(t, sim.Options{Jobs: 3000, Apps: 1}, nil)
	raw := f.behindRawServer(t, rawhttp.Options{})
	opts := f.opts
	opts.BaseURL, opts.HTTPClient = raw.URL+"/v1", nil // the client as the program builds it
	client, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer client.rc.GetClient().CloseIdleConnections()

	const concurrency = 4
	pages := 0
	err = client.ListAllJobs(context.Background(), f.appID, JobQuery{Size: 20}, concurrency, func(JobPage, int, int) error {
		pages++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	conns := map[int]bool{}
	for _, r := range raw.Requests() {
		conns[r.Conn] = true
	}
	if pages < 100 || len(conns) > concurrency {
		t.Errorf("%d pages came over %d connections; want at least 100 pages over at most %d", pages, len(conns), concurrency)
	}
}

// Expected believes the API's total only as far as the pages can hold it.
func TestJobPageExpected(t *testing.T) {
	n := func(v int) *int { return &v }
	five := make([]model.Job, 5)
	for _, tc := range []struct {
		total       *int
		pages, want int
	}{
		{nil, 10, 0},        // no total
		{n(42), 10, 42},     // as said
		{n(1 << 40), 3, 15}, // more than 3 pages of 5 hold
		{n(-1), 3, 0},
		{n(42), 0, 0}, // pages not known
	} {
		if got := (JobPage{Jobs: five, Total: tc.total}).Expected(tc.pages); got != tc.want {
			t.Errorf("total %v over %d pages of 5: Expected = %d, want %d", tc.total, tc.pages, got, tc.want)
		}
	}
}
