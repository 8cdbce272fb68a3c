package model

import "slices"

// Tally is how many stored jobs a query matches, kept current by the store
// as it changes: each merge or removal asks the query of the jobs it adds,
// replaces or drops, and of no other. Counting 100,000 jobs again after
// every sync would cost milliseconds per query on the UI goroutine, and
// during a first load, which merges a page at a time, it would count the
// growing store once per page.
//
// The query is fixed when the tally is made: one with an age in it
// (created:<1h, in-status:>15m) counts the window as of then: a job that
// stays as it is is not counted again as time passes. Make a new tally to
// move it.
type Tally struct {
	store *Store
	q     Query
	count int
}

// Tally counts the jobs q matches, now and after every change to come,
// until Drop.
func (s *Store) Tally(q Query) *Tally {
	t := &Tally{store: s, q: q, count: s.CountMatches(q)}
	s.tallies = append(s.tallies, t)
	return t
}

// Count is how many stored jobs the query matches.
func (t *Tally) Count() int { return t.count }

// Query is the query counted.
func (t *Tally) Query() Query { return t.q }

// Store is the store counted.
func (t *Tally) Store() *Store { return t.store }

// Drop stops the store keeping the count. Dropping twice does nothing.
func (t *Tally) Drop() {
	t.store.tallies = slices.DeleteFunc(t.store.tallies, func(x *Tally) bool { return x == t })
}

// tallyTexts reports whether a tally matches bare words, and so needs the
// search texts of the jobs that change.
func (s *Store) tallyTexts() bool {
	for _, t := range s.tallies {
		if t.q.hasText {
			return true
		}
	}
	return false
}

// retally moves the tallies from what an entry held, old (its job, search
// text and status-entry time), to what it holds now, cur. Either is nil for
// a job added or dropped. While a tally matches bare words every stored job
// has its text: the tally's first count built them all, and retally builds
// each new one here, where the next bare word will find it too.
func (s *Store) retally(old, cur *entry, now int64) {
	if len(s.tallies) == 0 {
		return
	}
	if cur != nil && cur.text == "" && s.tallyTexts() {
		cur.text, cur.fields = s.texts.text(cur.job), fieldMask(cur.job)
	}
	for _, t := range s.tallies {
		if old != nil && t.q.matches(old, now) {
			t.count--
		}
		if cur != nil && t.q.matches(cur, now) {
			t.count++
		}
	}
}
