package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/common"
)

// onHandOffKey handles the keys that hand jobs to something outside the
// dashboard: the clipboard, a pager or editor, an export file. ok is
// false when the key is none of them.
func (m *Model) onHandOffKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := m.c.Keys.Table
	if key.Matches(msg, k.Export) && m.focus == focusTable {
		m.exportAsking = true
		m.notice = fmt.Sprintf("export the %s jobs shown as %s (esc: no export)", common.Thousands(len(m.rows)), exportChoices(m.c.Keys.Export))
		return nil, true
	}
	if !key.Matches(msg, k.CopyID, k.CopyJSON, k.OpenPager, k.OpenEditor) {
		return nil, false
	}
	job, selected := m.table.Selected()
	if !selected {
		m.notice = "no job selected"
		return nil, true
	}
	switch {
	case key.Matches(msg, k.CopyID):
		return m.clipboard.copy(job.Key(), "job id "+job.Key()), true
	case key.Matches(msg, k.CopyJSON):
		return m.clipboard.copy(string(prettyJob(job)), "the JSON of job "+job.Key()), true
	case key.Matches(msg, k.OpenPager):
		return writeTempJob(job, "PAGER", "less"), true
	default:
		return writeTempJob(job, "EDITOR", "vi"), true
	}
}

// onHandOffDone reports how a hand-off went in the footer, and opens the
// pager or editor once the job's file is written.
func (m *Model) onHandOffDone(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case copiedMsg:
		m.notice = copyNotice(msg)
	case tempFileMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
			return nil
		}
		return openViewer(msg)
	case viewerClosedMsg:
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
	case exportedMsg:
		m.notice = fmt.Sprintf("exported %s jobs to %s", common.Thousands(msg.count), msg.path)
		if msg.err != nil {
			m.notice = msg.err.Error()
		}
	}
	return nil
}
