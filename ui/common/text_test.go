package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFit(t *testing.T) {
	cases := []struct {
		in    string
		width int
		want  string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"ラベルラベル", 5, "ラベ…"}, {"ラベルラベル", 4, "ラ… "},
		{"abc", 0, ""},
		{"", 2, "  "},
	}
	for _, tc := range cases {
		got := Fit(tc.in, tc.width)
		if got != tc.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		if w := ansi.StringWidth(got); w != max(tc.width, 0) {
			t.Errorf("Fit(%q, %d) is %d cells wide", tc.in, tc.width, w)
		}
	}
}

func TestBox(t *testing.T) {
	got := Box("abcdef\nxy\nextra\nmore", 4, 3)
	if got != "abc…\nxy  \next…" {
		t.Errorf("Box = %q", got)
	}
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("Box gave %d lines, want 3: %q", len(lines), got)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != 4 {
			t.Errorf("line %q is %d cells, want 4", l, w)
		}
	}
	if Box("a", 3, 2) != "a  \n   " {
		t.Errorf("Box pads: got %q", Box("a", 3, 2))
	}
	if Box("a", 0, 2) != "" || Box("a", 2, 0) != "" {
		t.Error("Box of a zero size must be empty")
	}
}
