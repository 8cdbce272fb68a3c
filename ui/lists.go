package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// openList shows the batches or tags view, filled from the store as it is.
func (m *Model) openList(s screen) {
	m.screen = s
	m.layout()
	m.refreshRows()
}

// onListKey handles the batches and tags views: enter filters the table by
// the chosen batch or tag and goes back to it, esc goes back unchanged.
func (m *Model) onListKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.List.Choose):
		field, value, ok := m.listChoice()
		if !ok {
			return nil
		}
		m.screen = screenJobs
		return m.setFilter(model.FieldTerm(field, value))
	case key.Matches(msg, m.c.Keys.Global.Back):
		m.screen = screenJobs
		m.layout()
		return m.refreshRows()
	}
	var cmd tea.Cmd
	if m.screen == screenBatches {
		m.batches, cmd = m.batches.Update(msg)
	} else {
		m.tags, cmd = m.tags.Update(msg)
	}
	return cmd
}

// listChoice is the filter term the batches or tags view's cursor names.
func (m Model) listChoice() (model.Field, string, bool) {
	if m.screen == screenBatches {
		id, ok := m.batches.Selected()
		return model.FieldBatch, id, ok
	}
	tag, ok := m.tags.Selected()
	return model.FieldTag, tag, ok
}
