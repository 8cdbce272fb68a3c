package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/nav"
)

// Facets are one-key filters for the questions asked most: what failed,
// what still moves, what is over, everything.
var (
	facetFailed = model.FieldTerm(model.FieldStatus, "failed")
	facetMoving = model.FieldTerm(model.FieldStatus, "moving")
	facetEnded  = model.FieldTerm(model.FieldStatus, "ended")
)

// onFindKey handles the job table's finding keys: the filter, the facets,
// the jump to the next failure, sorting, and the batch, tag and
// time-in-status views. ok is
// false when the key is not one of them.
func (s *jobsScreen) onFindKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := s.c.Keys.Table
	if query, ok := s.tabs.matched(msg); ok {
		return s.setFilter(query), true
	}
	switch {
	case key.Matches(msg, k.Filter):
		cmd = s.filter.focus()
		s.layout()
		return cmd, true
	case key.Matches(msg, k.FacetAll):
		return s.setFilter(""), true
	case key.Matches(msg, k.FacetFailed):
		// The failures are on screen now: the since line's are seen.
		s.out.Send(acknowledgeReq{})
		return s.setFilter(facetFailed), true
	case key.Matches(msg, k.FacetMoving):
		return s.setFilter(facetMoving), true
	case key.Matches(msg, k.FacetEnded):
		return s.setFilter(facetEnded), true
	case key.Matches(msg, k.NextFailed):
		return s.nextFailed(), true
	case key.Matches(msg, k.SortNext):
		s.sort.Key = s.sort.Key.Next()
		return s.refreshRows(), true
	case key.Matches(msg, k.SortReverse):
		s.sort.Desc = !s.sort.Desc
		return s.refreshRows(), true
	case key.Matches(msg, k.Batches):
		s.out.Send(nav.Show{To: nav.Batches})
		return nil, true
	case key.Matches(msg, k.Tags):
		s.out.Send(nav.Show{To: nav.Tags})
		return nil, true
	case key.Matches(msg, k.InStatus):
		s.out.Send(nav.Show{To: nav.InStatus})
		return nil, true
	case key.Matches(msg, s.c.Keys.Global.Back) && s.filter.shown():
		// Esc on the table drops the filter, as in k9s and gh-dash.
		return s.setFilter(""), true
	}
	return nil, false
}

// setFilter replaces the filter text and shows the table it selects.
func (s *jobsScreen) setFilter(text string) tea.Cmd {
	s.filter.set(text, s.c.JobNow(), s.store)
	s.layout()
	return s.refreshRows()
}

// onFilterKey handles a key while the filter bar is being typed in: enter
// keeps the filter, esc goes back to the one before, anything else edits
// it and the table follows at once.
func (s *jobsScreen) onFilterKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.c.Keys.Input.Accept):
		s.filter.accept()
		s.layout()
		return nil
	case key.Matches(msg, s.c.Keys.Input.Cancel):
		s.filter.cancel(s.c.JobNow(), s.store)
		s.layout()
		return s.refreshRows()
	}
	cmd := s.filter.update(msg, s.c.JobNow(), s.store)
	return tea.Batch(cmd, s.refreshRows())
}

// nextFailed moves the cursor to the first FAILED job below it. There is no
// wrap-around: reaching the end says so, rather than jumping back up
// unnoticed.
func (s *jobsScreen) nextFailed() tea.Cmd {
	for i := s.table.Cursor() + 1; i < len(s.rows); i++ {
		if strings.EqualFold(string(s.rows[i].Status), string(model.StatusFailed)) {
			s.table.SetCursor(i)
			return s.showSelected()
		}
	}
	s.say("no failed job below the cursor")
	return nil
}
