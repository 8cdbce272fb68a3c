package jobtable

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/internal/uitest"
)

// newer returns n jobs created after every job of makeJobs, the newest
// first, with ids "n<from>"...
func newer(from, n int) []*model.Job {
	jobs := make([]*model.Job, n)
	for i := range jobs {
		jobs[n-1-i] = &model.Job{ID: "n" + strconv.Itoa(from+i), Status: model.StatusScheduled, Created: now.Add(time.Duration(from+i+1) * time.Second)}
	}
	return jobs
}

// plainLines is m's view as plain text, line by line.
func plainLines(t *testing.T, m Model) []string {
	t.Helper()
	return uitest.Lines(t, ansi.Strip(m.View()), m.width, m.height)
}

func TestFocusedTableAtTheTopFollowsTheHead(t *testing.T) {
	jobs := makeJobs(50)
	m := newTable(jobs, 100, 11)
	m.SetRows(append(newer(0, 3), jobs...))
	if sel := selectedKey(t, m); sel != "n2" || m.Cursor() != 0 || m.Arrived() != 0 {
		t.Fatalf("after 3 arrived at the top: on %q at %d, %d counted; want the newest, n2, at 0, none", sel, m.Cursor(), m.Arrived())
	}
	if row := plainLines(t, m)[1]; !strings.HasPrefix(row, "n2 ") {
		t.Errorf("first row %q, want the newest job", row)
	}
}

func TestJobsArrivingAboveTheWindowAreCounted(t *testing.T) {
	jobs := makeJobs(50)
	m := uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j") // on "4", line 3
	list := append(newer(0, 7), jobs...)
	m.SetRows(list)
	if sel := selectedKey(t, m); sel != "4" || m.Arrived() != 7 {
		t.Fatalf("after 7 arrived: on %q, %d counted; want \"4\", 7", sel, m.Arrived())
	}
	ls := plainLines(t, m)
	if !strings.HasPrefix(ls[0], "↑ 7 new  g: to the top") || !strings.HasPrefix(ls[1], "ID") {
		t.Fatalf("view:\n%s\nwant the marker line over the header", strings.Join(ls, "\n"))
	}
	if !strings.HasPrefix(ls[2+3], "4 ") {
		t.Errorf("the cursor's job is not on its line (3) under the header:\n%s", strings.Join(ls, "\n"))
	}
	// A sync with nothing new changes nothing; more new ones add up.
	m.SetRows(slices.Clone(list))
	list = append(newer(7, 2), list...)
	m.SetRows(list)
	if m.Arrived() != 9 {
		t.Errorf("after 2 more: %d counted, want 9", m.Arrived())
	}
	// A click lands on the row drawn under the pointer.
	m, _ = m.Update(tea.MouseMsg{X: 1, Y: 6, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if want := strings.Fields(plainLines(t, m)[6])[0]; selectedKey(t, m) != want {
		t.Errorf("a click on line 6 selected %q, want %q", selectedKey(t, m), want)
	}
	m = uitest.Press(t, m, "g")
	if sel := selectedKey(t, m); sel != "n8" || m.Arrived() != 0 || !strings.HasPrefix(plainLines(t, m)[0], "ID") {
		t.Errorf("after g: on %q, %d counted; want the newest, none, and no marker line", sel, m.Arrived())
	}
}

func TestCountClearsWhenTheTopShowsAgain(t *testing.T) {
	for _, keys := range [][]string{{"k", "k", "k", "k", "k", "k", "k", "k"}, {"pgup"}, {"home"}} {
		jobs := makeJobs(50)
		m := uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j")
		m.SetRows(append(newer(0, 4), jobs...))
		m = uitest.Press(t, m, keys...)
		if m.at.Offset != 0 || m.Arrived() != 0 || !strings.HasPrefix(plainLines(t, m)[0], "ID") {
			t.Errorf("after %v: offset %d, %d counted; want the top and no marker", keys, m.at.Offset, m.Arrived())
		}
	}
	// Moved there by the caller (the resubmitted job), or made tall
	// enough to show the top.
	jobs := makeJobs(50)
	m := uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j")
	m.SetRows(append(newer(0, 4), jobs...))
	m.SetCursor(0)
	if m.Arrived() != 0 {
		t.Errorf("after SetCursor(0): %d counted", m.Arrived())
	}
	m = uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j")
	m.SetRows(append(newer(0, 4), jobs...))
	m.SetSize(100, 60)
	if m.Arrived() != 0 || !strings.HasPrefix(plainLines(t, m)[0], "ID") {
		t.Errorf("with every row on screen: %d counted", m.Arrived())
	}
	// The wheel, too.
	m = uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j")
	m.SetRows(append(newer(0, 4), jobs...))
	for range 3 {
		m, _ = m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp})
	}
	if m.Arrived() != 0 {
		t.Errorf("after the wheel up to the top: %d counted", m.Arrived())
	}
}

func TestAnotherListingCountsNothing(t *testing.T) {
	jobs := makeJobs(50)
	m := uitest.Press(t, newTable(jobs, 100, 11), "j", "j", "j")
	reversed := slices.Clone(jobs)
	slices.Reverse(reversed)
	m.ReplaceRows(reversed)
	if m.Arrived() != 0 {
		t.Errorf("after another sort: %d counted, want none", m.Arrived())
	}
}

func TestUnfocusedTableAtTheTopKeepsItsJob(t *testing.T) {
	jobs := makeJobs(50)
	m := newTable(jobs, 100, 11)
	m.SetFocused(false) // the detail pane shows the selected job: it must not change under the user
	m.SetRows(append(newer(0, 2), jobs...))
	if sel := selectedKey(t, m); sel != "1" || m.Arrived() != 2 {
		t.Errorf("on %q, %d counted; want \"1\", 2", sel, m.Arrived())
	}
}

func TestMarkerViewIsExactlyTheSize(t *testing.T) {
	for _, h := range []int{2, 3, 4, 5, 6, 11} {
		for _, w := range []int{0, 5, 12, 40, 120} {
			jobs := makeJobs(30)
			m := uitest.Press(t, newTable(jobs, w, h), "j", "j", "j", "j")
			m.SetRows(append(newer(0, 5), jobs...))
			ls := plainLines(t, m)
			marker := h > 0 && w > 0 && strings.HasPrefix(ls[0], "↑")
			if want := h >= 5 && w > 0; marker != want {
				t.Errorf("%dx%d: marker line shown %v, want %v", w, h, marker, want)
			}
		}
	}
}

// changes is a store's StatusChangedAt as a map, for the table.
type changes map[string]time.Time

func (c changes) at(key string) time.Time { return c[key] }

func TestChangedRowsAreMarkedForAWhile(t *testing.T) {
	jobs := makeJobs(5)
	c := uitest.Common()
	wall := now
	c.Now = func() time.Time { return wall }
	m := New(c)
	m.SetSize(100, 7)
	m.SetRows(jobs)
	m.SetStatusChanges(changes{"2": now.Add(-time.Second), "4": now.Add(-10 * time.Second)}.at)
	ls := plainLines(t, m)
	if !strings.HasPrefix(ls[2], " •2 ") {
		t.Errorf("row of a job changed 1s ago: %q, want the change mark", ls[2])
	}
	for _, i := range []int{1, 3, 4, 5} {
		if strings.Contains(ls[i], "•") {
			t.Errorf("row %q is marked: its job did not change in the last %v", ls[i], changeMarkFor)
		}
	}
	// Nothing but the clock moves: the kept frame must not outlive the mark.
	wall = now.Add(changeMarkFor - time.Second - time.Nanosecond)
	if !strings.Contains(plainLines(t, m)[2], "•") {
		t.Error("the mark went before its time")
	}
	wall = now.Add(changeMarkFor - time.Second)
	if row := plainLines(t, m)[2]; strings.Contains(row, "•") {
		t.Errorf("the mark outlived its %v: %q", changeMarkFor, row)
	}
}
