package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/actions"
	"superdash/ui/nav"
)

// actionJobs lends the actions component what it acts on.
func (s *jobsScreen) actionJobs() actions.Jobs {
	return actions.Jobs{Store: s.store, Table: &s.table, Shown: s.rows, App: s.app, Marking: s.focus == focusTable}
}

// onActions gives the actions component a key while its dialog shows, or
// one of its messages, and carries out what it asks of the dashboard.
func (s *jobsScreen) onActions(msg tea.Msg) tea.Cmd {
	fx, cmd := s.acts.Update(msg, s.actionJobs())
	return tea.Batch(cmd, s.applyActions(fx))
}

// onActionKey offers a key of the jobs screen to the actions component
// (cancel, restart, marks). ok is false when the key is not one of them.
func (s *jobsScreen) onActionKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	fx, cmd, ok := s.acts.Key(msg, s.actionJobs())
	if !ok {
		return nil, false
	}
	return tea.Batch(cmd, s.applyActions(fx)), true
}

// applyActions carries out an Effect of the actions component.
func (s *jobsScreen) applyActions(fx actions.Effect) tea.Cmd {
	if len(fx.Resubmit) > 0 {
		fx.Notice = s.offerResubmit(fx.Resubmit, fx.Notice) // restart_refused.go
	}
	if fx.Notice != "" {
		s.say(fx.Notice)
	}
	if fx.Journal {
		s.out.Send(nav.JournalNew{})
	}
	if fx.Quit {
		s.out.Send(nav.Quit{})
	}
	var cmds []tea.Cmd
	if fx.Moved {
		cmds = append(cmds, s.showSelected())
	}
	if fx.Copy != "" {
		cmds = append(cmds, s.clipboard.copy(fx.Copy, fx.CopyOf))
	}
	if fx.Refresh {
		cmds = append(cmds, s.refreshRows())
	}
	return tea.Batch(cmds...)
}

// Dialog is the actions component's dialog or bulk run, while it shows.
func (s jobsScreen) Dialog() (nav.Dialog, bool) { return s.acts, s.acts.Overlay() }
