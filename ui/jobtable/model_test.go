package jobtable

import (
	"slices"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"go.uber.org/goleak"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	// No test may leave a goroutine behind (a fetch, a timer).
	goleak.VerifyTestMain(m)
}

// now is the frozen clock of every test.
var now = uitest.Now

// makeJobs returns n plain jobs with ids "1".."n".
func makeJobs(n int) []*model.Job {
	jobs := make([]*model.Job, n)
	for i := range jobs {
		jobs[i] = &model.Job{
			ID:      strconv.Itoa(i + 1),
			BatchID: "b" + strconv.Itoa(i%7),
			Status:  model.StatusInProgress,
			JobType: "DEFAULT",
			Created: now.Add(-time.Duration(i) * time.Minute),
			Tags:    []string{"t" + strconv.Itoa(i%3)},
		}
	}
	return jobs
}

// newTable is a table of width×height over jobs.
func newTable(jobs []*model.Job, width, height int) Model {
	m := New(uitest.Common())
	m.SetSize(width, height)
	m.SetRows(jobs)
	return m
}

func repeat(name string, n int) []string {
	return slices.Repeat([]string{name}, n)
}

func TestKeys(t *testing.T) {
	// 100 jobs, 10 rows on screen under the header.
	cases := []struct {
		name           string
		keys           []string
		cursor, offset int
	}{
		{"j moves down", []string{"j", "j", "down"}, 3, 0},
		{"k moves up", []string{"j", "j", "k", "up"}, 0, 0},
		{"up stops at the top", []string{"k", "up"}, 0, 0},
		{"cursor moves within the window", repeat("j", 9), 9, 0},
		{"window scrolls at its bottom edge", repeat("j", 12), 12, 3},
		{"window scrolls at its top edge", append(repeat("j", 12), repeat("k", 10)...), 2, 2},
		{"G goes to the end", []string{"G"}, 99, 90},
		{"end goes to the end", []string{"end"}, 99, 90},
		{"down stops at the end", []string{"G", "j", "down"}, 99, 90},
		{"g goes to the top", []string{"G", "g"}, 0, 0},
		{"home goes to the top", []string{"G", "home"}, 0, 0},
		{"pgdn moves a page, cursor keeps its line", []string{"j", "j", "pgdn"}, 12, 10},
		{"pgup moves a page back", []string{"j", "j", "pgdn", "pgdn", "pgup"}, 12, 10},
		{"pgup stops at the top", []string{"j", "j", "pgup"}, 0, 0},
		{"pgdn stops at the end", append(repeat("pgdn", 9), "pgdn", "pgdn"), 99, 90},
		{"other keys do nothing", []string{"j", "x"}, 1, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := uitest.Press(t, newTable(makeJobs(100), 80, 11), tc.keys...)
			if m.Cursor() != tc.cursor || m.at.Offset != tc.offset {
				t.Errorf("cursor, offset = %d, %d; want %d, %d", m.Cursor(), m.at.Offset, tc.cursor, tc.offset)
			}
		})
	}
}

func TestKeysOnEmptyAndTinyTables(t *testing.T) {
	for _, size := range [][2]int{{80, 11}, {5, 1}, {0, 0}} {
		for _, n := range []int{0, 3} {
			m := newTable(makeJobs(n), size[0], size[1])
			m = uitest.Press(t, m, "j", "pgdn", "G", "k", "pgup", "g", "end")
			if want := max(n-1, 0); m.Cursor() != want {
				t.Errorf("%v, %d jobs: cursor %d, want %d", size, n, m.Cursor(), want)
			}
			if _, ok := m.Selected(); ok != (n > 0) {
				t.Errorf("%v, %d jobs: Selected ok = %v", size, n, ok)
			}
		}
	}
}

func mouse(button tea.MouseButton, action tea.MouseAction, x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: button, Action: action}
}

func TestMouse(t *testing.T) {
	wheelDown := mouse(tea.MouseButtonWheelDown, tea.MouseActionPress, 5, 5)
	wheelUp := mouse(tea.MouseButtonWheelUp, tea.MouseActionPress, 5, 5)
	click := func(y int) tea.MouseMsg { return mouse(tea.MouseButtonLeft, tea.MouseActionPress, 5, y) }

	cases := []struct {
		name           string
		jobs           int
		msgs           []tea.MouseMsg
		cursor, offset int
	}{
		{"wheel scrolls three rows", 100, []tea.MouseMsg{wheelDown}, 3, 3},
		{"wheel back up", 100, []tea.MouseMsg{wheelDown, wheelDown, wheelUp}, 3, 3},
		{"wheel up stops at the top", 100, []tea.MouseMsg{wheelUp}, 0, 0},
		{"wheel on a short list moves the cursor", 5, []tea.MouseMsg{wheelDown, wheelDown}, 4, 0},
		{"click selects the row under the pointer", 100, []tea.MouseMsg{click(4)}, 3, 0},
		{"click counts from the window", 100, []tea.MouseMsg{wheelDown, click(1)}, 3, 3},
		{"click on the header does nothing", 100, []tea.MouseMsg{click(4), click(0)}, 3, 0},
		{"click below the last row does nothing", 5, []tea.MouseMsg{click(2), click(8)}, 1, 0},
		{"click below the table does nothing", 100, []tea.MouseMsg{click(11)}, 0, 0},
		{"click beside the table does nothing", 100, []tea.MouseMsg{mouse(tea.MouseButtonLeft, tea.MouseActionPress, 80, 4)}, 0, 0},
		{"release does nothing", 100, []tea.MouseMsg{mouse(tea.MouseButtonLeft, tea.MouseActionRelease, 5, 4)}, 0, 0},
		{"right click does nothing", 100, []tea.MouseMsg{mouse(tea.MouseButtonRight, tea.MouseActionPress, 5, 4)}, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newTable(makeJobs(tc.jobs), 80, 11)
			for _, msg := range tc.msgs {
				var cmd tea.Cmd
				if m, cmd = m.Update(msg); cmd != nil {
					t.Fatalf("%v returned a command", msg)
				}
			}
			if m.Cursor() != tc.cursor || m.at.Offset != tc.offset {
				t.Errorf("cursor, offset = %d, %d; want %d, %d", m.Cursor(), m.at.Offset, tc.cursor, tc.offset)
			}
		})
	}
}

func selectedKey(t *testing.T, m Model) string {
	t.Helper()
	j, ok := m.Selected()
	if !ok {
		t.Fatal("nothing selected")
	}
	return j.Key()
}

func TestSetRowsKeepsTheSelectedJob(t *testing.T) {
	jobs := makeJobs(100)
	m := uitest.Press(t, newTable(jobs, 80, 11), repeat("j", 14)...) // on job "15", line 9 of the window

	reversed := slices.Clone(jobs)
	slices.Reverse(reversed)
	m.ReplaceRows(reversed) // another sort: nothing arrived
	if got := selectedKey(t, m); got != "15" || m.Cursor() != 85 {
		t.Fatalf("after reorder: on %q at %d, want \"15\" at 85", got, m.Cursor())
	}
	if line := m.Cursor() - m.at.Offset; line != 9 {
		t.Errorf("after reorder the cursor is on line %d of the window, want 9 as before", line)
	}

	inserted := append([]*model.Job{{ID: "new-a"}, {ID: "new-b"}}, reversed...)
	m.SetRows(inserted)
	if got := selectedKey(t, m); got != "15" || m.Cursor() != 87 {
		t.Fatalf("after insert: on %q at %d, want \"15\" at 87", got, m.Cursor())
	}

	removed := slices.DeleteFunc(slices.Clone(inserted), func(j *model.Job) bool { return j.ID == "15" })
	m.SetRows(removed)
	if got := selectedKey(t, m); m.Cursor() != 87 || got != removed[87].Key() {
		t.Fatalf("after removing the selected job: on %q at %d, want the job now at 87", got, m.Cursor())
	}

	m.SetRows(removed[:10])
	if m.Cursor() != 9 || m.at.Offset != 0 {
		t.Fatalf("after shrinking to 10: cursor, offset = %d, %d; want 9, 0", m.Cursor(), m.at.Offset)
	}

	m.SetRows(nil)
	if _, ok := m.Selected(); ok || m.Cursor() != 0 || m.Len() != 0 {
		t.Fatalf("after emptying: cursor %d, len %d, selected %v", m.Cursor(), m.Len(), ok)
	}
	m.SetRows(jobs)
	if got := selectedKey(t, m); got != "1" {
		t.Fatalf("after refilling: on %q, want the first job", got)
	}
}

func TestSetRowsFollowsAJobWithoutID(t *testing.T) {
	jobs := []*model.Job{{UUID: "u-1"}, {UUID: "u-2"}, {ID: "3"}}
	m := uitest.Press(t, newTable(jobs, 80, 11), "j")
	m.SetRows([]*model.Job{jobs[2], jobs[1], jobs[0]})
	if got := selectedKey(t, m); got != "u-2" || m.Cursor() != 1 {
		t.Errorf("on %q at %d, want \"u-2\" at 1", got, m.Cursor())
	}
}

func TestSetSizeKeepsTheCursorOnScreen(t *testing.T) {
	m := uitest.Press(t, newTable(makeJobs(100), 80, 21), repeat("j", 19)...)
	m.SetSize(80, 6)
	if m.Cursor() != 19 || m.Cursor() < m.at.Offset || m.Cursor() >= m.at.Offset+5 {
		t.Errorf("cursor %d, offset %d: cursor off a 5-row screen", m.Cursor(), m.at.Offset)
	}
	m.SetSize(80, 200)
	if m.at.Offset != 0 {
		t.Errorf("offset %d on a screen taller than the list, want 0", m.at.Offset)
	}
}

// A focused table resting on its first row follows the head of the list:
// jobs arriving on top are shown, not scrolled out of sight. Anywhere else,
// or unfocused, the cursor stays on its job.
func TestSetRowsFollowsTheHeadFromTheFirstRow(t *testing.T) {
	jobs := makeJobs(10)
	newer := append([]*model.Job{{ID: "new-1"}, {ID: "new-2"}}, jobs...)

	m := newTable(jobs, 80, 6)
	m.SetRows(newer)
	if j, _ := m.Selected(); j.Key() != "new-1" || m.at.Offset != 0 {
		t.Errorf("on the first row: selected %s at offset %d, want new-1 at 0", j.Key(), m.at.Offset)
	}

	m = newTable(jobs, 80, 6)
	m.SetFocused(false)
	m.SetRows(newer)
	if j, _ := m.Selected(); j.Key() != "1" {
		t.Errorf("unfocused: selected %s, want the same job, 1", j.Key())
	}

	m = newTable(jobs, 80, 6)
	m.SetCursor(3)
	m.SetRows(newer)
	if j, _ := m.Selected(); j.Key() != "4" {
		t.Errorf("below the first row: selected %s, want the same job, 4", j.Key())
	}
}
