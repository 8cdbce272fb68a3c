package api

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"superdash/internal/offsetlist"
	"superdash/internal/rawhttp"
)

// listEvery lists the server's jobs with ListAllJobs as export does and
// returns the ids delivered, and the requests the server received.
func listEvery(t *testing.T, s *offsetlist.Server, size int) (ids []string, reqs []rawhttp.Request) {
	t.Helper()
	ids, reqs, err := tryListEvery(t, s, size)
	if err != nil {
		t.Fatal(err)
	}
	return ids, reqs
}

// tryListEvery is listEvery, returning ListAllJobs' error.
func tryListEvery(t *testing.T, s *offsetlist.Server, size int) (ids []string, reqs []rawhttp.Request, err error) {
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
			s := offsetlist.New(offsetlist.Options{Jobs: 100, PerSecond: perSec, Churn: offsetlist.RetireOldest})
			before := s.IDs()
			got, reqs := listEvery(t, s, 10)
			throughout := offsetlist.Both(before, s.IDs())
			if len(throughout) < 80 {
				t.Fatalf("only %d jobs stayed through the listing: the test retires too many", len(throughout))
			}
			if lost := offsetlist.Missing(throughout, got); len(lost) > 0 {
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
	s := offsetlist.New(offsetlist.Options{Jobs: 100, Churn: func(l *offsetlist.List, page int) {
		if page >= 3 {
			l.Delete((page - 1) * 10) // a job of the page before, read already
		}
	}})
	before := s.IDs()
	got, _ := listEvery(t, s, 10)
	throughout := offsetlist.Both(before, s.IDs())
	if lost := offsetlist.Missing(throughout, got); len(lost) > 0 {
		t.Fatalf("%d jobs there all along never came out: %v", len(lost), lost)
	}
}

// TestListAllJobsQuietListCostsOnePageMore: when nothing leaves the list,
// the check is the first page read again, and nothing else.
func TestListAllJobsQuietListCostsOnePageMore(t *testing.T) {
	s := offsetlist.New(offsetlist.Options{Jobs: 95})
	got, reqs := listEvery(t, s, 10)
	if len(reqs) != 11 || len(gapRequests(reqs)) != 0 {
		t.Errorf("%d requests, %d of them by date; want the 10 pages and the first again", len(reqs), len(gapRequests(reqs)))
	}
	if lost := offsetlist.Missing(s.IDs(), got); len(lost) > 0 {
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
	s := offsetlist.New(offsetlist.Options{Jobs: 100, Churn: offsetlist.RetireOldest, IgnoreDates: true})
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

// FuzzShiftWatchGaps: whatever the pages' ranges (in order or not), every
// range between one page and the next lies within one gap, and the gaps
// come in order without touching, so none is listed twice.
func FuzzShiftWatchGaps(f *testing.F) {
	f.Add([]byte{0, 10, 10, 20, 30, 40})
	f.Add([]byte{5, 9, 1, 3, 7, 200, 100, 101})
	f.Fuzz(func(t *testing.T, b []byte) {
		base := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		at := func(v byte) time.Time { return base.Add(time.Duration(v) * 300 * time.Millisecond) }
		w := &shiftWatch{}
		for i := 0; i+1 < len(b); i += 2 {
			lo, hi := at(min(b[i], b[i+1])), at(max(b[i], b[i+1]))
			w.spans = append(w.spans, span{lo, hi})
		}
		gaps := w.gaps()
		for k := 1; k < len(gaps); k++ {
			if !gaps[k].lo.After(gaps[k-1].hi) {
				t.Fatalf("gaps %d and %d touch or are out of order: %v", k-1, k, gaps)
			}
		}
		for i := 0; i+1 < len(w.spans); i++ {
			a, c := w.spans[i].hi, w.spans[i+1].lo
			lo, hi := a, c
			if c.Before(a) {
				lo, hi = c, a
			}
			if !slices.ContainsFunc(gaps, func(g span) bool { return !lo.Before(g.lo) && hi.Before(g.hi.Add(time.Second)) }) {
				t.Fatalf("between pages %d and %d (%v to %v) lies in no gap of %v", i, i+1, lo, hi, gaps)
			}
		}
	})
}
