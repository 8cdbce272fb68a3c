// Package tags is the tags view: a row per tag with how many jobs carry
// it, their share of all jobs and their counts per status. Enter on a row
// (the root's) filters the job table by that tag.
//
// Rows are computed from the store only when it changed, in one pass; a
// frame draws only the rows on screen.
package tags

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/common"
)

// Model is the tags view. The zero value is not usable; call New.
type Model struct {
	c      *common.Common
	list   common.List[*tag]
	jobs   int   // jobs in the store, what a share is of
	widths []int // per column (see columns); 0 for a dropped one
	header string
}

// New returns an empty view, sorted by count. Give it a size and a store
// (Refresh) before use.
func New(c *common.Common) Model {
	m := Model{c: c, list: common.NewList(c, tagName, sortTags, orderNames...)}
	m.relayout()
	return m
}

func tagName(t *tag) string { return t.name }

// SetSize sets the view's size in cells; height includes the header line.
func (m *Model) SetSize(width, height int) {
	m.list.SetSize(width, height)
	m.relayout()
}

// Refresh recomputes the rows if the store changed since the last call,
// in one pass over it, and keeps the cursor on the tag it was on. Call it
// before drawing: when nothing changed it costs nothing.
func (m *Model) Refresh(store *model.Store) {
	if m.list.Refresh(store, collect) {
		m.jobs = 0
		if store != nil {
			m.jobs = store.Len()
		}
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
func (m Model) HelpKeys() []key.Binding { return m.list.HelpKeys("filter by tag") }

// Selected returns the tag under the cursor as the API sent it: it is for
// the filter, not the screen, so it is not sanitised.
func (m Model) Selected() (name string, ok bool) {
	t, ok := m.list.Selected()
	if !ok {
		return "", false
	}
	return t.name, true
}

// Len is the number of tags.
func (m Model) Len() int { return m.list.Len() }
