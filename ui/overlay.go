package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
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
