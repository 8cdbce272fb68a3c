// Package tags is the tags view: a row per tag with how many jobs carry
// it, their share of all jobs and their counts per status. Enter on a row
// (the root's) filters the job table by that tag.
//
// Rows are computed from the store only when it changed, in one pass; a
// frame draws only the rows on screen.
package tags

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the tags view. Sizing, the keys, the help and Selected (a tag)
// are common.StoreList's; this package says what a tag row is and how it
// is drawn. The zero value is not usable; call New.
type Model struct {
	common.StoreList[*tag]
	c    *common.Common
	jobs int // jobs in the store, what a share is of
}

// New returns an empty view, sorted by count. Give it a size and a store
// (Refresh) before use.
func New(c *common.Common) Model {
	return Model{c: c, StoreList: common.NewStoreList(c, common.StoreListSpec[*tag]{
		Key:     func(t *tag) string { return t.name },
		Compute: collect,
		Sort:    sortTags,
		Orders:  orderNames,
		Columns: columns,
		Open:    "filter by tag",
		Empty:   "no tags",
	})}
}

// Refresh recomputes the rows as common.StoreList.Refresh does and, when
// it does, counts the store's jobs: what a share is of.
func (m *Model) Refresh(store *model.Store) bool {
	if !m.StoreList.Refresh(store) {
		return false
	}
	m.jobs = 0
	if store != nil {
		m.jobs = store.Len()
	}
	return true
}

// Update moves the cursor (navigation keys, mouse) and cycles the sort
// order. Enter is the root's: it reads Selected and sets the filter.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.StoreList.Update(msg)
	return m, nil
}
