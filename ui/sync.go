package ui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// Messages of the dashboard's own I/O; the poll loop's are in poller.
type (
	// clockMsg redraws the "updated Ns ago" once a second.
	clockMsg struct{}
	// appFetchedMsg carries the app --app named, read for its name.
	appFetchedMsg struct {
		app model.App
		err error
	}
)

// fetchApp reads the app --app named: its name for the header, and whether
// it exists at all.
func fetchApp(ctx context.Context, client *api.Client, id string) tea.Cmd {
	return func() tea.Msg {
		app, err := client.GetApp(ctx, id)
		return appFetchedMsg{app: app, err: err}
	}
}

// onPoll routes a message of the poll loop to the poller, and tells the
// screens when the store changed.
func (m *Model) onPoll(msg tea.Msg) (tea.Cmd, bool) {
	ev, cmd := m.poll.Update(msg)
	if !ev.Handled {
		return nil, false
	}
	cmds := []tea.Cmd{cmd}
	if !m.poll.Status().LastOK.IsZero() {
		m.since.loaded(m.poll.Store(), m.now())
	}
	if ev.Changed {
		for id := range m.screens {
			changed := nav.StoreMsg{Store: m.poll.Store(), Removed: ev.Removed, Shown: nav.ID(id) == m.active}
			cmds = append(cmds, m.updateScreen(nav.ID(id), changed))
		}
		cmds = append(cmds, m.observeWatches())
	}
	if ev.Started {
		cmds = append(cmds, m.armClock())
	}
	return tea.Batch(cmds...), true
}

// headerState is what the header keeps between frames.
type headerState struct {
	loadBar    progress.Model // the first load's progress
	clockArmed bool           // the 1 s refresh of "updated Ns ago" is running
}

// armClock starts the 1 s redraw of the freshness line unless it runs.
func (m *Model) armClock() tea.Cmd {
	if m.header.clockArmed {
		return nil
	}
	m.header.clockArmed = true
	return common.After(m.life, time.Second, clockMsg{})
}

// onClock keeps the 1 s redraw going only while a screen of the watched
// app shows it, and tells the job table the time moved.
func (m *Model) onClock() tea.Cmd {
	if !m.showsApp() {
		m.header.clockArmed = false
		return nil
	}
	next := common.After(m.life, time.Second, clockMsg{})
	if m.active != nav.Jobs {
		return next // a hidden table catches up when shown
	}
	// The job table follows the clock too, when a filter has an age.
	return tea.Batch(m.updateScreen(nav.Jobs, clockMsg{}), next)
}
