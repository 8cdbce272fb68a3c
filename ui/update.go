package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/apppicker"
	"superdash/ui/detail"
	"superdash/ui/journalscreen"
	"superdash/ui/nav"
	"superdash/ui/watching"
)

// Update routes each message: the poll loop's to the poller, keys to the
// overlay or the screen shown, the answers of the dashboard's own I/O to
// every screen (each takes its own), anything else to the screen shown.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.onPoll(msg); ok {
		return m, tea.Batch(cmd, m.buildSearchTexts(msg))
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyMsg:
		return m.onKeys(msg)
	case tea.MouseMsg:
		if m.overlay != nil {
			return m, nil
		}
		msg.Y -= m.bodyRect().y // in the screen's coordinates
		cmd = m.updateScreen(m.active, msg)
	case clockMsg:
		cmd = m.onClock()
	case tea.BlurMsg:
		m.since.blur(m.now())
	case tea.FocusMsg:
		m.since.focus()
	case watching.ExpiredMsg:
		m.toast.Expire(msg)
	case notifiedMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
	case searchTextsMsg:
		return m, m.onSearchTexts(msg)
	case apppicker.ListedMsg, appFetchedMsg, journalscreen.ReadMsg, actions.Msg, detail.OutputFetchedMsg,
		copiedMsg, tempFileMsg, viewerClosedMsg, exportedMsg, resubmitEditedMsg, resubmittedMsg:
		// An answer arrives whichever screen shows: the one that asked
		// takes it (an action's outcome while the journal shows).
		for id := range m.screens {
			cmd = tea.Batch(cmd, m.updateScreen(nav.ID(id), msg))
		}
	default:
		// Spinner ticks, list internals: the shown screen's.
		cmd = m.updateScreen(m.active, msg)
	}
	return m, cmd
}

// takingText reports whether the keys typed go into a text input: the
// filter bar, a search, the app picker's filter, or the number a dialog
// asks for.
func (m Model) takingText() bool {
	if m.overlay != nil {
		return m.overlay.typing(m)
	}
	return m.current().Typing()
}

// onKeys handles the letters of one key message as the key presses they
// were. A terminal read gives several letters typed quickly (fast typing,
// key repeat over SSH, tmux send-keys) as one message, "jjj", which no
// binding matches. So, unless a text input has the keyboard, each letter
// is handled in turn as its own key, and the state each one leaves decides
// what the next one is: "/abc" opens the filter and types "abc" into it.
// An input takes the rest of the run whole, as one edit (one re-parse of
// the filter, however long the run). A paste is always text, never keys.
func (m Model) onKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for msg.Type == tea.KeyRunes && !msg.Paste && len(msg.Runes) > 1 && !m.takingText() {
		one := msg
		one.Runes = msg.Runes[:1]
		cmds = append(cmds, m.onKey(one))
		msg.Runes = msg.Runes[1:]
		if m.life.Err() != nil {
			return m, tea.Batch(cmds...) // quit: the keys after it are not for the dashboard
		}
	}
	return m, tea.Batch(append(cmds, m.onKey(msg))...)
}

// onKey handles one key press, or text for the input that has the
// keyboard. Who gets it: ctrl+c is always the root's; then the overlay,
// when there is one; then a screen taking text; then the global keys;
// then the screen shown.
func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	g := m.c.Keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return m.quit()
	}
	m.notice = ""
	if m.overlay != nil {
		cmd := m.overlay.update(m, msg)
		m.syncOverlay()
		return cmd
	}
	if !m.current().Typing() {
		switch {
		case key.Matches(msg, g.Quit):
			return m.quit()
		case key.Matches(msg, g.Help):
			m.overlay = helpOverlay{}
			return nil
		case key.Matches(msg, g.Journal):
			return m.show(nav.Journal, "")
		}
	}
	return m.updateScreen(m.active, msg)
}

// current is the screen shown.
func (m Model) current() nav.Screen { return m.screens[m.active] }

// jobs is the jobs screen, which holds the watched app, the rows the
// header counts and the marks.
func (m Model) jobs() jobsScreen { return m.screens[nav.Jobs].(jobsScreen) }

// dialog is the shown screen's dialog, when it has one open.
func (m Model) dialog() (nav.Dialog, bool) {
	if d, ok := m.current().(nav.DialogOwner); ok {
		return d.Dialog()
	}
	return nil, false
}

// put replaces screen id. The list is copied first: the root is a value,
// and a copy of it kept elsewhere keeps its own screens.
func (m *Model) put(id nav.ID, s nav.Screen) {
	m.screens = slices.Clone(m.screens)
	m.screens[id] = s
}

// updateScreen gives msg to screen id, then carries out what it asked.
func (m *Model) updateScreen(id nav.ID, msg tea.Msg) tea.Cmd {
	s, cmd := m.screens[id].Update(msg)
	m.put(id, s)
	return tea.Batch(cmd, m.apply())
}

// apply carries out what the screens asked, in order.
func (m *Model) apply() tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range m.out.Take() {
		switch r := r.(type) {
		case nav.Show:
			cmds = append(cmds, m.show(r.To, r.Reason))
			if r.With != nil {
				cmds = append(cmds, m.updateScreen(r.To, r.With))
			}
		case nav.ChooseApp:
			cmds = append(cmds, m.chooseApp(r.App))
		case nav.StopPolling:
			m.poll.Stop()
		case nav.Pause:
			m.poll.TogglePause()
		case nav.SyncNow:
			cmds = append(cmds, m.poll.SyncNow())
		case nav.Notice:
			m.notice = r.Text // the footer sanitises it
		case askReq:
			m.overlay = r.ov
		case nav.JournalNew:
			cmds = append(cmds, m.updateScreen(m.active, nav.JournalChangedMsg{}))
		case nav.Quit:
			cmds = append(cmds, m.quit())
		case acknowledgeReq:
			m.since.acknowledge(m.now())
		case nav.ToggleWatch:
			m.toggleWatch(r.Target)
		}
	}
	m.syncOverlay()
	return tea.Batch(cmds...)
}

// syncOverlay puts the shown screen's dialog in the overlay slot when it
// opens, and empties the slot when it closes.
func (m *Model) syncOverlay() {
	_, open := m.dialog()
	_, held := m.overlay.(screenDialog)
	switch {
	case open && m.overlay == nil:
		m.overlay = screenDialog{}
	case !open && held:
		m.overlay = nil
	}
}

// show makes screen to the one shown; to again (the journal's key pressed
// on the journal) closes it.
func (m *Model) show(to nav.ID, reason string) tea.Cmd {
	if to == m.active && reason == "" {
		return m.updateScreen(to, nav.CloseMsg{})
	}
	from := m.active
	m.active = to
	m.layout()
	cmd := m.updateScreen(to, nav.ShownMsg{From: from, Store: m.poll.Store(), App: m.jobs().app, Reason: reason})
	if m.showsApp() {
		cmd = tea.Batch(cmd, m.armClock())
	}
	return cmd
}

// chooseApp shows the jobs of app: those already loaded when it is the
// one watched, else a new store, polled from now on.
func (m *Model) chooseApp(app model.App) tea.Cmd {
	if app.UUID == m.jobs().app.UUID && m.poll.Store() != nil {
		return m.show(nav.Jobs, "") // same app: keep its data
	}
	m.poll.Watch(app.UUID)
	m.watches.Clear() // another app's jobs: nothing watched is there
	cmd := m.updateScreen(nav.Jobs, nav.WatchMsg{App: app, Store: m.poll.Store()})
	return tea.Batch(cmd, m.show(nav.Jobs, ""), m.poll.Tick())
}

func (m *Model) quit() tea.Cmd {
	m.stop()
	return tea.Quit
}
