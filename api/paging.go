package api

import (
	"context"
	"fmt"
	"sync"
)

const (
	// defaultPageSize is what ListAllJobs asks for when q.Size is 0: the
	// page size the official SDK uses.
	defaultPageSize = 500
	// defaultConcurrency is how many pages ListAllJobs fetches at once when
	// not told: enough to hide latency, few enough to stay polite.
	defaultConcurrency = 4
)

// ListAllJobs reads every page of an app's jobs matching q, starting at
// q.Page. The first page tells how many there are; the rest are fetched with
// at most concurrency requests in flight (default 4) and handed to onPage in
// page order, on the caller's goroutine, with done pages so far and the
// total (0 while unknown).
//
// When the API reports no page count (nor a total to compute it from), pages
// are read one by one until a short or empty one.
//
// A listing sorted by a time ascending is checked for jobs that left the
// list while it was read, which shift the later pages over jobs never read;
// the jobs found again between the pages come to onPage as one more page
// (see shifted.go).
//
// It stops at the first failed page, when ctx ends, or when onPage returns
// an error (which it returns as is); every goroutine it started has ended by
// the time it returns.
func (c *Client) ListAllJobs(ctx context.Context, appID string, q JobQuery, concurrency int, onPage func(p JobPage, done, total int) error) error {
	q, concurrency = pagingDefaults(q, concurrency)
	w := newShiftWatch(q)
	err := c.ListPages(ctx, appID, q, concurrency, func(p JobPage, done, total int) error {
		w.see(p, done, total)
		return onPage(p, done, total)
	})
	if err != nil {
		return err
	}
	return c.recoverSkipped(ctx, appID, q, w, concurrency, onPage)
}

// ListPages is ListAllJobs without the check for shifted pages, for a
// listing whose skipped jobs are looked for another way and which runs
// too often to pay a request more each time.
func (c *Client) ListPages(ctx context.Context, appID string, q JobQuery, concurrency int, onPage func(p JobPage, done, total int) error) error {
	q, concurrency = pagingDefaults(q, concurrency)
	first, elements, err := c.listJobsPage(ctx, appID, q)
	if err != nil {
		return err
	}
	pages := knownPages(first, q.Size)
	if pages <= 0 {
		return c.pagesUntilShort(ctx, appID, q, first, elements, onPage)
	}
	total := max(pages-q.Page, 1)
	if err := onPage(first, 1, total); err != nil {
		return err
	}
	done := 1
	return c.pagesInOrder(ctx, appID, q, q.Page+1, pages, concurrency, func(p JobPage) error {
		done++
		return onPage(p, done, total)
	})
}

// pagingDefaults fills in the page size and the pages in flight when the
// caller left them to the listing.
func pagingDefaults(q JobQuery, concurrency int) (JobQuery, int) {
	if concurrency <= 0 {
		concurrency = defaultConcurrency
	}
	return withPageSize(q), concurrency
}

// knownPages is the page count the API reported, or one computed from its
// total and page size; 0 when neither is there.
func knownPages(first JobPage, asked int) int {
	if first.Pages > 0 || first.Total == nil {
		return first.Pages
	}
	size := asked
	if first.PageSize != nil && *first.PageSize > 0 {
		size = *first.PageSize // the API may cap what we asked for
	}
	return (*first.Total + size - 1) / size
}

// pagesInOrder fetches pages [from, to) with at most concurrency in flight
// and delivers them in order. Each fetch reports on its own buffered
// channel, so none ever blocks, and at most concurrency results are held.
func (c *Client) pagesInOrder(ctx context.Context, appID string, q JobQuery, from, to, concurrency int, deliver func(JobPage) error) error {
	type result struct {
		page JobPage
		err  error
	}
	fetchCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // abandon in-flight pages, then wait for them to notice
		wg.Wait()
	}()

	var pending []chan result // one per launched page, in page order
	next := from
	launch := func() {
		ch := make(chan result, 1)
		pending = append(pending, ch)
		pq := q
		pq.Page = next
		next++
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					ch <- result{err: PanicError(r)}
				}
			}()
			p, _, err := c.listJobsPage(fetchCtx, appID, pq)
			ch <- result{p, err}
		}()
	}
	for next < to && len(pending) < concurrency {
		launch()
	}
	for len(pending) > 0 {
		var r result
		select {
		case r = <-pending[0]:
		case <-ctx.Done():
			return stopped("list jobs of app "+appID, ctx)
		}
		pending = pending[1:]
		if r.err != nil {
			return r.err
		}
		if next < to {
			launch() // keep the pipe full while the caller digests this page
		}
		if err := deliver(r.page); err != nil {
			return err
		}
	}
	return nil
}

// pagesUntilShort reads pages one after another, for an API that does not
// say how many there are, until one holds fewer elements than a full page.
func (c *Client) pagesUntilShort(ctx context.Context, appID string, q JobQuery, first JobPage, elements int, onPage func(JobPage, int, int) error) error {
	size := q.Size
	if first.PageSize != nil && *first.PageSize > 0 {
		size = *first.PageSize
	}
	page, done := first, 1
	for {
		if err := onPage(page, done, 0); err != nil {
			return err
		}
		if elements == 0 || elements < size {
			return nil
		}
		prev := page
		q.Page++
		var err error
		if page, elements, err = c.listJobsPage(ctx, appID, q); err != nil {
			return err
		}
		// A host that ignores page would send the same full page forever.
		if sameFirstJob(prev, page) {
			return &Error{
				Op:      fmt.Sprintf("list jobs of app %s (page %d)", appID, q.Page),
				Err:     ErrMalformed,
				summary: "the API sent the same page again; it seems to ignore the page parameter",
			}
		}
		done++
	}
}

func sameFirstJob(a, b JobPage) bool {
	key := func(p JobPage) string {
		if len(p.Jobs) == 0 {
			return ""
		}
		return p.Jobs[0].Key()
	}
	return key(a) != "" && key(a) == key(b)
}

// stopped is the error for a call abandoned because ctx ended.
func stopped(op string, ctx context.Context) *Error {
	err := context.Cause(ctx)
	return &Error{Op: op, Err: err, summary: "stopped: " + err.Error()}
}
