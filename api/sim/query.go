package sim

import (
	"cmp"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"superdash/model"
)

const (
	defaultPageSize = 10
	queryTimeLayout = "2006-01-02T15:04:05Z" // the list's date filters: UTC, whole seconds
)

// jobQuery is a parsed GET apps/{id}/jobs query.
type jobQuery struct {
	page, size                 int
	sortBy                     string
	order                      func(a, b *job) int // nil: creation order, as stored
	desc                       bool
	createdFrom, createdTo     time.Time // zero: unbounded
	completedFrom, completedTo time.Time
	statuses                   []model.Status
	tags                       []string
	batchID                    string
	correct                    *bool
}

// jobOrders are the fields the list sorts by. A nil order is the order an
// app's jobs are stored in, which is id order and, unless commits come
// late (Options.LateCommits), creation order: so the common sorts need no
// sorting at all.
var jobOrders = map[string]func(a, b *job) int{
	"id":        nil,
	"created":   nil,
	"completed": compareCompleted,
	"status":    func(a, b *job) int { return strings.Compare(string(a.status), string(b.status)) },
}

// compareCreated orders by creation time: the created order once late
// commits have stored jobs out of it.
func compareCreated(a, b *job) int { return a.created.Compare(b.created) }

// compareCompleted orders by completed time, with jobs that have none after
// all others, as SQL orders NULLs in ascending order.
func compareCompleted(a, b *job) int {
	switch az, bz := a.completed.IsZero(), b.completed.IsZero(); {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return a.completed.Compare(b.completed)
}

// classicStatuses are the seven a strict host knows (Options.StrictStatuses).
var classicStatuses = []model.Status{
	model.StatusScheduled, model.StatusInProgress, model.StatusFailed, model.StatusSuspended,
	model.StatusCanceled, model.StatusExpired, model.StatusCompleted,
}

// parseJobQuery reads a job list's query as a server with options o would:
// a page size up to o.MaxPageSize; with o.StrictStatuses, a statusIn
// outside the classic seven is refused; with o.LateCommits, jobs are not
// stored in creation order, so sorting by it takes a real sort.
func parseJobQuery(q url.Values, o *Options) (jobQuery, error) {
	maxSize, strict := o.MaxPageSize, o.StrictStatuses
	var jq jobQuery
	var err error
	if jq.page, jq.size, err = parsePage(q, maxSize); err != nil {
		return jq, err
	}
	if jq.desc, err = parseOrder(q); err != nil {
		return jq, err
	}
	sortBy := cmp.Or(q.Get("sortBy"), "id")
	order, known := jobOrders[sortBy]
	if !known {
		return jq, fmt.Errorf("sortBy: cannot sort by %q (want id, created, completed or status)", sortBy)
	}
	if sortBy == "created" && o.LateCommits > 0 {
		order = compareCreated
	}
	jq.sortBy, jq.order = sortBy, order

	for _, d := range []struct {
		name  string
		bound *time.Time
	}{
		{"createdStartDate", &jq.createdFrom},
		{"createdEndDate", &jq.createdTo},
		{"completedStartDate", &jq.completedFrom},
		{"completedEndDate", &jq.completedTo},
	} {
		if *d.bound, err = parseDate(q, d.name); err != nil {
			return jq, err
		}
	}
	for _, s := range listParam(q, "statusIn") {
		if strict && !slices.Contains(classicStatuses, model.Status(s)) {
			return jq, fmt.Errorf("statusIn: unknown status %q", s)
		}
		jq.statuses = append(jq.statuses, model.Status(s))
	}
	jq.tags = listParam(q, "tags")
	jq.batchID = q.Get("batchId")
	if v := q.Get("correct"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return jq, fmt.Errorf("correct: want true or false, got %q", v)
		}
		jq.correct = &b
	}
	return jq, nil
}

// run returns the page of jobs the query selects from a's jobs and the
// paging that goes with it.
func (jq *jobQuery) run(a *app) ([]*job, pageInfo) {
	selected := a.selection(jq)
	lo := min(jq.page*jq.size, len(selected))
	hi := min(lo+jq.size, len(selected))
	total := len(selected)
	return selected[lo:hi:hi], pageInfo{total: total, size: jq.size, number: jq.page, pages: (total + jq.size - 1) / jq.size}
}

// maxSelections bounds the selections an app keeps. A listing asks the
// same query for each of its pages; the polls' queries change with their
// watermarks, so older ones are of no more use.
const maxSelections = 8

// selection is a list index: every job of a the query selects, in its
// order, kept until one of a's jobs changes (app.version). Reading the
// 200 pages of a 100,000-job app then matches and sorts the jobs once,
// not once a page: the simulator must never be what a measurement of the
// client measures.
type selection struct {
	version uint64
	jobs    []*job
}

func (a *app) selection(jq *jobQuery) []*job {
	key := jq.key()
	if sel, ok := a.selections[key]; ok && sel.version == a.version {
		return sel.jobs
	}
	jobs := jq.selectFrom(a.jobs)
	if a.selections == nil || len(a.selections) >= maxSelections {
		a.selections = make(map[string]selection, maxSelections)
	}
	a.selections[key] = selection{version: a.version, jobs: jobs}
	return jobs
}

// key is the query without its paging: queries with the same key select
// the same jobs in the same order.
func (jq *jobQuery) key() string {
	correct := "any"
	if jq.correct != nil {
		correct = strconv.FormatBool(*jq.correct)
	}
	return fmt.Sprintf("%s %t %d %d %d %d %q %q %q %s", jq.sortBy, jq.desc,
		jq.createdFrom.UnixNano(), jq.createdTo.UnixNano(), jq.completedFrom.UnixNano(), jq.completedTo.UnixNano(),
		jq.statuses, jq.tags, jq.batchID, correct)
}

// selectFrom matches jobs (an app's, in creation order) and orders them.
// With no filter and creation order it is jobs itself, not a copy.
func (jq *jobQuery) selectFrom(jobs []*job) []*job {
	if jq.filtered() {
		jobs = slices.DeleteFunc(slices.Clone(jobs), func(j *job) bool { return !jq.match(j) })
	} else if jq.order != nil || jq.desc {
		jobs = slices.Clone(jobs)
	}
	switch {
	case jq.order != nil:
		slices.SortFunc(jobs, jq.compare)
	case jq.desc:
		slices.Reverse(jobs)
	}
	return jobs
}

// filtered reports whether the query filters at all.
func (jq *jobQuery) filtered() bool {
	return !jq.createdFrom.IsZero() || !jq.createdTo.IsZero() || !jq.completedFrom.IsZero() || !jq.completedTo.IsZero() ||
		len(jq.statuses) > 0 || len(jq.tags) > 0 || jq.batchID != "" || jq.correct != nil
}

// compare orders by the query's field, then by id, both in the query's
// direction, so every job has one place and pages never overlap.
func (jq *jobQuery) compare(a, b *job) int {
	c := cmp.Or(jq.order(a, b), cmp.Compare(a.id, b.id))
	if jq.desc {
		return -c
	}
	return c
}

func (jq *jobQuery) match(j *job) bool {
	switch {
	case !within(j.created, jq.createdFrom, jq.createdTo),
		!within(j.completed, jq.completedFrom, jq.completedTo),
		len(jq.statuses) > 0 && !slices.Contains(jq.statuses, j.status),
		len(jq.tags) > 0 && !slices.ContainsFunc(jq.tags, func(t string) bool { return slices.Contains(j.tags, t) }),
		jq.batchID != "" && jq.batchID != j.batch.id,
		jq.correct != nil && (j.correct == nil || *j.correct != *jq.correct):
		return false
	}
	return true
}

// within reports whether t lies in [from, to], either bound being optional.
// An unset t (no completed time) lies within no bounded range.
func within(t, from, to time.Time) bool {
	if from.IsZero() && to.IsZero() {
		return true
	}
	return !t.IsZero() && !t.Before(from) && (to.IsZero() || !t.After(to))
}

// window counts the items of seq that keep accepts and collects those on
// the given page.
func window[T any](seq iter.Seq[T], keep func(T) bool, page, size int) ([]T, pageInfo) {
	skip := page * size
	var items []T
	total := 0
	for item := range seq {
		if !keep(item) {
			continue
		}
		if total >= skip && len(items) < size {
			items = append(items, item)
		}
		total++
	}
	return items, pageInfo{total: total, size: size, number: page, pages: (total + size - 1) / size}
}

// parsePage reads the 0-based page and the page size, clamping the size to
// what the server serves.
func parsePage(q url.Values, maxSize int) (page, size int, err error) {
	if page, err = intParam(q, "page", 0, 0); err != nil {
		return 0, 0, err
	}
	if size, err = intParam(q, "size", defaultPageSize, 1); err != nil {
		return 0, 0, err
	}
	return page, min(size, maxSize), nil
}

func intParam(q url.Values, name string, def, least int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		return 0, fmt.Errorf("%s: want an integer of at least %d, got %q", name, least, v)
	}
	return n, nil
}

// parseOrder reads orderBy: asc (the default) or desc.
func parseOrder(q url.Values) (desc bool, err error) {
	switch v := q.Get("orderBy"); strings.ToLower(v) {
	case "", "asc":
		return false, nil
	case "desc":
		return true, nil
	default:
		return false, fmt.Errorf("orderBy: want asc or desc, got %q", v)
	}
}

func parseDate(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(queryTimeLayout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a UTC time like %s, got %q", name, queryTimeLayout, v)
	}
	return t, nil
}

// listParam reads a parameter given repeated (k=a&k=b), comma-separated
// (k=a,b) or both, as Spring-style APIs accept lists.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
