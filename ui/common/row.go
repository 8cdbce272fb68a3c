package common

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// ColumnGap is the number of spaces between two columns.
const ColumnGap = 2

var gapText = strings.Repeat(" ", ColumnGap)

// Column is one column of a list view, as Layout sees it.
type Column struct {
	Title string
	Width int // what the column asks for
	// Drop orders the columns that go, lowest first, when the width runs
	// out. The first column is never dropped: it is squeezed instead.
	Drop int
	Flex bool // takes the width the others leave
}

// Layout gives each column its width in a line width cells wide, gaps
// included; 0 means the column is dropped. Columns go whole, in Drop
// order, rather than as slivers, and since the order is fixed a column
// never comes back as the terminal narrows. The slack goes to the first
// Flex column shown, or else pads the last one, so the widths and gaps
// always add up to exactly width.
func Layout(width int, cols []Column) []int {
	widths := make([]int, len(cols))
	if width <= 0 || len(cols) == 0 {
		return widths
	}
	need := -ColumnGap
	for i, col := range cols {
		widths[i] = max(col.Width, 1) // 0 would read as dropped
		need += ColumnGap + widths[i]
	}
	order := make([]int, 0, len(cols)-1)
	for i := 1; i < len(cols); i++ {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cols[a].Drop, cols[b].Drop) })
	for _, i := range order {
		if need <= width {
			break
		}
		need -= ColumnGap + widths[i]
		widths[i] = 0
	}
	if need > width { // only the first column is left
		widths[0] = width
		return widths
	}
	grow := 0
	for i, w := range widths {
		if w == 0 {
			continue
		}
		grow = i
		if cols[i].Flex {
			break
		}
	}
	widths[grow] += width - need
	return widths
}

// Header is the column titles, laid out in widths, in style st.
func Header(cols []Column, widths []int, st lipgloss.Style) string {
	r := NewRow(st)
	for i, col := range cols {
		r.Cell(widths[i], Plain(col.Title))
	}
	return r.String()
}

// Run is a piece of a cell's text in one style.
type Run struct {
	Text  string
	Style *lipgloss.Style // nil: the row's base style
}

// Plain is text in the row's base style.
func Plain(s string) Run { return Run{Text: s} }

// Styled is text in st, laid over the row's base style.
func Styled(s string, st lipgloss.Style) Run { return Run{Text: s, Style: &st} }

// Row builds one line of a list view out of cells. Each run's style is
// laid over the row's base style (plain, or the cursor's highlight) rather
// than nested inside it, because the reset at the end of nested styled
// text would cut the highlight short. Text in the base style is gathered
// and rendered once, so a row costs a few renders, not one per cell.
type Row struct {
	base    lipgloss.Style
	out     strings.Builder
	pending strings.Builder // text waiting to be rendered in base
	started bool
}

// NewRow starts a line whose text is in base unless a run says otherwise.
func NewRow(base lipgloss.Style) *Row { return &Row{base: base} }

// Cell writes runs as one cell exactly width cells wide, after a gap
// unless it is the first: cut with an ellipsis when too long, padded when
// short. Nothing is written for a width of 0 (a dropped column).
func (r *Row) Cell(width int, runs ...Run) {
	if width <= 0 {
		return
	}
	if r.started {
		r.pending.WriteString(gapText)
	}
	r.started = true
	total := 0
	for _, run := range runs {
		total += ansi.StringWidth(run.Text)
	}
	if total <= width {
		for _, run := range runs {
			r.write(run.Text, run.Style)
		}
		r.pending.WriteString(strings.Repeat(" ", width-total))
		return
	}
	room := width - ansi.StringWidth(Ellipsis)
	for _, run := range runs {
		w := ansi.StringWidth(run.Text)
		if w <= room {
			r.write(run.Text, run.Style)
			room -= w
			continue
		}
		// A wide character that does not fit whole leaves a hole, padded
		// after the ellipsis as Fit does.
		cut := ansi.Truncate(run.Text, room, "")
		r.write(cut+Ellipsis, run.Style)
		r.pending.WriteString(strings.Repeat(" ", room-ansi.StringWidth(cut)))
		return
	}
}

func (r *Row) write(s string, st *lipgloss.Style) {
	if st == nil {
		r.pending.WriteString(s)
		return
	}
	r.flush()
	if s != "" {
		r.out.WriteString(st.Inherit(r.base).Render(s))
	}
}

func (r *Row) flush() {
	if r.pending.Len() > 0 {
		r.out.WriteString(r.base.Render(r.pending.String()))
		r.pending.Reset()
	}
}

// String is the line built so far.
func (r *Row) String() string {
	r.flush()
	return r.out.String()
}

// PercentWidth is the width of the percentage after a PercentBar's bar.
const PercentWidth = len(" 100%")

// PercentBar is part of whole as a bar barWidth cells wide followed by
// the percentage (" 87%"). Both round down, so only the whole fills the
// bar and reads 100%: 999 jobs ended of 1000 must not look finished.
func PercentBar(part, whole, barWidth int, s Styles) []Run {
	part = max(0, min(part, whole))
	filled, pct := 0, 0
	if whole > 0 {
		filled, pct = part*barWidth/whole, part*100/whole
	}
	return []Run{
		Styled(strings.Repeat("█", filled), s.Progress),
		Styled(strings.Repeat("░", barWidth-filled), s.Faint),
		Plain(fmt.Sprintf(" %3d%%", pct)),
	}
}
