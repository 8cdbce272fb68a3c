package poller

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// feed carries a sync's pages from the goroutine fetching them to the UI.
// The fetching side never waits for the UI: a page is queued and the next
// one fetched at once, however busy the UI is drawing. The UI side takes
// every page queued so far as one message, at most every model.FoldEvery
// while the pass goes on, so that a load of 200 pages costs the UI a
// dozen updates and redraws rather than 200; the first page, and what is
// queued when the sync ends, are taken at once.
//
// The queued pages hold nothing the store will not hold anyway: their
// jobs go into it when taken.
type feed struct {
	ctx context.Context
	gen int

	mu    sync.Mutex
	pages []model.Delta
	done  *DoneMsg
	taken time.Time // when the UI last took pages; zero before the first

	// arrived holds a token while something was queued since the UI last
	// looked: one is enough to wake it, so queuing never blocks.
	arrived chan struct{}
}

func newFeed(ctx context.Context, gen int) *feed {
	return &feed{ctx: ctx, gen: gen, arrived: make(chan struct{}, 1)}
}

// page queues one page of the sync. It never blocks.
func (f *feed) page(d model.Delta) {
	f.mu.Lock()
	f.pages = append(f.pages, d)
	f.mu.Unlock()
	f.wake()
}

// finish queues the sync's end, which the UI takes after the last page.
func (f *feed) finish(msg DoneMsg) {
	f.mu.Lock()
	f.done = &msg
	f.mu.Unlock()
	f.wake()
}

func (f *feed) wake() {
	select {
	case f.arrived <- struct{}{}:
	default:
	}
}

// next is the command that waits for what the UI takes next: a PageMsg
// of every page queued, or once they are all taken, the DoneMsg. It
// returns nil when the sync's context ends first.
func (f *feed) next() tea.Cmd {
	return func() tea.Msg {
		for {
			msg, wait := f.take(time.Now())
			if msg != nil {
				return msg
			}
			if !f.await(wait) {
				return nil
			}
		}
	}
}

// await waits for something queued, or for wait when it is positive;
// false when the sync's context ended first.
func (f *feed) await(wait time.Duration) bool {
	var due <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		due = t.C
	}
	select {
	case <-f.arrived:
	case <-due:
	case <-f.ctx.Done():
		return false
	}
	return true
}

// take returns what the UI may have at now, or nil and how long until the
// queued pages may be taken (0 when nothing is queued: wait for a page).
func (f *feed) take(now time.Time) (tea.Msg, time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.pages) == 0 {
		if f.done != nil {
			return *f.done, 0
		}
		return nil, 0
	}
	if wait := f.taken.Add(model.FoldEvery).Sub(now); wait > 0 && f.done == nil {
		return nil, wait
	}
	pages := f.pages
	f.pages, f.taken = nil, now
	return PageMsg{Gen: f.gen, Delta: joinPages(pages), feed: f}, 0
}

// joinPages makes one delta of a pass's pages, in order: their jobs one
// after the other (copied once when there are several), their drops, and
// the progress and watermark of the last, which are the furthest.
func joinPages(pages []model.Delta) model.Delta {
	last := pages[len(pages)-1]
	if len(pages) == 1 {
		return last
	}
	n := 0
	for _, p := range pages {
		n += len(p.Jobs)
	}
	joined := last
	joined.Jobs, joined.Drop = make([]model.Job, 0, n), nil
	for _, p := range pages {
		joined.Jobs = append(joined.Jobs, p.Jobs...)
		joined.Drop = append(joined.Drop, p.Drop...)
	}
	return joined
}
