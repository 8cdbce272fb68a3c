package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/ui/nav"
)

// resubmitOffer is the overlay after a restart the host does not offer:
// the resubmit key resubmits the same jobs instead (the editor for one
// job, the dialog for several); any other key closes the offer and does
// what it does. The footer says so.
type resubmitOffer struct{ keys []string }

// offerResubmit opens the offer for keys and returns notice with the
// offer said after it.
func (s *jobsScreen) offerResubmit(keys []string, notice string) string {
	if !s.c.Keys.Table.Resubmit.Enabled() || s.store == nil {
		return notice // read-only: there is nothing to offer
	}
	s.out.Send(askReq{resubmitOffer{keys: keys}})
	what := "them as new jobs"
	if len(keys) == 1 {
		what = "it as a new job"
	}
	// The offer first: a long refusal is cut at the footer's end.
	return s.c.Keys.Table.Resubmit.Help().Key + ": resubmit " + what + " instead · " + notice
}

func (p resubmitOffer) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	m.overlay = nil
	if !key.Matches(msg, m.c.Keys.Table.Resubmit) {
		return m.onKey(msg) // declined: the key does what it does without the offer
	}
	return m.updateScreen(nav.Jobs, resubmitKeysMsg(p))
}

func (resubmitOffer) view(m Model, _, _ int) string { return m.current().View() }
func (resubmitOffer) help(m Model) keymap.Help      { return m.current().Help() }
func (resubmitOffer) typing(Model) bool             { return false }

// resubmitKeysMsg asks the jobs screen to resubmit these jobs.
type resubmitKeysMsg struct{ keys []string }

// onResubmitKeys opens the resubmit flow for keys: the editor for one
// job still listed, the dialog for several.
func (s *jobsScreen) onResubmitKeys(msg resubmitKeysMsg) tea.Cmd {
	if len(msg.keys) == 1 {
		job, ok := s.store.Get(msg.keys[0])
		if !ok {
			s.say("job " + msg.keys[0] + " is no longer listed: nothing sent")
			return nil
		}
		return s.editForResubmit(job)
	}
	s.askResubmitMarked(msg.keys)
	return nil
}
