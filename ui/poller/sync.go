package poller

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/api"
	"superdash/model"
)

// startSync launches one sync. It runs on values copied out of the poller:
// a request built here, the syncer and a context; never the store itself.
// Pages stream back through a channel the returned command reads from; the
// goroutine ends when the sync does or when the context is cancelled.
//
// A sync the user asked for lists the moving set whatever the syncer's
// cadence (the syncer itself does so for the first sync after a failure).
func (p *Poller) startSync(asked bool) tea.Cmd {
	p.status.Syncing = true
	req := api.SyncRequest{
		State:      p.state,
		Moving:     movingKeys(p.store),
		Now:        p.opts.Now(),
		ListMoving: asked,
	}
	ctx, syncer, gen := p.ctx, p.syncer, p.gen
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
					send(DoneMsg{Gen: gen, Result: api.SyncResult{State: req.State, Delta: model.Delta{Err: api.PanicError(r)}}})
				}
			}()
			result := syncer.Sync(ctx, req, func(d model.Delta) {
				send(PageMsg{Gen: gen, Delta: d, Events: events})
			})
			send(DoneMsg{Gen: gen, Result: result})
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
