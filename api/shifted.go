package api

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"superdash/model"
)

// A job list read page by page is not a snapshot. The API pages by offset:
// when a job leaves the list while the pages are read (a retention policy
// retiring the oldest jobs, a job leaving the status filter), every later
// job moves one place back, and the job that moves across the edge of a
// page already read is read on neither page. Nothing in the pages says so:
// the count comes out right when a new job took the place of the one gone.
// A full pass would then drop the skipped job from the dashboard and an
// export would leave it out, both silently.
//
// So a listing of more than one page, sorted by a time ascending, keeps
// each page's range of that time. Once its pages are read, it reads the
// first page again: if a job the first page had is gone from it, or a page
// reported a smaller total than the first, jobs left the list while it was
// read, and it lists what lies between each page and the next by that time
// (createdStartDate/createdEndDate, or the completed ones): the skipped
// jobs are there, however far the pages had moved. The job removed from
// the head itself is not brought back: it is gone from the server.
//
// What the check cannot see: jobs leaving past the first page while as
// many arrive, so that no total shrinks. Retention removes the oldest
// first, which the first page holds; and every full pass lists again.
//
// A listing sorted descending is not watched: new jobs arrive at its head
// and would set the check off on every pass, and nothing here lists that
// way.

// shiftWatch is what a listing keeps to find the jobs a shift skipped.
type shiftWatch struct {
	field  func(*model.Job) time.Time // the listing's sort field; nil when it is not watched
	pages  int
	head   []string // the keys of the first page, as first read
	total  int      // the total the first page reported; -1 when none
	shrank bool     // a later page reported a smaller total than the first
	spans  []span   // each page's range of the sort field, in page order; pages without one left out
	done   int      // the last page delivered: onPage's done and total, for the page of found jobs
	of     int
}

// span is a range of times, both ends included.
type span struct{ lo, hi time.Time }

func newShiftWatch(q JobQuery) *shiftWatch {
	w := &shiftWatch{total: -1}
	if q.OrderBy != "asc" {
		return w
	}
	switch q.SortBy {
	case "created":
		w.field = func(j *model.Job) time.Time { return j.Created }
	case "completed":
		w.field = func(j *model.Job) time.Time { return j.Completed }
	}
	return w
}

// see records a page as it is delivered.
func (w *shiftWatch) see(p JobPage, done, of int) {
	w.done, w.of = done, of
	if w.field == nil {
		return
	}
	w.pages++
	if w.pages == 1 {
		w.head = keysOf(p.Jobs)
		if p.Total != nil {
			w.total = *p.Total
		}
	} else if p.Total != nil && w.total >= 0 && *p.Total < w.total {
		w.shrank = true
	}
	var s span
	for i := range p.Jobs {
		t := w.field(&p.Jobs[i])
		if t.IsZero() {
			continue // a job without the time cannot be looked for by it
		}
		if s.lo.IsZero() || t.Before(s.lo) {
			s.lo = t
		}
		if t.After(s.hi) {
			s.hi = t
		}
	}
	if !s.lo.IsZero() {
		w.spans = append(w.spans, s)
	}
}

// changed reports whether jobs left the list since its first page was
// read, given that page read again.
func (w *shiftWatch) changed(head JobPage) bool {
	if w.shrank || (head.Total != nil && w.total >= 0 && *head.Total < w.total) {
		return true
	}
	now := make(map[string]struct{}, len(head.Jobs))
	for _, k := range keysOf(head.Jobs) {
		now[k] = struct{}{}
	}
	for _, k := range w.head {
		if _, ok := now[k]; !ok {
			return true
		}
	}
	return false
}

// gaps are the ranges between each page and the next, widened to the whole
// seconds the API's date filters take, in order, and merged where they
// touch: a burst of jobs created in one second spans several pages, and is
// listed once.
func (w *shiftWatch) gaps() []span {
	var all []span
	for i := 0; i+1 < len(w.spans); i++ {
		a, b := w.spans[i].hi, w.spans[i+1].lo
		if b.Before(a) { // pages not in order: cover both ends
			a, b = b, a
		}
		all = append(all, span{lo: a.UTC().Truncate(time.Second), hi: b.UTC().Truncate(time.Second).Add(time.Second)})
	}
	slices.SortFunc(all, func(x, y span) int { return x.lo.Compare(y.lo) })
	var out []span
	for _, g := range all {
		if n := len(out); n > 0 && !g.lo.After(out[n-1].hi) {
			out[n-1].hi = later(out[n-1].hi, g.hi)
			continue
		}
		out = append(out, g)
	}
	return out
}

// within is q narrowed to the range g of the watched field; false when q's
// own bounds leave nothing of it.
func within(q JobQuery, g span) (JobQuery, bool) {
	q.Page = 0
	start, end := &q.CreatedStart, &q.CreatedEnd
	if q.SortBy == "completed" {
		start, end = &q.CompletedStart, &q.CompletedEnd
	}
	if start.IsZero() || g.lo.After(*start) {
		*start = g.lo
	}
	if end.IsZero() || g.hi.Before(*end) {
		*end = g.hi
	}
	return q, !start.After(*end)
}

// recoverSkipped runs once a watched listing has read its pages: it reads
// the first page again and delivers it as one more page (its jobs are as
// fresh as any, and the request is counted where the pages' are), with,
// when jobs left the list meanwhile, the jobs of the gaps between the pages,
// the jobs already delivered among them.
func (c *Client) recoverSkipped(ctx context.Context, appID string, q JobQuery, w *shiftWatch, concurrency int, onPage func(JobPage, int, int) error) error {
	if w.field == nil || w.pages < 2 {
		return nil // one page cannot have moved under another
	}
	head, _, err := c.listJobsPage(ctx, appID, q)
	if err != nil {
		return err
	}
	if w.changed(head) {
		gaps := w.gaps()
		found, err := c.listGaps(ctx, appID, q, w.field, gaps, concurrency)
		if err != nil {
			return err
		}
		c.logf("api: list jobs of app %s: jobs left the list while its %d pages were read; %d jobs read again between them (%d ranges, %d requests)",
			appID, w.pages, len(found.Jobs), len(gaps), found.Requests)
		head.Jobs = append(head.Jobs, found.Jobs...)
		head.Bytes += found.Bytes
		head.Requests += found.Requests
	}
	return onPage(head, w.done, w.of)
}

// listGaps lists the jobs of q within each gap, at most concurrency gaps
// at a time, as one page, in gap order. A host that answers a gap with
// jobs outside it ignores the date filters, and would send its whole list
// for every gap: the listing stops at the first such page, with an error.
// The first failure stops the others: what they would find is of no use
// without the failed gap's jobs.
func (c *Client) listGaps(ctx context.Context, appID string, q JobQuery, field func(*model.Job) time.Time, gaps []span, concurrency int) (JobPage, error) {
	found := make([]JobPage, len(gaps))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, gap := range gaps {
		gq, ok := within(q, gap)
		if !ok {
			continue
		}
		if gctx.Err() != nil {
			break // a gap failed: Wait has its error
		}
		g.Go(func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = PanicError(r)
				}
			}()
			return c.ListPages(gctx, appID, gq, 1, func(p JobPage, _, _ int) error {
				if outside(p.Jobs, field, gap) {
					return &Error{
						Op:      "list jobs of app " + appID + " from " + model.FormatQueryTime(gap.lo) + " to " + model.FormatQueryTime(gap.hi),
						Err:     ErrMalformed,
						summary: "the API listed jobs outside the dates asked for; it seems to ignore the date filters",
					}
				}
				found[i].Jobs = append(found[i].Jobs, p.Jobs...)
				found[i].Bytes += p.Bytes
				found[i].Requests += p.Requests
				return nil
			})
		})
	}
	if err := g.Wait(); err != nil {
		return JobPage{}, fmt.Errorf("look for jobs skipped between the pages: %w", err)
	}
	var all JobPage
	for _, p := range found {
		all.Jobs = append(all.Jobs, p.Jobs...)
		all.Bytes += p.Bytes
		all.Requests += p.Requests
	}
	return all, nil
}

// outside reports whether a job of jobs has a time outside the whole
// seconds of g, its last second included.
func outside(jobs []model.Job, field func(*model.Job) time.Time, g span) bool {
	for i := range jobs {
		t := field(&jobs[i])
		if !t.IsZero() && (t.Before(g.lo) || !t.Before(g.hi.Add(time.Second))) {
			return true
		}
	}
	return false
}

func keysOf(jobs []model.Job) []string {
	keys := make([]string, 0, len(jobs))
	for i := range jobs {
		if k := jobs[i].Key(); k != "" {
			keys = append(keys, k)
		}
	}
	return slices.Clip(keys)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
