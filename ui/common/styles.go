package common

import (
	"maps"
	"reflect"
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"superdash/model"
)

// Styles is every style the dashboard draws with, built once at start.
// Colours are adaptive (a light and a dark variant) so the screen reads on
// either terminal background; lipgloss drops them under NO_COLOR.
//
// A style is chosen by what it says, not by where it is drawn: the role
// styles (Info, Success, Warning, Error, Faint, Selection) and the accent
// serve every part of the screen, and the few named styles below them are
// composed from the same roles (see roles).
type Styles struct {
	Info      lipgloss.Style // an answer or a fact worth noticing: the footer notice, the read-only badge, the --since window
	Success   lipgloss.Style // it works, it was done: live polling, an action done
	Warning   lipgloss.Style // needs an eye, not broken: paused, an action refused or of unknown outcome, a run stopped, a job read in part
	Error     lipgloss.Style // it failed
	Faint     lipgloss.Style // what frames the rest: separators, labels, the help
	Selection lipgloss.Style // the cursor row, the focused button

	HeaderTitle lipgloss.Style // accent
	Banner      lipgloss.Style // error banner: never hides the table
	Stale       lipgloss.Style // a warning in bold: data older than twice the interval, a poll retrying

	TableHeader lipgloss.Style
	Cell        lipgloss.Style

	PaneBorder        lipgloss.Style
	PaneBorderFocused lipgloss.Style // accent
	PaneTitle         lipgloss.Style // accent
	Label             lipgloss.Style
	Match             lipgloss.Style
	CurrentMatch      lipgloss.Style

	JSONKey    lipgloss.Style
	JSONString lipgloss.Style
	JSONNumber lipgloss.Style
	JSONBool   lipgloss.Style
	JSONNull   lipgloss.Style
	JSONPunct  lipgloss.Style

	Progress lipgloss.Style // accent: progress bars and spinners

	status map[model.Class]lipgloss.Style
	// resolvedFor is the theme Resolve converted the colours for; nil
	// while they are as built (adaptive, hex).
	resolvedFor *Theme
}

func adaptive(light, dark string) lipgloss.AdaptiveColor {
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}

// roles are the built-in theme's colours by what they say (gh-dash's
// theme does the same): every style is composed from them, so a colour
// means one thing wherever it appears.
var roles = struct {
	accent, info, success, warning, error, faint, selection lipgloss.TerminalColor
}{
	accent:    adaptive("#5A3FC0", "#B4A7F5"),
	info:      adaptive("#0550AE", "#61AFEF"),
	success:   adaptive("#1A7F37", "#5FD787"),
	warning:   pinned("#9A6700", "#E5C07B", -1, -1, 3, 11),
	error:     adaptive("#C0262D", "#FF6B6B"),
	faint:     adaptive("#6C6C6C", "#8A8A8A"),
	selection: adaptive("#DDD6FE", "#3B3363"),
}

// pinned is an adaptive colour whose 16-colour forms (0-15) are given
// outright rather than left to termenv's nearest match, which turns the
// pale yellow into grey and the dark cyan into black: on a 16-colour
// terminal STALE, the statuses needing attention and the stopped ones
// would lose their colour. Its 256-colour form is termenv's match unless
// given (not negative).
func pinned(light, dark string, light256, dark256, light16, dark16 int) lipgloss.CompleteAdaptiveColor {
	return lipgloss.CompleteAdaptiveColor{Light: complete(light, light256, light16), Dark: complete(dark, dark256, dark16)}
}

func complete(hex string, ansi256, ansi int) lipgloss.CompleteColor {
	c := lipgloss.CompleteColor{TrueColor: hex, ANSI256: strconv.Itoa(ansi256), ANSI: strconv.Itoa(ansi)}
	if i, ok := termenv.ANSI256.Color(hex).(termenv.ANSI256Color); ok && ansi256 < 0 {
		c.ANSI256 = strconv.Itoa(int(i))
	}
	return c

}

// DefaultStyles is the built-in theme.
func DefaultStyles() Styles {
	var (
		// Colours of the JSON syntax and of the status classes that are
		// not a role of their own.

		blue    = adaptive("#0550AE", "#61AFEF")
		cyan    = pinned("#0E7490", "#56B6C2", 30, -1, 6, 6) // termenv's 256 match of the light one is black too
		magenta = adaptive("#8250DF", "#C678DD")
		r       = roles
	)
	s := Styles{
		Info:      lipgloss.NewStyle().Bold(true).Foreground(r.info),
		Success:   lipgloss.NewStyle().Foreground(r.success),
		Warning:   lipgloss.NewStyle().Foreground(r.warning),
		Error:     lipgloss.NewStyle().Foreground(r.error),
		Faint:     lipgloss.NewStyle().Foreground(r.faint),
		Selection: lipgloss.NewStyle().Background(r.selection).Bold(true),

		HeaderTitle: lipgloss.NewStyle().Bold(true).Foreground(r.accent),
		Banner:      lipgloss.NewStyle().Bold(true).Foreground(adaptive("#FFFFFF", "#FFFFFF")).Background(r.error),
		Stale:       lipgloss.NewStyle().Bold(true).Foreground(r.warning),

		TableHeader: lipgloss.NewStyle().Bold(true).Foreground(r.faint),
		Cell:        lipgloss.NewStyle(),

		PaneBorder:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(r.faint),
		PaneBorderFocused: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(r.accent),
		PaneTitle:         lipgloss.NewStyle().Bold(true).Foreground(r.accent),
		Label:             lipgloss.NewStyle().Foreground(r.faint),
		Match:             lipgloss.NewStyle().Reverse(true),
		CurrentMatch:      lipgloss.NewStyle().Reverse(true).Bold(true).Foreground(r.warning),

		JSONKey:    lipgloss.NewStyle().Foreground(blue),
		JSONString: lipgloss.NewStyle().Foreground(r.success),
		JSONNumber: lipgloss.NewStyle().Foreground(r.warning),
		JSONBool:   lipgloss.NewStyle().Foreground(magenta),
		JSONNull:   lipgloss.NewStyle().Foreground(r.faint),
		JSONPunct:  lipgloss.NewStyle().Foreground(r.faint),

		Progress: lipgloss.NewStyle().Foreground(r.accent),
	}
	s.status = map[model.Class]lipgloss.Style{
		model.ClassUnknown:   lipgloss.NewStyle().Foreground(magenta),
		model.ClassQueued:    lipgloss.NewStyle().Foreground(r.faint),
		model.ClassRunning:   lipgloss.NewStyle().Foreground(blue),
		model.ClassAttention: lipgloss.NewStyle().Foreground(r.warning),
		model.ClassDone:      lipgloss.NewStyle().Foreground(r.success),
		model.ClassFailed:    lipgloss.NewStyle().Foreground(r.error).Bold(true),
		model.ClassStopped:   lipgloss.NewStyle().Foreground(cyan),
	}
	return s
}

// Status is the style of a status's colour class.
func (s Styles) Status(st model.Status) lipgloss.Style {
	return s.status[st.Class()]
}

// ProgressFill is the colour of Progress as bubbles' progress bar takes
// it, a string: the bar draws itself, so it reaches the bar through here,
// accent, profile colour and resolving included. "" (no colour) when the
// styles have none, as under NO_COLOR.
func (s Styles) ProgressFill() string {
	switch c := s.Progress.GetForeground().(type) {
	case lipgloss.Color:
		return string(c)
	case lipgloss.AdaptiveColor:
		if lipgloss.HasDarkBackground() {
			return c.Dark
		}
		return c.Light
	}
	return ""
}

// WithAccent returns the styles with every accented element in c: a
// profile's colour, so that production does not look like a sandbox.
func (s Styles) WithAccent(c lipgloss.TerminalColor) Styles {
	c = s.adoptColor(c)
	s.HeaderTitle = s.HeaderTitle.Foreground(c)
	s.PaneBorderFocused = s.PaneBorderFocused.BorderForeground(c)
	s.PaneTitle = s.PaneTitle.Foreground(c)
	s.Progress = s.Progress.Foreground(c)
	return s
}

// WithStatusColor returns the styles with the statuses of class k in c.
func (s Styles) WithStatusColor(k model.Class, c lipgloss.TerminalColor) Styles {
	c = s.adoptColor(c)
	status := maps.Clone(s.status)
	status[k] = status[k].Foreground(c)
	s.status = status
	return s
}

// Resolve returns the styles with every colour converted, once, to what it
// renders as under t: an adaptive colour becomes its light or dark
// variant, a hex colour the palette entry the profile has for it. lipgloss
// would otherwise redo that on every Render of every styled run: on a
// 256-colour terminal, a search of the palette by perceptual distance per
// hex colour, which was a quarter of the cost of drawing a frame. What the
// styles render under t is unchanged, byte for byte; under another
// profile or background they would be wrong, so resolve them for the
// terminal they are drawn on, once its profile and background are known.
func (s Styles) Resolve(t Theme) Styles {
	for _, st := range []*lipgloss.Style{
		&s.Info, &s.Success, &s.Warning, &s.Error, &s.Faint, &s.Selection,
		&s.HeaderTitle, &s.Banner, &s.Stale,
		&s.TableHeader, &s.Cell,
		&s.PaneBorder, &s.PaneBorderFocused, &s.PaneTitle, &s.Label, &s.Match, &s.CurrentMatch,
		&s.JSONKey, &s.JSONString, &s.JSONNumber, &s.JSONBool, &s.JSONNull, &s.JSONPunct,
		&s.Progress,
	} {
		*st = t.Style(*st)
	}
	status := make(map[model.Class]lipgloss.Style, len(s.status))
	for k, st := range s.status {
		status[k] = t.Style(st)
	}
	s.status = status
	s.resolvedFor = &t
	return s
}

// WithoutColourSignals makes what colour alone marked readable where the
// colour is gone (NO_COLOR) or coarse (16 colours, where the selection's
// background is the terminal's own black): the selected row and button in
// reverse video, the focused pane's border heavy, search matches
// underlined as well as reversed.
func (s Styles) WithoutColourSignals() Styles {
	s.Selection = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.PaneBorderFocused = s.PaneBorderFocused.Border(lipgloss.ThickBorder())
	s.Match = s.Match.Underline(true)
	s.CurrentMatch = s.CurrentMatch.Underline(true)
	return s
}

// AdoptAll adopts (see Adopt) every lipgloss.Style field of the struct
// styles points to: the style sets of bubbles' components, which carry
// colours of their own that NO_COLOR must drop too.
func (s Styles) AdoptAll(styles any) {
	v := reflect.ValueOf(styles).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.CanSet() && f.Type() == reflect.TypeFor[lipgloss.Style]() {
			f.Set(reflect.ValueOf(s.Adopt(f.Interface().(lipgloss.Style))))
		}
	}
}

// Adopt gives a style built elsewhere (bubbles' help, say) the same
// treatment as the styles: resolved for their theme if they were resolved,
// else returned as it is.
func (s Styles) Adopt(st lipgloss.Style) lipgloss.Style {
	if s.resolvedFor == nil {
		return st
	}
	return s.resolvedFor.Style(st)
}

// adoptColor is c resolved like the styles, if they were.
func (s Styles) adoptColor(c lipgloss.TerminalColor) lipgloss.TerminalColor {
	if s.resolvedFor == nil {
		return c
	}
	return s.resolvedFor.Color(c)
}

// complete is the form of c the profile draws, as a palette index or hex
// colour lipgloss renders as it is.
func (t Theme) complete(c lipgloss.CompleteColor) lipgloss.TerminalColor {
	switch t.Profile {
	case termenv.TrueColor:
		return lipgloss.Color(c.TrueColor)
	case termenv.ANSI256:
		return lipgloss.Color(c.ANSI256)
	case termenv.ANSI:
		return lipgloss.Color(c.ANSI)
	}
	return lipgloss.NoColor{}
}

// Style returns st with its colours resolved for t (see Styles.Resolve).
func (t Theme) Style(st lipgloss.Style) lipgloss.Style {
	resolve := func(get func() lipgloss.TerminalColor, set func(lipgloss.TerminalColor) lipgloss.Style) {
		if c := get(); c != (lipgloss.NoColor{}) {
			st = set(t.Color(c))
		}
	}
	resolve(st.GetForeground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.Foreground(c) })
	resolve(st.GetBackground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.Background(c) })
	resolve(st.GetBorderTopForeground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderTopForeground(c) })
	resolve(st.GetBorderRightForeground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderRightForeground(c) })
	resolve(st.GetBorderBottomForeground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderBottomForeground(c) })
	resolve(st.GetBorderLeftForeground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderLeftForeground(c) })
	resolve(st.GetBorderTopBackground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderTopBackground(c) })
	resolve(st.GetBorderRightBackground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderRightBackground(c) })
	resolve(st.GetBorderBottomBackground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderBottomBackground(c) })
	resolve(st.GetBorderLeftBackground, func(c lipgloss.TerminalColor) lipgloss.Style { return st.BorderLeftBackground(c) })
	return st
}

// Color returns c as the colour it renders as under t, in a form lipgloss
// renders without converting anything: a palette index, or under a
// true-colour profile the hex colour itself. Colours of other kinds
// (lipgloss.CompleteColor...) are returned as they are.
func (t Theme) Color(c lipgloss.TerminalColor) lipgloss.TerminalColor {
	var s string
	switch c := c.(type) {
	case lipgloss.Color:
		s = string(c)
	case lipgloss.ANSIColor:
		s = strconv.FormatUint(uint64(c), 10)
	case lipgloss.AdaptiveColor:
		s = c.Light
		if t.Dark {
			s = c.Dark
		}
	case lipgloss.CompleteAdaptiveColor:
		cc := c.Light
		if t.Dark {
			cc = c.Dark
		}
		return t.complete(cc)
	default:
		return c
	}
	switch tc := t.Profile.Color(s).(type) {
	case termenv.ANSIColor:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.ANSI256Color:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.RGBColor:
		return lipgloss.Color(string(tc))
	case nil, termenv.NoColor:
		// No colour at all: under Ascii, or a colour lipgloss cannot read.
		// Either way Render writes nothing for it.
		return lipgloss.NoColor{}
	}
	return c
}
