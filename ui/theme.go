package ui

import (
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/config"
	"superdash/model"
	"superdash/ui/common"
)

// classNames maps the status classes config.ColorClasses names to the
// model's.
var classNames = map[string]model.Class{
	"queued":    model.ClassQueued,
	"running":   model.ClassRunning,
	"attention": model.ClassAttention,
	"done":      model.ClassDone,
	"failed":    model.ClassFailed,
	"stopped":   model.ClassStopped,
	"unknown":   model.ClassUnknown,
}

// NewCommon builds what every part of the screen shares from the settings:
// the theme, the accent and status colours, and the key bindings.
func NewCommon(cfg config.Config) *common.Common {
	switch cfg.Theme.Mode {
	case config.ThemeDark:
		lipgloss.SetHasDarkBackground(true)
	case config.ThemeLight:
		lipgloss.SetHasDarkBackground(false)
	}
	c := common.New()
	c.Keys = cfg.Keys
	if cfg.Theme.Accent != "" {
		c.Styles = c.Styles.WithAccent(lipgloss.Color(cfg.Theme.Accent))
	}
	for name, colour := range cfg.Theme.Colors {
		if class, ok := classNames[name]; ok {
			c.Styles = c.Styles.WithStatusColor(class, lipgloss.Color(colour))
		}
	}
	// The colours are converted for this terminal here, once, instead of
	// by lipgloss on every render of every styled run. Its colour profile
	// and background do not change while the dashboard runs.
	c.Styles = stylesFor(c.Styles, drawingTheme())
	return c
}

// drawingTheme is the theme the styles are resolved for. Under NO_COLOR
// on a terminal, termenv's profile (Ascii) would drop bold and reverse
// video with the colours, and the selected row with them: the renderer
// draws in 16 colours instead, and the styles are resolved for Ascii, so
// that they hold no colour but keep their attributes.
func drawingTheme() common.Theme {
	theme := common.CurrentTheme()
	out := termenv.NewOutput(os.Stdout)
	if theme.Profile == termenv.Ascii && out.EnvNoColor() && out.ColorProfile() != termenv.Ascii {
		lipgloss.SetColorProfile(termenv.ANSI)
	}
	return theme
}

// stylesFor resolves the styles for the theme; with 16 colours or none,
// what colour alone marked gets an attribute as well.
func stylesFor(s common.Styles, theme common.Theme) common.Styles {
	if theme.Profile == termenv.ANSI || theme.Profile == termenv.Ascii {
		s = s.WithoutColourSignals()
	}
	return s.Resolve(theme)
}
