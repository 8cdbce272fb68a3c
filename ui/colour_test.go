package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/ui/common"
)

// TestColourScreens pins the colours: the stale screen of TestScreens
// (jobs of every common status, the error banner, the stale freshness),
// drawn on a dark 256-colour terminal and on a 16-colour one, compared
// with goldens that hold the escape sequences. The other goldens are
// plain text, so only these fail when FAILED turns green or the banner
// goes calm. TestStatusColours says the same for 16 colours in words.
func TestColourScreens(t *testing.T) {
	for _, p := range []struct {
		name    string
		profile termenv.Profile
	}{{"256_colours", termenv.ANSI256}, {"16_colours", termenv.ANSI}} {
		t.Run(p.name, func(t *testing.T) {
			inProfile(t, p.profile)
			e := startScreen(t, 120, 40)
			showAPIDownStale(t, e)
			screen := e.quit(t)
			requireFits(t, screen, 120, 40)
			if p.profile == termenv.ANSI {
				requireColours(t, screen) // before the golden, which stops the test
			}
			requireGolden(t, screen)
		})
	}
}

// roleColours are the 16-colour SGR codes each role may be drawn in: its
// colour, normal or bright (a background for the banner).
var roleColours = []struct{ text, role, codes string }{
	{"FAILED", "a failed status", "31 91"},
	{"COMPLETED", "a completed status", "32 92"},
	{"IN_PROGRESS", "a running status", "34 94"},
	{"CANCELED", "a stopped status", "36 96"},
	{"STALE", "the stale freshness", "33 93"},
	{"the API is unavailable", "the error banner's background", "41 101"},
}

// requireColours checks, in words, what the 16-colour golden pins: each
// role's text is drawn in its colour.
func requireColours(t *testing.T, screen string) {
	t.Helper()
	for _, rc := range roleColours {
		m := regexp.MustCompile(`\x1b\[([0-9;]*)m[^\x1b]*` + regexp.QuoteMeta(rc.text)).FindStringSubmatch(screen)
		if m == nil {
			t.Errorf("%q is not on the screen in a colour of its own", rc.text)
			continue
		}
		if !slices.ContainsFunc(strings.Split(m[1], ";"), func(c string) bool { return slices.Contains(strings.Fields(rc.codes), c) }) {
			t.Errorf("%s (%q) is drawn with SGR %s, want one of %s", rc.role, rc.text, m[1], rc.codes)
		}
	}
}

// inProfile makes lipgloss render in profile, on a dark background, until
// the test ends.
func inProfile(t *testing.T, profile termenv.Profile) {
	t.Helper()
	lipgloss.SetColorProfile(profile)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

// TestScreensWithoutColour: with NO_COLOR (drawn as main draws it: 16
// colours' attributes, styles without colour) and on a 16-colour
// terminal, colour is not the only signal. After j j and tab the selected
// row is in reverse video and the focused pane's border is
// heavy (the row, its table blurred, stays reversed); without colour, no colour at all is drawn.
func TestScreensWithoutColour(t *testing.T) {
	for _, p := range []struct {
		name   string
		styles common.Theme
	}{{"no_colour", common.Theme{Profile: termenv.Ascii, Dark: true}}, {"16_colours", common.Theme{Profile: termenv.ANSI, Dark: true}}} {
		for _, size := range screenSizes {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s_%dx%d", p.name, w, h), func(t *testing.T) {
				inProfile(t, termenv.ANSI)
				e := startStyledScreen(t, w, h, stylesFor(common.DefaultStyles(), p.styles))
				e.load(t)
				e.keys("j", "j", "tab")
				screen := e.quit(t)
				requireFits(t, screen, w, h)
				if !regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?7[;m][^\x1b]*2362423`).MatchString(screen) {
					t.Error("the selected row (the third) is not in reverse video")
				}
				if !strings.Contains(screen, "┃") {
					t.Error("the focused pane's border is not heavy")
				}
				if p.styles.Profile == termenv.Ascii && colourSGR.MatchString(screen) {
					t.Errorf("colour drawn without colour: %q", colourSGR.FindString(screen))
				}
				requireGolden(t, screen)
			})
		}
	}
}

// colourSGR matches an SGR sequence that sets a colour (39 and 49, which
// reset, excepted).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]`)
