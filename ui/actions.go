package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/actions"
)

// actionJobs lends the actions component what it acts on.
func (m *Model) actionJobs() actions.Jobs {
	return actions.Jobs{Store: m.poll.Store(), Table: &m.table, Shown: m.rows, App: m.app, Marking: m.focus == focusTable}
}

// onActions gives the actions component a key while its overlay shows,
// or one of its messages, and carries out what it asks of the dashboard.
func (m Model) onActions(msg tea.Msg) (tea.Model, tea.Cmd) {
	fx, cmd := m.acts.Update(msg, m.actionJobs())
	if fx.Quit {
		return m.quit()
	}
	return m, tea.Batch(cmd, m.applyActions(fx))
}

// onActionKey offers a key of the jobs screen to the actions component
// (cancel, restart, marks). ok is false when the key is not one of them.
func (m *Model) onActionKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	fx, cmd, ok := m.acts.Key(msg, m.actionJobs())
	if !ok {
		return nil, false
	}
	return tea.Batch(cmd, m.applyActions(fx)), true
}

// applyActions carries out an Effect of the actions component.
func (m *Model) applyActions(fx actions.Effect) tea.Cmd {
	if fx.Notice != "" {
		m.notice = fx.Notice // the footer sanitises it
	}
	var cmds []tea.Cmd
	if fx.Refresh {
		cmds = append(cmds, m.refreshRows())
	}
	if fx.Journal && m.screen == screenJournal {
		cmds = append(cmds, m.loadJournal())
	}
	return tea.Batch(cmds...)
}

// unmark drops the marks of jobs no longer listed.
func (m *Model) unmark(keys ...string) { m.acts.Unmark(&m.table, keys...) }
