package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
)

// Facets are one-key filters for the questions asked most: what failed,
// what still moves, what is over, everything.
var (
	facetFailed = model.FieldTerm(model.FieldStatus, "failed")
	facetMoving = model.FieldTerm(model.FieldStatus, "moving")
	facetEnded  = model.FieldTerm(model.FieldStatus, "ended")
)

// onFindKey handles the job table's finding keys: the filter, the facets,
// the jump to the next failure, sorting, and the batch and tag views. ok is
// false when the key is not one of them.
func (m *Model) onFindKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	if query, ok := m.tabs.matched(msg); ok {
		return m.setFilter(query), true
	}
	switch {
	case key.Matches(msg, k.Filter):
		cmd = m.filter.focus()
		m.layout()
		return cmd, true
	case key.Matches(msg, k.FacetAll):
		return m.setFilter(""), true
	case key.Matches(msg, k.FacetFailed):
		return m.setFilter(facetFailed), true
	case key.Matches(msg, k.FacetMoving):
		return m.setFilter(facetMoving), true
	case key.Matches(msg, k.FacetEnded):
		return m.setFilter(facetEnded), true
	case key.Matches(msg, k.NextFailed):
		return m.nextFailed(), true
	case key.Matches(msg, k.SortNext):
		m.sort.Key = m.sort.Key.Next()
		return m.refreshRows(), true
	case key.Matches(msg, k.SortReverse):
		m.sort.Desc = !m.sort.Desc
		return m.refreshRows(), true
	case key.Matches(msg, k.Batches):
		m.openList(screenBatches)
		return nil, true
	case key.Matches(msg, k.Tags):
		m.openList(screenTags)
		return nil, true
	case key.Matches(msg, m.c.Keys.Global.Back) && m.filter.shown():
		// Esc on the table drops the filter, as in k9s and gh-dash.
		return m.setFilter(""), true
	}
	return nil, false
}

// setFilter replaces the filter text and shows the table it selects.
func (m *Model) setFilter(text string) tea.Cmd {
	m.filter.set(text, m.c.JobNow())
	m.layout()
	return m.refreshRows()
}

// onFilterKey handles a key while the filter bar is being typed in: enter
// keeps the filter, esc drops it, anything else edits it and the table
// follows at once.
func (m *Model) onFilterKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.c.Keys.Input.Accept):
		m.filter.accept()
		m.layout()
		return nil
	case key.Matches(msg, m.c.Keys.Input.Cancel):
		m.filter.clear()
		m.layout()
		return m.refreshRows()
	}
	cmd := m.filter.update(msg, m.c.JobNow())
	return tea.Batch(cmd, m.refreshRows())
}

// nextFailed moves the cursor to the first FAILED job below it. There is no
// wrap-around: reaching the end says so, rather than jumping back up
// unnoticed.
func (m *Model) nextFailed() tea.Cmd {
	for i := m.table.Cursor() + 1; i < len(m.rows); i++ {
		if strings.EqualFold(string(m.rows[i].Status), string(model.StatusFailed)) {
			m.table.SetCursor(i)
			return m.showSelected()
		}
	}
	m.notice = "no failed job below the cursor"
	return nil
}
