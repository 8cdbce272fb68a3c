package ui

import (
	"slices"
	"strings"
	"testing"
)

// TestSpaceMarksAndMovesDown: space marks the row and moves to the next,
// so space space marks two; the marks' column is there before the first
// mark, so marking shifts no column.
func TestSpaceMarksAndMovesDown(t *testing.T) {
	m := triageModel(t)
	idColumn := func(m Model) int {
		for _, l := range strings.Split(m.View(), "\n") {
			if i := strings.Index(l, "ID "); i >= 0 {
				return i
			}
		}
		return -1
	}
	before := idColumn(m)
	m = keys(m, " ")
	if got := selectedKey(t, m); got != "1004" {
		t.Errorf("after space the cursor is on %s, want the next row, 1004", got)
	}
	if after := idColumn(m); after != before {
		t.Errorf("the first mark moved the ID column from %d to %d", before, after)
	}
	m = keys(m, " ")
	if got := markedRows(m); !slices.Equal(got, []string{"1005", "1004"}) {
		t.Errorf("space space marked %v, want 1005 1004", got)
	}
	if got := selectedKey(t, m); got != "1003" {
		t.Errorf("after space space the cursor is on %s, want 1003", got)
	}
}
