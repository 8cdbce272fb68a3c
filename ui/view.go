package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"superdash/keymap"
	"superdash/sanitize"
	"superdash/ui/common"
)

// View draws the whole screen: header, body, one line of help.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return "" // no size yet: the first WindowSizeMsg is on its way
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	body := m.bodyRect()
	var content string
	fitted := false // content is exactly body.w × body.h already
	switch {
	case m.showHelp:
		content = m.helpView()
	case m.acts.Overlay():
		content = m.acts.View(body.w, body.h)
	case m.screen == screenJournal:
		content = m.journalScreen.view(m.opts.JournalPath)
	case m.screen == screenApps:
		content = m.picker.view(m.c)
	case m.screen == screenBatches:
		content = m.batches.View()
	case m.screen == screenTags:
		content = m.tags.View()
	default:
		content, fitted = m.jobsView(body), true
	}
	parts := []string{m.headerView()}
	if m.screen == screenJobs && m.tabs.shown() {
		parts = append(parts, m.tabs.view(m.c, m.filter.text, m.width))
	}
	if m.screen == screenJobs && m.filter.shown() {
		parts = append(parts, m.filter.view(m.c, m.width))
	}
	if !fitted {
		content = common.Box(content, body.w, body.h)
	}
	parts = append(parts, content, m.footerView())
	return strings.Join(parts, "\n")
}

// jobsView is the body of the jobs screen, the table and the detail pane,
// fitted to it. Both keep their frame while nothing they show changes (the
// clock's once-a-second redraw of the header), and so does this: it puts
// them together again only when one of them or the layout changed.
func (m Model) jobsView(body rect) string {
	tr, pr := m.splitRects(body)
	var table, pane string
	if tr.w > 0 {
		table = m.table.View()
	}
	if pr.w > 0 {
		pane = m.pane.View()
	}
	var k *cachedBody
	if m.frameCache != nil {
		k = &m.frameCache.body
	}
	if k != nil && k.drawn && k.body == body && k.table == table && k.pane == pane && k.tr == tr && k.pr == pr {
		return k.view // the same strings: compared by address first, so this is cheap
	}
	var content string
	switch {
	case tr.w == 0:
		content = pane
	case pr.w == 0:
		content = table
	case tr.x == pr.x: // stacked
		content = lipgloss.JoinVertical(lipgloss.Left, table, pane)
	default:
		content = lipgloss.JoinHorizontal(lipgloss.Top, table, pane)
	}
	view := common.Box(content, body.w, body.h)
	if k != nil {
		*k = cachedBody{body: body, tr: tr, pr: pr, table: table, pane: pane, view: view, drawn: true}
	}
	return view
}

// newHelp is the one line (and the ? screen) of key help, its styles
// resolved for the terminal as the dashboard's own are (Styles.Adopt).
func newHelp(c *common.Common) help.Model {
	h := help.New()
	st := &h.Styles
	for _, s := range []*lipgloss.Style{&st.Ellipsis, &st.ShortKey, &st.ShortDesc, &st.ShortSeparator, &st.FullKey, &st.FullDesc, &st.FullSeparator} {
		*s = c.Styles.Adopt(*s)
	}
	return h
}

// helpView lays the full help's groups out in as many bands as the width
// needs, so that no binding is ever cut off the right edge.
func (m Model) helpView() string {
	h := m.help
	h.Width = 0 // measure whole bands; they are fitted below
	var bands []string
	var band [][]key.Binding
	for _, group := range m.currentHelp().FullHelp() {
		wider := append(band[:len(band):len(band)], group)
		if len(band) > 0 && lipgloss.Width(h.FullHelpView(wider)) > m.width {
			bands = append(bands, h.FullHelpView(band))
			wider = [][]key.Binding{group}
		}
		band = wider
	}
	if len(band) > 0 {
		bands = append(bands, h.FullHelpView(band))
	}
	if m.screen == screenJobs {
		bands = append(bands, m.c.Styles.Faint.Render(filterSyntax))
	}
	return strings.Join(bands, "\n\n")
}

// filterSyntax is the filter bar's language in brief; the README has it in
// full.
const filterSyntax = `filter (/): all terms must hold; -term negates
  status:failed,expired (a unique prefix will do, or moving / ended)   tag:poodle   tag:poo*
  batch:<id or prefix>   type:calibration   correct:true|false|none
  created:<2h  created:>7d  completed:>2026-11-01  (ages: s m h d w)
  bare words and "quoted phrases" search id, uuid, batch, tags, input and metadata`

// footerView is one line: the answer to the last key when there is one,
// else the short help of whatever has the keyboard.
func (m Model) footerView() string {
	if m.notice != "" {
		// Notices quote job ids, statuses and the API's messages.
		return common.Cut(m.c.Styles.Info.Render(sanitize.Line(m.notice)), m.width)
	}
	h := m.currentHelp()
	if m.help.ShowAll || m.frameCache == nil {
		return common.Cut(m.help.View(h), m.width)
	}
	// The line changes only with the bindings it lists and the width:
	// comparing their texts costs far less than styling them again.
	var b strings.Builder
	for _, kb := range h.ShortHelp() {
		if kb.Enabled() {
			b.WriteString(kb.Help().Key)
			b.WriteByte(0)
			b.WriteString(kb.Help().Desc)
			b.WriteByte(0)
		}
	}
	key := textLineKey{width: m.width, theme: common.CurrentTheme(), text: b.String()}
	return m.frameCache.footer.get(key, func() string { return common.Cut(m.help.View(h), m.width) })
}

// currentHelp is the help of whatever has the keyboard.
func (m Model) currentHelp() keymap.Help {
	switch {
	case m.acts.Overlay():
		return m.acts.Help()
	case m.screen == screenJournal:
		return m.journalHelp()
	case m.screen == screenApps:
		return m.picker.help(m.c.Keys, m.poll.Store() != nil)
	case m.screen == screenBatches, m.screen == screenTags:
		return m.listHelp()
	case m.typing():
		return m.c.Keys.InputHelp()
	case m.screen == screenJobs && m.focus == focusDetail:
		return m.c.Keys.DetailHelp()
	default:
		return m.c.Keys.TableHelp()
	}
}

// listHelp is the help of the batches and tags views: their own keys,
// then back and the global ones.
func (m Model) listHelp() keymap.Help {
	own := m.batches.HelpKeys()
	if m.screen == screenTags {
		own = m.tags.HelpKeys()
	}
	k := m.c.Keys
	ours := []key.Binding{k.Global.Back, k.Global.Help, k.Global.Quit}
	return keymap.Help{
		Short: append(append([]key.Binding{}, own[:min(len(own), 4)]...), ours...),
		Full:  [][]key.Binding{own, ours, {k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.ForceQuit}},
	}
}

// tooSmallView replaces the screen when nothing useful fits, cut to the
// size there is so it never wraps or scrolls.
func (m Model) tooSmallView() string {
	lines := []string{
		"terminal too small",
		fmt.Sprintf("need %dx%d, have %dx%d", minWidth, minHeight, m.width, m.height),
	}
	if m.height < len(lines) {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = common.Cut(l, m.width)
	}
	return strings.Join(lines, "\n")
}
