package common

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
)

func TestCountArrived(t *testing.T) {
	// Before, the window showed d e f: a b c were above it.
	before := strings.Fields("a b c d e f g h")
	const beforeAbove, beforeSeen = 3, 6
	cases := []struct {
		name       string
		after      string
		afterAbove int
		want       int
	}{
		{"nothing changed", "a b c d e f g h", 3, 0},
		{"two at the top", "x y a b c d e f g h", 5, 2},
		{"one between rows above", "a b x c d e f g h", 4, 1},
		{"one in the window pushes a seen row above", "a b c d x e f g h", 4, 0},
		{"one below the window", "a b c d e f x g h", 3, 0},
		{"a row moved up from below", "a g b c d e f h", 4, 1},
		{"a row above went, one arrived", "x a c d e f g h", 3, 1},
		{"rows above went", "c d e f g h", 1, 0},
		{"new at the top and in the middle", "x a y b c d e f", 5, 2},
	}
	for _, tc := range cases {
		after := strings.Fields(tc.after)
		got := CountArrived(before, after, func(s string) string { return s }, beforeAbove, beforeSeen, tc.afterAbove)
		if got != tc.want {
			t.Errorf("%s: %d arrived, want %d", tc.name, got, tc.want)
		}
	}
	if got := CountArrived(nil, before, func(s string) string { return s }, 0, 0, 2); got != 2 {
		t.Errorf("after an empty list: %d arrived, want 2", got)
	}
	// Many arrived at the top: counted exactly, however many.
	long := make([]string, 3*maxOutOfStep)
	for i := range long {
		long[i] = strconv.Itoa(i)
	}
	arrived := append(slices.Clone(long[2*maxOutOfStep:]), long[:2*maxOutOfStep]...)
	if got := CountArrived(long[:2*maxOutOfStep], arrived, func(s string) string { return s }, 100, 110, maxOutOfStep+100); got != maxOutOfStep {
		t.Errorf("after %d arrived at the top: %d counted", maxOutOfStep, got)
	}
	// A list reordered end to end: as many as the rows above grew by.
	reversed := slices.Clone(long)
	slices.Reverse(reversed)
	if got := CountArrived(long, reversed, func(s string) string { return s }, 2*maxOutOfStep, 2*maxOutOfStep+10, 2*maxOutOfStep+500); got != 500 {
		t.Errorf("after a reorder: %d counted, want the 500 more rows above", got)
	}
}

// newestFirst is a list of the store's job ids, the highest first, as the
// batches view lists the newest batch first.
func newestFirst(store *model.Store, h int) List[string] {
	l := NewList(New(), func(s string) string { return s }, sortIDs, "down", "up")
	l.order = 1
	l.SetSize(80, h)
	l.Refresh(store, ids)
	return l
}

// addJobs stores jobs with the ids from..to-1.
func addJobs(s *model.Store, from, to int) {
	var jobs []model.Job
	for i := from; i < to; i++ {
		jobs = append(jobs, model.Job{ID: strconv.Itoa(i)})
	}
	s.Merge(jobs)
}

func TestListFollowsItsHead(t *testing.T) {
	store := storeOfN(20)
	l := newestFirst(store, 11)
	addJobs(store, 20, 23)
	l.Refresh(store, ids)
	if sel, _ := l.Selected(); sel != "22" || l.at.Cursor != 0 || l.Arrived() != 0 {
		t.Fatalf("at the top after 3 arrived: on %q at %d, %d arrived; want the newest, \"22\", at 0, none counted", sel, l.at.Cursor, l.Arrived())
	}
	if first := ansi.Strip(strings.Split(l.View("HEADER", "none", drawID), "\n")[1]); !strings.HasPrefix(first, "22") {
		t.Errorf("first row %q, want the newest row on screen", first)
	}
}

// drawID draws a row as its id.
func drawID(r string, line *Row) { line.Cell(80, Plain(r)) }

func TestListCountsWhatArrivesAboveTheCursor(t *testing.T) {
	store := storeOfN(20)
	l := newestFirst(store, 11) // 10 rows on screen
	pressKeys(&l, "j", "j", "j")
	addJobs(store, 20, 24)
	l.Refresh(store, ids)
	if sel, _ := l.Selected(); sel != "16" || l.Arrived() != 4 {
		t.Fatalf("after 4 arrived: on %q, %d arrived; want \"16\", 4", sel, l.Arrived())
	}
	lines := strings.Split(ansi.Strip(l.View("HEADER", "none", drawID)), "\n")
	if len(lines) != 11 || !strings.HasPrefix(lines[0], "↑ 4 new  g: to the top") || !strings.HasPrefix(lines[1], "HEADER") {
		t.Fatalf("view:\n%s\nwant the marker line, then the header, 11 lines in all", strings.Join(lines, "\n"))
	}
	// A click lands on the row drawn under it, below the marker line.
	l.Update(tea.MouseMsg{X: 1, Y: 4, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if sel, _ := l.Selected(); ansi.Strip(lines[4]) != sel+strings.Repeat(" ", 80-len(sel)) {
		t.Errorf("a click on line 4 (%q) selected %q", lines[4], sel)
	}
	addJobs(store, 24, 26)
	l.Refresh(store, ids)
	if l.Arrived() != 6 {
		t.Errorf("after 2 more: %d arrived, want 6", l.Arrived())
	}
	pressKeys(&l, "g")
	if sel, _ := l.Selected(); sel != "25" || l.Arrived() != 0 {
		t.Errorf("after g: on %q, %d arrived; want the newest, none", sel, l.Arrived())
	}
	if first := ansi.Strip(strings.Split(l.View("HEADER", "none", drawID), "\n")[0]); first != "HEADER" {
		t.Errorf("after g the first line is %q, want the header", first)
	}
}

func TestListCountClearsAtTheTop(t *testing.T) {
	for _, keys := range [][]string{{"k", "k", "k", "k", "k", "k", "k", "k", "k", "k"}, {"pgup"}} {
		store := storeOfN(40)
		l := newestFirst(store, 11)
		pressKeys(&l, "j", "j", "j")
		addJobs(store, 40, 45)
		l.Refresh(store, ids)
		pressKeys(&l, keys...)
		if l.at.Offset != 0 || l.Arrived() != 0 {
			t.Errorf("after %v: offset %d, %d arrived; want the top, none", keys, l.at.Offset, l.Arrived())
		}
	}
	// Another order is another list: nothing in it arrived.
	store := storeOfN(40)
	l := newestFirst(store, 11)
	pressKeys(&l, "j", "j", "j")
	addJobs(store, 40, 45)
	l.Refresh(store, ids)
	pressKeys(&l, "s")
	if l.Arrived() != 0 {
		t.Errorf("after another sort order: %d arrived, want none", l.Arrived())
	}
}

// BenchmarkCountArrivedReordered is the worst case: every row above the
// window is another, at 25,000 rows above it.
func BenchmarkCountArrivedReordered(b *testing.B) {
	before := make([]string, 100_000)
	for i := range before {
		before[i] = strconv.Itoa(i)
	}
	after := slices.Clone(before)
	slices.Reverse(after)
	b.ReportAllocs()
	for b.Loop() {
		CountArrived(before, after, func(s string) string { return s }, 25_000, 25_050, 25_000)
	}
}
