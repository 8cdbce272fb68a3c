package common

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/model"
)

// eachStyle calls fn with the name and value of every style in s: the
// fields, then the status classes.
func eachStyle(s Styles, fn func(name string, st lipgloss.Style)) {
	v := reflect.ValueOf(s)
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			if st, ok := v.Field(i).Interface().(lipgloss.Style); ok {
				fn(f.Name, st)
			}
		}
	}
	for k := model.ClassUnknown; k <= model.ClassStopped; k++ {
		fn("status class "+string(rune('0'+k)), s.status[k])
	}
}

// setTheme renders with t for the rest of the test.
func setTheme(t *testing.T, th Theme) {
	profile, dark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	t.Cleanup(func() {
		lipgloss.SetColorProfile(profile)
		lipgloss.SetHasDarkBackground(dark)
	})
	lipgloss.SetColorProfile(th.Profile)
	lipgloss.SetHasDarkBackground(th.Dark)
}

var allThemes = func() []Theme {
	var out []Theme
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		out = append(out, Theme{p, true}, Theme{p, false})
	}
	return out
}()

// TestResolvedStylesRenderTheSame: under the theme they were resolved for,
// resolved styles write exactly the bytes the styles as built write, for
// every style, every profile and both backgrounds, with a profile's own
// accent and status colour (hex and palette) set before or after.
func TestResolvedStylesRenderTheSame(t *testing.T) {
	custom := func(s Styles) Styles {
		return s.WithAccent(lipgloss.Color("#FF8800")).WithStatusColor(model.ClassFailed, lipgloss.Color("202"))
	}
	for _, th := range allThemes {
		t.Run(th.Profile.Name()+map[bool]string{true: "/dark", false: "/light"}[th.Dark], func(t *testing.T) {
			setTheme(t, th)
			for _, c := range []struct {
				name        string
				built, ours Styles
			}{
				{"default", DefaultStyles(), DefaultStyles().Resolve(th)},
				{"customised, then resolved", custom(DefaultStyles()), custom(DefaultStyles()).Resolve(th)},
				{"resolved, then customised", custom(DefaultStyles()), custom(DefaultStyles().Resolve(th))},
			} {
				var built []string
				eachStyle(c.built, func(_ string, st lipgloss.Style) { built = append(built, st.Render("ab c\nd")) })
				i := 0
				eachStyle(c.ours, func(name string, st lipgloss.Style) {
					if got := st.Render("ab c\nd"); got != built[i] {
						t.Errorf("%s: %s renders %q resolved, %q as built", c.name, name, got, built[i])
					}
					i++
				})
			}
		})
	}
}

// TestResolveLeavesNothingToConvert: every colour of every style is one
// lipgloss renders without a conversion once resolved for a 256-colour
// terminal: a palette index, never an adaptive or a hex colour. A style
// added to Styles but not to Resolve fails here.
func TestResolveLeavesNothingToConvert(t *testing.T) {
	s := DefaultStyles().WithAccent(lipgloss.Color("#FF8800")).Resolve(Theme{termenv.ANSI256, true})
	eachStyle(s, func(name string, st lipgloss.Style) {
		for _, c := range []lipgloss.TerminalColor{
			st.GetForeground(), st.GetBackground(),
			st.GetBorderTopForeground(), st.GetBorderRightForeground(), st.GetBorderBottomForeground(), st.GetBorderLeftForeground(),
		} {
			switch c := c.(type) {
			case lipgloss.NoColor:
			case lipgloss.Color:
				if strings.HasPrefix(string(c), "#") {
					t.Errorf("%s keeps the hex colour %s", name, c)
				}
			default:
				t.Errorf("%s keeps a %T", name, c)
			}
		}
	})
}

// TestAdopt: a style from elsewhere is resolved like the styles, or left
// as it is when they were not resolved.
func TestAdopt(t *testing.T) {
	st := lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#000000", Dark: "#FFFFFF"})
	if got := DefaultStyles().Adopt(st).GetForeground(); got != st.GetForeground() {
		t.Errorf("unresolved styles changed an adopted style's colour to %v", got)
	}
	if got := DefaultStyles().Resolve(Theme{termenv.ANSI256, true}).Adopt(st).GetForeground(); got != lipgloss.Color("231") {
		t.Errorf("adopted colour %v, want the palette's white, 231", got)
	}
}

// TestProgressFillFollowsTheAccent: the progress bar draws itself from a
// colour string, which must be the accent's (a profile's own colour
// included), resolved for the terminal, and none under NO_COLOR.
func TestProgressFillFollowsTheAccent(t *testing.T) {
	setTheme(t, Theme{termenv.TrueColor, true})
	if got, want := DefaultStyles().ProgressFill(), roles.accent.(lipgloss.AdaptiveColor).Dark; got != want {
		t.Errorf("default fill %q, want the accent %q", got, want)
	}
	custom := DefaultStyles().WithAccent(lipgloss.Color("#FF8800"))
	if got := custom.ProgressFill(); got != "#FF8800" {
		t.Errorf("fill with a profile accent %q, want #FF8800", got)
	}
	if got := custom.Resolve(Theme{termenv.ANSI256, true}).ProgressFill(); got != "208" {
		t.Errorf("fill resolved for 256 colours %q, want the palette's 208", got)
	}
	if got := custom.Resolve(Theme{termenv.Ascii, true}).ProgressFill(); got != "" {
		t.Errorf("fill without colours %q, want none", got)
	}
}
