package model

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestWatermarkAdvance(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	w := Watermark{Created: day(5), Completed: day(5)}

	if got := w.Advance(nil); got != w {
		t.Errorf("Advance(nil) = %v, want unchanged", got)
	}
	// Older jobs and unset times never move it back.
	older := []Job{{Created: day(1), Completed: day(2)}, {}}
	if got := w.Advance(older); got != w {
		t.Errorf("Advance(older) = %v, want unchanged", got)
	}
	// Each half follows its own newest time, from different jobs.
	jobs := []Job{
		{Created: day(7)},
		{Created: day(6), Completed: day(9)},
		{Created: day(3), Completed: day(8)},
	}
	if got, want := w.Advance(jobs), (Watermark{Created: day(7), Completed: day(9)}); got != want {
		t.Errorf("Advance = %v, want %v", got, want)
	}
	if got, want := (Watermark{}).Advance(jobs), (Watermark{Created: day(7), Completed: day(9)}); got != want {
		t.Errorf("zero.Advance = %v, want %v", got, want)
	}
}

func TestStoreApply(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{
		wire{ID: "a", Status: "FAILED"}.job(t),
		wire{ID: "b", Status: "SCHEDULED"}.job(t),
		wire{ID: "c", Status: "COMPLETED"}.job(t),
	})

	// An incremental delta merges and drops nothing.
	res := s.Apply(Delta{Jobs: []Job{wire{ID: "b", Status: "IN_PROGRESS"}.job(t), wire{ID: "d"}.job(t)}})
	if !slices.Equal(res.Added, []string{"d"}) || len(res.Changed) != 1 || res.Removed != nil || s.Len() != 4 {
		t.Fatalf("incremental Apply = %+v, Len %d", res, s.Len())
	}

	// A full pass that failed part-way merges what it got but drops nothing:
	// the jobs it did not reach may well still exist.
	partial := []Job{wire{ID: "a", Status: "CANCELED"}.job(t)}
	res = s.Apply(Delta{Jobs: partial, Full: true, Err: errors.New("page 3: 503")})
	if len(res.Changed) != 1 || res.Removed != nil || s.Len() != 4 {
		t.Fatalf("failed full Apply = %+v, Len %d", res, s.Len())
	}

	// A complete full pass drops every job it does not list; a keyless job
	// in it is rejected, not a reason to keep or drop anything.
	full := []Job{wire{ID: "a", Status: "CANCELED"}.job(t), wire{ID: "c", Status: "REVIEWED"}.job(t), {}}
	v := s.Version()
	res = s.Apply(Delta{Jobs: full, Full: true})
	if !slices.Equal(res.Changed, []Change{{"c", StatusCompleted, StatusReviewed}}) || res.Rejected != 1 {
		t.Errorf("full Apply = %+v", res)
	}
	slices.Sort(res.Removed)
	if !slices.Equal(res.Removed, []string{"b", "d"}) {
		t.Errorf("Removed = %v, want [b d]", res.Removed)
	}
	keys := s.Keys()
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"a", "c"}) || s.Version() <= v {
		t.Errorf("after full Apply: keys %v, Version %d (was %d)", keys, s.Version(), v)
	}

	// The same full pass again changes nothing.
	v = s.Version()
	res = s.Apply(Delta{Jobs: full, Full: true})
	if res.Added != nil || res.Changed != nil || res.Removed != nil || s.Version() != v {
		t.Errorf("repeated full Apply = %+v, Version %d (was %d)", res, s.Version(), v)
	}

	// An empty complete pass means the app has no jobs left.
	if res := s.Apply(Delta{Full: true}); len(res.Removed) != 2 || s.Len() != 0 {
		t.Errorf("empty full Apply = %+v, Len %d", res, s.Len())
	}
}

// A streamed full pass merges its pages as ordinary deltas and ends with a
// delta that carries only the keys it saw: jobs outside them are dropped.
func TestStoreApplyStreamedFullPass(t *testing.T) {
	s, _ := newTestStore()
	s.Merge([]Job{
		wire{ID: "a", Status: "FAILED"}.job(t),
		wire{ID: "gone", Status: "SCHEDULED"}.job(t),
	})
	s.Apply(Delta{Jobs: []Job{wire{ID: "b", Status: "COMPLETED"}.job(t)}, Pages: 2, PagesDone: 1})
	res := s.Apply(Delta{Full: true, Seen: map[string]struct{}{"a": {}, "b": {}}})
	if !slices.Equal(res.Removed, []string{"gone"}) {
		t.Errorf("Removed = %v, want [gone]", res.Removed)
	}
	if _, ok := s.Get("b"); !ok || s.Len() != 2 {
		t.Errorf("store holds %v, want a and b", s.Keys())
	}

	// A failed pass drops nothing, whatever it saw.
	s.Apply(Delta{Full: true, Seen: map[string]struct{}{}, Err: errors.New("boom")})
	if s.Len() != 2 {
		t.Errorf("a failed full pass dropped jobs: %v", s.Keys())
	}
}
