package model

import (
	"testing"
	"time"
)

// pagedLoad applies jobs to s as a paging pass of pages pages would, the
// clock moving step before each page, and calls look after each page, as
// the table asks for its rows after each.
func pagedLoad(s *Store, clock *time.Time, jobs []Job, pages int, step time.Duration, look func(done int)) {
	per := (len(jobs) + pages - 1) / pages
	for done := 1; done <= pages; done++ {
		*clock = clock.Add(step)
		page := jobs[(done-1)*per : min(done*per, len(jobs))]
		s.Apply(Delta{Jobs: page, Pages: pages, PagesDone: done})
		look(done)
	}
}

// During a paging pass the view folds the pages in at most every
// FoldEvery, and at once on the last page, a new query or a new sort.
func TestViewFoldsPagesAtMostEveryFoldEvery(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	s := NewStore()
	s.SetClock(func() time.Time { return now })
	v := NewView(s)
	srt := Sort{Key: SortByCreated}
	jobs := BenchJobs(4_000, 1)

	folds := 0
	var last []*Job
	pagedLoad(s, &now, jobs, 200, 10*time.Millisecond, func(done int) {
		got := v.Jobs(Query{}, srt)
		if len(got) != len(last) {
			folds++
		}
		last = got
		if done == 200 && len(got) != len(jobs) {
			t.Errorf("after the last page the view holds %d jobs, want all %d", len(got), len(jobs))
		}
	})
	// 200 pages 10 ms apart: a fold per 100 ms, the first page's and the
	// last's.
	if folds > 200/10+2 || folds < 200/10 {
		t.Errorf("%d folds for 200 pages over 2 s, want about 20", folds)
	}
	want := s.Select(Query{}, srt)
	for i := range want {
		if last[i] != want[i] {
			t.Fatalf("row %d: %s, a full sort has %s", i, last[i].Key(), want[i].Key())
		}
	}
}

func TestViewFoldsAtOnceWhenAskedSomethingElse(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	s := NewStore()
	s.SetClock(func() time.Time { return now })
	v := NewView(s)
	srt := Sort{Key: SortByCreated}
	jobs := BenchJobs(300, 1)
	s.Apply(Delta{Jobs: jobs[:100], Pages: 3, PagesDone: 1})
	if got := v.Jobs(Query{}, srt); len(got) != 100 {
		t.Fatalf("first page: %d rows", len(got))
	}
	s.Apply(Delta{Jobs: jobs[100:200], Pages: 3, PagesDone: 2})
	if got := v.Jobs(Query{}, srt); len(got) != 100 {
		t.Errorf("second page, no time later: %d rows, want the first page's 100 until the next fold", len(got))
	}
	if got := v.Jobs(Query{}, Sort{Key: SortByID}); len(got) != 200 {
		t.Errorf("a new sort: %d rows, want 200", len(got))
	}
	s.Apply(Delta{Jobs: jobs[200:250], Pages: 3, PagesDone: 2})
	q, err := ParseQuery("status:FAILED", now)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Jobs(q, Sort{Key: SortByID}), s.Select(q, Sort{Key: SortByID}); len(got) != len(want) {
		t.Errorf("a new query: %d rows, want %d", len(got), len(want))
	}
	s.Apply(Delta{Jobs: jobs[250:260], Pages: 3, PagesDone: 2})
	s.Remove(jobs[0].Key())
	if got := v.Jobs(q, Sort{Key: SortByID}); len(got) != len(s.Select(q, Sort{Key: SortByID})) {
		t.Errorf("after a removal: %d rows, want them all", len(got))
	}
	s.Apply(Delta{Jobs: jobs[260:], Pages: 3, PagesDone: 3})
	if got := v.Jobs(Query{}, Sort{Key: SortByID}); len(got) != 299 {
		t.Errorf("the last page: %d rows, want 299", len(got))
	}
}
