package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
	"superdash/ui/common"
)

// Messages of the polling loop. Each carries the generation it belongs to.
type (
	// tickMsg asks for a scheduled sync.
	tickMsg struct{ gen int }
	// clockMsg redraws the "updated Ns ago" once a second.
	clockMsg struct{}
	// syncPageMsg is one page of a paging pass, merged as it arrives so the
	// first rows are browsable long before the last page lands.
	syncPageMsg struct {
		gen    int
		delta  model.Delta
		events <-chan tea.Msg
	}
	// syncDoneMsg ends a sync.
	syncDoneMsg struct {
		gen    int
		result api.SyncResult
	}
	// probedMsg ends a probe: whether the API answered it.
	probedMsg struct {
		gen      int
		answered bool
	}
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

// maxBackoff bounds the wait between failed syncs.
const maxBackoff = 2 * time.Minute

func tickNow(gen int) tea.Cmd {
	return func() tea.Msg { return tickMsg{gen: gen} }
}

// after delivers msg once d has passed, or nothing once ctx ends. Unlike
// tea.Tick its goroutine does not outlive the dashboard or the app it
// polls: quitting or switching app ends it at once.
func after(ctx context.Context, d time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

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

// startSync launches one sync. It runs on values copied out of the model: a
// request built here, the syncer and a context; never the store itself.
// Pages stream back through a channel the returned command reads from; the
// goroutine ends when the sync does or when the context is cancelled.
//
// A sync the user asked for lists the moving set whatever the syncer's
// cadence (the syncer itself does so for the first sync after a failure).
func (m *Model) startSync(asked bool) tea.Cmd {
	m.poll.syncing = true
	req := api.SyncRequest{
		State:      m.poll.state,
		Moving:     movingKeys(m.store),
		Now:        m.c.Now(),
		ListMoving: asked,
	}
	ctx, syncer, gen := m.poll.ctx, m.poll.syncer, m.poll.gen
	return func() tea.Msg {
		events := make(chan tea.Msg)
		go func() {
			defer close(events)
			send := func(msg tea.Msg) {
				select {
				case events <- msg:
				case <-ctx.Done():
				}
			}
			// A bug that panics in a sync ends it with an error in the
			// banner: this goroutine is beyond the crash guard's reach.
			defer func() {
				if r := recover(); r != nil {
					send(syncDoneMsg{gen: gen, result: api.SyncResult{State: req.State, Delta: model.Delta{Err: api.PanicError(r)}}})
				}
			}()
			result := syncer.Sync(ctx, req, func(d model.Delta) {
				send(syncPageMsg{gen: gen, delta: d, events: events})
			})
			send(syncDoneMsg{gen: gen, result: result})
		}()
		return <-events
	}
}

// movingKeys lists the stored jobs that are still moving: the syncer
// re-reads any of them the cheap queries no longer return.
func movingKeys(store *model.Store) []string {
	var keys []string
	store.Each(func(j *model.Job) bool {
		if !j.Status.Ended() {
			keys = append(keys, j.Key())
		}
		return true
	})
	return keys
}

// onTick starts a sync when one is due, or a probe while the API cannot be
// reached. A tick that finds a sync running, the poll paused or a backoff
// not over is dropped; the chain is re-armed either way, so there is always
// exactly one tick pending per generation.
func (m *Model) onTick(msg tickMsg) tea.Cmd {
	if msg.gen != m.poll.gen || m.store == nil {
		return nil
	}
	next := after(m.poll.ctx, m.opts.Interval, tickMsg{gen: m.poll.gen})
	switch {
	case m.poll.syncing || m.poll.paused:
		return next
	case m.poll.probing:
		return tea.Batch(next, m.startProbe())
	case m.c.Now().Before(m.poll.retryAt):
		return next
	}
	return tea.Batch(next, m.startSync(false), m.armClock())
}

// startProbe sends one probe unless one is in flight, and sets the header's
// countdown to the probe after it.
func (m *Model) startProbe() tea.Cmd {
	m.poll.retryAt = m.c.Now().Add(m.opts.Interval)
	if m.poll.probeSent {
		return nil
	}
	m.poll.probeSent = true
	ctx, client, app, gen := m.poll.ctx, m.client, m.app.UUID, m.poll.gen
	return func() tea.Msg {
		return probedMsg{gen: gen, answered: client.Probe(ctx, app)}
	}
}

// onProbed resumes polling at once when the API answered a probe: the
// dashboard is live again within one interval of the API coming back.
func (m *Model) onProbed(msg probedMsg) tea.Cmd {
	if msg.gen != m.poll.gen {
		return nil
	}
	m.poll.probeSent = false
	if !msg.answered || !m.poll.probing || m.poll.syncing || m.poll.paused {
		return nil
	}
	m.poll.probing, m.poll.retryAt = false, time.Time{}
	return tea.Batch(m.startSync(false), m.armClock())
}

// syncNow is the `r` key: sync at once, backoff or not, unless one runs.
func (m *Model) syncNow() tea.Cmd {
	if m.poll.syncing || m.store == nil {
		return nil
	}
	m.poll.retryAt = time.Time{}
	return m.startSync(true)
}

func (m *Model) onSyncPage(msg syncPageMsg) tea.Cmd {
	if msg.gen != m.poll.gen {
		return nil
	}
	m.poll.pages, m.poll.pagesDone, m.poll.pagesPerSec = msg.delta.Pages, msg.delta.PagesDone, msg.delta.PagesPerSec
	m.unmark(m.store.Apply(msg.delta).Removed...)
	return tea.Batch(m.refreshRows(), common.NextMsg(msg.events))
}

func (m *Model) onSyncDone(msg syncDoneMsg) tea.Cmd {
	if msg.gen != m.poll.gen {
		return nil
	}
	res := msg.result
	m.poll.syncing = false
	m.poll.pages, m.poll.pagesDone = 0, 0
	m.poll.state = res.State
	m.unmark(m.store.Apply(res.Delta).Removed...) // a job no longer listed keeps no mark
	if err := res.Delta.Err; err != nil {
		return tea.Batch(m.refreshRows(), m.scheduleRetry(err))
	}
	m.poll.err, m.poll.failures, m.poll.retryAt, m.poll.probing = nil, 0, time.Time{}, false
	m.poll.lastOK = m.c.Now()
	return m.refreshRows()
}

// scheduleRetry records a failed sync and restarts the tick chain so that
// its next tick falls exactly when the retry is due: the countdown in the
// header is when the retry happens, not a tick or more before it. The new
// generation drops the tick of the old chain still pending, and the answer
// of a probe still in flight.
//
// After a connection error the retry is a probe at every tick (see
// onTick): waiting out a backoff would leave the dashboard stale for up to
// maxBackoff after the API is back, and a probe costs the API one small
// request. After any other failure the API answered, and is failing: it
// gets the backoff, and no request until it ends.
func (m *Model) scheduleRetry(err error) tea.Cmd {
	m.poll.err = err
	m.poll.failures++
	m.poll.probing, m.poll.probeSent = api.IsConnectionError(err), false
	wait := m.opts.Interval
	if !m.poll.probing {
		wait = m.backoff(err)
	}
	m.poll.retryAt = m.c.Now().Add(wait)
	m.poll.gen++
	return after(m.poll.ctx, wait, tickMsg{gen: m.poll.gen})
}

// backoff is how long to wait after the latest failure: the API's
// Retry-After when it gave one, else doubling from one interval, bounded.
func (m *Model) backoff(err error) time.Duration {
	wait := m.opts.Interval
	for i := 1; i < m.poll.failures && wait < maxBackoff; i++ {
		wait *= 2
	}
	if after := api.RetryAfter(err); after > wait {
		wait = after
	}
	return min(wait, maxBackoff)
}

// armClock starts the 1 s redraw of the freshness line unless it runs.
func (m *Model) armClock() tea.Cmd {
	if m.poll.clockArmed {
		return nil
	}
	m.poll.clockArmed = true
	return after(m.life, time.Second, clockMsg{})
}

// onClock keeps the 1 s redraw going only while the jobs screen shows it.
func (m *Model) onClock() tea.Cmd {
	if !m.showsApp() {
		m.poll.clockArmed = false
		return nil
	}
	return after(m.life, time.Second, clockMsg{})
}

// resetApp starts watching m.app from scratch: a new store and generation;
// syncs of the previous app are cancelled and their results dropped.
func (m *Model) resetApp() {
	m.poll.cancel()
	ctx, cancel := context.WithCancel(m.life)
	gen := m.poll.gen + 1
	clockArmed := m.poll.clockArmed
	m.poll = pollState{gen: gen, ctx: ctx, cancel: cancel, clockArmed: clockArmed}
	opts := m.opts.Sync
	opts.AppID = m.app.UUID
	m.poll.syncer = api.NewSyncer(m.client, opts)
	clear(m.marks) // they name jobs of the previous app
	m.syncMarks()
	m.store = model.NewStore()
	m.store.SetClock(m.c.Now)
	m.jobs = model.NewView(m.store)
	m.rows = nil
	m.table.SetRows(nil)
	m.pane.SetJob(nil)
	m.focus, m.zoomed = focusTable, false
}
