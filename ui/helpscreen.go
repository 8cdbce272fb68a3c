package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/keymap"
	"superdash/ui/nav"
)

// helpOverlay is the ? screen: every key of the screen under it, in named
// sections, then the screen's note (the filter language), wrapped to the
// width. What does not fit the height scrolls.
type helpOverlay struct {
	top int // the first line shown
}

// helpGap separates sections laid side by side.
const helpGap = "    "

// update scrolls, and closes the help on q, as on esc and ?: a reader who
// opened it expects to be back where they were, not out of the program.
func (o helpOverlay) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	g, n := m.c.Keys.Global, m.c.Keys.Nav
	w, h := m.overlaySize()
	page := max(h-2, 1)
	switch {
	case key.Matches(msg, g.Quit, g.Help, g.Back):
		m.overlay = nil
		return nil
	case key.Matches(msg, n.Down):
		o.top++
	case key.Matches(msg, n.Up):
		o.top--
	case key.Matches(msg, n.PageDown):
		o.top += page
	case key.Matches(msg, n.PageUp):
		o.top -= page
	case key.Matches(msg, n.Top):
		o.top = 0
	case key.Matches(msg, n.Bottom):
		o.top = len(m.helpLines(w))
	}
	o.top = clampHelpTop(o.top, len(m.helpLines(w)), h)
	m.overlay = o
	return nil
}

func (helpOverlay) help(m Model) keymap.Help { return m.current().Help() }
func (helpOverlay) typing(Model) bool        { return false }

// view shows the lines from top; when they do not all fit, the last line
// says where the reader is and how to scroll.
func (o helpOverlay) view(m Model, width, height int) string {
	lines := m.helpLines(width)
	if len(lines) <= height {
		return strings.Join(lines, "\n")
	}
	top := clampHelpTop(o.top, len(lines), height)
	shown := lines[top : top+height-1]
	where := "j/k pgup/pgdn to scroll"
	switch {
	case top+height-1 >= len(lines):
		where = "end of help · k pgup to scroll back"
	case top == 0:
		where = "more below · j pgdn to scroll"
	}
	return strings.Join(append(shown, m.c.Styles.Faint.Render("── "+where+" ──")), "\n")
}

// clampHelpTop keeps the first line shown within the lines, leaving the
// last line of height for where the reader is.
func clampHelpTop(top, lines, height int) int {
	return max(min(top, lines-(height-1)), 0)
}

// overlaySize is the size the overlay is drawn in: the body less the
// screen's bars.
func (m Model) overlaySize() (width, height int) {
	body := m.bodyRect()
	bars := 0
	if b, ok := m.current().(nav.Barred); ok {
		bars = len(b.Bars())
	}
	return body.w, max(body.h-bars, 0)
}

// helpLines are the help's sections, laid side by side in as many bands
// as the width needs, then the note, each line wrapped to the width.
func (m Model) helpLines(width int) []string {
	hm := m.current().Help()
	var blocks []string
	for i, group := range hm.FullHelp() {
		title := ""
		if i < len(hm.Sections) {
			title = hm.Sections[i]
		}
		if b := m.helpSection(title, group); b != "" {
			blocks = append(blocks, b)
		}
	}
	var bands []string
	var band []string
	for _, b := range blocks {
		wider := append(band[:len(band):len(band)], b)
		if len(band) > 0 && lipgloss.Width(joinBlocks(wider)) > width {
			bands = append(bands, joinBlocks(band))
			wider = []string{b}
		}
		band = wider
	}
	if len(band) > 0 {
		bands = append(bands, joinBlocks(band))
	}
	text := strings.Join(bands, "\n\n")
	if n, ok := m.current().(nav.Noted); ok {
		text += "\n\n" + m.c.Styles.Faint.Render(wrapIndented(n.HelpNote(), width))
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		// A section wider than the terminal is wrapped, never cut.
		lines = append(lines, strings.Split(ansi.Wrap(l, width, ""), "\n")...)
	}
	return lines
}

func joinBlocks(blocks []string) string {
	spaced := make([]string, 0, 2*len(blocks))
	for i, b := range blocks {
		if i > 0 {
			spaced = append(spaced, helpGap)
		}
		spaced = append(spaced, b)
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, spaced...)
}

// helpSection is one section: its title, then a key and what it does per
// line, the keys in a column. "" when none of its keys is enabled.
func (m Model) helpSection(title string, group []key.Binding) string {
	st := m.help.Styles
	var enabled []key.Binding
	keyWidth := 0
	for _, b := range group {
		if b.Enabled() {
			enabled = append(enabled, b)
			keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
		}
	}
	if len(enabled) == 0 {
		return ""
	}
	var lines []string
	if title != "" {
		lines = append(lines, m.c.Styles.PaneTitle.Render(title))
	}
	for _, b := range enabled {
		k := b.Help().Key
		lines = append(lines, st.FullKey.Render(k+strings.Repeat(" ", keyWidth-ansi.StringWidth(k)))+" "+st.FullDesc.Render(b.Help().Desc))
	}
	return strings.Join(lines, "\n")
}

// wrapIndented wraps each line of text to width, its continuation lines
// indented as the line itself plus two, so a wrapped example stays under
// its own.
func wrapIndented(text string, width int) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " ")) + 2
		wrapped := strings.Split(ansi.Wrap(l, width, ""), "\n")
		out = append(out, wrapped[0])
		if len(wrapped) == 1 {
			continue
		}
		rest := strings.Join(wrapped[1:], " ")
		for _, w := range strings.Split(ansi.Wrap(rest, max(width-indent, 1), ""), "\n") {
			out = append(out, strings.Repeat(" ", indent)+strings.TrimLeft(w, " "))
		}
	}
	return strings.Join(out, "\n")
}
