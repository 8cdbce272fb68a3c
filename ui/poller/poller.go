// Package poller keeps a store of one app's jobs current: the tick chain
// and its generations, one sync at a time through api.Syncer, backoff after
// failures, probes while the API cannot be reached, pause and sync-now. It
// owns the store; the root routes the poll messages here, asks Status for
// the header, and redraws when Update says the store changed.
package poller

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
	"superdash/ui/common"
)

// maxBackoff bounds the wait between failed syncs.
const maxBackoff = 2 * time.Minute

// Options configure a Poller.
type Options struct {
	Client   *api.Client
	Interval time.Duration // between polls
	Sync     api.SyncOptions
	Now      func() time.Time // this machine's clock: ticks, backoff, ages
}

// Poller polls one app at a time. The zero value watches nothing; Watch
// starts on an app.
type Poller struct {
	opts Options
	life context.Context // the dashboard's: every sync's context derives from it

	// gen identifies the current tick chain and its syncs: watching an
	// app, or restarting the chain at the end of a backoff, bumps it.
	gen    int
	ctx    context.Context
	cancel context.CancelFunc
	app    string
	syncer *api.Syncer
	state  api.SyncState
	store  *model.Store

	status Status
	// probing: the last sync could not reach the API, so each tick sends
	// a probe (see Client.Probe) instead of waiting out a backoff, and the
	// first probe answered starts a sync. Status.RetryAt is the next probe.
	probing bool
}

// Status is what the header says of the poll loop.
type Status struct {
	Paused    bool
	Syncing   bool
	ProbeSent bool      // a probe is in flight
	Err       error     // the last sync's failure, cleared by the next success
	Failures  int       // consecutive failed syncs, for the backoff
	RetryAt   time.Time // no scheduled sync before this (backoff, next probe)
	LastOK    time.Time // local time of the last sync the API answered in full
	// Progress of a paging pass in flight.
	Pages, PagesDone int
	PagesPerSec      float64
}

// New returns a poller that watches nothing yet. life bounds every
// request and timer it starts.
func New(life context.Context, opts Options) Poller {
	return Poller{opts: opts, life: life}
}

// Watch starts watching app from scratch: a new store and generation; syncs
// of the previous app are cancelled and their results dropped. The first
// sync starts with the command of Tick.
func (p *Poller) Watch(app string) {
	p.Stop()
	p.gen++
	p.ctx, p.cancel = context.WithCancel(p.life)
	p.app = app
	opts := p.opts.Sync
	opts.AppID = app
	p.syncer = api.NewSyncer(p.opts.Client, opts)
	p.state, p.status, p.probing = api.SyncState{}, Status{}, false
	p.store = model.NewStore()
	p.store.SetClock(p.opts.Now)
}

// Stop stops watching: the syncs in flight are cancelled and Store is nil.
func (p *Poller) Stop() {
	if p.cancel != nil {
		p.cancel()
	}
	p.store = nil
}

// Store holds the watched app's jobs; nil when no app is watched.
func (p *Poller) Store() *model.Store { return p.store }

// State is the syncer's state: what the next sync needs to know.
func (p *Poller) State() api.SyncState { return p.state }

// Status is what the header says of the loop.
func (p *Poller) Status() Status { return p.status }

// Gen is the current tick chain's generation, for messages fed by hand.
func (p *Poller) Gen() int { return p.gen }

// Tick is a tick of the current chain, delivered at once: the first sync.
func (p *Poller) Tick() tea.Cmd {
	gen := p.gen
	return func() tea.Msg { return TickMsg{Gen: gen} }
}

// TogglePause stops or resumes the scheduled syncs.
func (p *Poller) TogglePause() { p.status.Paused = !p.status.Paused }

// SyncNow is the `r` key: sync at once, backoff or not, unless one runs.
func (p *Poller) SyncNow() tea.Cmd {
	if p.status.Syncing || p.store == nil {
		return nil
	}
	p.status.RetryAt = time.Time{}
	return p.startSync(true)
}

// Event says what a message did to the poller.
type Event struct {
	Handled bool     // the message was the poller's
	Started bool     // a sync started: the header's age now moves
	Changed bool     // the store may have changed: redraw what shows it
	Removed []string // keys of the jobs the store dropped
}

// Update handles the poll loop's messages; Event.Handled is false for any
// other, which the caller routes elsewhere.
func (p *Poller) Update(msg tea.Msg) (Event, tea.Cmd) {
	switch msg := msg.(type) {
	case TickMsg:
		return p.onTick(msg)
	case ProbedMsg:
		return p.onProbed(msg)
	case PageMsg:
		return p.onPage(msg)
	case DoneMsg:
		return p.onDone(msg)
	}
	return Event{}, nil
}

// onTick starts a sync when one is due, or a probe while the API cannot be
// reached. A tick that finds a sync running, the poll paused or a backoff
// not over is dropped; the chain is re-armed either way, so there is always
// exactly one tick pending per generation.
func (p *Poller) onTick(msg TickMsg) (Event, tea.Cmd) {
	ev := Event{Handled: true}
	if msg.Gen != p.gen || p.store == nil {
		return ev, nil
	}
	next := common.After(p.ctx, p.opts.Interval, TickMsg{Gen: p.gen})
	switch {
	case p.status.Syncing || p.status.Paused:
		return ev, next
	case p.probing:
		return ev, tea.Batch(next, p.startProbe())
	case p.opts.Now().Before(p.status.RetryAt):
		return ev, next
	}
	ev.Started = true
	return ev, tea.Batch(next, p.startSync(false))
}

// startProbe sends one probe unless one is in flight, and sets the header's
// countdown to the probe after it.
func (p *Poller) startProbe() tea.Cmd {
	p.status.RetryAt = p.opts.Now().Add(p.opts.Interval)
	if p.status.ProbeSent {
		return nil
	}
	p.status.ProbeSent = true
	ctx, client, app, gen := p.ctx, p.opts.Client, p.app, p.gen
	return func() tea.Msg {
		return ProbedMsg{Gen: gen, Answered: client.Probe(ctx, app)}
	}
}

// onProbed resumes polling at once when the API answered a probe: the
// dashboard is live again within one interval of the API coming back.
func (p *Poller) onProbed(msg ProbedMsg) (Event, tea.Cmd) {
	ev := Event{Handled: true}
	if msg.Gen != p.gen {
		return ev, nil
	}
	p.status.ProbeSent = false
	if !msg.Answered || !p.probing || p.status.Syncing || p.status.Paused {
		return ev, nil
	}
	p.probing, p.status.RetryAt = false, time.Time{}
	ev.Started = true
	return ev, p.startSync(false)
}

func (p *Poller) onPage(msg PageMsg) (Event, tea.Cmd) {
	ev := Event{Handled: true}
	if msg.Gen != p.gen || p.store == nil {
		return ev, nil
	}
	p.status.Pages, p.status.PagesDone, p.status.PagesPerSec = msg.Delta.Pages, msg.Delta.PagesDone, msg.Delta.PagesPerSec
	ev.Changed, ev.Removed = true, p.store.Apply(msg.Delta).Removed
	if msg.feed == nil { // a page fed by hand: no sync to wait on
		return ev, nil
	}
	return ev, msg.feed.next()
}

func (p *Poller) onDone(msg DoneMsg) (Event, tea.Cmd) {
	ev := Event{Handled: true}
	if msg.Gen != p.gen || p.store == nil {
		return ev, nil
	}
	res := msg.Result
	p.status.Syncing = false
	p.status.Pages, p.status.PagesDone = 0, 0
	p.state = res.State
	ev.Changed, ev.Removed = true, p.store.Apply(res.Delta).Removed
	if err := res.Delta.Err; err != nil {
		return ev, p.scheduleRetry(err)
	}
	p.status.Err, p.status.Failures, p.status.RetryAt, p.probing = nil, 0, time.Time{}, false
	p.status.LastOK = p.opts.Now()
	return ev, nil
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
func (p *Poller) scheduleRetry(err error) tea.Cmd {
	p.status.Err = err
	p.status.Failures++
	p.probing, p.status.ProbeSent = api.IsConnectionError(err), false
	wait := p.opts.Interval
	if !p.probing {
		wait = p.backoff(err)
	}
	p.status.RetryAt = p.opts.Now().Add(wait)
	p.gen++
	return common.After(p.ctx, wait, TickMsg{Gen: p.gen})
}

// backoff is how long to wait after the latest failure: the API's
// Retry-After when it gave one, else doubling from one interval, bounded.
func (p *Poller) backoff(err error) time.Duration {
	wait := p.opts.Interval
	for i := 1; i < p.status.Failures && wait < maxBackoff; i++ {
		wait *= 2
	}
	if after := api.RetryAfter(err); after > wait {
		wait = after
	}
	return min(wait, maxBackoff)
}
