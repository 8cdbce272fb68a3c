package ui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/common"
)

// Marks pick the jobs a bulk cancel or restart acts on. They are job keys,
// like the store's, so a mark stays on its job through refreshes, sorting
// and filter changes; only the job leaving the store (or the app being
// switched) drops it.

// onActionKey handles the table's action keys: marks, cancel and restart.
// ok is false when the key is none of them.
func (m *Model) onActionKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	switch {
	case key.Matches(msg, k.Mark):
		m.toggleMark()
		return nil, true
	case key.Matches(msg, k.MarkAll):
		m.markShown()
		return nil, true
	case key.Matches(msg, k.ClearMarks):
		m.clearMarks()
		return nil, true
	case m.opts.ReadOnly && boundTo(msg, k.Mark, k.MarkAll, k.ClearMarks):
		m.notice = readOnlyNotice
		return nil, true
	}
	return m.onJobActionKey(msg)
}

// boundTo reports whether msg is one of the bindings' keys, enabled or not:
// a key disabled by read-only mode still deserves an answer.
func boundTo(msg tea.KeyMsg, bindings ...key.Binding) bool {
	for _, b := range bindings {
		if slices.Contains(b.Keys(), msg.String()) {
			return true
		}
	}
	return false
}

// toggleMark marks the job under the cursor, or unmarks it.
func (m *Model) toggleMark() {
	job, ok := m.table.Selected()
	if !ok {
		return
	}
	key := job.Key()
	if _, marked := m.marks[key]; marked {
		delete(m.marks, key)
	} else {
		m.marks[key] = struct{}{}
	}
	m.syncMarks()
}

// markShown marks every job the filter shows, keeping the marks already
// made elsewhere.
func (m *Model) markShown() {
	before := len(m.marks)
	for _, j := range m.rows {
		m.marks[j.Key()] = struct{}{}
	}
	m.syncMarks()
	m.notice = fmt.Sprintf("marked %s shown %s: %s marked in all", common.Thousands(len(m.marks)-before), common.Plural(len(m.marks)-before, "job"), common.Thousands(len(m.marks)))
}

// clearMarks drops every mark, shown or not.
func (m *Model) clearMarks() {
	n := len(m.marks)
	clear(m.marks)
	m.syncMarks()
	m.notice = fmt.Sprintf("cleared %s %s", common.Thousands(n), common.Plural(n, "mark"))
}

// unmark drops the marks of the given jobs.
func (m *Model) unmark(keys ...string) {
	if len(m.marks) == 0 {
		return
	}
	for _, k := range keys {
		delete(m.marks, k)
	}
	m.syncMarks()
}

// syncMarks tells the table what is marked: nothing, or a lookup in the
// marks (which the table calls per row on screen, so it must stay a map).
func (m *Model) syncMarks() {
	if len(m.marks) == 0 {
		m.table.SetMarked(nil)
		return
	}
	marks := m.marks
	m.table.SetMarked(func(key string) bool {
		_, ok := marks[key]
		return ok
	})
}

// markedKeys lists the marked jobs in a stable order.
func (m *Model) markedKeys() []string {
	keys := make([]string, 0, len(m.marks))
	for k := range m.marks {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
