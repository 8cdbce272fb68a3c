package api

import (
	"cmp"
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
	PageSize    int // jobs per list request; default 500
	Concurrency int // list requests in flight in a full pass; default 4
	// FullEvery is the shortest gap between two background full passes;
	// default 5 min.
	FullEvery time.Duration
	// FullPerPage stretches that gap for large apps: the next full pass
	// waits at least this long per page the last one read, so that its
	// cost, spread over the polls in between, stays a small share of what
	// polling costs. Default 15 s: up to 20 pages (10,000 jobs at 500 a
	// page) the gap is FullEvery; 200 pages (100,000 jobs) wait 50 min.
	FullPerPage time.Duration
	// Overlap is subtracted from the watermarks: server nodes do not commit
	// in timestamp order, so a job stamped slightly before the newest one
	// seen may appear after it. Default 2 min.
	Overlap time.Duration
	// RereadLimit bounds how many vanished moving jobs are read back one by
	// one; past it, a full pass is due instead. Default 50.
	RereadLimit int
	// MovingEvery is how often a cheap pass lists the jobs in a moving
	// status: on every MovingEvery-th pass (default 3). The other passes
	// ask only for jobs created and completed since the watermarks, which
	// costs two requests however many jobs move. The trade: a move between
	// two moving statuses (SCHEDULED → IN_PROGRESS) or a restart of an
	// ended job shows up to MovingEvery polls late. New jobs and endings
	// show on the next poll. 1 lists the moving set on every pass.
	MovingEvery int
	// Since, when positive, limits the sync to jobs created within Since
	// before SyncRequest.Now: every list query asks for createdStartDate
	// at least Now-Since, so a full pass drops older jobs from the store.
	// The window slides with Now, which is the local clock: a skew between
	// this machine and the server shifts the window's edge by as much.
	Since time.Duration
	// Clock times a full pass for Delta.PagesPerSec; default time.Now.
	Clock func() time.Time
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
	if o.FullPerPage <= 0 {
		o.FullPerPage = 15 * time.Second
	}
	if o.MovingEvery <= 0 {
		o.MovingEvery = 3
	}
	if o.Clock == nil {
		o.Clock = time.Now
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
	// FullRetryAt holds back the next background full pass after one
	// failed: until then cheap passes run, so a flaky API does not turn
	// every poll into a re-list that never completes.
	FullRetryAt time.Time
	// ClassicStatuses is set after the host refused the newer status names
	// in statusIn: the moving set is then asked for with the classic ones.
	ClassicStatuses bool
	// SinceMoving counts the cheap passes since the moving set was last
	// listed, by a full pass or a cheap one (see SyncOptions.MovingEvery).
	SinceMoving int
	// FullPages is how many pages the last full pass read; it paces the
	// next (see SyncOptions.FullPerPage).
	FullPages int
	// Settled are the server timestamps up to which every job is known to
	// have been listed: the cheap queries start at the later of it and the
	// watermark minus the overlap. Checkpoint is the watermark as it stood
	// when the pass that started at CheckpointAt (local time) began: once a
	// pass succeeds an overlap after that, every job stamped up to the
	// checkpoint had committed before it ran and was listed, and Settled
	// moves up to it. So once nothing has happened for an overlap, a quiet
	// poll no longer re-reads the last two minutes of jobs.
	Settled, Checkpoint model.Watermark
	CheckpointAt        time.Time
}

// SyncRequest is one sync's input, copied out of the caller's model.
type SyncRequest struct {
	State SyncState
	// Moving are the keys of the jobs the caller holds in a still-moving
	// status. One the cheap queries no longer return has changed in a way
	// they cannot see, and is read back.
	Moving []string
	// Now is the local clock: it paces the full passes and the settling
	// of the watermarks, and places the edge of the Since window.
	Now  time.Time
	Full bool // force a full pass
	// ListMoving makes a cheap pass list the moving set whatever the
	// MovingEvery cadence: for a sync the user asked for.
	ListMoving bool
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
// last one is older than its cadence (see SyncOptions.FullPerPage) or when
// the cheap pass fell short; otherwise the cheap pass. A full pass streams
// its pages to onPage as they arrive (in page order, on the calling
// goroutine).
func (s *Syncer) Sync(ctx context.Context, req SyncRequest, onPage func(model.Delta)) SyncResult {
	st := req.State
	due := st.NeedFull || req.Now.Sub(st.LastFull) >= s.FullGap(st)
	if req.Full || !st.Loaded || (due && !req.Now.Before(st.FullRetryAt)) {
		return s.fullPass(ctx, req, onPage)
	}
	return s.cheapPass(ctx, req)
}

// fullRetryGap is how long a failed background full pass waits before it
// is tried again, cheap passes running meanwhile.
const fullRetryGap = time.Minute

// FullGap is how long after the last full pass the next one is due:
// FullEvery, stretched to FullPerPage for each page the last one read.
func (s *Syncer) FullGap(st SyncState) time.Duration {
	return max(s.opts.FullEvery, time.Duration(st.FullPages)*s.opts.FullPerPage)
}

// windowStart is the oldest creation time the Since window lets in at now,
// or zero without a window.
func (s *Syncer) windowStart(now time.Time) time.Time {
	if s.opts.Since <= 0 {
		return time.Time{}
	}
	return now.Add(-s.opts.Since)
}

// inWindow narrows q to the Since window.
func inWindow(q JobQuery, start time.Time) JobQuery {
	if q.CreatedStart.Before(start) {
		q.CreatedStart = start
	}
	return q
}

// fullPass lists every job (of the Since window), oldest first: new jobs
// land on the last page, so the pages already read do not shift under the
// pass.
func (s *Syncer) fullPass(ctx context.Context, req SyncRequest, onPage func(model.Delta)) SyncResult {
	res := SyncResult{State: req.State}
	wm := req.State.Watermark
	seen := make(map[string]struct{})
	q := s.ListQuery(req.Now)
	began := s.opts.Clock()
	rate := 0.0
	pages := 0
	err := s.client.ListAllJobs(ctx, s.opts.AppID, q, s.opts.Concurrency, func(p JobPage, done, total int) error {
		// The page ListAllJobs adds after the last (see ListAllJobs)
		// comes with the last one's done: the pace is of pages read.
		advanced := done > pages
		pages = done
		res.Requests += p.Requests
		res.Bytes += p.Bytes
		for i := range p.Jobs {
			seen[p.Jobs[i].Key()] = struct{}{}
		}
		wm = wm.Advance(p.Jobs)
		if elapsed := s.opts.Clock().Sub(began); advanced && elapsed > 0 {
			rate = float64(done) / elapsed.Seconds()
		}
		onPage(model.Delta{Jobs: p.Jobs, Pages: total, PagesDone: done, PagesPerSec: rate, Watermark: wm, Total: p.Expected(total)})
		return nil
	})
	res.Delta = model.Delta{Full: true, Seen: seen, Watermark: wm, PagesPerSec: rate, Err: err}
	if err != nil && req.State.Loaded && !req.Full {
		res.State.FullRetryAt = req.Now.Add(fullRetryGap)
		res.State.SinceMoving = max(res.State.SinceMoving, s.opts.MovingEvery-1) // as after a failed cheap pass
	}
	if err == nil {
		res.State.FullRetryAt = time.Time{}
		res.State.Loaded = true
		res.State.NeedFull = false
		res.State.Watermark = wm
		res.State.LastFull = req.Now
		res.State.FullPages = pages
		res.State.SinceMoving = 0 // the pass listed every moving job
	}
	return res
}

// cheapPass fetches only what can have changed since the watermarks: jobs
// created since, jobs completed since, and, on every MovingEvery-th pass,
// jobs in a moving status and any job the caller holds as moving that none
// of these returned.
func (s *Syncer) cheapPass(ctx context.Context, req SyncRequest) SyncResult {
	res := SyncResult{State: req.State}
	st := req.State
	window := s.windowStart(req.Now)
	jobs := make(map[string]model.Job)
	collect := func(q JobQuery) error {
		q.Size, q.OrderBy = s.opts.PageSize, "asc"
		if q.SortBy == "" {
			q.SortBy = "created"
		}
		q = inWindow(q, window)
		// Unchecked for shifted pages: a job leaving these lists while
		// they are read (most often a moving job ending) is a job held
		// as moving and read again by rereadVanished, or one the next
		// pass's overlap lists again; the check's request more on every
		// poll would buy nothing.
		return s.client.ListPages(ctx, s.opts.AppID, q, s.opts.Concurrency, func(p JobPage, _, _ int) error {
			res.Requests += p.Requests
			res.Bytes += p.Bytes
			for _, j := range p.Jobs {
				jobs[j.Key()] = j
			}
			return nil
		})
	}

	listMoving := req.ListMoving || st.SinceMoving+1 >= s.opts.MovingEvery
	floor := st.queryFloor(s.opts.Overlap)
	var err error
	if listMoving {
		err = s.collectMoving(collect, &st)
	}
	if err == nil && !st.Watermark.Created.IsZero() {
		err = collect(JobQuery{CreatedStart: floor.Created})
	}
	if err == nil && !st.Watermark.Completed.IsZero() {
		// Sorted by completion, so that jobs ending while the pages are
		// read land on the last page instead of shifting the others.
		err = collect(JobQuery{CompletedStart: floor.Completed, SortBy: "completed"})
	}
	var drop []string
	if err == nil && listMoving {
		// Without the moving set listed, every moving job would look
		// vanished: they are only looked for on the passes that list it.
		drop, err = s.rereadVanished(ctx, req.Moving, jobs, window, &res, &st)
	}

	delta := model.Delta{Jobs: make([]model.Job, 0, len(jobs)), Drop: drop, Err: err}
	for _, j := range jobs {
		delta.Jobs = append(delta.Jobs, j)
	}
	if err == nil {
		// Only a pass that saw everything it asked for may move the
		// watermarks: a partial one could step over jobs it never read.
		st.Watermark = st.Watermark.Advance(delta.Jobs)
		if listMoving {
			st.SinceMoving = 0
		} else {
			st.SinceMoving++
		}
		st.settle(req.State.Watermark, req.Now, s.opts.Overlap)
		res.State = st
	} else {
		// The store falls behind while syncs fail: the first pass that
		// succeeds after lists the moving set, whatever the cadence.
		res.State.SinceMoving = max(res.State.SinceMoving, s.opts.MovingEvery-1)
	}
	delta.Watermark = res.State.Watermark
	res.Delta = delta
	return res
}

// queryFloor is where the created-since and completed-since queries
// start: the watermark minus the overlap, or what has settled if later.
func (st *SyncState) queryFloor(overlap time.Duration) model.Watermark {
	return model.Watermark{
		Created:   latest(st.Watermark.Created.Add(-overlap), st.Settled.Created),
		Completed: latest(st.Watermark.Completed.Add(-overlap), st.Settled.Completed),
	}
}

// settle runs after a successful cheap pass that began at now with the
// watermark prev. The server's clock had passed prev by then (every job
// stamped prev had been read before now), and a job commits at most an
// overlap after its stamp: so once a pass begins an overlap or more after
// a checkpoint, every job stamped up to the checkpoint had committed and
// was listed by that pass (or an earlier one), and Settled takes it. A new
// checkpoint is then taken at this pass. Should the server's clock run
// slower than this machine's, or this machine's clock jump forward, a job
// could be settled over; the next full pass brings it in.
func (st *SyncState) settle(prev model.Watermark, now time.Time, overlap time.Duration) {
	if !st.CheckpointAt.IsZero() && now.Sub(st.CheckpointAt) >= overlap {
		st.Settled = model.Watermark{
			Created:   latest(st.Settled.Created, st.Checkpoint.Created),
			Completed: latest(st.Settled.Completed, st.Checkpoint.Completed),
		}
		st.CheckpointAt = time.Time{}
	}
	if st.CheckpointAt.IsZero() || now.Before(st.CheckpointAt) {
		// (A local clock that went back restarts the wait.)
		st.Checkpoint, st.CheckpointAt = prev, now
	}
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
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
// know), or left the Since window. Too many of them and a full pass is
// cheaper. It returns the keys of jobs read back from outside the window,
// for the store to drop.
func (s *Syncer) rereadVanished(ctx context.Context, moving []string, jobs map[string]model.Job, window time.Time, res *SyncResult, st *SyncState) ([]string, error) {
	var vanished []string
	for _, key := range moving {
		if _, ok := jobs[key]; !ok {
			vanished = append(vanished, key)
		}
	}
	if len(vanished) == 0 {
		return nil, nil
	}
	if len(vanished) > s.opts.RereadLimit {
		st.NeedFull = true
		return nil, nil
	}
	var (
		mu       sync.Mutex
		firstErr error
		drop     []string
		wg       sync.WaitGroup
		slots    = make(chan struct{}, s.opts.Concurrency)
	)
	for _, key := range vanished {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					defer mu.Unlock()
					firstErr = cmp.Or(firstErr, PanicError(r))
				}
			}()
			job, err := s.client.GetJob(ctx, key)
			mu.Lock()
			defer mu.Unlock()
			res.Requests++
			switch {
			case err == nil && !job.Created.IsZero() && job.Created.Before(window):
				drop = append(drop, key)
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
	return drop, firstErr
}

// RetryAfter is the wait the API asked for in err, or 0.
func RetryAfter(err error) time.Duration {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}
