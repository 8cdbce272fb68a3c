package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"time"

	"superdash/api"
	"superdash/internal/jobpages"
	"superdash/model"
)

// TestLoadPathGuard keeps the first load's two hot paths from regressing
// more than twofold, in CI, in a few seconds: decoding a page of jobs (the
// client's ListJobs, from the response body to []model.Job) and folding
// the pages of a load into a sorted view. Each is timed against a baseline
// measured in the same run on the same data, interleaved, best of five, so
// the ratio holds on a loaded machine where absolute times do not:
//
//   - decode: encoding/json unmarshalling the same pages into a plain
//     struct. Ours took 0.22–0.33 of its time; the bound is twice the
//     upper end. Allocated bytes, which do not depend on the machine, are
//     held the same way: 0.55 of the baseline's (the body, the jobs and
//     the client's per-request objects), bound 1.1.
//   - fold: one sort of the whole store. The load of 200 pages folded as
//     the table asks for its rows after each page, 10 ms apart, took 6.8–
//     7.3 times that sort (about 20 folds of a growing store); the bound
//     is 14. Folding every page, as before, took 40 times.
//
// The race detector slows the two sides unevenly: under it the test only
// checks that both paths run. .ci/run runs it once more without.
func TestLoadPathGuard(t *testing.T) {
	pages, err := jobpages.Pages(10_000, 50)
	if err != nil {
		t.Fatal(err)
	}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	client := replayClient(t, pages)

	decodeOurs := func() {
		for i := range pages {
			if _, err := client.ListJobs(context.Background(), "app", api.JobQuery{Page: i, Size: 50}); err != nil {
				t.Fatal(err)
			}
		}
	}
	decodePlain := func() {
		for _, p := range pages {
			var v jobpages.Plain
			if err := json.Unmarshal(p, &v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var jobs []model.Job
	for i := range pages {
		p, err := client.ListJobs(context.Background(), "app", api.JobQuery{Page: i, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, p.Jobs...)
	}
	srt := model.Sort{Key: model.SortByCreated}
	foldOurs := func() { foldLoad(jobs, len(pages), srt) }
	var whole *model.Store
	sortWhole := func() { whole.Select(model.Query{}, srt) }
	whole = model.NewStore()
	whole.Merge(jobs)

	if raceEnabled {
		decodeOurs()
		foldOurs()
		t.Skip("timing ratios mean nothing under the race detector; both paths ran")
	}
	check := func(what string, ours, base func(), bound float64) {
		o, b := bestOf(5, ours, base)
		ratio := float64(o) / float64(b)
		t.Logf("%s: ours %v, baseline %v, ratio %.2f (bound %.2f)", what, o, b, ratio, bound)
		if ratio > bound {
			t.Errorf("%s takes %.2f times its baseline, more than %.2f: a regression of more than 2x", what, ratio, bound)
		}
	}
	check("decode of 200 pages", decodeOurs, decodePlain, 0.7)
	check("fold of 200 pages", foldOurs, sortWhole, 14)

	ours, base := allocated(decodeOurs), allocated(decodePlain)
	t.Logf("decode allocates %d bytes, the baseline %d, for %d bytes of JSON", ours, base, size)
	if ratio := float64(ours) / float64(base); ratio > 1.1 {
		t.Errorf("decode allocates %.2f times what the baseline does, more than 1.1", ratio)
	}
}

// foldLoad applies jobs to a new store as a load of pages pages would, a
// view asked for its rows after each, the store's clock 10 ms later each
// time.
func foldLoad(jobs []model.Job, pages int, srt model.Sort) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	s := model.NewStore()
	s.SetClock(func() time.Time { return now })
	v := model.NewView(s)
	per := (len(jobs) + pages - 1) / pages
	for done := 1; done <= pages; done++ {
		now = now.Add(10 * time.Millisecond)
		s.Apply(model.Delta{Jobs: jobs[(done-1)*per : min(done*per, len(jobs))], Pages: pages, PagesDone: done})
		v.Jobs(model.Query{}, srt)
	}
}

// bestOf runs a and b alternately n times and returns the shortest time
// of each.
func bestOf(n int, a, b func()) (time.Duration, time.Duration) {
	best := func(cur time.Duration, f func()) time.Duration {
		start := time.Now()
		f()
		return min(cur, time.Since(start))
	}
	ba, bb := time.Duration(1<<62), time.Duration(1<<62)
	for range n {
		ba, bb = best(ba, a), best(bb, b)
	}
	return ba, bb
}

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// replayClient is a client whose transport answers the job list's page N
// with pages[N], from memory, as a server with Content-Length would.
func replayClient(t testing.TB, pages [][]byte) *api.Client {
	t.Helper()
	rt := roundTrip(func(r *http.Request) (*http.Response, error) {
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || n < 0 || n >= len(pages) {
			return nil, fmt.Errorf("no page %q", r.URL.Query().Get("page"))
		}
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			ContentLength: int64(len(pages[n])), Body: io.NopCloser(bytes.NewReader(pages[n])), Request: r}, nil
	})
	c, err := api.New(api.Options{BaseURL: "http://replay.invalid/v1", APIKey: "k", HTTPClient: &http.Client{Transport: rt}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// BenchmarkFirstLoad100k is a dashboard's first load of 100,000 jobs
// without the network and without the screen: the 200 pages of 500 served
// from memory (as recorded from the simulator) through the client, each
// applied to a store as a page of a paging pass and the view asked for its
// rows after it. It reports the bytes allocated per byte of JSON.
//
//	go test ./api -run '^$' -bench FirstLoad100k -benchtime=1x
func BenchmarkFirstLoad100k(b *testing.B) {
	pages, err := jobpages.Pages(100_000, 500)
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	client := replayClient(b, pages)
	srt := model.Sort{Key: model.SortByCreated}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var alloc uint64
	for b.Loop() {
		runtime.GC()
		alloc += allocated(func() {
			s := model.NewStore()
			v := model.NewView(s)
			err := client.ListAllJobs(context.Background(), "app", api.JobQuery{Size: 500}, 4, func(p api.JobPage, done, total int) error {
				s.Apply(model.Delta{Jobs: p.Jobs, Pages: total, PagesDone: done})
				v.Jobs(model.Query{}, srt)
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			if s.Len() != 100_000 {
				b.Fatalf("%d jobs loaded", s.Len())
			}
		})
	}
	b.ReportMetric(float64(alloc)/float64(b.N)/float64(size), "alloc-B/json-B")
	b.ReportMetric(float64(size), "json-B")
}
