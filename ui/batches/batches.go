// Package batches is the batches view: a row per batch with its progress,
// its counts per status, how fast its jobs end and when it should be done,
// so a user can watch a batch live. Jobs without a batch id are left out:
// the `batch:` filter, which Enter on a row sets, cannot select them.
//
// Rows are computed from the store only when it changed, in one pass; a
// frame draws only the rows on screen.
package batches

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the batches view: the lines above the list (see above.go),
// then the list. Sizing, refreshing, the keys, the help and Selected (a
// batch id) are common.StoreList's; this package says what a batch row is
// and how it is drawn. The zero value is not usable; call New.
type Model struct {
	common.StoreList[*batch]
	c             *common.Common
	width, height int
	store         *model.Store // read when drawing, for the throughput strip
	cache         *aboveCache
}

// New returns an empty view, sorted newest batch first. Give it a size
// and a store (Refresh) before use.
func New(c *common.Common) Model {
	return Model{c: c, cache: &aboveCache{}, StoreList: common.NewStoreList(c, common.StoreListSpec[*batch]{
		Key: func(b *batch) string { return b.id },
		// The job clock is read at each recompute, not once here: the
		// throughput window ends when the rows are computed.
		Compute: func(s *model.Store) []*batch { return collect(s, c.JobNow()) },
		Sort:    sortBatches,
		Orders:  orderNames,
		Columns: columns,
		Open:    "show its jobs",
		Empty:   "no batches yet",
	})}
}

// SetSize sets the view's size in cells; the list gets what the lines
// above it leave.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.StoreList.SetSize(width, height-aboveLines(width, height))
}

// Refresh recomputes the rows if the store changed (see
// common.StoreList.Refresh) and keeps the store for the lines above.
func (m *Model) Refresh(store *model.Store) bool {
	m.store = store
	return m.StoreList.Refresh(store)
}

// Update moves the cursor (navigation keys, mouse) and cycles the sort
// order. Enter is the root's: it reads Selected and sets the filter.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	// The list counts a click's line from its header, which the lines
	// above push down.
	if mouse, ok := msg.(tea.MouseMsg); ok {
		mouse.Y -= aboveLines(m.width, m.height)
		msg = mouse
	}
	m.StoreList.Update(msg)
	return m, nil
}
