package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
	"superdash/model/watch"
	"superdash/ui/batches"
	"superdash/ui/common"
	"superdash/ui/nav"
	"superdash/ui/tags"
)

// storeList is what the batches and tags views offer (common.StoreList and
// their rows): M is the view, P its pointer.
type storeList[M any] interface {
	*M
	SetSize(width, height int)
	Refresh(store *model.Store) bool
	HelpKeys() []key.Binding
	Selected() (string, bool)
	View() string
	Update(msg tea.Msg) (M, tea.Cmd)
}

// listScreen makes the batches or the tags view a screen: enter filters
// the jobs by the chosen batch or tag and shows them, esc goes back to
// them unchanged.
type listScreen[M any, P storeList[M]] struct {
	list          M
	field         model.Field // what the filter term names
	c             *common.Common
	out           *nav.Outbox
	width, height int
}

func newBatchesScreen(d deps) listScreen[batches.Model, *batches.Model] {
	return listScreen[batches.Model, *batches.Model]{list: batches.New(d.c), field: model.FieldBatch, c: d.c, out: d.out}
}

func newTagsScreen(d deps) listScreen[tags.Model, *tags.Model] {
	return listScreen[tags.Model, *tags.Model]{list: tags.New(d.c), field: model.FieldTag, c: d.c, out: d.out}
}

func (s listScreen[M, P]) Update(msg tea.Msg) (nav.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case nav.ShownMsg:
		P(&s.list).Refresh(msg.Store)
	case nav.StoreMsg:
		if msg.Shown { // hidden, it catches up when shown
			P(&s.list).Refresh(msg.Store)
		}
	case tea.KeyMsg:
		return s, s.onKey(msg)
	}
	return s, nil
}

func (s *listScreen[M, P]) onKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.c.Keys.List.Choose):
		value, ok := P(&s.list).Selected()
		if ok {
			s.out.Send(nav.Show{To: nav.Jobs, With: nav.FilterMsg{Text: model.FieldTerm(s.field, value)}})
		}
		return nil
	case key.Matches(msg, s.c.Keys.Global.Back):
		s.out.Send(nav.Show{To: nav.Jobs})
		return nil
	case key.Matches(msg, s.c.Keys.Table.Watch):
		value, ok := P(&s.list).Selected()
		if !ok {
			return nil
		}
		if target, err := s.watchTarget(value); err != nil {
			s.out.Send(nav.Notice{Text: "cannot watch it: " + err.Error()})
		} else {
			s.out.Send(nav.ToggleWatch{Target: target})
		}
		return nil
	}
	var cmd tea.Cmd
	s.list, cmd = P(&s.list).Update(msg)
	return cmd
}

// watchTarget is what w follows on the row of value: the batch, or the
// jobs with the tag.
func (s listScreen[M, P]) watchTarget(value string) (watch.Target, error) {
	if s.field == model.FieldBatch {
		return watch.Target{Batch: value}, nil
	}
	term := model.FieldTerm(s.field, value)
	q, err := model.ParseQuery(term, s.c.JobNow())
	if err != nil {
		return watch.Target{}, fmt.Errorf("the filter %s: %w", term, err)
	}
	return watch.Target{Filter: q, FilterText: term}, nil
}

func (s listScreen[M, P]) View() string { return common.Box(P(&s.list).View(), s.width, s.height) }

func (s listScreen[M, P]) SetSize(w, h int) nav.Screen {
	s.width, s.height = w, h
	P(&s.list).SetSize(w, h)
	return s
}

func (listScreen[M, P]) Typing() bool { return false }

// Help is the view's own keys, then back and the global ones.
func (s listScreen[M, P]) Help() keymap.Help {
	own := P(&s.list).HelpKeys()
	k := s.c.Keys
	ours := []key.Binding{k.Global.Back, k.Global.Help, k.Global.Quit}
	return keymap.Help{
		Short: append(append([]key.Binding{}, own[:min(len(own), 4)]...), ours...),
		Full:  [][]key.Binding{own, ours, {k.Table.Watch, k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.ForceQuit}},
	}
}
