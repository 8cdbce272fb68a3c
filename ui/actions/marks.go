package actions

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/common"
	"superdash/ui/jobtable"
)

// Marks pick the jobs a bulk cancel or restart acts on. They are job keys,
// like the store's, so a mark stays on its job through refreshes, sorting
// and filter changes; only the job leaving the store (or the app being
// switched) drops it. They live here, with the actions, because nothing
// else reads them: they are the targets of the next action, their keys
// are off with the actions in read-only mode, and the table only shows
// them.
type marks map[string]struct{}

// keys lists the marked jobs in a stable order.
func (s marks) keys() []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Marked is how many jobs are marked.
func (m Model) Marked() int { return len(m.marks) }

// markKey handles the keys that mark; ok is false for any other key.
func (m *Model) markKey(msg tea.KeyMsg, jobs Jobs) (fx Effect, ok bool) {
	k := m.c.Keys.Table
	switch {
	case key.Matches(msg, k.Mark):
		return m.toggleMark(jobs.Table), true
	case key.Matches(msg, k.MarkAll):
		return m.markShown(jobs), true
	case key.Matches(msg, k.ClearMarks):
		n := len(m.marks)
		m.ForgetMarks(jobs.Table)
		return Effect{Notice: fmt.Sprintf("cleared %s %s", common.Thousands(n), common.Plural(n, "mark"))}, true
	}
	return Effect{}, false
}

// toggleMark marks the job under the cursor, or unmarks it, and moves to
// the next row, as mutt, ranger and k9s do: space space space marks three.
func (m *Model) toggleMark(table *jobtable.Model) Effect {
	job, ok := table.Selected()
	if !ok {
		return Effect{}
	}
	key := job.Key()
	if _, marked := m.marks[key]; marked {
		delete(m.marks, key)
	} else {
		m.marks[key] = struct{}{}
	}
	m.showMarks(table)
	if next := table.Cursor() + 1; next < table.Len() {
		table.SetCursor(next)
		return Effect{Moved: true}
	}
	return Effect{}
}

// markShown marks every job the filter shows, keeping the marks already
// made elsewhere.
func (m *Model) markShown(jobs Jobs) Effect {
	before := len(m.marks)
	for _, j := range jobs.Shown {
		m.marks[j.Key()] = struct{}{}
	}
	m.showMarks(jobs.Table)
	added := len(m.marks) - before
	return Effect{Notice: fmt.Sprintf("marked %s shown %s: %s marked in all",
		common.Thousands(added), common.Plural(added, "job"), common.Thousands(len(m.marks)))}
}

// Unmark drops the marks of the given jobs: they are no longer listed.
func (m *Model) Unmark(table *jobtable.Model, keys ...string) {
	if len(m.marks) == 0 {
		return
	}
	for _, k := range keys {
		delete(m.marks, k)
	}
	m.showMarks(table)
}

// ForgetMarks drops every mark, shown or not: U, or another app.
func (m *Model) ForgetMarks(table *jobtable.Model) {
	clear(m.marks)
	m.showMarks(table)
}

// ShowMarks tells the table what is marked, from the start: see showMarks.
func (m *Model) ShowMarks(table *jobtable.Model) { m.showMarks(table) }

// showMarks tells the table what is marked: a lookup in the marks (which
// the table calls per row on screen, so it must stay a map), even while
// there are none, so that the marks' column is there before the first
// mark and the others do not shift when it comes; nothing in read-only
// mode, where there are no marks.
func (m *Model) showMarks(table *jobtable.Model) {
	if m.readOnly {
		table.SetMarked(nil)
		return
	}
	marks := m.marks
	table.SetMarked(func(key string) bool {
		_, ok := marks[key]
		return ok
	})
}
