package model

import (
	"slices"
	"testing"
	"time"
)

// inStatusStore is a store whose jobs entered their statuses at known
// times, by a clock the test moves: job "a" has been IN_PROGRESS for 2m,
// "b" for exactly 5m, "c" for 5m and 1ns, "d" for 40m, "e" for 3h, "f" for
// 2d; "s" SCHEDULED for 20m; "x" FAILED for 2d, which does not move, and
// "y" with no status for 2d, which does (an unknown status moves) but has
// no status to count it in.
func inStatusStore(t *testing.T) (*Store, *time.Time) {
	t.Helper()
	now := queryNow.Add(-48 * time.Hour)
	s := NewStore()
	s.SetClock(func() time.Time { return now })
	s.Merge([]Job{
		{ID: "f", Status: StatusInProgress}, {ID: "x", Status: StatusFailed}, {ID: "y"},
		{ID: "a", Status: StatusScheduled}, {ID: "b", Status: StatusScheduled}, {ID: "c", Status: StatusScheduled},
		{ID: "d", Status: StatusScheduled}, {ID: "e", Status: StatusScheduled}, {ID: "s", Status: StatusScheduled},
	})
	enter := func(id string, ago time.Duration, st Status) {
		now = queryNow.Add(-ago)
		s.Merge([]Job{{ID: id, Status: st}})
	}
	enter("e", 3*time.Hour, StatusInProgress)
	enter("d", 40*time.Minute, StatusInProgress)
	enter("s", 20*time.Minute, StatusPending) // then back: entering again restarts the time
	enter("s", 20*time.Minute, StatusScheduled)
	enter("c", 5*time.Minute+1, StatusInProgress)
	enter("b", 5*time.Minute, StatusInProgress)
	enter("a", 2*time.Minute, StatusInProgress)
	// A change that is not of status keeps the time.
	now = queryNow.Add(-time.Minute)
	s.Merge([]Job{{ID: "d", Status: StatusInProgress, Tags: []string{"new tag"}}})
	now = queryNow
	return s, &now
}

func selectedIDs(s *Store, q Query) []string {
	var ids []string
	for _, j := range s.Select(q, Sort{Key: SortByID}) {
		ids = append(ids, j.ID)
	}
	return ids
}

func TestInStatusMatchesTheTimeInStatus(t *testing.T) {
	s, _ := inStatusStore(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"in-status:<5m", []string{"a", "b"}},                          // at most 5m, the bound included
		{"in-status:>5m", []string{"c", "d", "e", "f", "s", "x", "y"}}, // over it, by a nanosecond
		{"in-status:>15m in-status:<1h", []string{"d", "s"}},
		{"in-status:>1h status:moving", []string{"e", "f", "y"}},
		{"in-status:>1d", []string{"f", "x", "y"}},
		{"-in-status:>1d status:in_progress", []string{"a", "b", "c", "d", "e"}},
		{"in-status:>15m tag:new*", []string{"d"}},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.query, queryNow)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.query, err)
		}
		if got := selectedIDs(s, q); !slices.Equal(got, tt.want) {
			t.Errorf("%s selects %v, want %v", tt.query, got, tt.want)
		}
		if n := s.CountMatches(q); n != len(tt.want) {
			t.Errorf("%s counts %d, want %d", tt.query, n, len(tt.want))
		}
	}
}

func TestInStatusIsMeasuredByTheStoresClock(t *testing.T) {
	// The filter bar may parse by another clock (the demo's runs
	// faster): the time in status is the store's, when matched.
	s, now := inStatusStore(t)
	q, err := ParseQuery("in-status:>1h", queryNow.Add(100*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := selectedIDs(s, q), []string{"e", "f", "x", "y"}; !slices.Equal(got, want) {
		t.Errorf("parsed at another time, in-status:>1h selects %v, want %v", got, want)
	}
	*now = now.Add(30 * time.Minute) // the window moves with the store's clock
	if got, want := selectedIDs(s, q), []string{"d", "e", "f", "x", "y"}; !slices.Equal(got, want) {
		t.Errorf("30m later, in-status:>1h selects %v, want %v", got, want)
	}
}

func TestInStatusOutsideAStoreNeverHolds(t *testing.T) {
	q, _ := ParseQuery("in-status:<1h", queryNow)
	neg, _ := ParseQuery("-in-status:<1h", queryNow)
	j := &Job{ID: "1", Status: StatusInProgress}
	if q.Match(j) || !neg.Match(j) {
		t.Errorf("a job on its own: in-status:<1h %v, its negation %v; want false, true", q.Match(j), neg.Match(j))
	}
	if !q.InStatus() || !neg.InStatus() {
		t.Error("InStatus() is false for a query with an in-status term")
	}
	if plain, _ := ParseQuery("created:<1h status:fail", queryNow); plain.InStatus() {
		t.Error("InStatus() is true for a query without an in-status term")
	}
}

func TestInStatusQueryKeyMovesWithTheClock(t *testing.T) {
	// The View and the saved filters' tabs re-match a query whose key
	// changed: a query with in-status must change key as time passes.
	a, _ := ParseQuery("in-status:>15m", queryNow)
	b, _ := ParseQuery("in-status:>15m", queryNow.Add(time.Second))
	if a.Equal(b) {
		t.Error("in-status:>15m parsed a second apart has the same key: a cached match would never move")
	}
}

func TestViewFollowsTheInStatusWindow(t *testing.T) {
	s, now := inStatusStore(t)
	v := NewView(s)
	ids := func() []string {
		q, err := ParseQuery("in-status:>15m status:moving", *now)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, j := range v.Jobs(q, Sort{Key: SortByID}) {
			out = append(out, j.ID)
		}
		return out
	}
	if got, want := ids(), []string{"d", "e", "f", "s", "y"}; !slices.Equal(got, want) {
		t.Fatalf("in-status:>15m status:moving = %v, want %v", got, want)
	}
	*now = now.Add(11 * time.Minute)
	if got, want := ids(), []string{"b", "c", "d", "e", "f", "s", "y"}; !slices.Equal(got, want) {
		t.Errorf("11m later, with the store unchanged: %v, want %v", got, want)
	}
	// A job that enters a status starts again from zero.
	s.Merge([]Job{{ID: "d", Status: StatusSuspended}})
	if got, want := ids(), []string{"b", "c", "e", "f", "s", "y"}; !slices.Equal(got, want) {
		t.Errorf("after d moved on: %v, want %v", got, want)
	}
}

func TestTallyCountsInStatusAcrossChanges(t *testing.T) {
	s, _ := inStatusStore(t)
	q, _ := ParseQuery("in-status:>15m", queryNow)
	tally := s.Tally(q)
	defer tally.Drop()
	check := func(when string) {
		t.Helper()
		if got, want := tally.Count(), s.CountMatches(q); got != want {
			t.Errorf("%s: the tally counts %d, a count from scratch %d", when, got, want)
		}
	}
	check("at first")
	s.Merge([]Job{{ID: "e", Status: StatusCompleted}}) // leaves: it entered COMPLETED now
	check("after a job changed status")
	s.Merge([]Job{{ID: "f", Status: StatusInProgress, Tags: []string{"t"}}}) // stays: same status
	check("after a job changed but its status")
	s.Remove("d")
	check("after a removal")
}

func TestTimeInStatusBuckets(t *testing.T) {
	s, _ := inStatusStore(t)
	got, at := s.TimeInStatus()
	if !at.Equal(queryNow) {
		t.Errorf("counted at %v, want the store's clock %v", at, queryNow)
	}
	want := []InStatusCounts{
		{Status: StatusScheduled, Counts: [InStatusBuckets]int{0, 0, 1, 0, 0}},
		{Status: StatusInProgress, Counts: [InStatusBuckets]int{2, 1, 1, 1, 1}},
	}
	if !slices.Equal(got, want) {
		t.Errorf("TimeInStatus() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestInStatusQuerySelectsExactlyItsBucket(t *testing.T) {
	s, _ := inStatusStore(t)
	counts, at := s.TimeInStatus()
	for _, c := range counts {
		for i, n := range c.Counts {
			text := InStatusQuery(c.Status, i)
			q, err := ParseQuery(text, at)
			if err != nil {
				t.Fatalf("InStatusQuery(%s, %d) = %q: %v", c.Status, i, text, err)
			}
			if got := s.CountMatches(q); got != n {
				t.Errorf("%q selects %d jobs, its bucket counts %d", text, got, n)
			}
		}
	}
	if got, want := InStatusQuery(StatusInProgress, 1), "status:IN_PROGRESS in-status:>5m in-status:<15m"; got != want {
		t.Errorf("InStatusQuery(IN_PROGRESS, 1) = %q, want %q", got, want)
	}
	if got, want := InStatusQuery(StatusScheduled, 0), "status:SCHEDULED in-status:<5m"; got != want {
		t.Errorf("InStatusQuery(SCHEDULED, 0) = %q, want %q", got, want)
	}
	if got, want := InStatusQuery(StatusScheduled, InStatusBuckets-1), "status:SCHEDULED in-status:>1d"; got != want {
		t.Errorf("InStatusQuery(SCHEDULED, last) = %q, want %q", got, want)
	}
}
