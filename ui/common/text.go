package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Ellipsis ends every value cut to fit.
const Ellipsis = "…"

// Fit cuts s to at most width terminal cells, ending it with an ellipsis
// when something was cut, and pads it with spaces to exactly width. It
// measures cells, not bytes, so wide characters never push a row over.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width, Ellipsis)
	if pad := width - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// Cut is Fit without the padding.
func Cut(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, Ellipsis)
}

// Box makes s exactly width cells wide and height lines tall: long lines
// are cut, short ones padded, extra lines dropped, missing ones added. It
// is how a child's view is fitted to the space it was given, so a view
// that is one line or one cell too big can never scroll the screen.
func Box(s string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.SplitN(s, "\n", height+1)
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Fit(l, width)
	}
	return strings.Join(lines, "\n")
}

// SortArrow shows a sort order: ↓ for descending (newest, largest first),
// ↑ for ascending.
func SortArrow(desc bool) string {
	if desc {
		return "↓"
	}
	return "↑"
}
