// Package apppicker is the screen that chooses which app's jobs to watch:
// the account's apps (and an organisation's, with --org), filtered as
// typed. Enter asks the root to watch the app chosen; esc goes back to the
// jobs when an app is watched.
package apppicker

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"superdash/api"
	"superdash/keymap"
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// appItem is one app in the picker. Every string is sanitised here, once,
// because the list renders and filters them on its own.
type appItem struct {
	app         model.App
	title, desc string
}

// Marks is what follows an app's name in the picker and the header:
// its organisation, and "disabled" for a DISABLED app (the dimming alone
// would not show under NO_COLOR).
func Marks(a model.App) string {
	var marks []string
	if a.Org != "" {
		marks = append(marks, "org "+sanitize.Line(a.Org))
	}
	if a.Disabled() {
		marks = append(marks, "disabled")
	}
	if len(marks) == 0 {
		return ""
	}
	return " (" + strings.Join(marks, ", ") + ")"
}

func newAppItem(a model.App) appItem {
	parts := []string{sanitize.Line(a.UUID)}
	// ENABLED is every usable app's status: only another one is news.
	if a.Status != "" && !strings.EqualFold(a.Status, model.AppEnabled) {
		parts = append(parts, sanitize.Line(a.Status))
	}
	if !a.Created.IsZero() {
		parts = append(parts, "created "+a.Created.Format("2006-01-02"))
	}
	title := sanitize.Line(a.Name)
	if title == "" {
		title = sanitize.Line(a.UUID)
	}
	title += Marks(a)
	return appItem{app: a, title: title, desc: strings.Join(parts, " · ")}
}

func (i appItem) Title() string       { return i.title }
func (i appItem) Description() string { return i.desc }
func (i appItem) FilterValue() string { return i.title + " " + i.app.UUID }

// appDelegate draws the picker's rows: bubbles' default, dimmed for a
// DISABLED app.
type appDelegate struct {
	list.DefaultDelegate
	dimmed list.DefaultDelegate
}

func newAppDelegate(c *common.Common) appDelegate {
	normal := list.NewDefaultDelegate()
	normal.Styles = itemStyles(c.Styles)
	dimmed := list.NewDefaultDelegate()
	dimmed.Styles = itemStyles(c.Styles)
	faint := c.Styles.Faint.GetForeground()
	for _, st := range []*lipgloss.Style{
		&dimmed.Styles.NormalTitle, &dimmed.Styles.NormalDesc,
		&dimmed.Styles.SelectedTitle, &dimmed.Styles.SelectedDesc,
	} {
		*st = c.Styles.Adopt(st.Foreground(faint).BorderForeground(faint))
	}
	return appDelegate{DefaultDelegate: normal, dimmed: dimmed}
}

func (d appDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	if it, ok := item.(appItem); ok && it.app.Disabled() {
		d.dimmed.Render(w, m, index, item)
		return
	}
	d.DefaultDelegate.Render(w, m, index, item)
}

// appPicker lets the user choose which app's jobs to watch. An account has
// tens of apps, not thousands, so bubbles/list and its filter fit here.
type appPicker struct {
	list    list.Model
	loading bool
	err     error
	notice  string // why the picker opened by itself (the --app given does not exist); "" for none
	orgErr  string // the organisation's apps could not be listed (the account's own are): why
	height  int
}

func newAppPicker(c *common.Common) appPicker {
	l := list.New(nil, newAppDelegate(c), 0, 0)
	l.Title = "Choose an app"
	l.SetStatusBarItemName("app", "apps")
	l.SetShowHelp(false) // the root draws one help line for every view
	l.DisableQuitKeybindings()
	l.Styles = listStyles(l.Styles, c.Styles)
	// The filter's input took the list's default colours when it was made.
	l.FilterInput.PromptStyle = l.Styles.FilterPrompt
	l.FilterInput.Cursor.Style = l.Styles.FilterCursor
	return appPicker{list: l, loading: true}
}

// listStyles are the list's styles in the dashboard's roles, in place of
// bubbles' own colours (its yellow prompt, its pink cursor): def keeps
// the list's layout (paddings, bullets), s gives every colour.
func listStyles(def list.Styles, s common.Styles) list.Styles {
	keep := func(layout, role lipgloss.Style) lipgloss.Style {
		return layout.UnsetForeground().UnsetBackground().Inherit(role)
	}
	return list.Styles{
		TitleBar:                    def.TitleBar,
		Title:                       s.PaneTitle,
		Spinner:                     s.Progress,
		FilterPrompt:                s.PaneTitle,
		FilterCursor:                s.Progress,
		DefaultFilterCharacterMatch: s.Match,
		StatusBar:                   keep(def.StatusBar, s.Faint),
		StatusEmpty:                 s.Faint,
		StatusBarActiveFilter:       s.Info,
		StatusBarFilterCount:        s.Faint,
		NoItems:                     s.Faint,
		PaginationStyle:             def.PaginationStyle,
		HelpStyle:                   def.HelpStyle,
		ActivePaginationDot:         keep(def.ActivePaginationDot, s.Cell),
		InactivePaginationDot:       keep(def.InactivePaginationDot, s.Faint),
		ArabicPagination:            s.Faint,
		DividerDot:                  keep(def.DividerDot, s.Faint),
	}
}

// itemStyles draw an app's two lines in the dashboard's roles: the
// selected one as the table's cursor row is, behind a bar in the accent;
// the matches of the filter as a search's are.
func itemStyles(s common.Styles) list.DefaultItemStyles {
	def := list.NewDefaultItemStyles()
	bar := lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(s.PaneTitle.GetForeground()).Padding(0, 0, 0, 1)
	return list.DefaultItemStyles{
		NormalTitle:   def.NormalTitle.UnsetForeground().Inherit(s.Cell),
		NormalDesc:    def.NormalDesc.UnsetForeground().Inherit(s.Faint),
		SelectedTitle: bar.Inherit(s.Selection),
		SelectedDesc:  bar.Inherit(s.Faint),
		DimmedTitle:   def.DimmedTitle.UnsetForeground().Inherit(s.Faint),
		DimmedDesc:    def.DimmedDesc.UnsetForeground().Inherit(s.Faint),
		FilterMatch:   s.Match,
	}
}

// setSize sizes the list, and its filter input to what is left of the
// line: the list measures the prompt in its title's style (bubbles' has
// a padding ours has not) and forgets its title bar's padding and the
// cursor drawn past the text, so the input line came out wider than the
// list, widened every line of it, and the cut to the screen's width then
// ended each with "…".
func (p *appPicker) setSize(w, h int) {
	p.height = h
	p.list.SetSize(w, max(h-len(p.warnings()), 0))
	const cursor = 1
	in := &p.list.FilterInput
	in.Width = max(w-p.list.Styles.TitleBar.GetHorizontalFrameSize()-lipgloss.Width(in.Prompt)-cursor, 1)
}

// warnings are the lines above the list: why it opened, and what could not
// be listed.
func (p appPicker) warnings() []string {
	var lines []string
	if p.notice != "" {
		lines = append(lines, p.notice)
	}
	if p.orgErr != "" {
		lines = append(lines, p.orgErr)
	}
	return lines
}

// setNotice shows why the picker opened, above the list.
func (p *appPicker) setNotice(text string) {
	p.notice = text
	p.setSize(p.list.Width(), p.height)
}

// orgTrouble words a failure to list organisation org's apps; "" for none.
func orgTrouble(org string, err error) string {
	switch {
	case err == nil:
		return ""
	case api.IsNotFound(err):
		// The API's own words add nothing to this.
		return fmt.Sprintf("no organisation %s for this API key (--org): only the account's own apps are listed", org)
	}
	return fmt.Sprintf("could not list the apps of organisation %s, only the account's own: %v", org, err)
}

// setApps fills the picker once the apps arrived.
func (p *appPicker) setApps(msg ListedMsg) tea.Cmd {
	p.loading, p.err, p.orgErr = false, msg.Err, orgTrouble(msg.Org, msg.OrgErr)
	p.setSize(p.list.Width(), p.height)
	items := make([]list.Item, len(msg.Apps))
	for i, a := range msg.Apps {
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
	choose := k.List.Choose
	choose.SetHelp(choose.Help().Key, "choose app")
	ours := []key.Binding{choose}
	if canGoBack {
		ours = append(ours, k.Global.Back)
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
	var body string
	switch {
	case p.loading:
		body = c.Styles.Faint.Render("loading apps…")
	case p.err != nil:
		body = c.Styles.Error.Render(sanitize.Line(fmt.Sprintf("could not list apps: %v", p.err)))
	case len(p.list.Items()) == 0:
		body = c.Styles.Faint.Render("this account has no apps")
	default:
		body = p.list.View()
	}
	for _, line := range slices.Backward(p.warnings()) {
		body = c.Styles.Warning.Render(common.Cut(sanitize.Line(line), p.list.Width())) + "\n" + body
	}
	return body
}

// Model is the app picker as a screen. The zero value is not usable; call
// New.
type Model struct {
	picker    appPicker
	c         *common.Common
	out       *nav.Outbox
	canGoBack bool // an app is watched: its jobs are there to go back to
}

// New builds the picker, which asks the root for what it needs through
// out. It says it is loading until a ListedMsg comes.
func New(c *common.Common, out *nav.Outbox) Model {
	return Model{picker: newAppPicker(c), c: c, out: out}
}

// Appless: the picker is not about the watched app.
func (Model) Appless() {}

func (s Model) Update(msg tea.Msg) (nav.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case nav.ShownMsg:
		s.canGoBack = msg.Store != nil
		if msg.Reason != "" {
			s.picker.setNotice(msg.Reason)
		}
	case ListedMsg:
		cmd = s.picker.setApps(msg)
	case tea.KeyMsg:
		cmd = s.onKey(msg)
	case tea.MouseMsg, nav.StoreMsg, nav.WatchMsg, nav.CloseMsg, nav.JournalChangedMsg, nav.FilterMsg:
	default: // the list's own: its filter's matches, its spinner
		s.picker, cmd = s.picker.update(msg)
	}
	return s, cmd
}

func (s *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case s.picker.typing():
	case key.Matches(msg, k.List.Choose):
		app, ok := s.picker.selected()
		if ok {
			s.picker.setNotice("") // chosen: the reason it opened is history
			s.out.Send(nav.ChooseApp{App: app})
		}
		return nil
	case key.Matches(msg, k.Global.Back) && s.canGoBack:
		s.out.Send(nav.Show{To: nav.Jobs})
		return nil
	}
	var cmd tea.Cmd
	s.picker, cmd = s.picker.update(msg)
	return cmd
}

func (s Model) View() string {
	return common.Box(s.picker.view(s.c), s.picker.list.Width(), s.picker.height)
}

func (s Model) SetSize(w, h int) nav.Screen {
	s.picker.setSize(w, h)
	return s
}

func (s Model) Help() keymap.Help { return s.picker.help(s.c.Keys, s.canGoBack) }
func (s Model) Typing() bool      { return s.picker.typing() }

// ListedMsg carries the account's apps, then the organisation's.
type ListedMsg struct {
	Apps   []model.App
	Err    error // listing the account's own apps failed: nothing to show
	Org    string
	OrgErr error // listing the organisation's failed: the account's own are shown
}

// List reads every page of the account's apps and, when org is set,
// of that organisation's, for the picker. An app in both lists is shown
// once, as the account's own.
func List(ctx context.Context, client *api.Client, org string) tea.Cmd {
	return func() tea.Msg {
		apps, err := client.AllApps(ctx)
		if err != nil || org == "" {
			return ListedMsg{Apps: apps, Err: err}
		}
		orgApps, orgErr := client.AllOrgApps(ctx, org)
		own := make(map[string]bool, len(apps))
		for _, a := range apps {
			own[a.UUID] = true
		}
		for _, a := range orgApps {
			if !own[a.UUID] {
				apps = append(apps, a)
			}
		}
		return ListedMsg{Apps: apps, Org: org, OrgErr: orgErr}
	}
}
