// Package offsetlist is a job list paged by offset, sorted by created
// ascending, as the super.AI API pages GET apps/{appId}/jobs, that changes
// while a client reads it: for tests of what a listing does when jobs
// leave the list between its pages. It is written here, not taken from the
// simulator, so that the tests meet a server whose paging and date filters
// are this package's few lines (API.md): createdStartDate and
// createdEndDate at whole seconds, both ends included.
package offsetlist

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options shape the list and how it changes.
type Options struct {
	Jobs      int // jobs at the start
	PerSecond int // jobs created in each second, a millisecond apart; default 1
	// Churn, when set, changes the list before every page of a listing
	// after its first (page > 0 and no date filter), with the page asked
	// for, the list locked.
	Churn func(l *List, page int)
	// IgnoreDates reads the date filters but does not apply them, as a
	// host that does not know them would.
	IgnoreDates bool
}

// Server serves the list as the API's job list, whatever the app in the
// path; it answers 404 to any other path.
type Server struct {
	opts Options
	mu   sync.Mutex
	list List
}

// List is the jobs, oldest first.
type List struct {
	jobs   []job
	next   int       // the next job's number, its id
	clock  time.Time // the next job's second
	perSec int
}

type job struct {
	id      string
	created time.Time
}

// New makes a server holding opts.Jobs jobs, created from 2026-12-01
// 08:00:00 UTC on.
func New(opts Options) *Server {
	s := &Server{opts: opts}
	s.list = List{clock: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), perSec: max(opts.PerSecond, 1)}
	for range opts.Jobs {
		s.list.Add()
	}
	return s
}

// Add appends a job created after every other.
func (l *List) Add() {
	created := l.clock.Add(time.Duration(l.next%l.perSec) * time.Millisecond)
	l.jobs = append(l.jobs, job{id: strconv.Itoa(l.next), created: created})
	l.next++
	if l.next%l.perSec == 0 {
		l.clock = l.clock.Add(time.Second)
	}
}

// Delete removes the job at index i, oldest first from 0.
func (l *List) Delete(i int) { l.jobs = slices.Delete(l.jobs, i, i+1) }

// RetireOldest removes the oldest job and adds a new one, as a retention
// policy on a busy app does: the count stays the same. A Churn.
func RetireOldest(l *List, _ int) {
	l.Delete(0)
	l.Add()
}

// IDs are the ids of the jobs now, oldest first.
func (s *Server) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.list.jobs))
	for i, j := range s.list.jobs {
		ids[i] = j.id
	}
	return ids
}

// ServeHTTP answers a page of the list.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/jobs") {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	if q.Get("sortBy") != "created" || q.Get("orderBy") != "asc" || size <= 0 {
		http.Error(w, `{"message":"this server lists by created, ascending, in pages"}`, http.StatusBadRequest)
		return
	}
	bound := func(name string) (time.Time, bool) {
		t, err := time.Parse("2006-01-02T15:04:05Z", q.Get(name))
		return t, err == nil
	}
	from, hasFrom := bound("createdStartDate")
	to, hasTo := bound("createdEndDate")
	if page > 0 && !hasFrom && s.opts.Churn != nil {
		s.opts.Churn(&s.list, page)
	}
	if s.opts.IgnoreDates {
		hasFrom, hasTo = false, false
	}
	var match []string
	for _, j := range s.list.jobs {
		at := j.created.Truncate(time.Second)
		if (hasFrom && at.Before(from)) || (hasTo && at.After(to)) {
			continue
		}
		match = append(match, fmt.Sprintf(`{"id":%q,"status":"COMPLETED","created":%q}`, j.id, j.created.Format(time.RFC3339Nano)))
	}
	body := match[min(page*size, len(match)):min((page+1)*size, len(match))]
	fmt.Fprintf(w, `{"jobs":[%s],"total":%d,"pageSize":%d,"pageNumber":%d,"pages":%d}`,
		strings.Join(body, ","), len(match), size, page, (len(match)+size-1)/size)
}

// Both is what a and b share: given the ids before and after a listing,
// the jobs there all through it.
func Both(a, b []string) []string {
	var out []string
	for _, id := range a {
		if slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

// Missing is what of want got lacks.
func Missing(want, got []string) []string {
	var out []string
	for _, id := range want {
		if !slices.Contains(got, id) {
			out = append(out, id)
		}
	}
	return out
}
