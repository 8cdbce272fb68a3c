package ui

import (
	"github.com/charmbracelet/lipgloss"

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
	c.Styles = c.Styles.Resolve(common.CurrentTheme())
	return c
}
