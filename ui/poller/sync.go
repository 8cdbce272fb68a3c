package poller

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
)

// startSync launches one sync. It runs on values copied out of the poller:
// a request built here, the syncer and a context; never the store itself.
// Pages stream back through a feed the returned command reads from; the
// goroutine fetching them never waits for the UI, and ends when the sync
// does (at the latest soon after the context is cancelled).
//
// A sync the user asked for lists the moving set whatever the syncer's
// cadence (the syncer itself does so for the first sync after a failure).
func (p *Poller) startSync(asked bool) tea.Cmd {
	p.status.Syncing = true
	req := api.SyncRequest{
		State:      p.state,
		Moving:     p.store.MovingKeys(),
		Now:        p.opts.Now(),
		ListMoving: asked,
	}
	ctx, syncer, gen := p.ctx, p.syncer, p.gen
	return func() tea.Msg {
		feed := newFeed(ctx, gen)
		go func() {
			// A bug that panics in a sync ends it with an error in the
			// banner: this goroutine is beyond the crash guard's reach.
			defer func() {
				if r := recover(); r != nil {
					feed.finish(DoneMsg{Gen: gen, Result: api.SyncResult{State: req.State, Delta: model.Delta{Err: api.PanicError(r)}}})
				}
			}()
			result := syncer.Sync(ctx, req, feed.page)
			feed.finish(DoneMsg{Gen: gen, Result: result})
		}()
		return feed.next()()
	}
}
