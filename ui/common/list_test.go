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

// listOf is a 80×h list whose rows are the ids of store's jobs, sorted up
// or down, as a list view would compute them.
func listOf(store *model.Store, h int) List[string] {
	l := NewList(New(), func(s string) string { return s }, sortIDs, "up", "down")
	l.SetSize(80, h)
	l.Refresh(store, ids)
	return l
}

func ids(s *model.Store) []string { return s.Keys() }

func sortIDs(rows []string, order int) {
	slices.SortFunc(rows, func(a, b string) int {
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		if order == 1 {
			x, y = y, x
		}
		return x - y
	})
}

// storeOfN holds jobs "0".."n-1".
func storeOfN(n int) *model.Store {
	s := model.NewStore()
	jobs := make([]model.Job, n)
	for i := range jobs {
		jobs[i].ID = strconv.Itoa(i)
	}
	s.Merge(jobs)
	return s
}

var keyMsgs = map[string]tea.KeyMsg{
	"j": {Type: tea.KeyRunes, Runes: []rune("j")}, "k": {Type: tea.KeyRunes, Runes: []rune("k")},
	"g": {Type: tea.KeyRunes, Runes: []rune("g")}, "G": {Type: tea.KeyRunes, Runes: []rune("G")},
	"s": {Type: tea.KeyRunes, Runes: []rune("s")}, "x": {Type: tea.KeyRunes, Runes: []rune("x")},
	"pgup": {Type: tea.KeyPgUp}, "pgdn": {Type: tea.KeyPgDown},
}

func pressKeys(l *List[string], names ...string) {
	for _, n := range names {
		l.Update(keyMsgs[n])
	}
}

func TestListKeys(t *testing.T) {
	// 100 rows, 10 on screen under the header.
	cases := []struct {
		keys           []string
		cursor, offset int
	}{
		{[]string{"j", "j"}, 2, 0},
		{[]string{"j", "k", "k"}, 0, 0},
		{slices.Repeat([]string{"j"}, 12), 12, 3},
		{[]string{"G"}, 99, 90},
		{[]string{"G", "g"}, 0, 0},
		{[]string{"j", "j", "pgdn"}, 12, 10},
		{[]string{"j", "j", "pgdn", "pgup"}, 2, 0},
		{[]string{"pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn"}, 99, 90},
		{[]string{"j", "x"}, 1, 0},
	}
	for _, tc := range cases {
		l := listOf(storeOfN(100), 11)
		pressKeys(&l, tc.keys...)
		if l.at.Cursor != tc.cursor || l.at.Offset != tc.offset {
			t.Errorf("%v: cursor, offset = %d, %d; want %d, %d", tc.keys, l.at.Cursor, l.at.Offset, tc.cursor, tc.offset)
		}
	}
}

func TestListMouse(t *testing.T) {
	l := listOf(storeOfN(100), 11)
	l.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if l.at.Cursor != 3 || l.at.Offset != 3 {
		t.Errorf("wheel: cursor, offset = %d, %d", l.at.Cursor, l.at.Offset)
	}
	l.Update(tea.MouseMsg{X: 5, Y: 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if row, _ := l.Selected(); row != "6" {
		t.Errorf("a click on the fourth row selected %q", row)
	}
	for _, y := range []int{0, 11, 40} { // the header, below the rows
		l.Update(tea.MouseMsg{X: 5, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	}
	l.Update(tea.MouseMsg{X: 5, Y: 2, Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease})
	if row, _ := l.Selected(); row != "6" {
		t.Errorf("clicks off the rows moved the cursor to %q", row)
	}
}

func TestListKeepsTheCursorOnItsRow(t *testing.T) {
	store := storeOfN(100)
	l := listOf(store, 11)
	pressKeys(&l, "G", "k", "k") // "97", on the 8th line
	pressKeys(&l, "s")           // down: "97" is now third
	if row, _ := l.Selected(); row != "97" || l.at.Cursor != 2 {
		t.Errorf("after a sort the cursor is on %q at %d", row, l.at.Cursor)
	}
	if l.at.Cursor-l.at.Offset != 2 {
		t.Errorf("cursor on line %d, want 2 (as near its line as the top allows)", l.at.Cursor-l.at.Offset)
	}

	pressKeys(&l, "s", "g", "pgdn", "pgdn", "pgdn", "pgdn", "pgdn", "j", "j", "j") // up; "53" on line 3
	store.Remove("0", "1")
	l.Refresh(store, ids)
	if row, _ := l.Selected(); row != "53" || l.at.Cursor-l.at.Offset != 3 {
		t.Errorf("after a refresh: cursor on %q, line %d; want \"53\", line 3", row, l.at.Cursor-l.at.Offset)
	}
	store.Remove("53")
	l.Refresh(store, ids)
	if row, _ := l.Selected(); row != "54" {
		t.Errorf("when its row goes, the cursor should keep its index: on %q", row)
	}
}

func TestListView(t *testing.T) {
	row := func(s string, r *Row) { r.Cell(80, Plain("row "+s)) }
	for _, h := range []int{0, 1, 2, 5} {
		for _, n := range []int{0, 2, 100} {
			l := listOf(storeOfN(n), h)
			view := l.View(strings.Repeat("h", 80), "nothing here", row)
			if h == 0 {
				if view != "" {
					t.Errorf("h=0: %q", view)
				}
				continue
			}
			lines := strings.Split(ansi.Strip(view), "\n")
			if len(lines) != h {
				t.Fatalf("h=%d n=%d: %d lines", h, n, len(lines))
			}
			for i, line := range lines {
				if ansi.StringWidth(line) != 80 {
					t.Errorf("h=%d n=%d: line %d is %q", h, n, i, line)
				}
			}
			if n == 0 && h == 5 && strings.TrimSpace(lines[2]) != "nothing here" {
				t.Errorf("empty: the message is not on the middle line: %q", lines)
			}
			if n > 0 && h == 5 && strings.TrimSpace(lines[1]) != "row 0" {
				t.Errorf("first row: %q", lines[1])
			}
		}
	}
}

func TestListRefreshesOnlyWhenTheStoreChanged(t *testing.T) {
	store := storeOfN(3)
	l := listOf(store, 5)
	calls := 0
	count := func(s *model.Store) []string { calls++; return s.Keys() }
	l.Refresh(store, count)
	if calls != 0 {
		t.Error("recomputed an unchanged store")
	}
	store.Remove("1")
	l.Refresh(store, count)
	l.Refresh(storeOfN(3), count) // another store, maybe at the same version
	if calls != 2 {
		t.Errorf("%d recomputes, want 2", calls)
	}
}

func TestListHelpKeys(t *testing.T) {
	l := listOf(storeOfN(3), 5)
	pressKeys(&l, "s")
	var got []string
	for _, k := range l.HelpKeys("open it") {
		got = append(got, k.Help().Key+" "+k.Help().Desc)
	}
	want := []string{"↑/k up", "↓/j down", "enter open it", "s sort: down", "pgup page up", "pgdn page down", "g/home top", "G/end bottom"}
	if !slices.Equal(got, want) {
		t.Errorf("HelpKeys = %q, want %q", got, want)
	}
	if l := listOf(storeOfN(0), 5); l.HelpKeys("open it")[2].Enabled() {
		t.Error("enter is enabled in an empty list")
	}
}

func TestListSetRowsKeepsTheCursorOnItsRow(t *testing.T) {
	l := NewList(New(), func(s string) string { return s }, func([]string, int) {}, "as given")
	l.SetSize(80, 5)
	l.SetRows([]string{"c", "b", "a"})
	pressKeys(&l, "j") // on "b"
	l.SetRows([]string{"d", "c", "b", "a"})
	if got, _ := l.Selected(); got != "b" || l.Len() != 4 {
		t.Fatalf("after new rows: selected %q of %d, want b of 4", got, l.Len())
	}
	// A store's rows replace them again.
	if !l.Refresh(storeOfN(2), ids) || l.Len() != 2 {
		t.Fatalf("Refresh after SetRows: %d rows, want the store's 2", l.Len())
	}
}
