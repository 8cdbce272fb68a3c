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
