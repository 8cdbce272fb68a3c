package common

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/model"
)

func TestSparkline(t *testing.T) {
	cases := []struct {
		series []int
		width  int
		want   string
	}{
		{[]int{0, 1, 2, 3, 4, 5, 6, 7}, 8, "▁▂▃▄▅▆▇█"},
		{[]int{0, 0, 0}, 3, "▁▁▁"},
		{[]int{1, 700}, 2, "▂█"},                   // one among hundreds still shows
		{[]int{5, 10}, 4, "  ▅█"},                  // short: padded on the left
		{[]int{1, 1, 2, 2, 0, 8, 8, 0}, 4, "▃▅██"}, // long: folded by pairs
		{[]int{3}, 0, ""},
		{nil, 2, "  "},
	}
	for _, c := range cases {
		got := Sparkline(c.series, c.width)
		if got != c.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", c.series, c.width, got, c.want)
		}
		if w := ansi.StringWidth(got); w != c.width {
			t.Errorf("Sparkline(%v, %d) is %d cells wide", c.series, c.width, w)
		}
	}
}

// plainRuns renders runs under the ASCII profile, as under NO_COLOR.
func plainRuns(t *testing.T, runs []Run) string {
	t.Helper()
	setTheme(t, Theme{Profile: termenv.Ascii, Dark: true})
	var b strings.Builder
	for _, r := range runs {
		if r.Style != nil {
			b.WriteString(r.Style.Render(r.Text))
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

func TestOutcomeBarReadsWithoutColour(t *testing.T) {
	cases := []struct {
		counts model.OutcomeCounts
		width  int
		want   string
	}{
		{model.OutcomeCounts{5, 2, 1, 1, 1}, 10, "█████✗✗⊘▸░"},
		{model.OutcomeCounts{999, 0, 0, 0, 1}, 10, "█████████░"}, // one left: never looks finished
		{model.OutcomeCounts{1000, 1, 0, 0, 0}, 8, "███████✗"},   // one failure still shows
		{model.OutcomeCounts{0, 0, 0, 3, 3}, 5, "▸▸▸░░"},
		{model.OutcomeCounts{}, 4, "····"},
		{model.OutcomeCounts{1, 1, 1, 1, 1}, 3, "█✗⊘"}, // no room for all: the width holds
	}
	for _, c := range cases {
		got := plainRuns(t, OutcomeBar(c.counts, c.width, DefaultStyles()))
		if got != c.want {
			t.Errorf("OutcomeBar(%v, %d) = %q, want %q", c.counts, c.width, got, c.want)
		}
		if w := ansi.StringWidth(got); w != c.width {
			t.Errorf("OutcomeBar(%v, %d) is %d cells wide", c.counts, c.width, w)
		}
	}
}

func TestOutcomeBarColoursByRole(t *testing.T) {
	setTheme(t, Theme{Profile: termenv.ANSI256, Dark: true})
	s := DefaultStyles()
	runs := OutcomeBar(model.OutcomeCounts{1, 1, 0, 0, 0}, 2, s)
	if len(runs) != 2 || runs[0].Style.GetForeground() != s.Status(model.StatusCompleted).GetForeground() ||
		runs[1].Style.GetForeground() != s.Status(model.StatusFailed).GetForeground() {
		t.Errorf("bar runs %+v are not in the completed and failed colours", runs)
	}
	if got := runs[1].Style.Render(runs[1].Text); !strings.Contains(got, "\x1b[") {
		t.Errorf("failed part %q has no colour", got)
	}
}

func TestOutcomeLegend(t *testing.T) {
	if got, want := plainRuns(t, OutcomeLegend(nil, DefaultStyles())),
		"█ completed  ✗ failed  ⊘ canceled/expired  ▸ running  ░ queued"; got != want {
		t.Errorf("legend = %q, want %q", got, want)
	}
	counts := model.OutcomeCounts{812, 40, 3, 7, 0}
	if got, want := plainRuns(t, OutcomeLegend(&counts, DefaultStyles())),
		"█ completed 812  ✗ failed 40  ⊘ canceled/expired 3  ▸ running 7  ░ queued 0"; got != want {
		t.Errorf("legend = %q, want %q", got, want)
	}
}

func TestSinceLine(t *testing.T) {
	counts := []model.StatusCount{{Status: model.StatusScheduled, Count: 4}, {Status: model.StatusCompleted, Count: 120}, {Status: model.StatusFailed, Count: 3}}
	at := time.Date(2024, 5, 6, 14, 2, 59, 0, time.UTC)
	got := plainRuns(t, SinceForms(counts, at, DefaultStyles())[0])
	if want := "+3 FAILED · +4 SCHEDULED · +120 COMPLETED since 14:02"; got != want {
		t.Errorf("the fullest since line = %q, want %q", got, want)
	}
	if forms := SinceForms(nil, at, DefaultStyles()); forms != nil {
		t.Errorf("nothing changed, yet SinceForms = %v", forms)
	}
}

// TestSinceForms: a narrower header gets shorter forms, and the failures
// stay to the last; without failures, the first status does.
func TestSinceForms(t *testing.T) {
	at := time.Date(2024, 5, 6, 14, 2, 0, 0, time.UTC)
	counts := []model.StatusCount{{Status: model.StatusInProgress, Count: 7}, {Status: model.StatusCompleted, Count: 120}, {Status: model.StatusFailed, Count: 3}}
	want := []string{
		"+3 FAILED · +7 IN_PROGRESS · +120 COMPLETED since 14:02",
		"+3 FAIL · +7 RUN · +120 DONE since 14:02",
		"+3 FAILED since 14:02",
		"+3 FAILED",
	}
	check := func(counts []model.StatusCount, want []string) {
		t.Helper()
		forms := SinceForms(counts, at, DefaultStyles())
		if len(forms) != len(want) {
			t.Fatalf("%d forms, want %d", len(forms), len(want))
		}
		for i, f := range forms {
			if got := plainRuns(t, f); got != want[i] {
				t.Errorf("form %d = %q, want %q", i, got, want[i])
			}
		}
	}
	check(counts, want)
	check(counts[:2], []string{
		"+7 IN_PROGRESS · +120 COMPLETED since 14:02",
		"+7 RUN · +120 DONE since 14:02",
		"+7 IN_PROGRESS since 14:02",
		"+7 IN_PROGRESS",
	})
}
