package batches

import (
	"strings"
	"testing"
	"time"

	"superdash/ui/internal/uitest"
)

// TestThroughputStrip: the strip above the list shows the completions
// and failures of each of the last 30 minutes, the newest at the right,
// with their totals, the current rate and the failure rate, and moves on
// with the clock while the store stands still.
func TestThroughputStrip(t *testing.T) {
	store := uitest.Store(t,
		job("1", "b", "COMPLETED", at(time.Hour), at(0)),
		job("2", "b", "COMPLETED", at(time.Hour), at(0)),
		job("3", "b", "COMPLETED", at(time.Hour), at(0)),
		job("4", "b", "FAILED", at(time.Hour), at(10*time.Minute)),
		job("5", "b", "CANCELED", at(time.Hour), at(0)),              // neither completed nor failed
		job("6", "", "COMPLETED", at(time.Hour), at(45*time.Minute)), // before the window
	)
	clock := now
	m := New(testCommon(&clock))
	m.SetSize(80, 24)
	m.Refresh(store)
	spark := func(low, high int, tail string) string {
		return strings.Repeat("▁", low) + "█" + strings.Repeat("▁", high) + tail
	}
	for _, step := range []struct {
		after             time.Duration
		completed, failed string
	}{
		{0,
			"completed " + spark(29, 0, "  3 in 30m  ending 0.6/min now"),
			"failed    " + spark(19, 10, "  1 in 30m  failure rate 25.0%")},
		{10 * time.Minute, // the completions are ten minutes old: no longer current
			"completed " + spark(19, 10, "  3 in 30m  ending 0/min now"),
			"failed    " + spark(9, 20, "  1 in 30m  failure rate 25.0%")},
		{30 * time.Minute,
			"completed " + strings.Repeat("▁", 30) + "  0 in 30m  ending 0/min now",
			"failed    " + strings.Repeat("▁", 30) + "  0 in 30m  failure rate —"},
	} {
		clock = now.Add(step.after)
		m.Refresh(store) // unchanged: the rows are not recomputed
		lines := uitest.Lines(t, m.View(), 80, 24)
		for i, want := range []string{step.completed, step.failed} {
			if got := strings.TrimRight(lines[i], " "); got != want {
				t.Errorf("%v later, line %d:\n got %q\nwant %q", step.after, i, got, want)
			}
		}
	}

	// A sync within the same minute shows at once.
	uitest.Merge(t, store, job("7", "b", "FAILED", at(time.Hour), at(-30*time.Minute)))
	m.Refresh(store)
	want := "failed    " + spark(29, 0, "  1 in 30m  failure rate 100.0%")
	if got := strings.TrimRight(uitest.Lines(t, m.View(), 80, 24)[1], " "); got != want {
		t.Errorf("after a sync:\n got %q\nwant %q", got, want)
	}
}

// TestShortScreensGiveTheListRoom: the strip goes first, then the legend,
// so a short screen still lists batches.
func TestShortScreensGiveTheListRoom(t *testing.T) {
	for _, tc := range []struct {
		height        int
		strip, legend bool
	}{
		{3, false, false}, {4, false, true}, {9, false, true}, {10, true, true}, {24, true, true},
	} {
		view := newView(goldenStore(t), 80, tc.height).View()
		lines := uitest.Lines(t, view, 80, tc.height)
		if got := strings.Contains(view, "failure rate"); got != tc.strip {
			t.Errorf("height %d: strip shown = %v", tc.height, got)
		}
		if got := strings.Contains(view, "canceled/expired"); got != tc.legend {
			t.Errorf("height %d: legend shown = %v", tc.height, got)
		}
		if header := aboveLines(80, tc.height); !strings.HasPrefix(lines[header], "BATCH") {
			t.Errorf("height %d: line %d is not the list's header: %q", tc.height, header, lines[header])
		}
	}
}
