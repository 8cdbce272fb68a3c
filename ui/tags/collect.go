package tags

import (
	"cmp"
	"slices"
	"strings"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// tag is one row: the jobs that carry one tag.
type tag struct {
	name, label string // label is the name made safe to print
	count       int
	statuses    common.StatusTally // in display order
}

// collect builds a row per tag in one pass over the store. A job listing
// a tag twice counts once, and the empty tag not at all, as in the store's
// own tag counts.
func collect(store *model.Store) []*tag {
	byName := make(map[string]*tag)
	store.Each(func(j *model.Job) bool {
		for name := range model.DistinctTags(j.Tags) {
			t := byName[name]
			if t == nil {
				t = &tag{name: name}
				byName[name] = t
			}
			t.count++
			t.statuses.Add(j.Status)
		}
		return true
	})
	rows := make([]*tag, 0, len(byName))
	for _, t := range byName {
		t.label = sanitize.Line(t.name)
		t.statuses.Sort()
		rows = append(rows, t)
	}
	return rows
}

// The orders the sort key cycles through, in the order of orderNames.
const (
	byCount = iota
	byName
)

var orderNames = []string{"count", "name"}

// sortTags sorts rows by count, most first, or by name; ties on the count
// fall back on the name, so the order is total and stable across refreshes.
func sortTags(rows []*tag, order int) {
	slices.SortFunc(rows, func(a, b *tag) int {
		if order == byName {
			return strings.Compare(a.name, b.name)
		}
		return cmp.Or(cmp.Compare(b.count, a.count), strings.Compare(a.name, b.name))
	})
}
