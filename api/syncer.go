package api

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"superdash/model"
)

// SyncOptions configure a Syncer.
type SyncOptions struct {
	AppID       string
	PageSize    int           // jobs per list request; default 500
	Concurrency int           // list requests in flight in a full pass; default 4
	FullEvery   time.Duration // cadence of the background full pass; default 5 min
	// Overlap is subtracted from the watermarks: server nodes do not commit
	// in timestamp order, so a job stamped slightly before the newest one
	// seen may appear after it. Default 2 min.
	Overlap time.Duration
	// RereadLimit bounds how many vanished moving jobs are read back one by
	// one; past it, a full pass is due instead. Default 50.
	RereadLimit int
}

func (o SyncOptions) withDefaults() SyncOptions {
	if o.PageSize <= 0 {
		o.PageSize = defaultPageSize
	}
	if o.Concurrency <= 0 {
		o.Concurrency = defaultConcurrency
	}
	if o.FullEvery <= 0 {
		o.FullEvery = 5 * time.Minute
	}
	if o.Overlap <= 0 {
		o.Overlap = 2 * time.Minute
	}
	if o.RereadLimit <= 0 {
		o.RereadLimit = 50
	}
	return o
}

// SyncState is what a Syncer remembers between syncs. It travels with the
// request and comes back in the result, so a sync runs on a copy and the
// caller decides when the new state takes over.
type SyncState struct {
	Loaded    bool            // a full pass has completed
	Watermark model.Watermark // newest server timestamps seen
	LastFull  time.Time       // local time the last full pass ended; only paces full passes
	NeedFull  bool            // the cheap pass could not account for every job
	// ClassicStatuses is set after the host refused the newer status names
	// in statusIn: the moving set is then asked for with the classic ones.
	ClassicStatuses bool
}

// SyncRequest is one sync's input, copied out of the caller's model.
type SyncRequest struct {
	State SyncState
	// Moving are the keys of the jobs the caller holds in a still-moving
	// status. One the cheap queries no longer return has changed in a way
	// they cannot see, and is read back.
	Moving []string
	Now    time.Time // the local clock, for the full-pass cadence only
	Full   bool      // force a full pass
}

// SyncResult is one sync's outcome.
type SyncResult struct {
	State SyncState
	// Delta holds the jobs of an incremental pass, or, for a full pass
	// (Delta.Full), the keys of every job listed: its pages went to onPage.
	Delta    model.Delta
	Requests int // list and read requests sent, for cost accounting
	Bytes    int // response bytes of the list requests
}

// Syncer decides what to fetch to bring a copy of an app's jobs up to date,
// and fetches it. It holds only configuration: the state is passed in and
// returned, so one Syncer serves every sync of an app without locking.
type Syncer struct {
	client *Client
	opts   SyncOptions
}

// NewSyncer returns a Syncer for opts.AppID.
func NewSyncer(c *Client, opts SyncOptions) *Syncer {
	return &Syncer{client: c, opts: opts.withDefaults()}
}

// movingStatuses are every known status that is not ended; classicMoving
// are the three the original API documents, for hosts that refuse the rest.
var (
	movingStatuses = func() []model.Status {
		var out []model.Status
		for _, s := range model.KnownStatuses() {
			if !s.Ended() {
				out = append(out, s)
			}
		}
		return out
	}()
	classicMoving = []model.Status{model.StatusScheduled, model.StatusInProgress, model.StatusSuspended}
)

// Sync runs one sync: a full pass the first time, when forced, when the
// last one is older than FullEvery or when the cheap pass fell short;
// otherwise the cheap pass. A full pass streams its pages to onPage as they
// arrive (in page order, on the calling goroutine).
func (s *Syncer) Sync(ctx context.Context, req SyncRequest, onPage func(model.Delta)) SyncResult {
	st := req.State
	if req.Full || !st.Loaded || st.NeedFull || req.Now.Sub(st.LastFull) >= s.opts.FullEvery {
		return s.fullPass(ctx, req, onPage)
	}
	return s.cheapPass(ctx, req)
}

// fullPass lists every job, oldest first: new jobs land on the last page,
// so the pages already read do not shift under the pass.
func (s *Syncer) fullPass(ctx context.Context, req SyncRequest, onPage func(model.Delta)) SyncResult {
	res := SyncResult{State: req.State}
	wm := req.State.Watermark
	seen := make(map[string]struct{})
	q := JobQuery{Size: s.opts.PageSize, SortBy: "created", OrderBy: "asc"}
	err := s.client.ListAllJobs(ctx, s.opts.AppID, q, s.opts.Concurrency, func(p JobPage, done, total int) error {
		res.Requests++
		res.Bytes += p.Bytes
		for i := range p.Jobs {
			seen[p.Jobs[i].Key()] = struct{}{}
		}
		wm = wm.Advance(p.Jobs)
		onPage(model.Delta{Jobs: p.Jobs, Pages: total, PagesDone: done, Watermark: wm})
		return nil
	})
	res.Delta = model.Delta{Full: true, Seen: seen, Watermark: wm, Err: err}
	if err == nil {
		res.State.Loaded = true
		res.State.NeedFull = false
		res.State.Watermark = wm
		res.State.LastFull = req.Now
	}
	return res
}

// cheapPass fetches only what can have changed since the watermarks: jobs
// in a moving status, jobs created since, jobs completed since, and any job
// the caller holds as moving that none of these returned.
func (s *Syncer) cheapPass(ctx context.Context, req SyncRequest) SyncResult {
	res := SyncResult{State: req.State}
	st := req.State
	jobs := make(map[string]model.Job)
	collect := func(q JobQuery) error {
		q.Size, q.SortBy, q.OrderBy = s.opts.PageSize, "created", "asc"
		return s.client.ListAllJobs(ctx, s.opts.AppID, q, s.opts.Concurrency, func(p JobPage, _, _ int) error {
			res.Requests++
			res.Bytes += p.Bytes
			for _, j := range p.Jobs {
				jobs[j.Key()] = j
			}
			return nil
		})
	}

	err := s.collectMoving(collect, &st)
	if err == nil && !st.Watermark.Created.IsZero() {
		err = collect(JobQuery{CreatedStart: st.Watermark.Created.Add(-s.opts.Overlap)})
	}
	if err == nil && !st.Watermark.Completed.IsZero() {
		err = collect(JobQuery{CompletedStart: st.Watermark.Completed.Add(-s.opts.Overlap)})
	}
	if err == nil {
		err = s.rereadVanished(ctx, req.Moving, jobs, &res, &st)
	}

	delta := model.Delta{Jobs: make([]model.Job, 0, len(jobs)), Err: err}
	for _, j := range jobs {
		delta.Jobs = append(delta.Jobs, j)
	}
	if err == nil {
		// Only a pass that saw everything it asked for may move the
		// watermarks: a partial one could step over jobs it never read.
		st.Watermark = st.Watermark.Advance(delta.Jobs)
		res.State = st
	}
	delta.Watermark = res.State.Watermark
	res.Delta = delta
	return res
}

// collectMoving lists the jobs in a moving status. A host that rejects the
// newer status names (400) is asked again with the classic three, and the
// state remembers it.
func (s *Syncer) collectMoving(collect func(JobQuery) error, st *SyncState) error {
	if !st.ClassicStatuses {
		err := collect(JobQuery{StatusIn: movingStatuses})
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
			return err
		}
		st.ClassicStatuses = true
	}
	return collect(JobQuery{StatusIn: classicMoving})
}

// rereadVanished reads back, a few at a time, the jobs the caller holds as
// moving that no query returned: they moved in a way the queries miss (a
// completion stamped before the watermark, a status this build does not
// know). Too many of them and a full pass is cheaper.
func (s *Syncer) rereadVanished(ctx context.Context, moving []string, jobs map[string]model.Job, res *SyncResult, st *SyncState) error {
	var vanished []string
	for _, key := range moving {
		if _, ok := jobs[key]; !ok {
			vanished = append(vanished, key)
		}
	}
	if len(vanished) == 0 {
		return nil
	}
	if len(vanished) > s.opts.RereadLimit {
		st.NeedFull = true
		return nil
	}
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
		slots    = make(chan struct{}, s.opts.Concurrency)
	)
	for _, key := range vanished {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			job, err := s.client.GetJob(ctx, key)
			mu.Lock()
			defer mu.Unlock()
			res.Requests++
			switch {
			case err == nil:
				jobs[job.Key()] = job
			case IsNotFound(err):
				// Gone from the server: the next full pass drops it.
				st.NeedFull = true
			case firstErr == nil:
				firstErr = err
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// RetryAfter is the wait the API asked for in err, or 0.
func RetryAfter(err error) time.Duration {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}
