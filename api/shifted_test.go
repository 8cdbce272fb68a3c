package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"superdash/internal/rawhttp"
)

// retainingServer is a job list written here rather than the simulator,
// paged by offset as the API is, sorted by created ascending, with its
// date filters at whole seconds, both ends included. Between the requests
// it may change: churn is called before each page request other than the
// first page, with the page asked for.
type retainingServer struct {
	mu     sync.Mutex
	jobs   []retained // oldest first
	next   int        // the next job's number
	clock  time.Time  // the next job's created time
	perSec int        // jobs created in each second
	churn  func(s *retainingServer, page int)
	// ignoreDates: the date filters are read (a request with them is not
	// a page of the listing) but not applied, as a host that does not
	// know them would.
	ignoreDates bool
}

type retained struct {
	id      string
	created time.Time
}

func newRetainingServer(n, perSec int) *retainingServer {
	s := &retainingServer{clock: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), perSec: perSec}
	for range n {
		s.add()
	}
	return s
}

// add appends a job, created after every other; perSec jobs share a second
// (a millisecond apart), as a burst of uploads does.
func (s *retainingServer) add() {
	created := s.clock.Add(time.Duration(s.next%s.perSec) * time.Millisecond)
	s.jobs = append(s.jobs, retained{id: strconv.Itoa(s.next), created: created})
	s.next++
	if s.next%s.perSec == 0 {
		s.clock = s.clock.Add(time.Second)
	}
}

// retireOldest removes the oldest job and uploads one, as a retention
// policy on a busy app does: the count stays the same.
func retireOldest(s *retainingServer, _ int) {
	s.jobs = s.jobs[1:]
	s.add()
}

func (s *retainingServer) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.jobs))
	for i, j := range s.jobs {
		ids[i] = j.id
	}
	return ids
}

func (s *retainingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	if q.Get("sortBy") != "created" || q.Get("orderBy") != "asc" || size <= 0 {
		http.Error(w, `{"message":"this server lists by created, ascending, in pages"}`, http.StatusBadRequest)
		return
	}
	bound := func(name string) (time.Time, bool) {
		t, err := time.Parse("2006-01-02T15:04:05Z", q.Get(name))
		return t, err == nil
	}
	from, hasFrom := bound("createdStartDate")
	to, hasTo := bound("createdEndDate")
	if page > 0 && !hasFrom && s.churn != nil {
		s.churn(s, page)
	}
	if s.ignoreDates {
		hasFrom, hasTo = false, false
	}
	var match []string
	for _, j := range s.jobs {
		at := j.created.Truncate(time.Second)
		if (hasFrom && at.Before(from)) || (hasTo && at.After(to)) {
			continue
		}
		match = append(match, fmt.Sprintf(`{"id":%q,"status":"COMPLETED","created":%q}`, j.id, j.created.Format(time.RFC3339Nano)))
	}
	body := match[min(page*size, len(match)):min((page+1)*size, len(match))]
	fmt.Fprintf(w, `{"jobs":[%s],"total":%d,"pageSize":%d,"pageNumber":%d,"pages":%d}`,
		strings.Join(body, ","), len(match), size, page, (len(match)+size-1)/size)
}

// listEvery lists the server's jobs with ListAllJobs as export does and
// returns the ids delivered, and the requests the server received.
func listEvery(t *testing.T, s *retainingServer, size int) (ids []string, reqs []rawhttp.Request) {
	t.Helper()
	ids, reqs, err := tryListEvery(t, s, size)
	if err != nil {
		t.Fatal(err)
	}
	return ids, reqs
}

// tryListEvery is listEvery, returning ListAllJobs' error.
func tryListEvery(t *testing.T, s *retainingServer, size int) (ids []string, reqs []rawhttp.Request, err error) {
	t.Helper()
	raw, err := rawhttp.Start(s, rawhttp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{BaseURL: raw.URL + "/v1", APIKey: secretKey, Sleep: noSleep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.rc.GetClient().CloseIdleConnections()
		if err := raw.Close(); err != nil {
			t.Errorf("closing the server: %v", err)
		}
	})
	q := JobQuery{Size: size, SortBy: "created", OrderBy: "asc"}
	err = c.ListAllJobs(context.Background(), "app", q, 3, func(p JobPage, _, _ int) error {
		for _, j := range p.Jobs {
			ids = append(ids, j.ID)
		}
		return nil
	})
	return ids, raw.Requests(), err
}

// missing is what of want got lacks.
func missing(want, got []string) []string {
	var out []string
	for _, id := range want {
		if !slices.Contains(got, id) {
			out = append(out, id)
		}
	}
	return out
}

// both is what a and b share: the jobs there through a whole listing.
func both(a, b []string) []string {
	var out []string
	for _, id := range a {
		if slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

// gapRequests are the requests that listed by a date range.
func gapRequests(reqs []rawhttp.Request) []url.Values {
	var out []url.Values
	for _, r := range reqs {
		u, err := url.Parse(r.Target)
		if err == nil && u.Query().Has("createdStartDate") {
			out = append(out, u.Query())
		}
	}
	return out
}

// TestListAllJobsFindsJobsAShiftSkipped: while the pages are read, the
// server retires its oldest job before every page and uploads a new one.
// Every later job moves one place back each time, over the edge of the
// page just read, and the total never changes. Every job that was there
// from the start of the listing to its end must still come out.
func TestListAllJobsFindsJobsAShiftSkipped(t *testing.T) {
	for _, perSec := range []int{1, 7} { // a job a second, and bursts across the page edges
		t.Run(fmt.Sprintf("%d a second", perSec), func(t *testing.T) {
			s := newRetainingServer(100, perSec)
			s.churn = retireOldest
			before := s.ids()
			got, reqs := listEvery(t, s, 10)
			throughout := both(before, s.ids())
			if len(throughout) < 80 {
				t.Fatalf("only %d jobs stayed through the listing: the test retires too many", len(throughout))
			}
			if lost := missing(throughout, got); len(lost) > 0 {
				t.Fatalf("%d jobs there all along never came out: %v", len(lost), lost)
			}
			if len(gapRequests(reqs)) == 0 {
				t.Error("no range between the pages was listed again")
			}
		})
	}
}

// TestListAllJobsFindsJobsSkippedWhenTheTotalShrinks: the jobs that go are
// in the middle of the list, not at its head, and none comes in: the
// first page is unchanged at the end; the smaller total gives it away.
func TestListAllJobsFindsJobsSkippedWhenTheTotalShrinks(t *testing.T) {
	s := newRetainingServer(100, 1)
	s.churn = func(s *retainingServer, page int) {
		if page >= 3 {
			i := (page - 1) * 10 // a job of the page before, read already
			s.jobs = slices.Delete(s.jobs, i, i+1)
		}
	}
	before := s.ids()
	got, _ := listEvery(t, s, 10)
	throughout := both(before, s.ids())
	if lost := missing(throughout, got); len(lost) > 0 {
		t.Fatalf("%d jobs there all along never came out: %v", len(lost), lost)
	}
}

// TestListAllJobsQuietListCostsOnePageMore: when nothing leaves the list,
// the check is the first page read again, and nothing else.
func TestListAllJobsQuietListCostsOnePageMore(t *testing.T) {
	s := newRetainingServer(95, 1)
	got, reqs := listEvery(t, s, 10)
	if len(reqs) != 11 || len(gapRequests(reqs)) != 0 {
		t.Errorf("%d requests, %d of them by date; want the 10 pages and the first again", len(reqs), len(gapRequests(reqs)))
	}
	if lost := missing(s.ids(), got); len(lost) > 0 {
		t.Errorf("jobs missing: %v", lost)
	}
	// The first page is delivered twice: its second reading is as fresh
	// as any page's.
	if len(got) != 105 {
		t.Errorf("%d jobs delivered, want 95 and the first 10 again", len(got))
	}
}

// TestListAllJobsStopsOnAHostIgnoringTheDates: jobs left the list, and the
// host answers the ranges between the pages with its whole list. The
// listing fails with a message that says why, after a few pages, not one
// whole list for every range.
func TestListAllJobsStopsOnAHostIgnoringTheDates(t *testing.T) {
	s := newRetainingServer(100, 1)
	s.churn, s.ignoreDates = retireOldest, true
	_, reqs, err := tryListEvery(t, s, 10)
	if !IsMalformed(err) || !strings.Contains(err.Error(), "ignore the date filters") {
		t.Fatalf("err = %v, want one saying the API ignores the date filters", err)
	}
	if n := len(gapRequests(reqs)); n == 0 || n > 6 {
		t.Errorf("%d requests by date, want a few: the first answers tell", n)
	}
}

// TestShiftWatchGaps: the ranges between the pages, at whole seconds, one
// range for a burst that spans pages, and pages out of order covered.
func TestShiftWatchGaps(t *testing.T) {
	at := func(sec, ms int) time.Time {
		return time.Date(2026, 12, 1, 8, 0, sec, ms*int(time.Millisecond), time.UTC)
	}
	w := &shiftWatch{spans: []span{
		{at(0, 0), at(1, 500)},
		{at(1, 600), at(1, 900)}, // the same second as the page before: one range
		{at(1, 950), at(4, 0)},
		{at(9, 0), at(12, 0)},
		{at(8, 0), at(20, 0)}, // starts before the page before ends
	}}
	// Between pages 2 and 3 lie 4 s to 10 s, between 3 and 4 (swapped) 8 s
	// to 13 s: they overlap, and are merged.
	want := []span{{at(1, 0), at(2, 0)}, {at(4, 0), at(13, 0)}}
	if got := w.gaps(); !slices.Equal(got, want) {
		t.Errorf("gaps = %v, want %v", got, want)
	}
}
