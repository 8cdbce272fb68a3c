package instatus

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// bucketNames head the buckets' columns, in the order of
// model.InStatusBounds: disjoint ranges, each including its upper bound.
var bucketNames = [model.InStatusBuckets]string{"under 5m", "5–15m", "15–60m", "1–24h", "over 1d"}

const (
	barGlyph = "█"
	// cursorGlyph marks the bucket under the cursor, which is also in the
	// selection's style: the glyph says it without colour or reverse video.
	cursorGlyph = "▸"
	// statusCap is the most the status column takes.
	statusCap = 20
	// aboveRows are the lines above the rows: the title, a blank line and
	// the columns' header.
	aboveRows = 3
)

// drawKey is what a drawing depends on besides the counts.
type drawKey struct {
	gen           uint64
	width, height int
	status        model.Status
	bucket        int
	theme         common.Theme
}

// View draws the screen, exactly the size it was given. An idle redraw
// (same counts, size, cursor and theme) is the cached text.
func (m Model) View() string {
	c := m.counts()
	key := drawKey{gen: c.gen, width: m.width, height: m.height, status: m.status, bucket: m.bucket, theme: common.CurrentTheme()}
	if m.cache.ok && m.cache.drawn == key && m.cache.drawnText != "" {
		return m.cache.drawnText
	}
	text := common.Box(m.draw(c), m.width, m.height)
	if m.cache.ok {
		m.cache.drawn, m.cache.drawnText = key, text
	}
	return text
}

func (m Model) draw(c counted) string {
	s := m.c.Styles
	lines := []string{m.title(c)}
	switch {
	case m.store == nil:
		return strings.Join(append(lines, "", s.Faint.Render("no app watched: choose one with "+m.c.Keys.Global.SwitchApp.Help().Key)), "\n")
	case len(c.rows) == 0:
		return strings.Join(append(lines, "", s.Faint.Render("no moving jobs: every job listed has ended"), "", s.Faint.Render(noteLines[0]), s.Faint.Render(noteLines[1])), "\n")
	}
	row := m.row(c.rows)
	widths := layout(c.rows, m.width)
	scale := newScale(c.rows)
	below := append(append([]string{""}, m.selection(c.rows[row])...), "", s.Faint.Render(noteLines[0]), s.Faint.Render(noteLines[1]))
	// On a short screen the note goes first, then the line about the
	// selection: the rows are the point.
	for len(below) > 0 && aboveRows+len(c.rows)+len(below) > m.height {
		below = below[:max(len(below)-3, 0)] // the note, then the selection
	}
	room := max(m.height-aboveRows-len(below), 1)
	first := max(0, min(row-room+1, len(c.rows)-room)) // the cursor's row stays on screen
	lines = append(lines, "", m.header(widths))
	for i := first; i < min(first+room, len(c.rows)); i++ {
		lines = append(lines, m.drawRow(c.rows[i], i == row, widths, scale))
	}
	return strings.Join(append(lines, below...), "\n")
}

// noteLines is measuredFrom in two lines that fit 80 columns.
var noteLines = [2]string{
	"Counted from when superdash saw each job enter its status:",
	"a job already moving when first read counts from then.",
}

// title is the first line: what the screen shows, and when it was counted.
func (m Model) title(c counted) string {
	s := m.c.Styles
	text := s.HeaderTitle.Render("Time in status")
	text += s.Faint.Render(" · moving jobs by how long in their status")
	if !c.at.IsZero() {
		text += s.Faint.Render(" · counted " + c.at.Format("15:04:05"))
	}
	return common.Fit(text, m.width)
}

// The columns: the status, its moving jobs, then a bucket each.
const (
	colStatus = iota
	colTotal
	colBuckets
)

// layout sizes the columns: the status and the total to their widest, the
// buckets sharing what is left.
func layout(rows []model.InStatusCounts, width int) []int {
	statusW, totalW := len("STATUS"), len("MOVING")
	for _, r := range rows {
		statusW = max(statusW, ansi.StringWidth(common.StatusName(r.Status)))
		totalW = max(totalW, len(common.Thousands(r.Total())))
	}
	statusW = min(statusW, statusCap)
	cols := colBuckets + model.InStatusBuckets
	bucketW := max((width-statusW-totalW-(cols-1)*common.ColumnGap)/model.InStatusBuckets, 1)
	widths := make([]int, cols)
	widths[colStatus], widths[colTotal] = statusW, totalW
	for i := colBuckets; i < cols; i++ {
		widths[i] = bucketW
	}
	return widths
}

func (m Model) header(widths []int) string {
	r := common.NewRow(m.c.Styles.TableHeader)
	r.Cell(widths[colStatus], common.Plain("STATUS"))
	r.Cell(widths[colTotal], common.Plain(padLeft("MOVING", widths[colTotal])))
	for b, name := range bucketNames {
		r.Cell(widths[colBuckets+b], common.Plain(" "+name))
	}
	return common.Fit(r.String(), m.width)
}

// scale is what the bars of every row are measured against: the largest
// bucket of all, so that bars compare across statuses as well as along
// one, and the widest count, so that the bars of a column line up.
type scale struct{ largest, countW int }

func newScale(rows []model.InStatusCounts) scale {
	sc := scale{countW: 1}
	for _, r := range rows {
		for _, n := range r.Counts {
			sc.largest = max(sc.largest, n)
			sc.countW = max(sc.countW, len(common.Thousands(n)))
		}
	}
	return sc
}

// drawRow is one status's histogram: each bucket's bar and its count. The
// bars take the status's colour; the counts of jobs in their status for
// over an hour take the warning's, and over a day the error's, since those
// are the stuck ones.
func (m Model) drawRow(r model.InStatusCounts, selected bool, widths []int, sc scale) string {
	s := m.c.Styles
	row := common.NewRow(s.Cell)
	row.Cell(widths[colStatus], common.Styled(common.StatusName(r.Status), s.Status(r.Status)))
	row.Cell(widths[colTotal], common.Plain(padLeft(common.Thousands(r.Total()), widths[colTotal])))
	for b, n := range r.Counts {
		w := widths[colBuckets+b]
		mark, barW := " ", max(w-2-sc.countW, 0) // the mark, the bar, a space, the count
		count := padLeft(common.Thousands(n), sc.countW)
		bar := strings.Repeat(barGlyph, barCells(n, sc.largest, barW))
		bar += strings.Repeat(" ", barW-ansi.StringWidth(bar))
		if selected && b == m.bucket {
			row.Cell(w, common.Styled(cursorGlyph+bar+" "+count, s.Selection))
			continue
		}
		countStyle := s.Cell
		switch {
		case n == 0:
			countStyle = s.Faint
		case b == model.InStatusBuckets-1:
			countStyle = s.Error
		case b == model.InStatusBuckets-2:
			countStyle = s.Warning
		}
		row.Cell(w, common.Plain(mark), common.Styled(bar, s.Status(r.Status)), common.Plain(" "), common.Styled(count, countStyle))
	}
	return common.Fit(row.String(), m.width)
}

// barCells is how many of width cells a bucket of n jobs fills, the
// largest bucket filling them all. A bucket with a job gets a cell at
// least, so a single stuck job still shows.
func barCells(n, largest, width int) int {
	if n == 0 || largest == 0 || width == 0 {
		return 0
	}
	return max(n*width/largest, 1)
}

// selection says what the cursor is on, and on the next line the filter
// enter shows the table with: the query the user could type.
func (m Model) selection(r model.InStatusCounts) []string {
	s := m.c.Styles
	n := r.Counts[m.bucket]
	text := cursorGlyph + " " + common.StatusName(r.Status) + ", " + bucketNames[m.bucket] + " in it: " + common.Count(n, "job")
	query := sanitize.Line(model.InStatusQuery(r.Status, m.bucket))
	return []string{
		common.Fit(s.HeaderTitle.Render(text)+s.Faint.Render(" · "+m.c.Keys.List.Choose.Help().Key+" shows them in the table, filtered by"), m.width),
		common.Fit("  "+query, m.width),
	}
}

func padLeft(s string, width int) string {
	if n := width - ansi.StringWidth(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
