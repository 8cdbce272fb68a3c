package detail

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/sanitize"
	"superdash/ui/common"
)

// row is one screen row of content: bytes start to end of a line, after
// indent cells of blank (the line's hang, on the rows a long line wraps to).
type row struct {
	line, start, end int
	indent           int
}

// layout wraps lines to width. Long lines wrap rather than being cut, so a
// URL or a message in the input can be read, and searched, in full.
// firstRow[i] is the row line i starts on.
func layout(lines []line, width int) (rows []row, firstRow []int) {
	if width < 1 {
		return nil, nil
	}
	rows = make([]row, 0, len(lines))
	firstRow = make([]int, len(lines))
	for i, l := range lines {
		firstRow[i] = len(rows)
		rows = wrap(rows, i, l, width)
	}
	return rows, firstRow
}

func wrap(rows []row, i int, l line, width int) []row {
	// A line no longer in bytes than the width fits without measuring: a
	// cell takes at least one byte. The live line is one short phrase after
	// the spinner and is not worth wrapping; View cuts it if it must.
	if l.live || len(l.text) <= width {
		return append(rows, row{line: i, end: len(l.text)})
	}
	hang := min(l.hang, width/2)
	start, indent := 0, 0
	for start < len(l.text) {
		end := start + breakAt(l.text[start:], width-indent)
		rows = append(rows, row{line: i, start: start, end: end, indent: indent})
		start, indent = end, hang
	}
	return rows
}

// breakAt is how many bytes of s fill a row of width cells: up to the last
// space when it falls in the row's second half, so words stay whole, and at
// least one grapheme, so every row advances (View cuts one too wide).
func breakAt(s string, width int) int {
	cells, space, spaceCells := 0, 0, 0
	for i := 0; i < len(s); {
		n, w := 1, 1
		if s[i] >= utf8.RuneSelf {
			g, gw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			n, w = len(g), gw
		}
		if cells+w > width {
			switch {
			case i == 0:
				return n
			case space > 0 && spaceCells > width/2:
				return space
			}
			return i
		}
		cells += w
		i += n
		if s[i-1] == ' ' {
			space, spaceCells = i, cells
		}
	}
	return len(s)
}

// View draws the pane: exactly the height given to SetSize in lines, each
// exactly the width in cells. It only styles the rows on screen, and only
// when something it shows changed: otherwise it hands back the frame it
// drew last (the once-a-second redraw of the header leaves the pane as it
// is). While the search input has the keyboard it draws every time.
func (m Model) View() string {
	if m.frame == nil || m.Typing() {
		return m.render()
	}
	key := m.frameKey()
	if f := m.frame; f.drawn && f.key == key {
		return f.view
	}
	view := m.render()
	*m.frame = keptFrame{key: key, view: view, drawn: true}
	return view
}

// render draws the frame afresh.
func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	w, h := m.innerSize()
	if w < 1 || h < 1 {
		return blank(m.width, m.height)
	}
	out := make([]string, 0, h)
	out = append(out, m.titleBar(w))
	var b strings.Builder
	for i := range m.bodyHeight() {
		b.Reset()
		if r := m.offset + i; r < len(m.rows) {
			m.renderRow(&b, m.rows[r])
		}
		out = append(out, common.Fit(b.String(), w))
	}
	if m.search.active() && len(out) < h {
		out = append(out, m.searchBar(w))
	}
	return m.border().Render(strings.Join(out, "\n"))
}

func (m *Model) border() lipgloss.Style {
	if m.focused {
		return m.c.Styles.PaneBorderFocused
	}
	return m.c.Styles.PaneBorder
}

// innerSize is the size inside the border.
func (m *Model) innerSize() (width, height int) {
	fw, fh := m.border().GetFrameSize()
	return m.width - fw, m.height - fh
}

// bodyHeight is how many content rows show: below the title row, above
// the search bar when there is one.
func (m *Model) bodyHeight() int {
	_, h := m.innerSize()
	h-- // the title row
	if m.search.active() {
		h--
	}
	return max(h, 0)
}

func blank(width, height int) string {
	l := strings.Repeat(" ", width)
	return strings.TrimSuffix(strings.Repeat(l+"\n", height), "\n")
}

// titleBar is the title row: which job, and how far down the pane is.
func (m *Model) titleBar(width int) string {
	st := m.c.Styles
	title := st.Faint.Render("no job selected")
	if m.job != nil {
		title = st.PaneTitle.Render("job " + sanitize.Line(m.job.Key()))
	}
	pos := m.scrollPosition()
	pw := ansi.StringWidth(pos)
	// The position gives way first: the title names what is shown.
	if pos == "" || width < pw+minTitleWidth {
		return common.Fit(title, width)
	}
	return common.Fit(title, width-pw-1) + " " + st.Faint.Render(pos)
}

// minTitleWidth is the least room kept for the title beside the position.
const minTitleWidth = 10

// scrollPosition says where the pane is in the content, as vim does: "top"
// and "end" at either end (a share of what is on screen at the top would
// read as scrolled), else how much is above the bottom of the pane, as
// less shows it; empty when everything fits.
func (m *Model) scrollPosition() string {
	body := m.bodyHeight()
	switch {
	case len(m.rows) <= body || body == 0:
		return ""
	case m.offset == 0:
		return "top"
	case m.offset+body >= len(m.rows):
		return "end"
	}
	return fmt.Sprintf("%d%%", (m.offset+body)*100/len(m.rows))
}

// renderRow writes row r styled: each run in its role's style, matches of
// the search over them.
func (m *Model) renderRow(b *strings.Builder, r row) {
	l := m.lines[r.line]
	b.WriteString(strings.Repeat(" ", r.indent))
	if l.live {
		b.WriteString(m.spinner.View())
		b.WriteByte(' ')
	}
	ms, first := m.search.matchesOn(r.line)
	k := 0
	for k < len(ms) && ms[k].end <= r.start {
		k++
	}
	si := 0
	for si < len(l.spans) && l.spans[si].end <= r.start {
		si++
	}
	for pos := r.start; pos < r.end; {
		next := min(r.end, l.spans[si].end)
		style, plain := m.style(l.spans[si].role)
		switch {
		case k < len(ms) && ms[k].start <= pos:
			next = min(next, ms[k].end)
			style, plain = m.c.Styles.Match, false
			if first+k == m.search.current {
				style = m.c.Styles.CurrentMatch
			}
		case k < len(ms) && ms[k].start < next:
			next = ms[k].start
		}
		if plain {
			b.WriteString(l.text[pos:next])
		} else {
			b.WriteString(style.Render(l.text[pos:next]))
		}
		pos = next
		if pos >= l.spans[si].end {
			si++
		}
		if k < len(ms) && pos >= ms[k].end {
			k++
		}
	}
}

// style is the style of a role; plain reports text that is written as is.
func (m *Model) style(r role) (style lipgloss.Style, plain bool) {
	st := &m.c.Styles
	switch r {
	case roleHeading:
		return st.PaneTitle, false
	case roleLabel:
		return st.Label, false
	case roleMuted:
		return st.Faint, false
	case roleStatus:
		return st.Status(m.job.Status), false
	case roleError:
		return st.Error, false
	case roleWarning:
		return st.Warning, false
	case roleKey:
		return st.JSONKey, false
	case roleString:
		return st.JSONString, false
	case roleNumber:
		return st.JSONNumber, false
	case roleBool:
		return st.JSONBool, false
	case roleNull:
		return st.JSONNull, false
	case rolePunct:
		return st.JSONPunct, false
	}
	return lipgloss.Style{}, true
}
