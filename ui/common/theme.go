package common

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme is what the same styles render differently under: the terminal's
// colour profile and whether its background is dark. A view that keeps
// what it drew keys it on the Theme too, so that a change of either (tests
// switch profiles) is never answered with a frame drawn under the other.
type Theme struct {
	Profile termenv.Profile
	Dark    bool
}

// CurrentTheme is the Theme lipgloss renders with now.
func CurrentTheme() Theme {
	return Theme{Profile: lipgloss.ColorProfile(), Dark: lipgloss.HasDarkBackground()}
}
