package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"superdash/keymap"
	"superdash/sanitize"
	"superdash/ui/common"
	"superdash/ui/nav"
)

// View draws the whole screen: header, the watch strip, the screen's
// bars, its body (or the overlay over it) under the toast, one line of
// help.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return "" // no size yet: the first WindowSizeMsg is on its way
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	body := m.bodyRect()
	parts := append([]string{m.heading().view()}, m.stripView()...)
	var bars []string
	if b, ok := m.current().(nav.Barred); ok {
		bars = b.Bars()
		parts = append(parts, bars...)
	}
	var content string
	if m.overlay != nil {
		h := max(body.h-len(bars), 0)
		content = common.Box(m.overlay.view(m, body.w, h), body.w, h)
	} else {
		content = m.current().View()
	}
	content = m.toast.Over(content, body.w, m.c.Styles)
	parts = append(parts, content, m.footerView())
	return strings.Join(parts, "\n")
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

// footerView is one line: the answer to the last key when there is one,
// else the short help of whatever has the keyboard.
func (m Model) footerView() string {
	if m.notice != "" {
		// Notices quote job ids, statuses and the API's messages.
		return common.Cut(m.c.Styles.Info.Render(sanitize.Line(m.notice)), m.width)
	}
	h := m.currentHelp()
	if m.help.ShowAll || m.frameCache == nil {
		return m.hintLine(h)
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
	return m.frameCache.footer.get(key, func() string { return m.hintLine(h) })
}

// hintLine is the short help fitted to the width by dropping hints from
// its end, help and quit excepted: they are the last to go, so that a
// narrow terminal still says how to learn the rest and how to leave.
func (m Model) hintLine(h keymap.Help) string {
	hints := slices.DeleteFunc(slices.Clone(h.ShortHelp()), func(b key.Binding) bool { return !b.Enabled() })
	g := m.c.Keys.Global
	kept := func(b key.Binding) bool { return sameBinding(b, g.Help) || sameBinding(b, g.Quit) }
	whole := m.help
	whole.Width = 0 // measured whole; what does not fit is dropped below
	for lipgloss.Width(whole.ShortHelpView(hints)) > m.width {
		i := len(hints) - 1
		for i >= 0 && kept(hints[i]) {
			i--
		}
		if i < 0 {
			break
		}
		hints = slices.Delete(hints, i, i+1)
	}
	return common.Cut(whole.ShortHelpView(hints), m.width)
}

// sameBinding reports whether a and b are one binding: the same keys and
// help.
func sameBinding(a, b key.Binding) bool {
	return a.Help() == b.Help() && slices.Equal(a.Keys(), b.Keys())
}

// currentHelp is the help of whatever has the keyboard.
func (m Model) currentHelp() keymap.Help {
	if m.overlay != nil {
		return m.overlay.help(m)
	}
	return m.current().Help()
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
