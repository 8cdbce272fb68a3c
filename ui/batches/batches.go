// Package batches is the batches view: a row per batch with its progress,
// its counts per status, how fast its jobs end and when it should be done,
// so a user can watch a batch live. Jobs without a batch id are left out:
// the `batch:` filter, which Enter on a row sets, cannot select them.
//
// Rows are computed from the store only when it changed, in one pass; a
// frame draws only the rows on screen.
package batches

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the batches view. The zero value is not usable; call New.
type Model struct {
	c      *common.Common
	list   common.List[*batch]
	widths []int // per column (see columns); 0 for a dropped one
	header string
}

// New returns an empty view, sorted newest batch first. Give it a size
// and a store (Refresh) before use.
func New(c *common.Common) Model {
	m := Model{c: c, list: common.NewList(c, batchID, sortBatches, orderNames...)}
	m.relayout()
	return m
}

func batchID(b *batch) string { return b.id }

// SetSize sets the view's size in cells; height includes the header line.
func (m *Model) SetSize(width, height int) {
	m.list.SetSize(width, height)
	m.relayout()
}

// Refresh recomputes the rows if the store changed since the last call,
// in one pass over it, and keeps the cursor on the batch it was on. Call
// it before drawing: when nothing changed it costs nothing.
func (m *Model) Refresh(store *model.Store) {
	compute := func(s *model.Store) []*batch { return collect(s, m.c.JobNow()) }
	if m.list.Refresh(store, compute) {
		m.relayout()
	}
}

// Update moves the cursor (navigation keys, mouse) and cycles the sort
// order. Enter is the root's: it reads Selected and sets the filter.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.list.Update(msg)
	return m, nil
}

// HelpKeys are the bindings of this view, most used first. Enter is the
// keymap's Input.Accept, which the root acts on.
func (m Model) HelpKeys() []key.Binding { return m.list.HelpKeys("show its jobs") }

// Selected returns the id of the batch under the cursor as the API sent
// it: it is for the filter, not the screen, so it is not sanitised.
func (m Model) Selected() (id string, ok bool) {
	b, ok := m.list.Selected()
	if !ok {
		return "", false
	}
	return b.id, true
}

// Len is the number of batches.
func (m Model) Len() int { return m.list.Len() }
