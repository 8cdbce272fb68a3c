package batches

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/internal/uitest"
)

// TestBarOutcomesReadWithoutColour: with styles off (NO_COLOR), each
// outcome in a batch's bar still has a glyph of its own, and the one
// legend above the list says which is which.
func TestBarOutcomesReadWithoutColour(t *testing.T) {
	store := uitest.Store(t,
		job("1", "mixed", "COMPLETED", at(time.Hour), at(time.Minute)),
		job("2", "mixed", "FAILED", at(time.Hour), at(time.Minute)),
		job("3", "mixed", "CANCELED", at(time.Hour), at(time.Minute)),
		job("4", "mixed", "IN_PROGRESS", at(time.Hour), ""),
		job("5", "mixed", "SCHEDULED", at(time.Hour), ""),
	)
	lines := uitest.Lines(t, newView(store, 120, 10).View(), 120, 10)
	if strings.Contains(strings.Join(lines, "\n"), "\x1b") {
		t.Fatalf("styles are on: the test needs them off")
	}
	// The legend ends the lines above the list's header; the row: its
	// id, then its bar.
	top := aboveLines(120, 10)
	legend, bar := lines[top-1], strings.Fields(lines[top+1])[1]
	for _, part := range []struct{ glyph, name string }{
		{"█", "completed"}, {"✗", "failed"}, {"⊘", "canceled/expired"}, {"▸", "running"}, {"░", "queued"},
	} {
		if !strings.Contains(legend, part.glyph+" "+part.name) {
			t.Errorf("the legend lacks %q: %q", part.glyph+" "+part.name, legend)
		}
		if !strings.Contains(bar, part.glyph) {
			t.Errorf("the bar shows no %s (%s): %q", part.name, part.glyph, bar)
		}
	}
	if n := strings.Count(strings.Join(lines, "\n"), "canceled/expired"); n != 1 {
		t.Errorf("the legend shows %d times, want once", n)
	}
}

// TestStalledOnlyOnTheVerdict: a batch is called stalled only once it
// has been quiet for several times its own gap between endings, and never
// within its first ten minutes with nothing ended.
func TestStalledOnlyOnTheVerdict(t *testing.T) {
	store := uitest.Store(t,
		// Young: a minute old, nothing ended yet.
		job("1", "young", "SCHEDULED", at(time.Minute), ""),
		// Fast: a job every 30s until a minute ago; five gaps are
		// 2m30s, so the ten-minute floor is what applies.
		job("2", "fast", "COMPLETED", at(time.Hour), at(2*time.Minute)),
		job("3", "fast", "COMPLETED", at(time.Hour), at(90*time.Second)),
		job("4", "fast", "COMPLETED", at(time.Hour), at(time.Minute)),
		job("5", "fast", "IN_PROGRESS", at(time.Hour), ""),
	)
	clock := now
	m := New(testCommon(&clock))
	m.SetSize(120, 10)
	m.Refresh(store)
	for _, step := range []struct {
		after       time.Duration
		young, fast bool // stalled
	}{
		{0, false, false},
		{8 * time.Minute, false, false},
		{9 * time.Minute, true, true}, // both quiet for ten minutes
	} {
		clock = now.Add(step.after)
		want := map[string]bool{"young": step.young, "fast": step.fast}
		seen := 0
		for _, line := range uitest.Lines(t, m.View(), 120, 10) {
			id, _, _ := strings.Cut(line, " ")
			if stalled, ok := want[id]; ok {
				seen++
				if strings.Contains(line, "stalled") != stalled {
					t.Errorf("%v later, %s stalled = %v, want %v: %q", step.after, id, !stalled, stalled, line)
				}
			}
		}
		if seen != len(want) {
			t.Fatalf("%v later: %d of the %d batches shown", step.after, seen, len(want))
		}
	}
}

// TestClickCountsTheLinesAbove: a click picks the row drawn where it
// landed, below the lines above the list.
func TestClickCountsTheLinesAbove(t *testing.T) {
	m := newView(goldenStore(t), 120, 40)
	lines := uitest.Lines(t, m.View(), 120, 40)
	for y, line := range lines {
		id, _, _ := strings.Cut(line, " ")
		if id != "bulk-0701" {
			continue
		}
		m, _ = m.Update(tea.MouseMsg{X: 1, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		if got, _ := m.Selected(); got != "bulk-0701" {
			t.Errorf("a click on line %d selected %q, want bulk-0701", y, got)
		}
		return
	}
	t.Fatalf("bulk-0701 not shown:\n%s", strings.Join(lines, "\n"))
}
