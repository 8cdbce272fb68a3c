package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Theme modes.
const (
	ThemeAuto  = "auto" // follow the terminal's background
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// Theme is how the dashboard is coloured.
type Theme struct {
	Mode string // ThemeAuto, ThemeDark or ThemeLight
	// Accent replaces the theme's accent colour, so that, say, production
	// looks different from a sandbox: "" keeps the theme's; otherwise
	// "#RRGGBB", "#RGB" or an ANSI colour number "0".."255", all of which
	// lipgloss.Color takes as they are.
	Accent string
	// Colors maps a status class (one of ColorClasses) to a colour written
	// like Accent; nil when the file sets none.
	Colors map[string]string
}

// ColorClasses are the status classes [colors] may colour, named after
// model.Class so that the UI can map one to the other.
func ColorClasses() []string {
	return []string{"queued", "running", "attention", "done", "failed", "stopped", "unknown"}
}

func checkMode(s string) error {
	if s == ThemeAuto || s == ThemeDark || s == ThemeLight {
		return nil
	}
	return fmt.Errorf("%q is not a theme: use %q, %q or %q", s, ThemeAuto, ThemeDark, ThemeLight)
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

const colourHint = `a colour like "#ff8700" or an ANSI colour number 0-255`

// asColour reads a colour from the file, where an ANSI number may be
// written bare (accent = 208) or quoted. A string is checked by the caller:
// accent may be "".
func asColour(v any) (string, error) {
	if n, ok := v.(int64); ok && n >= 0 && n <= 255 {
		return strconv.FormatInt(n, 10), nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", fmt.Errorf("expected %s, got %s", colourHint, describe(v, false))
}

func checkColour(s string) error {
	if hexColour.MatchString(s) {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 255 && s == strconv.Itoa(n) {
		return nil
	}
	return fmt.Errorf("expected %s, got %q", colourHint, s)
}

// checkAccent allows "", which keeps the theme's own accent.
func checkAccent(s string) error {
	if s == "" {
		return nil
	}
	return checkColour(s)
}

// readColors reads the [colors] table.
func (d *doc) readColors(n node) map[string]string {
	entries, ok := d.table(n, "a table like [colors]")
	if !ok {
		return nil
	}
	var colors map[string]string
	for _, e := range entries {
		class := e.name()
		if !slices.Contains(ColorClasses(), class) {
			d.errorf(e, "unknown status class %q in [colors]%s; the classes are %s",
				class, suggest(class, ColorClasses()), strings.Join(ColorClasses(), ", "))
			continue
		}
		c, err := asColour(e.raw)
		if err == nil {
			err = checkColour(c)
		}
		if err != nil {
			d.errorf(e, "%s: %v", e.key, err)
			continue
		}
		if colors == nil {
			colors = map[string]string{}
		}
		colors[class] = c
	}
	return colors
}
