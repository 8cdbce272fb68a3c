package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
	"superdash/ui/common"
)

// Messages of the dashboard's own I/O; the poll loop's are in poller.
type (
	// clockMsg redraws the "updated Ns ago" once a second.
	clockMsg struct{}
	// appsListedMsg carries the account's apps, then the organisation's.
	appsListedMsg struct {
		apps   []model.App
		err    error // listing the account's own apps failed: nothing to show
		org    string
		orgErr error // listing the organisation's failed: the account's own are shown
	}
	// appFetchedMsg carries the app --app named, read for its name.
	appFetchedMsg struct {
		app model.App
		err error
	}
)

// listApps reads every page of the account's apps and, when org is set,
// of that organisation's, for the picker. An app in both lists is shown
// once, as the account's own.
func listApps(ctx context.Context, client *api.Client, org string) tea.Cmd {
	return func() tea.Msg {
		apps, err := client.AllApps(ctx)
		if err != nil || org == "" {
			return appsListedMsg{apps: apps, err: err}
		}
		orgApps, orgErr := client.AllOrgApps(ctx, org)
		own := make(map[string]bool, len(apps))
		for _, a := range apps {
			own[a.UUID] = true
		}
		for _, a := range orgApps {
			if !own[a.UUID] {
				apps = append(apps, a)
			}
		}
		return appsListedMsg{apps: apps, org: org, orgErr: orgErr}
	}
}

// fetchApp reads the app --app named: its name for the header, and whether
// it exists at all.
func fetchApp(ctx context.Context, client *api.Client, id string) tea.Cmd {
	return func() tea.Msg {
		app, err := client.GetApp(ctx, id)
		return appFetchedMsg{app: app, err: err}
	}
}

// onPoll routes a message of the poll loop to the poller, and redraws
// what shows the store when it changed.
func (m *Model) onPoll(msg tea.Msg) (tea.Cmd, bool) {
	ev, cmd := m.poll.Update(msg)
	if !ev.Handled {
		return nil, false
	}
	cmds := []tea.Cmd{cmd}
	if ev.Changed {
		m.unmark(ev.Removed...) // a job no longer listed keeps no mark
		cmds = append(cmds, m.refreshRows())
	}
	if ev.Started {
		cmds = append(cmds, m.armClock())
	}
	return tea.Batch(cmds...), true
}

// armClock starts the 1 s redraw of the freshness line unless it runs.
func (m *Model) armClock() tea.Cmd {
	if m.clockArmed {
		return nil
	}
	m.clockArmed = true
	return common.After(m.life, time.Second, clockMsg{})
}

// onClock keeps the 1 s redraw going only while the jobs screen shows it.
func (m *Model) onClock() tea.Cmd {
	if !m.showsApp() {
		m.clockArmed = false
		return nil
	}
	return common.After(m.life, time.Second, clockMsg{})
}

// resetApp starts watching m.app from scratch: a new store and generation;
// syncs of the previous app are cancelled and their results dropped.
func (m *Model) resetApp() {
	m.poll.Watch(m.app.UUID)
	m.acts.ForgetMarks(&m.table) // they name jobs of the previous app
	m.jobs = model.NewView(m.poll.Store())
	m.rows = nil
	m.table.SetRows(nil)
	m.pane.SetJob(nil)
	m.focus, m.zoomed = focusTable, false
}
