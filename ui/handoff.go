package ui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/ui/common"
)

// onHandOffKey handles the keys that hand jobs to something outside the
// dashboard: the clipboard, a pager or editor, an export file. ok is
// false when the key is none of them.
func (s *jobsScreen) onHandOffKey(msg tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	k := s.c.Keys.Table
	if key.Matches(msg, k.Export) && s.focus == focusTable {
		s.out.Send(askReq{exportPrompt{app: s.app.UUID, jobs: s.rows}})
		s.say(fmt.Sprintf("export the %s jobs shown as %s (esc: no export)", common.Thousands(len(s.rows)), exportChoices(s.c.Keys.Export)))
		return nil, true
	}
	if key.Matches(msg, k.Resubmit) && s.focus == focusTable {
		return s.askResubmit(), true
	}
	if !k.Resubmit.Enabled() && slices.Contains(k.Resubmit.Keys(), msg.String()) && s.focus == focusTable {
		s.say("read-only: resubmit is off (--read-only or read_only in the config)")
		return nil, true
	}
	if !key.Matches(msg, k.CopyID, k.CopyJSON, k.OpenPager, k.OpenEditor, k.CopyCurl) {
		return nil, false
	}
	job, selected := s.table.Selected()
	if !selected {
		s.say("no job selected")
		return nil, true
	}
	switch {
	case key.Matches(msg, k.CopyCurl):
		s.openCurlMenu(job)
		return nil, true
	case key.Matches(msg, k.CopyID):
		return s.clipboard.copy(job.Key(), "job id "+job.Key()), true
	case key.Matches(msg, k.CopyJSON):
		return s.clipboard.copy(string(prettyJob(job)), "the JSON of job "+job.Key()), true
	case key.Matches(msg, k.OpenPager):
		return writeTempJob(job, "PAGER", "less"), true
	default:
		return writeTempJob(job, "EDITOR", "vi"), true
	}
}

// onHandOffDone reports how a hand-off went in the footer, and opens the
// pager or editor once the job's file is written.
func (s *jobsScreen) onHandOffDone(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case copiedMsg:
		s.say(copyNotice(msg))
	case tempFileMsg:
		if msg.err != nil {
			s.say(msg.err.Error())
			return nil
		}
		return openViewer(s.resub.exec, msg)
	case viewerClosedMsg:
		if msg.err != nil {
			s.say(msg.err.Error())
		}
	case exportedMsg:
		s.say(fmt.Sprintf("exported %s jobs to %s", common.Thousands(msg.count), msg.path))
		if msg.err != nil {
			s.say(msg.err.Error())
		}
	}
	return nil
}
