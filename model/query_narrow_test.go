package model

import (
	"slices"
	"testing"
)

// TestNarrowedFilterIsAFullFilter: filtering by one query and then by the
// next, as typing does (asking only the jobs the first matched when the
// next narrows it), lists what a View filtering by the next alone lists.
func TestNarrowedFilterIsAFullFilter(t *testing.T) {
	s := NewStore()
	s.Merge(BenchJobs(3000, 7))
	srt := Sort{Key: SortByCreated, Desc: true}
	steps := []string{
		"p", "pi", "pin", "pink", "pi", "pin pink", "-pink", "-pin", "-p",
		"status:failed", "status:failed p", "status:failed pi", "p", "pin -po", "pin -poo", "pin -p",
		"tag:poodle", "tag:poodle po", "created:<2h", "created:<2h p", `"pink p"`, `"pink po"`, "",
		"PINK", "pink pink", "pink", "pinkk",
	}
	typed := NewView(s)
	narrowed := 0
	var prev Query
	for i, text := range steps {
		q := mustQuery(t, text)
		if i > 0 && q.narrows(prev) {
			narrowed++
		}
		got := slices.Clone(typed.Jobs(q, srt))
		want := NewView(s).Jobs(q, srt)
		if !slices.Equal(got, want) {
			t.Errorf("%q after %q: %d jobs, want %d", text, steps[max(i-1, 0)], len(got), len(want))
		}
		prev = q
	}
	if narrowed < 8 {
		t.Errorf("only %d of the steps narrowed the query before: the test no longer tests narrowing", narrowed)
	}
}

func TestNarrows(t *testing.T) {
	for _, c := range []struct {
		prev, next string
		want       bool
	}{
		{"pin", "pink", true},
		{"pink", "pin", false},
		{"pin", "pink status:failed", true},
		{"pin status:failed", "pink", false},
		{"-pink", "-pin", true},
		{"-pin", "-pink", false},
		{"pin", "-pink", false},
		{"created:<2h", "created:<2h p", false}, // an age moves with the clock
		{"tag:poodle", "tag:poodle po", true},
		{"", "p", true},
		{"p", "", false},
	} {
		if got := mustQuery(t, c.next).narrows(mustQuery(t, c.prev)); got != c.want {
			t.Errorf("%q narrows %q = %v, want %v", c.next, c.prev, got, c.want)
		}
	}
}
