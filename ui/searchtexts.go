package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"superdash/model"
	"superdash/ui/poller"
)

// searchTextsMsg carries the search texts built in the background for
// store (see buildSearchTexts).
type searchTextsMsg struct {
	store *model.Store
	texts model.SearchTexts
	err   error // the dashboard quit before they were built
}

// buildSearchTexts starts building, in the background, the search texts
// the store lacks once a sync has ended: after the first load, all of
// them. The first bare word typed then finds them built, where it would
// otherwise build 100,000 on the keystroke. One build at a time, as one
// command (one goroutine) that ends when the dashboard quits; the texts
// come back as a message, because only the UI goroutine touches the store.
//
// A full pass with no texts worth building (a small app) lets the process
// settle at once: there is nothing more of the load to keep.
func (m *Model) buildSearchTexts(msg tea.Msg) tea.Cmd {
	done, ok := msg.(poller.DoneMsg)
	if !ok || m.textsBuilding {
		return nil
	}
	store := m.poll.Store()
	if store == nil {
		return nil
	}
	texts, worth := store.PendingSearchTexts()
	if !worth {
		if done.Result.Delta.Full && done.Result.Delta.Err == nil {
			return m.settle()
		}
		return nil
	}
	m.textsBuilding = true
	life := m.life
	return func() tea.Msg {
		err := texts.Build(life)
		return searchTextsMsg{store: store, texts: texts, err: err}
	}
}

// onSearchTexts hands the texts built to the store they were built for,
// unless the dashboard has moved to another app's since, and then lets
// the process settle (Options.Settle): the store now holds all it keeps
// of the load.
func (m *Model) onSearchTexts(msg searchTextsMsg) tea.Cmd {
	m.textsBuilding = false
	if msg.err != nil || msg.store != m.poll.Store() {
		return nil
	}
	msg.store.AdoptSearchTexts(msg.texts)
	return m.settle()
}

// settle runs Options.Settle off the UI's goroutine: it may collect.
func (m *Model) settle() tea.Cmd {
	settle := m.opts.Settle
	if settle == nil {
		return nil
	}
	return func() tea.Msg {
		settle()
		return nil
	}
}
