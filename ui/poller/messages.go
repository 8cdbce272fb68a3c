package poller

import (
	"superdash/api"
	"superdash/model"
)

// The poll loop's messages. Each carries the generation of the tick chain
// it belongs to: Poller.Update drops those of an older one (an app
// switched away from, a chain restarted at the end of a backoff). They are
// exported so that the root can route them here, and tests can feed a
// dashboard data as a sync would.
type (
	// TickMsg asks for a scheduled sync.
	TickMsg struct{ Gen int }
	// PageMsg is the pages of a paging pass that arrived since the last
	// one, as one delta, merged as they arrive so the first rows are
	// browsable long before the last page lands. feed is where the rest
	// of the sync comes from; nil when fed by hand.
	PageMsg struct {
		Gen   int
		Delta model.Delta
		feed  *feed
	}
	// DoneMsg ends a sync.
	DoneMsg struct {
		Gen    int
		Result api.SyncResult
	}
	// ProbedMsg ends a probe: whether the API answered it.
	ProbedMsg struct {
		Gen      int
		Answered bool
	}
)
