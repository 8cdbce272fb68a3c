// Package watch is what superdash follows until it ends: a batch, one job,
// the jobs a filter selects, or a set of jobs, counted from the store by
// outcome. The shell's `superdash watch` and the dashboard's w share it, so
// both agree on what is watched and on when it has ended.
package watch

import (
	"strconv"
	"strings"
	"time"

	"superdash/model"
	"superdash/sanitize"
)

// Target is what a watch follows: the jobs that are all of what it names at
// once (a batch, a job, a set of jobs, a filter). The zero Target matches
// every job.
type Target struct {
	Batch string // a batch id; "" for any
	Job   string // a job id or uuid; "" for any
	// Jobs is a set of job keys (model.Job.Key); nil for any.
	Jobs map[string]struct{}
	// Filter selects the jobs; FilterText is it as written, for Name.
	Filter     model.Query
	FilterText string
}

// JobsTarget is the target following the jobs of keys.
func JobsTarget(keys []string) Target {
	set := make(map[string]struct{}, len(keys))
	for _, k := range keys {
		set[k] = struct{}{}
	}
	return Target{Jobs: set}
}

// matcher reports whether a job of store is one of the target's jobs; the
// filter is matched as the job table matches it (model.Store.Matcher), so
// that watching what the table shows follows those very jobs, an
// in-status term included.
func (t Target) matcher(store *model.Store) func(j *model.Job) bool {
	filter := store.Matcher(t.Filter)
	return func(j *model.Job) bool {
		if t.Batch != "" && j.BatchID != t.Batch {
			return false
		}
		if t.Job != "" && j.ID != t.Job && j.UUID != t.Job {
			return false
		}
		if t.Jobs != nil {
			if _, ok := t.Jobs[j.Key()]; !ok {
				return false
			}
		}
		return filter(j)
	}
}

// Name is the target as the user would say it, safe to print: "batch B",
// "job J, filter status:moving", "3 jobs".
func (t Target) Name() string { return t.NameShowing(sanitize.Line(t.Batch)) }

// NameShowing is Name with the batch shown as batch says, which must be
// safe to print: the dashboard shows a batch by its shortest unique prefix.
func (t Target) NameShowing(batch string) string {
	var names []string
	if t.Batch != "" {
		names = append(names, "batch "+batch)
	}
	if t.Job != "" {
		names = append(names, "job "+sanitize.Line(t.Job))
	}
	if t.Jobs != nil {
		names = append(names, plural(len(t.Jobs), "job"))
	}
	if t.FilterText != "" {
		names = append(names, "filter "+sanitize.Line(t.FilterText))
	}
	if len(names) == 0 {
		return "every job"
	}
	return strings.Join(names, ", ")
}

// Same reports whether t and o follow the same jobs as the user named them:
// pressing w on what is watched already stops watching it.
func (t Target) Same(o Target) bool {
	if t.Batch != o.Batch || t.Job != o.Job || t.FilterText != o.FilterText || (t.Jobs == nil) != (o.Jobs == nil) || len(t.Jobs) != len(o.Jobs) {
		return false
	}
	for k := range t.Jobs {
		if _, ok := o.Jobs[k]; !ok {
			return false
		}
	}
	return true
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// Watch follows the jobs its target selects. A job stays watched once
// matched: watching the filter status:moving follows those jobs to their
// end instead of losing each as it ends.
type Watch struct {
	Target Target
	jobs   map[string]struct{}
	// What the user was last told, so each event is told once: see Observe.
	observed, endedTold, failingTold bool
}

// New starts watching t.
func New(t Target) *Watch { return &Watch{Target: t, jobs: map[string]struct{}{}} }

// Progress is where a watch's jobs stand at one moment.
type Progress struct {
	// Jobs splits them by outcome, with what it takes to judge a stall.
	Jobs model.BatchProgress
	// Moving lists the keys of those not ended, in the store's order.
	Moving []string
	// Recent counts those that ended after the since given to Tally.
	Recent int
}

// Ended reports whether the watch has jobs and none of them still moves.
func (p Progress) Ended() bool { return p.Jobs.Total() > 0 && len(p.Moving) == 0 }

// Failed is how many of its jobs failed.
func (p Progress) Failed() int { return p.Jobs.Counts[model.OutcomeFailed] }

// Tally counts the jobs of each watch in one pass over the store, after
// adding to each the jobs its target newly matches. Ended jobs completed
// after since count as recent (for a pace); a zero since counts none.
func Tally(store *model.Store, watches []*Watch, since time.Time) []Progress {
	out := make([]Progress, len(watches))
	if len(watches) == 0 {
		return out
	}
	matches := make([]func(*model.Job) bool, len(watches))
	for i, w := range watches {
		matches[i] = w.Target.matcher(store)
	}
	store.Each(func(j *model.Job) bool {
		key := j.Key()
		for i, w := range watches {
			if _, ok := w.jobs[key]; !ok {
				if !matches[i](j) {
					continue
				}
				w.jobs[key] = struct{}{}
			}
			p := &out[i]
			p.Jobs.Add(j)
			if !model.OutcomeOf(j.Status).Ended() {
				p.Moving = append(p.Moving, key)
			} else if !since.IsZero() && j.Completed.After(since) {
				p.Recent++
			}
		}
		return true
	})
	return out
}

// EventKind is what a watch has to tell.
type EventKind int

const (
	// Ended: every watched job has ended.
	Ended EventKind = iota
	// Failing: the watched jobs' failures reached the threshold.
	Failing
)

// Event is one thing worth telling the user about a watch.
type Event struct {
	Kind     EventKind
	Target   Target
	Progress Progress
}

// Observe compares p, the watch's latest progress, with what was told
// before, and returns what is new: the watch ended, or its failures reached
// threshold (0: never told). Each is told once per occurrence: a batch
// restarted and ending again is told again. The first observation only
// sets where things stand, so watching a batch that already has failures
// does not at once report them. Ending with failures is one event, the end,
// which says how many failed.
func (w *Watch) Observe(p Progress, threshold int) []Event {
	ended := p.Ended()
	failing := threshold > 0 && p.Failed() >= threshold
	first := !w.observed
	w.observed = true
	var events []Event
	if !first {
		switch {
		case ended && !w.endedTold:
			events = append(events, Event{Kind: Ended, Target: w.Target, Progress: p})
		case failing && !w.failingTold:
			events = append(events, Event{Kind: Failing, Target: w.Target, Progress: p})
		}
	}
	w.endedTold, w.failingTold = ended, failing
	return events
}

// Describe is an event as one line, safe to print: "batch B ended: 38
// completed, 2 failed of 40", "batch B is failing: 3 failed, 25 of 40
// still to go".
func (e Event) Describe() string {
	p := e.Progress
	if e.Kind == Ended {
		return e.Target.Name() + " ended: " + p.Outcome()
	}
	return e.Target.Name() + " is failing: " + strconv.Itoa(p.Failed()) + " failed, " +
		strconv.Itoa(len(p.Moving)) + " of " + strconv.Itoa(p.Jobs.Total()) + " still to go"
}

// Outcome is where the jobs ended: "38 completed, 2 failed of 40".
func (p Progress) Outcome() string {
	c := p.Jobs.Counts
	parts := []string{strconv.Itoa(c[model.OutcomeCompleted]) + " completed"}
	if n := c[model.OutcomeFailed]; n > 0 {
		parts = append(parts, strconv.Itoa(n)+" failed")
	}
	if n := c[model.OutcomeStopped]; n > 0 {
		parts = append(parts, strconv.Itoa(n)+" canceled or expired")
	}
	return strings.Join(parts, ", ") + " of " + strconv.Itoa(p.Jobs.Total())
}

// Bad reports whether the event is bad news: failures, or an end with any
// job that did not complete.
func (e Event) Bad() bool {
	c := e.Progress.Jobs.Counts
	return e.Kind == Failing || c[model.OutcomeFailed]+c[model.OutcomeStopped] > 0
}
