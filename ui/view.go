package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"superdash/keymap"
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
	switch {
	case m.showHelp:
		content = m.helpView()
	case m.screen == screenApps:
		content = m.picker.view(m.c)
	default:
		content = m.jobsView(body)
	}
	content = common.Box(content, body.w, body.h)
	return strings.Join([]string{m.headerView(), content, m.footerView()}, "\n")
}

func (m Model) jobsView(body rect) string {
	table, pane := m.splitRects(body)
	switch {
	case table.w == 0:
		return m.pane.View()
	case pane.w == 0:
		return m.table.View()
	case table.x == pane.x: // stacked
		return lipgloss.JoinVertical(lipgloss.Left, m.table.View(), m.pane.View())
	default:
		return lipgloss.JoinHorizontal(lipgloss.Top, m.table.View(), m.pane.View())
	}
}

func (m Model) helpView() string {
	h := m.help
	h.ShowAll = true
	return h.View(m.currentHelp())
}

func (m Model) footerView() string {
	return common.Cut(m.help.View(m.currentHelp()), m.width)
}

// currentHelp is the help of whatever has the keyboard.
func (m Model) currentHelp() keymap.Help {
	switch {
	case m.screen == screenApps:
		return m.picker.help(m.c.Keys, m.store != nil)
	case m.typing():
		return m.c.Keys.InputHelp()
	case m.screen == screenJobs && m.focus == focusDetail:
		return m.c.Keys.DetailHelp()
	default:
		return m.c.Keys.TableHelp()
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
