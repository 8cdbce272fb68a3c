package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"superdash/keymap"
	"superdash/ui/nav"
)

// overlay is what the root's one overlay slot holds: the help, the export
// prompt, or the dialog of the screen shown. While there is one it gets
// every key first, as the top of k9s's page stack does. It covers the
// screen's body; the header, the screen's bars and the footer stay.
type overlay interface {
	update(m *Model, msg tea.KeyMsg) tea.Cmd
	view(m Model, width, height int) string
	help(m Model) keymap.Help
	typing(m Model) bool
}

// helpOverlay is the ? screen: every key of the screen under it.
type helpOverlay struct{}

// update closes the help on q, as on esc and ?: a reader who opened it
// expects to be back where they were, not out of the program.
func (helpOverlay) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	g := m.c.Keys.Global
	if key.Matches(msg, g.Quit, g.Help, g.Back) {
		m.overlay = nil
	}
	return nil
}

func (helpOverlay) help(m Model) keymap.Help { return m.current().Help() }
func (helpOverlay) typing(Model) bool        { return false }

// view lays the full help's groups out in as many bands as the width
// needs, so that no binding is ever cut off the right edge.
func (helpOverlay) view(m Model, _, _ int) string {
	h := m.help
	h.Width = 0 // measure whole bands; they are fitted below
	var bands []string
	var band [][]key.Binding
	for _, group := range m.current().Help().FullHelp() {
		wider := append(band[:len(band):len(band)], group)
		if len(band) > 0 && lipgloss.Width(h.FullHelpView(wider)) > m.width {
			bands = append(bands, h.FullHelpView(band))
			wider = [][]key.Binding{group}
		}
		band = wider
	}
	if len(band) > 0 {
		bands = append(bands, h.FullHelpView(band))
	}
	if n, ok := m.current().(nav.Noted); ok {
		bands = append(bands, m.c.Styles.Faint.Render(n.HelpNote()))
	}
	return strings.Join(bands, "\n\n")
}

// screenDialog is the overlay slot holding the shown screen's dialog: the
// keys go to the screen, which gives them to its dialog, and the slot
// empties when the dialog closes (Model.syncOverlay).
type screenDialog struct{}

func (screenDialog) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.updateScreen(m.active, msg) }

func (screenDialog) view(m Model, w, h int) string {
	if d, ok := m.dialog(); ok {
		return d.View(w, h)
	}
	return ""
}

func (screenDialog) help(m Model) keymap.Help {
	if d, ok := m.dialog(); ok {
		return d.Help()
	}
	return m.current().Help()
}

func (screenDialog) typing(m Model) bool {
	d, ok := m.dialog()
	return ok && d.Typing()
}
