package common

import (
	"maps"

	"github.com/charmbracelet/lipgloss"

	"superdash/model"
)

// Styles is every style the dashboard draws with, built once at start.
// Colours are adaptive (a light and a dark variant) so the screen reads on
// either terminal background; lipgloss drops them under NO_COLOR.
type Styles struct {
	Header      lipgloss.Style
	HeaderTitle lipgloss.Style
	Muted       lipgloss.Style
	Banner      lipgloss.Style // error banner: never hides the table
	Stale       lipgloss.Style // marks data older than twice the interval
	Live        lipgloss.Style
	Paused      lipgloss.Style

	TableHeader lipgloss.Style
	Selected    lipgloss.Style // the cursor row
	Cell        lipgloss.Style

	PaneBorder        lipgloss.Style
	PaneBorderFocused lipgloss.Style
	PaneTitle         lipgloss.Style
	Label             lipgloss.Style
	Match             lipgloss.Style
	CurrentMatch      lipgloss.Style
	Error             lipgloss.Style
	Warning           lipgloss.Style // something was read only in part (a job's decode problems)

	JSONKey    lipgloss.Style
	JSONString lipgloss.Style
	JSONNumber lipgloss.Style
	JSONBool   lipgloss.Style
	JSONNull   lipgloss.Style
	JSONPunct  lipgloss.Style

	Progress lipgloss.Style
	Footer   lipgloss.Style

	status map[model.Class]lipgloss.Style
}

func adaptive(light, dark string) lipgloss.AdaptiveColor {
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}

// DefaultStyles is the built-in theme.
func DefaultStyles() Styles {
	var (
		subtle  = adaptive("#6C6C6C", "#8A8A8A")
		accent  = adaptive("#5A3FC0", "#B4A7F5")
		red     = adaptive("#C0262D", "#FF6B6B")
		green   = adaptive("#1A7F37", "#5FD787")
		yellow  = adaptive("#9A6700", "#E5C07B")
		blue    = adaptive("#0550AE", "#61AFEF")
		cyan    = adaptive("#0E7490", "#56B6C2")
		magenta = adaptive("#8250DF", "#C678DD")
		selBG   = adaptive("#DDD6FE", "#3B3363")
	)
	s := Styles{
		Header:      lipgloss.NewStyle(),
		HeaderTitle: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Muted:       lipgloss.NewStyle().Foreground(subtle),
		Banner:      lipgloss.NewStyle().Bold(true).Foreground(adaptive("#FFFFFF", "#FFFFFF")).Background(red),
		Stale:       lipgloss.NewStyle().Bold(true).Foreground(yellow),
		Live:        lipgloss.NewStyle().Foreground(green),
		Paused:      lipgloss.NewStyle().Foreground(yellow),

		TableHeader: lipgloss.NewStyle().Bold(true).Foreground(subtle),
		Selected:    lipgloss.NewStyle().Background(selBG).Bold(true),
		Cell:        lipgloss.NewStyle(),

		PaneBorder:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle),
		PaneBorderFocused: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent),
		PaneTitle:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Label:             lipgloss.NewStyle().Foreground(subtle),
		Match:             lipgloss.NewStyle().Reverse(true),
		CurrentMatch:      lipgloss.NewStyle().Reverse(true).Bold(true).Foreground(yellow),
		Error:             lipgloss.NewStyle().Foreground(red),
		Warning:           lipgloss.NewStyle().Foreground(yellow),

		JSONKey:    lipgloss.NewStyle().Foreground(blue),
		JSONString: lipgloss.NewStyle().Foreground(green),
		JSONNumber: lipgloss.NewStyle().Foreground(yellow),
		JSONBool:   lipgloss.NewStyle().Foreground(magenta),
		JSONNull:   lipgloss.NewStyle().Foreground(subtle),
		JSONPunct:  lipgloss.NewStyle().Foreground(subtle),

		Progress: lipgloss.NewStyle().Foreground(accent),
		Footer:   lipgloss.NewStyle().Foreground(subtle),
	}
	s.status = map[model.Class]lipgloss.Style{
		model.ClassUnknown:   lipgloss.NewStyle().Foreground(magenta),
		model.ClassQueued:    lipgloss.NewStyle().Foreground(subtle),
		model.ClassRunning:   lipgloss.NewStyle().Foreground(blue),
		model.ClassAttention: lipgloss.NewStyle().Foreground(yellow),
		model.ClassDone:      lipgloss.NewStyle().Foreground(green),
		model.ClassFailed:    lipgloss.NewStyle().Foreground(red).Bold(true),
		model.ClassStopped:   lipgloss.NewStyle().Foreground(cyan),
	}
	return s
}

// Status is the style of a status's colour class.
func (s Styles) Status(st model.Status) lipgloss.Style {
	return s.status[st.Class()]
}

// WithAccent returns the styles with every accented element in c: a
// profile's colour, so that production does not look like a sandbox.
func (s Styles) WithAccent(c lipgloss.TerminalColor) Styles {
	s.HeaderTitle = s.HeaderTitle.Foreground(c)
	s.PaneBorderFocused = s.PaneBorderFocused.BorderForeground(c)
	s.PaneTitle = s.PaneTitle.Foreground(c)
	s.Progress = s.Progress.Foreground(c)
	return s
}

// WithStatusColor returns the styles with the statuses of class k in c.
func (s Styles) WithStatusColor(k model.Class, c lipgloss.TerminalColor) Styles {
	status := maps.Clone(s.status)
	status[k] = status[k].Foreground(c)
	s.status = status
	return s
}
