package ui

import (
	"slices"
	"strings"

	"superdash/model"
)

// jobList is the table's rows: the store's jobs, newest first, rebuilt only
// when the store's version moves, never per frame.
type jobList struct {
	version uint64
	built   bool
	jobs    []*model.Job
}

// refresh rebuilds the list if the store changed since the last build and
// reports whether it did.
func (l *jobList) refresh(store *model.Store) bool {
	if l.built && l.version == store.Version() {
		return false
	}
	// A fresh slice each time: the table still holds the previous one
	// while it looks for its cursor's job in the new.
	jobs := make([]*model.Job, 0, store.Len())
	store.Each(func(j *model.Job) bool {
		jobs = append(jobs, j)
		return true
	})
	slices.SortStableFunc(jobs, newestFirst)
	l.jobs, l.version, l.built = jobs, store.Version(), true
	return true
}

// newestFirst orders by creation time, newest on top, then by key so the
// order is total and rows never swap places between refreshes.
func newestFirst(a, b *model.Job) int {
	if c := b.Created.Compare(a.Created); c != 0 {
		return c
	}
	return strings.Compare(a.Key(), b.Key())
}
