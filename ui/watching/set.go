// Package watching is the dashboard's side of a watch (w): what is
// watched, the strip that shows each item's progress above the screen,
// and the toast that says when one ended or started failing. What a watch
// follows and when it has ended is package watch's, shared with the
// shell's superdash watch.
package watching

import (
	"slices"
	"strconv"
	"time"

	"superdash/model"
	"superdash/model/watch"
	"superdash/ui/common"
)

// Set is what the dashboard watches, each with where it stood at the last
// look. The root keeps one, by pointer, for the app shown: every copy of
// the root watches the same.
type Set struct {
	// FailThreshold is how many failures among an item's jobs are told
	// (once); 0 tells only the end.
	FailThreshold int
	items         []item
}

type item struct {
	watch    *watch.Watch
	name     string // the target's, with its batch as the batches view shows it
	progress watch.Progress
}

// Len is how many items are watched.
func (s *Set) Len() int { return len(s.items) }

// Clear stops every watch: the app changed, and its jobs with it.
func (s *Set) Clear() { s.items = nil }

// Toggle watches t, or stops watching it when it is watched already, and
// says which in a line for the footer; again names the key that stops a
// new watch. Something that has ended already is not watched: there is
// nothing left to be told.
func (s *Set) Toggle(t watch.Target, store *model.Store, now time.Time, again string) string {
	for i, it := range s.items {
		if it.watch.Target.Same(t) {
			s.items = slices.Delete(s.items, i, i+1)
			return "stopped watching " + it.name
		}
	}
	name := t.NameShowing(batchLabel(store, t.Batch))
	w := watch.New(t)
	p := watch.Tally(store, []*watch.Watch{w}, recentSince(now))[0]
	if p.Ended() {
		return name + " has ended already: " + p.Outcome()
	}
	w.Observe(p, s.FailThreshold) // where it stands now is not news
	s.items = append(s.items, item{watch: w, name: name, progress: p})
	stop := "; " + again + " again stops"
	switch p.Jobs.Total() {
	case 0:
		return "watching " + name + ": no job yet" + stop
	case 1:
		return "watching " + name + stop
	}
	return "watching " + name + ": " + strconv.Itoa(len(p.Moving)) + " of " + strconv.Itoa(p.Jobs.Total()) + " jobs to go" + stop
}

// Observe counts every item's jobs in store again, in one pass, and
// returns what is news since the last look: an item ended, or its
// failures reached the threshold. Each is returned once.
func (s *Set) Observe(store *model.Store, now time.Time) []watch.Event {
	if len(s.items) == 0 {
		return nil
	}
	watches := make([]*watch.Watch, len(s.items))
	for i, it := range s.items {
		watches[i] = it.watch
	}
	progress := watch.Tally(store, watches, recentSince(now))
	var events []watch.Event
	for i := range s.items {
		s.items[i].progress = progress[i]
		events = append(events, s.items[i].watch.Observe(progress[i], s.FailThreshold)...)
	}
	return events
}

// recentSince is where the pace of an item's endings starts counting.
func recentSince(now time.Time) time.Time { return now.Add(-common.PaceWindow) }

// batchLabel is batch as the batches view shows it: whole when short, else
// by its shortest prefix no other batch of the store shares at the time
// the watch starts (see common.ShortIDs).
func batchLabel(store *model.Store, batch string) string {
	if batch == "" {
		return ""
	}
	ids := []string{batch}
	for id := range store.CountByBatch() {
		if id != batch {
			ids = append(ids, id)
		}
	}
	return common.ShortIDs(ids)[0]
}
