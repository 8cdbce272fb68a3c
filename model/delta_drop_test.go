package model

import (
	"slices"
	"testing"
)

// Delta.Drop removes jobs on any kind of pass, reports only those the
// store held, and leaves the counts right.
func TestApplyDrop(t *testing.T) {
	s := NewStore()
	s.Merge([]Job{
		{ID: "1", Status: StatusInProgress, BatchID: "b"},
		{ID: "2", Status: StatusCompleted, BatchID: "b"},
		{ID: "3", Status: StatusInProgress},
	})
	res := s.Apply(Delta{Jobs: []Job{{ID: "4", Status: StatusScheduled}}, Drop: []string{"1", "9"}})
	if !slices.Equal(res.Removed, []string{"1"}) || !slices.Equal(res.Added, []string{"4"}) {
		t.Fatalf("removed %v, added %v", res.Removed, res.Added)
	}
	if _, ok := s.Get("1"); ok || s.Len() != 3 {
		t.Fatalf("job 1 still held, or %d jobs", s.Len())
	}
	if s.Count(StatusInProgress) != 1 || s.CountByBatch()["b"] != 1 {
		t.Errorf("counts: %v %v", s.CountByStatus(), s.CountByBatch())
	}
	// On a full pass, dropped jobs and jobs the pass did not list are
	// both reported.
	res = s.Apply(Delta{Full: true, Seen: map[string]struct{}{"2": {}, "3": {}}, Drop: []string{"3"}})
	slices.Sort(res.Removed)
	if !slices.Equal(res.Removed, []string{"3", "4"}) || s.Len() != 1 {
		t.Errorf("removed %v, %d left", res.Removed, s.Len())
	}
}
