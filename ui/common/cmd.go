package common

import tea "github.com/charmbracelet/bubbletea"

// NextMsg is a command that waits for the next message a background
// worker (a sync, a bulk run) sends on events, and delivers it to Update,
// which re-arms it for the one after. A closed channel means the worker
// was abandoned (app switched, run stopped, quitting): the command then
// delivers nothing and the chain ends.
func NextMsg(events <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-events
		if !ok {
			return nil
		}
		return msg
	}
}
