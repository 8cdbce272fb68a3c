package common

import (
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
