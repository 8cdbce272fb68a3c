package ui

import (
	"superdash/ui/nav"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// onKey handles a key the root passed on: to the actions' dialog while it
// shows, to the filter bar or the pane's search while typed in, else the
// screen's own keys, those of the part that has the focus.
func (s *jobsScreen) onKey(msg tea.KeyMsg) tea.Cmd {
	if s.acts.Overlay() {
		return s.onActions(msg)
	}
	if s.filter.typing() {
		return s.onFilterKey(msg)
	}
	if s.pane.Typing() {
		var cmd tea.Cmd
		s.pane, cmd = s.pane.Update(msg)
		return cmd
	}
	switch g := s.c.Keys.Global; {
	case key.Matches(msg, g.Pause):
		s.out.Send(nav.Pause{})
		return nil
	case key.Matches(msg, g.Refresh):
		s.out.Send(nav.SyncNow{})
		return nil
	case key.Matches(msg, g.SwitchApp):
		s.out.Send(nav.Show{To: nav.Apps})
		return nil
	}
	if s.focus == focusDetail {
		return s.onDetailKey(msg)
	}
	return s.onTableKey(msg)
}

func (s *jobsScreen) onTableKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	if cmd, ok := s.onFindKey(msg); ok {
		return cmd
	}
	if cmd, ok := s.onActionKey(msg); ok {
		return cmd
	}
	if cmd, ok := s.onHandOffKey(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Table.Zoom):
		if _, ok := s.table.Selected(); !ok {
			return nil
		}
		s.zoomed = true
		s.setFocus(focusDetail)
		return s.showSelected()
	case key.Matches(msg, k.Table.FocusDetail):
		if s.detailVisible() {
			s.setFocus(focusDetail)
		}
		return nil
	case key.Matches(msg, k.Table.Watch):
		s.toggleWatch()
		return nil
	}
	var cmd tea.Cmd
	s.table, cmd = s.table.Update(msg)
	return tea.Batch(cmd, s.showSelected())
}

func (s *jobsScreen) onDetailKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Global.Back):
		s.zoomed = false
		s.setFocus(focusTable)
		return nil
	case key.Matches(msg, k.Table.FocusDetail):
		if !s.zoomed {
			s.setFocus(focusTable)
		}
		return nil
	}
	if cmd, ok := s.onActionKey(msg); ok {
		return cmd
	}
	if cmd, ok := s.onHandOffKey(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	s.pane, cmd = s.pane.Update(msg)
	return cmd
}

// onMouse gives a click or the wheel to the table or the pane under it;
// msg is in the screen's coordinates.
func (s *jobsScreen) onMouse(msg tea.MouseMsg) tea.Cmd {
	tableRect, paneRect := s.splitRects(s.bodyRect())
	switch {
	case !s.zoomed && tableRect.contains(msg.X, msg.Y):
		msg.X -= tableRect.x
		msg.Y -= tableRect.y
		var cmd tea.Cmd
		s.table, cmd = s.table.Update(msg)
		return tea.Batch(cmd, s.showSelected())
	case s.detailVisible() && paneRect.contains(msg.X, msg.Y):
		msg.X -= paneRect.x
		msg.Y -= paneRect.y
		var cmd tea.Cmd
		s.pane, cmd = s.pane.Update(msg)
		return cmd
	}
	return nil
}

func (s *jobsScreen) setFocus(f focus) {
	s.focus = f
	s.table.SetFocused(f == focusTable)
	s.pane.SetFocused(f == focusDetail)
	s.layout()
}
