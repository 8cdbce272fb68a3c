package common

import (
	"math"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestThousands(t *testing.T) {
	tests := map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 12345: "12,345", 100000: "100,000",
		1234567: "1,234,567", -1: "-1", -1000: "-1,000", -999999: "-999,999",
		math.MaxInt64: "9,223,372,036,854,775,807",
	}
	for n, want := range tests {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPluralAndCount(t *testing.T) {
	tests := []struct {
		n            int
		plural, full string
	}{
		{0, "jobs", "0 jobs"},
		{1, "job", "1 job"},
		{2, "jobs", "2 jobs"},
		{-1, "jobs", "-1 jobs"},
		{1000, "jobs", "1,000 jobs"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, "job"); got != tt.plural {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.plural)
		}
		if got := Count(tt.n, "job"); got != tt.full {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.full)
		}
	}
}

func TestNextMsgDeliversInOrderThenNothing(t *testing.T) {
	events := make(chan tea.Msg, 2)
	events <- "first"
	events <- "second"
	close(events)
	for _, want := range []tea.Msg{"first", "second", nil} {
		if got := NextMsg(events)(); got != want {
			t.Errorf("NextMsg = %v, want %v", got, want)
		}
	}
}
