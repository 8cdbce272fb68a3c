package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
	"superdash/ui/actions"
	"superdash/ui/detail"
)

// Update routes each message to the part of the screen that owns it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.onPoll(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyMsg:
		return m.onKeys(msg)
	case tea.MouseMsg:
		return m, m.onMouse(msg)
	case clockMsg:
		return m, m.onClock()
	case appsListedMsg:
		return m, m.onAppsListed(msg)
	case appFetchedMsg:
		return m, m.onAppFetched(msg)
	case actions.Msg:
		return m.onActions(msg)
	case journalReadMsg:
		m.journalScreen.setEntries(msg)
		return m, nil
	case copiedMsg, tempFileMsg, viewerClosedMsg, exportedMsg:
		return m, m.onHandOffDone(msg)
	case detail.OutputFetchedMsg:
		var cmd tea.Cmd
		m.pane, cmd = m.pane.Update(msg)
		return m, cmd
	}
	// Anything else (spinner ticks, list internals) belongs to whichever
	// child is showing.
	return m, m.updateActiveChild(msg)
}

func (m *Model) updateActiveChild(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.screen {
	case screenApps:
		m.picker, cmd = m.picker.update(msg)
	case screenJobs:
		m.pane, cmd = m.pane.Update(msg)
	}
	return cmd
}

// typing reports whether a text input has the keyboard, in which case only
// ctrl+c is global: `q` is a letter of the search, not quit.
func (m Model) typing() bool {
	switch m.screen {
	case screenApps:
		return m.picker.typing()
	case screenJobs:
		return m.filter.typing() || m.pane.Typing()
	default:
		return false
	}
}

// takingText reports whether the keys typed go into a text input: the
// filter bar, a search, the app picker's filter, or the number a dialog
// asks for.
func (m Model) takingText() bool {
	if m.acts.Overlay() {
		return m.acts.Typing()
	}
	return !m.exportAsking && m.typing()
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
		next, cmd := m.onKey(one)
		m = next.(Model)
		cmds = append(cmds, cmd)
		msg.Runes = msg.Runes[1:]
		if m.life.Err() != nil {
			return m, tea.Batch(cmds...) // quit: the keys after it are not for the dashboard
		}
	}
	next, cmd := m.onKey(msg)
	return next, tea.Batch(append(cmds, cmd)...)
}

// onKey handles one key press, or text for the input that has the keyboard.
func (m Model) onKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.Global.ForceQuit) {
		return m.quit()
	}
	m.notice = ""
	if m.exportAsking {
		return m, m.onExportFormatKey(msg)
	}
	if m.acts.Overlay() {
		return m.onActions(msg) // a dialog or a bulk run has the keyboard
	}
	if m.filter.typing() && m.screen == screenJobs {
		return m, m.onFilterKey(msg)
	}
	if m.typing() {
		return m, m.updateActiveChild(msg)
	}
	if m.showHelp {
		// q closes the help, as esc and ? do: a reader who opened it
		// expects to be back where they were, not out of the program.
		if key.Matches(msg, k.Global.Quit, k.Global.Help, k.Global.Back) {
			m.showHelp = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Global.Quit):
		return m.quit()
	case key.Matches(msg, k.Global.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Global.Journal):
		return m, m.toggleJournal()
	}
	switch m.screen {
	case screenApps:
		return m, m.onPickerKey(msg)
	case screenBatches, screenTags:
		return m, m.onListKey(msg)
	case screenJournal:
		return m, m.onJournalKey(msg)
	}
	switch {
	case key.Matches(msg, k.Global.Pause):
		m.poll.TogglePause()
		return m, nil
	case key.Matches(msg, k.Global.Refresh):
		return m, m.poll.SyncNow()
	case key.Matches(msg, k.Global.SwitchApp):
		m.screen = screenApps
		m.layout()
		return m, nil
	}
	if m.focus == focusDetail {
		return m, m.onDetailKey(msg)
	}
	return m, m.onTableKey(msg)
}

func (m *Model) onTableKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if cmd, ok := m.onFindKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.onActionKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.onHandOffKey(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Table.Zoom):
		if _, ok := m.table.Selected(); !ok {
			return nil
		}
		m.zoomed = true
		m.setFocus(focusDetail)
		return m.showSelected()
	case key.Matches(msg, k.Table.FocusDetail):
		if m.detailVisible() {
			m.setFocus(focusDetail)
		}
		return nil
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return tea.Batch(cmd, m.showSelected())
}

func (m *Model) onDetailKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Global.Back):
		m.zoomed = false
		m.setFocus(focusTable)
		return nil
	case key.Matches(msg, k.Table.FocusDetail):
		if !m.zoomed {
			m.setFocus(focusTable)
		}
		return nil
	}
	if cmd, ok := m.onActionKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.onHandOffKey(msg); ok {
		return cmd
	}
	var cmd tea.Cmd
	m.pane, cmd = m.pane.Update(msg)
	return cmd
}

func (m *Model) onPickerKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.List.Choose):
		app, ok := m.picker.selected()
		if !ok {
			return nil
		}
		m.picker.setNotice("") // chosen: the reason it opened is history
		if app.UUID == m.app.UUID && m.poll.Store() != nil {
			m.screen = screenJobs // same app: keep its data
			m.layout()
			return m.armClock()
		}
		m.app = app
		m.screen = screenJobs
		m.resetApp()
		m.layout()
		return tea.Batch(m.poll.Tick(), m.armClock())
	case key.Matches(msg, k.Global.Back) && m.poll.Store() != nil:
		m.screen = screenJobs
		m.layout()
		return m.armClock()
	}
	var cmd tea.Cmd
	m.picker, cmd = m.picker.update(msg)
	return cmd
}

func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.screen != screenJobs || m.showHelp || m.acts.Overlay() {
		return nil
	}
	body := m.bodyRect()
	tableRect, paneRect := m.splitRects(body)
	switch {
	case !m.zoomed && tableRect.contains(msg.X, msg.Y):
		msg.X -= tableRect.x
		msg.Y -= tableRect.y
		var cmd tea.Cmd
		m.table, cmd = m.table.Update(msg)
		return tea.Batch(cmd, m.showSelected())
	case m.detailVisible() && paneRect.contains(msg.X, msg.Y):
		msg.X -= paneRect.x
		msg.Y -= paneRect.y
		var cmd tea.Cmd
		m.pane, cmd = m.pane.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) onAppsListed(msg appsListedMsg) tea.Cmd {
	m.apps = msg.apps
	for _, a := range msg.apps {
		if a.UUID == m.app.UUID {
			m.app = a
		}
	}
	return m.picker.setApps(msg)
}

// onAppFetched names the app --app gave. An app that does not exist is no
// use polling: the picker opens instead, saying why. Any other failure
// leaves the id in the header; the sync reports what is wrong.
func (m *Model) onAppFetched(msg appFetchedMsg) tea.Cmd {
	stillWatched := m.poll.Store() != nil && m.app.UUID == m.opts.AppID // not switched away meanwhile
	switch {
	case msg.err == nil && stillWatched:
		app := msg.app
		app.UUID = m.app.UUID // the one polled, whatever the body says
		m.app = app
	case api.IsNotFound(msg.err) && stillWatched:
		m.poll.Stop()
		m.picker.setNotice(fmt.Sprintf("there is no app %s on %s for this API key: choose one below", m.app.UUID, m.client.Host()))
		m.app = model.App{}
		m.screen = screenApps
		m.layout()
	}
	return nil
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.table.SetFocused(f == focusTable)
	m.pane.SetFocused(f == focusDetail)
	m.layout()
}

// refreshRows hands the table the filtered, sorted list when it changed,
// and keeps the detail pane on the job under the cursor. The view caches:
// when neither the store, the query nor the sort moved, this is cheap.
func (m *Model) refreshRows() tea.Cmd {
	switch m.screen {
	case screenBatches:
		m.batches.Refresh(m.poll.Store())
	case screenTags:
		m.tags.Refresh(m.poll.Store())
	}
	m.tabs.track(m.poll.Store(), m.c.JobNow())
	rows := m.jobs.Jobs(m.filter.query(m.c.JobNow()), m.sort)
	m.table.SetSort(m.sort)
	if sameRows(rows, m.rows) {
		return nil
	}
	m.rows = rows
	m.table.SetRows(rows)
	if m.filter.text != "" && m.poll.Store().Len() > 0 {
		m.table.SetEmptyMessage("no job matches the filter: esc clears it")
	} else {
		m.table.SetEmptyMessage("no jobs")
	}
	return m.showSelected()
}

// sameRows reports whether a and b are the same cached list: the view
// hands back the very slice it built until something changes.
func sameRows(a, b []*model.Job) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// showSelected points the detail pane at the job under the cursor, with its
// latest data. The pane keeps its scroll when the job is the same one.
func (m *Model) showSelected() tea.Cmd {
	if !m.detailVisible() {
		return nil
	}
	job, ok := m.table.Selected()
	if !ok {
		return m.pane.SetJob(nil)
	}
	return m.pane.SetJob(job)
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	m.stop()
	return m, tea.Quit
}
