package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"superdash/keymap"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/sanitize"
)

// appItem is one app in the picker. Every string is sanitised here, once,
// because the list renders and filters them on its own.
type appItem struct {
	app         model.App
	title, desc string
}

func newAppItem(a model.App) appItem {
	desc := sanitize.Line(a.UUID)
	if a.Status != "" {
		desc += " · " + sanitize.Line(a.Status)
	}
	if !a.Created.IsZero() {
		desc += " · created " + a.Created.Format("2006-01-02")
	}
	title := sanitize.Line(a.Name)
	if title == "" {
		title = sanitize.Line(a.UUID)
	}
	return appItem{app: a, title: title, desc: desc}
}

func (i appItem) Title() string       { return i.title }
func (i appItem) Description() string { return i.desc }
func (i appItem) FilterValue() string { return i.title + " " + i.app.UUID }

// appPicker lets the user choose which app's jobs to watch. An account has
// tens of apps, not thousands, so bubbles/list and its filter fit here.
type appPicker struct {
	list    list.Model
	loading bool
	err     error
}

func newAppPicker(c *common.Common) appPicker {
	l := list.New(nil, list.NewDefaultDelegate(), 0, 0)
	l.Title = "Choose an app"
	l.SetStatusBarItemName("app", "apps")
	l.SetShowHelp(false) // the root draws one help line for every view
	l.DisableQuitKeybindings()
	l.Styles.Title = c.Styles.PaneTitle
	return appPicker{list: l, loading: true}
}

func (p *appPicker) setSize(w, h int) { p.list.SetSize(w, h) }

// setApps fills the picker once the apps arrived.
func (p *appPicker) setApps(apps []model.App, err error) tea.Cmd {
	p.loading, p.err = false, err
	items := make([]list.Item, len(apps))
	for i, a := range apps {
		items[i] = newAppItem(a)
	}
	return p.list.SetItems(items)
}

// typing reports whether the list's filter has the keyboard.
func (p appPicker) typing() bool { return p.list.FilterState() == list.Filtering }

func (p appPicker) selected() (model.App, bool) {
	item, ok := p.list.SelectedItem().(appItem)
	return item.app, ok
}

func (p appPicker) update(msg tea.Msg) (appPicker, tea.Cmd) {
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	return p, cmd
}

// help joins the list's own bindings (it filters and moves by itself) to
// ours: choose, back to the jobs when there are jobs to go back to, quit.
func (p appPicker) help(k keymap.KeyMap, canGoBack bool) keymap.Help {
	if p.typing() {
		return keymap.Help{Short: p.list.ShortHelp(), Full: p.list.FullHelp()}
	}
	choose := k.Input.Accept
	choose.SetHelp(choose.Help().Key, "choose app")
	ours := []key.Binding{choose}
	if canGoBack {
		ours = append(ours, k.Detail.Back)
	}
	ours = append(ours, k.Global.Help, k.Global.Quit)
	lk := p.list.KeyMap
	theirs := []key.Binding{lk.CursorUp, lk.CursorDown, lk.PrevPage, lk.NextPage, lk.Filter}
	return keymap.Help{
		Short: append(theirs[:2:2], append([]key.Binding{lk.Filter}, ours...)...),
		Full:  [][]key.Binding{theirs, ours},
	}
}

func (p appPicker) view(c *common.Common) string {
	switch {
	case p.loading:
		return c.Styles.Muted.Render("loading apps…")
	case p.err != nil:
		return c.Styles.Error.Render(sanitize.Line(fmt.Sprintf("could not list apps: %v", p.err)))
	case len(p.list.Items()) == 0:
		return c.Styles.Muted.Render("this account has no apps")
	}
	return p.list.View()
}
