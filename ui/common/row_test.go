package common

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestLayout(t *testing.T) {
	cols := []Column{
		{Title: "A", Width: 10},
		{Title: "B", Width: 5, Drop: 2},
		{Title: "C", Width: 20, Drop: 1, Flex: true},
		{Title: "D", Width: 4, Drop: 3},
	}
	cases := map[int][]int{
		100: {10, 5, 75, 4}, // the slack goes to the flex column
		45:  {10, 5, 20, 4},
		44:  {10, 5, 0, 25}, // C goes first; the last column takes the slack
		23:  {10, 5, 0, 4},
		22:  {10, 0, 0, 10},
		13:  {13, 0, 0, 0},
		9:   {9, 0, 0, 0}, // the first column is squeezed, never dropped
		1:   {1, 0, 0, 0},
		0:   {0, 0, 0, 0},
	}
	for width, want := range cases {
		if got := Layout(width, cols); !slices.Equal(got, want) {
			t.Errorf("Layout(%d) = %v, want %v", width, got, want)
		}
	}
	for width := 1; width < 120; width++ {
		sum := -ColumnGap
		for _, w := range Layout(width, cols) {
			if w > 0 {
				sum += ColumnGap + w
			}
		}
		if sum != width {
			t.Errorf("Layout(%d) adds up to %d", width, sum)
		}
	}
}

func TestRowCell(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	cases := []struct {
		width int
		runs  []Run
		want  string
	}{
		{6, []Run{Plain("ab"), Styled("cd", red)}, "abcd  "},
		{4, []Run{Plain("ab"), Styled("cd", red)}, "abcd"},
		{3, []Run{Plain("ab"), Styled("cd", red)}, "ab…"},
		{2, []Run{Plain("ab"), Styled("cd", red)}, "a…"},
		{1, []Run{Plain("ab")}, "…"},
		{4, []Run{Plain("ラベル")}, "ラ… "}, // a wide character that does not fit leaves a hole
		{3, nil, "   "},
		{0, []Run{Plain("ab")}, ""},
	}
	for _, tc := range cases {
		r := NewRow(lipgloss.NewStyle())
		r.Cell(tc.width, tc.runs...)
		if got := ansi.Strip(r.String()); got != tc.want {
			t.Errorf("Cell(%d, %v) = %q, want %q", tc.width, tc.runs, got, tc.want)
		}
	}
	r := NewRow(lipgloss.NewStyle())
	r.Cell(3, Plain("a"))
	r.Cell(0, Plain("dropped"))
	r.Cell(2, Plain("b"))
	if got := ansi.Strip(r.String()); got != "a    b " {
		t.Errorf("cells are not separated by one gap: %q", got)
	}
}

// TestRowKeepsTheBaseUnderStyledRuns checks that a run's colour is laid
// over the row's background rather than cutting it short.
func TestRowKeepsTheBaseUnderStyledRuns(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	base := r.NewStyle().Background(lipgloss.Color("4"))
	row := NewRow(base)
	row.Cell(4, Plain("ab"), Styled("cd", r.NewStyle().Foreground(lipgloss.Color("1"))))
	row.Cell(2, Plain("e"))
	got := row.String()
	for _, want := range []string{"\x1b[44mab\x1b[0m", "\x1b[31;44mcd\x1b[0m", "\x1b[44m  e \x1b[0m"} {
		if !strings.Contains(got, want) {
			t.Errorf("row %q lacks %q", got, want)
		}
	}
}

func TestHeader(t *testing.T) {
	cols := []Column{{Title: "NAME", Width: 6}, {Title: "COUNT", Width: 3, Drop: 1}}
	if got := ansi.Strip(Header(cols, []int{6, 3}, lipgloss.NewStyle())); got != "NAME    CO…" {
		t.Errorf("Header = %q", got)
	}
}

func TestPercentBar(t *testing.T) {
	cases := []struct {
		part, whole int
		want        string
	}{
		{0, 10, "░░░░░   0%"},
		{5, 10, "██░░░  50%"},
		{999, 1000, "████░  99%"}, // rounded down: not finished
		{10, 10, "█████ 100%"},
		{0, 0, "░░░░░   0%"},
		{12, 10, "█████ 100%"},
	}
	for _, tc := range cases {
		var text string
		for _, run := range PercentBar(tc.part, tc.whole, 5, DefaultStyles()) {
			text += run.Text
		}
		if text != tc.want || ansi.StringWidth(text) != 5+PercentWidth {
			t.Errorf("PercentBar(%d, %d) = %q, want %q", tc.part, tc.whole, text, tc.want)
		}
	}
}
