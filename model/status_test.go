package model

import (
	"slices"
	"testing"
)

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		s                                          Status
		class                                      Class
		ended, hasOutput, cancellable, restartable bool
	}{
		{StatusPending, ClassQueued, false, false, false, false},
		{StatusScheduled, ClassQueued, false, false, true, false},
		{StatusInProgress, ClassRunning, false, false, true, false},
		{StatusPostProcessing, ClassRunning, false, false, false, false},
		{StatusSuspended, ClassAttention, false, false, true, false},
		{StatusNeedsWork, ClassAttention, false, false, false, false},
		{StatusNeedsReview, ClassAttention, false, false, false, false},
		{StatusCompleted, ClassDone, true, true, false, false},
		{StatusPostProcessed, ClassDone, true, true, false, false},
		{StatusReviewed, ClassDone, true, true, false, false},
		{StatusFailed, ClassFailed, true, false, false, true},
		{StatusCanceled, ClassStopped, true, false, false, true},
		{StatusExpired, ClassStopped, true, false, false, true},
		// Unknown: still moving (poll it again), offers no action.
		{"WEIRD", ClassUnknown, false, false, false, false},
		{"", ClassUnknown, false, false, false, false},
		{"CANCELLED", ClassUnknown, false, false, false, false},
		// A lower-case spelling means the same state.
		{"completed", ClassDone, true, true, false, false},
		{"in_progress", ClassRunning, false, false, true, false},
	}
	if len(tests) < len(KnownStatuses()) {
		t.Fatal("the table misses a known status")
	}
	for _, tt := range tests {
		if got := tt.s.Class(); got != tt.class {
			t.Errorf("%q.Class() = %v, want %v", tt.s, got, tt.class)
		}
		if got := tt.s.Known(); got != (tt.class != ClassUnknown) {
			t.Errorf("%q.Known() = %v", tt.s, got)
		}
		if got := tt.s.Ended(); got != tt.ended {
			t.Errorf("%q.Ended() = %v, want %v", tt.s, got, tt.ended)
		}
		if got := tt.s.HasOutput(); got != tt.hasOutput {
			t.Errorf("%q.HasOutput() = %v, want %v", tt.s, got, tt.hasOutput)
		}
		if got := tt.s.Cancellable(); got != tt.cancellable {
			t.Errorf("%q.Cancellable() = %v, want %v", tt.s, got, tt.cancellable)
		}
		if got := tt.s.Restartable(); got != tt.restartable {
			t.Errorf("%q.Restartable() = %v, want %v", tt.s, got, tt.restartable)
		}
		if got := tt.s.String(); got != string(tt.s) {
			t.Errorf("String() = %q, want it as spelled, %q", got, tt.s)
		}
	}
}

func TestKnownStatusesOrder(t *testing.T) {
	want := []Status{
		StatusPending, StatusScheduled, StatusInProgress, StatusPostProcessing,
		StatusSuspended, StatusNeedsWork, StatusNeedsReview,
		StatusCompleted, StatusPostProcessed, StatusReviewed,
		StatusFailed, StatusCanceled, StatusExpired,
	}
	got := KnownStatuses()
	if !slices.Equal(got, want) {
		t.Fatalf("KnownStatuses() = %v, want %v", got, want)
	}
	for i, s := range got {
		if s.Rank() != i {
			t.Errorf("%s.Rank() = %d, want %d", s, s.Rank(), i)
		}
	}
	// Callers may keep or change the slice: it must be their own.
	got[0] = "X"
	if KnownStatuses()[0] != StatusPending {
		t.Error("KnownStatuses shares its slice")
	}
}

func TestStatusLessTotalOrder(t *testing.T) {
	all := append(KnownStatuses(), "WEIRD", "ALPHA", "", "completed", "zeta")
	for _, a := range all {
		for _, b := range all {
			n := 0
			for _, holds := range []bool{a.Less(b), b.Less(a), a == b} {
				if holds {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%q vs %q: Less(a,b)=%v Less(b,a)=%v equal=%v, want exactly one", a, b, a.Less(b), b.Less(a), a == b)
			}
			for _, c := range all {
				if a.Less(b) && b.Less(c) && !a.Less(c) {
					t.Errorf("not transitive: %q < %q < %q", a, b, c)
				}
			}
		}
	}

	sorted := slices.Clone(all)
	slices.Reverse(sorted)
	slices.SortFunc(sorted, func(a, b Status) int {
		switch {
		case a.Less(b):
			return -1
		case b.Less(a):
			return 1
		}
		return 0
	})
	// Known statuses in rank order (a lower-case spelling next to its
	// upper-case twin), then unknown ones by name.
	want := []Status{
		StatusPending, StatusScheduled, StatusInProgress, StatusPostProcessing,
		StatusSuspended, StatusNeedsWork, StatusNeedsReview,
		StatusCompleted, "completed", StatusPostProcessed, StatusReviewed,
		StatusFailed, StatusCanceled, StatusExpired,
		"", "ALPHA", "WEIRD", "zeta",
	}
	if !slices.Equal(sorted, want) {
		t.Errorf("sorted = %q,\nwant     %q", sorted, want)
	}
	if got := Status("WEIRD").Rank(); got != len(KnownStatuses()) {
		t.Errorf("unknown Rank = %d, want %d", got, len(KnownStatuses()))
	}
}

// A status's code is 1 + its display rank, so that counts by code come
// out in display order; other spellings are 0, counted by their name.
func TestStatusCode(t *testing.T) {
	for rank, st := range KnownStatuses() {
		if got := statusCode(st); int(got) != rank+1 {
			t.Errorf("statusCode(%s) = %d, want %d", st, got, rank+1)
		}
	}
	for _, st := range []Status{"failed", "WEIRD_NEW_STATE", ""} {
		if got := statusCode(st); got != 0 {
			t.Errorf("statusCode(%q) = %d, want 0", st, got)
		}
	}
}
