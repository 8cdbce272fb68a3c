package watching

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/model"
	"superdash/model/watch"
	"superdash/ui/common"
)

func ended(name string, counts model.OutcomeCounts) watch.Event {
	p := watch.Progress{}
	p.Jobs.Counts = counts
	return watch.Event{Kind: watch.Ended, Target: watch.Target{Batch: name}, Progress: p}
}

// TestToastOver lays the toast over styled content: the lines above the
// box and the last line (a pane's bottom border) are untouched, so are the
// two cells right of the box (a pane's right border and a margin), every
// line with the box stays as wide as the screen, the style cut under the
// box is ended before it, and the newest events stay.
func TestToastOver(t *testing.T) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	st := common.DefaultStyles()
	const width = 60
	row := st.Error.Render(strings.Repeat("x", width))
	content := strings.Repeat(row+"\n", 9) + "short" // a line shorter than the screen too

	var toast Toast
	if got := toast.Over(content, width, st); got != content {
		t.Fatal("no toast, yet the content changed")
	}
	first := toast.Add([]watch.Event{ended("a", model.OutcomeCounts{3}), ended("b", model.OutcomeCounts{1, 1})})
	last := toast.Add([]watch.Event{ended("c", model.OutcomeCounts{2}), ended("d", model.OutcomeCounts{2})})
	lines := strings.Split(toast.Over(content, width, st), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines, want 10", len(lines))
	}
	for i, l := range lines {
		switch {
		case i < 4 && l != row:
			t.Errorf("line %d, above the box, changed: %q", i, l)
		case i == 9 && l != "short":
			t.Errorf("the last line, below the box, changed: %q", l)
		case i >= 4 && i < 9:
			if w := ansi.StringWidth(l); w != width {
				t.Errorf("line %d is %d wide, want %d: %q", i, w, width, l)
			}
			if plain := []rune(ansi.Strip(l)); string(plain[len(plain)-2:]) != "xx" || !strings.ContainsRune("╮│╯", plain[len(plain)-3]) {
				t.Errorf("line %d lost what content drew right of the box: %q", i, string(plain))
			}
		}
	}
	plain := ansi.Strip(strings.Join(lines, "\n"))
	for _, want := range []string{"✗ batch b ended: 1 completed, 1 failed of 2", "✓ batch c ended", "✓ batch d ended"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the toast lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(plain, "batch a") {
		t.Errorf("the oldest event stayed past the toast's three lines:\n%s", plain)
	}
	box := strings.Index(lines[6], "│")
	cut := strings.LastIndex(lines[6][:box], "x")
	if between := lines[6][cut+1 : box]; !strings.Contains(between, ansi.ResetStyle) && !strings.Contains(between, "\x1b[0m") {
		t.Errorf("the style cut under the box runs into it: %q", lines[6])
	}
	toast.Expire(first)
	if !toast.Shown() {
		t.Error("an earlier toast's expiry hid the later one")
	}
	toast.Expire(last)
	if toast.Shown() {
		t.Error("the toast outlived its expiry")
	}
}
