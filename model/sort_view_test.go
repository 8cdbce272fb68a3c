package model

import (
	"slices"
	"testing"
	"time"
	"unsafe"
)

func TestViewCaches(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	v := NewView(s)
	byID := Sort{Key: SortByID}
	all := v.Jobs(Query{}, byID)
	if got := jobKeys(all); !slices.Equal(got, []string{"1", "2", "3", "4", "u-eee"}) {
		t.Fatalf("Jobs = %q", got)
	}
	sorted := unsafe.SliceData(v.sorted)

	// Nothing changed: the very same list.
	if again := v.Jobs(Query{}, byID); unsafe.SliceData(again) != unsafe.SliceData(all) {
		t.Error("an unchanged view recomputed its list")
	}
	// A new query filters the sorted list it has; an equivalent spelling
	// of it is served from the cache.
	pink := mustQuery(t, "pink")
	res := v.Jobs(pink, byID)
	if got := jobKeys(res); !slices.Equal(got, []string{"1", "3"}) {
		t.Errorf("Jobs(pink) = %q", got)
	}
	if unsafe.SliceData(v.sorted) != sorted {
		t.Error("a new query re-sorted")
	}
	if again := v.Jobs(mustQuery(t, "PINK"), byID); unsafe.SliceData(again) != unsafe.SliceData(res) {
		t.Error("an equivalent query recomputed")
	}
	// A new sort re-sorts, and keeps the query.
	if got := jobKeys(v.Jobs(pink, Sort{Key: SortByID, Desc: true})); !slices.Equal(got, []string{"3", "1"}) {
		t.Errorf("Jobs(pink, desc) = %q", got)
	}
	// A store change is seen.
	s.Merge(decodeJobs(t, []string{`{"id": "0", "metadata": {"c": "pink"}}`}))
	s.Remove("3")
	if got := jobKeys(v.Jobs(pink, byID)); !slices.Equal(got, []string{"0", "1"}) {
		t.Errorf("Jobs(pink) after a change = %q", got)
	}
	// A job that changes is matched by its new text.
	s.Merge(decodeJobs(t, []string{`{"id": "1", "metadata": {"c": "green"}}`}))
	if got := jobKeys(v.Jobs(pink, byID)); !slices.Equal(got, []string{"0"}) {
		t.Errorf("Jobs(pink) after job 1 changed = %q", got)
	}
	// Nothing matches: an empty list.
	if got := v.Jobs(mustQuery(t, "nothing-like-this"), byID); len(got) != 0 {
		t.Errorf("Jobs(no match) = %q", jobKeys(got))
	}
}

// An age means "until now": the same text parsed later is a new query.
func TestViewAgeQueryFollowsTheClock(t *testing.T) {
	s := NewStore()
	s.Merge(decodeJobs(t, matchDocs))
	v := NewView(s)
	recent := func(now time.Time) []string {
		q, err := ParseQuery("created:<2h", now)
		if err != nil {
			t.Fatal(err)
		}
		return jobKeys(v.Jobs(q, Sort{}))
	}
	if got := recent(queryNow); !slices.Equal(got, []string{"1"}) {
		t.Errorf("at noon: %q", got)
	}
	if got := recent(queryNow.Add(2 * time.Hour)); len(got) != 0 {
		t.Errorf("two hours later: %q", got)
	}
}

// The View's result must be what matching every job one by one and sorting
// gives, for every kind of term and sort, through its parallel paths.
func TestViewAgreesWithSelect(t *testing.T) {
	withProcs(t, 4)
	s := NewStore()
	s.SetClock(func() time.Time { return benchNow })
	s.Merge(BenchJobs(2*parallelMin+100, 3)) // just enough for two ranges
	// Some jobs move, so time in status differs between them.
	s.SetClock(func() time.Time { return benchNow.Add(time.Minute) })
	s.Merge(BenchJobs(1000, 4)) // the same ids, new versions

	v := NewView(s)
	queries := []string{
		"", "status:fail tag:poodle", "-status:ended pink", "brown -poodle", "created:<1d",
		"completed:>2026-11-20 type:cal correct:true", "-tag:* batch:a,b,c",
	}
	matches := make(map[string]map[*Job]bool) // query → the jobs it matches, one by one
	for _, text := range queries {
		q := mustQuery(t, text)
		matches[text] = make(map[*Job]bool)
		s.Each(func(j *Job) bool {
			matches[text][j] = q.Match(j)
			return true
		})
	}
	for k := range sortKeys {
		srt := Sort{Key: k, Desc: k%2 == 1}
		everyone := s.Select(Query{}, srt)
		for _, text := range queries {
			var want []*Job
			for _, j := range everyone {
				if matches[text][j] {
					want = append(want, j)
				}
			}
			q := mustQuery(t, text)
			if got := v.Jobs(q, srt); !slices.Equal(got, want) {
				t.Errorf("sort %+v, query %q: View.Jobs gives %d jobs, matching one by one %d", srt, text, len(got), len(want))
			}
			if got := s.Select(q, srt); !slices.Equal(got, want) {
				t.Errorf("sort %+v, query %q: Select gives %d jobs, matching one by one %d", srt, text, len(got), len(want))
			}
		}
	}
}
