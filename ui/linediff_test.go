package ui

import (
	"slices"
	"testing"
)

func TestDiffLinesMarksWhatChanged(t *testing.T) {
	got := diffLines("{\n  \"a\": 1,\n  \"b\": 2\n}\n", "{\n  \"a\": 3,\n  \"b\": 2,\n  \"c\": 4\n}\n")
	want := []string{"  {", `-   "a": 1,`, `-   "b": 2`, `+   "a": 3,`, `+   "b": 2,`, `+   "c": 4`, "  }"}
	if !slices.Equal(got, want) {
		t.Errorf("diff\n%q\nwant\n%q", got, want)
	}
}

func TestChangedOnlyKeepsContextAndFitsTheLimit(t *testing.T) {
	diff := []string{"  1", "  2", "  3", "- 4", "+ 5", "  6", "  7", "  8", "- 9"}
	if got, want := changedOnly(diff, 1, 20), []string{"  …", "  3", "- 4", "+ 5", "  6", "  …", "  8", "- 9"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := changedOnly(diff, 1, 4), []string{"  …", "  3", "- 4", "  … and 2 more changed lines"}; !slices.Equal(got, want) {
		t.Errorf("cut to 4: got %q, want %q", got, want)
	}
}
