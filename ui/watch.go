package ui

import (
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/model/watch"
	"superdash/ui/common"
	"superdash/ui/watching"
)

// notifiedMsg reports the write of a watch's bell and notifications to
// the terminal.
type notifiedMsg struct{ err error }

// notifyTitle is the title of a desktop notification.
const notifyTitle = "superdash"

// toggleWatch watches t (w), or stops watching it, and says which.
func (m *Model) toggleWatch(t watch.Target) {
	store := m.poll.Store()
	if store == nil {
		return
	}
	m.notice = m.watches.Toggle(t, store, m.c.JobNow(), m.c.Keys.Table.Watch.Help().Key)
	m.layout() // the strip may have grown or shrunk
}

// observeWatches counts the watched jobs again after the store changed,
// and tells what is news.
func (m *Model) observeWatches() tea.Cmd {
	store := m.poll.Store()
	if m.watches.Len() == 0 || store == nil {
		return nil
	}
	return m.tell(m.watches.Observe(store, m.c.JobNow()))
}

// tell says what the watches have to tell, each event once, in every way
// the config turns on: the toast, and the terminal's bell and desktop
// notifications.
func (m *Model) tell(events []watch.Event) tea.Cmd {
	if len(events) == 0 {
		return nil
	}
	var cmds []tea.Cmd
	ways := m.opts.Notify
	if ways.Toast {
		cmds = append(cmds, common.After(m.life, watching.ToastFor, m.toast.Add(events)))
	}
	if ways.Terminal() && m.opts.Terminal != nil {
		var seq []byte
		for _, e := range events {
			seq = append(seq, ways.Sequence(notifyTitle, e.Describe(), m.opts.TerminalWhere)...)
		}
		cmds = append(cmds, writeTerminal(m.opts.Terminal, seq))
	}
	return tea.Batch(cmds...)
}

// writeTerminal writes seq to the terminal in one write. Given the file
// the frames are drawn on (package screen), the sequence lands between two
// frames, never inside one: an *os.File holds its write lock for a whole
// Write, and a frame is written in one. The bell and the notifications
// move no cursor and draw no cell, so the lines on screen stay as the
// last frame left them.
func writeTerminal(out io.Writer, seq []byte) tea.Cmd {
	return func() tea.Msg {
		if _, err := out.Write(seq); err != nil {
			return notifiedMsg{err: fmt.Errorf("write the bell and notification to the terminal: %w", err)}
		}
		return notifiedMsg{}
	}
}

// stripLines is how many lines the watch strip takes: some only while the
// watched app's screens show.
func (m Model) stripLines() int {
	if !m.showsApp() {
		return 0
	}
	return watching.Lines(m.watches.Len(), m.height)
}

// stripView is the watch strip's lines.
func (m Model) stripView() []string {
	return m.watches.Strip(m.width, m.stripLines(), m.c.Styles, m.c.JobNow())
}
