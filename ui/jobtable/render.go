package jobtable

import (
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

var gapText = strings.Repeat(" ", gap)

// The gutter left of the ID (see SetMarked and SetStatusChanges): a cell
// for the mark, a cell for the change mark, and the least width that
// keeps them. The change mark is a glyph as well as a tint, so that it
// shows under NO_COLOR too.
const (
	markText       = "*"
	changeMarkText = "•"
	noMarkText     = " "
	gutterMin      = 12
)

// View draws the header and the rows on screen: exactly height lines of
// exactly width cells each.
//
// What it drew is kept, as a whole and row by row. The whole frame is
// handed back while nothing it shows changed: the list, the cursor or the
// window, the size, focus, the empty message, pending labels, marks, the
// theme, or the text of an age or a date on screen ("3m ago" becoming "4m
// ago"), or a change mark expiring. Otherwise only the rows that changed
// are drawn again: the one whose age rolled over, the two the cursor moved
// between.
func (m Model) View() string {
	// The wall clocks alone: ages are read on the jobs' clock, change
	// marks on the store's, and the frame's span is compared on them too
	// (a monotonic reading would miss a clock step).
	now, wall := m.c.JobNow().Round(0), m.c.Now().Round(0)
	if m.frame == nil {
		return m.render(now, wall, nil).view
	}
	key := m.frameKey()
	if m.frame.holds(key, now, wall) {
		return m.frame.view
	}
	d := m.render(now, wall, m.frame.rows)
	m.frame.keep(key, now, d)
	return d.view
}

// render draws the frame at now (the jobs' clock) and wall (the change
// marks'), taking from kept the rows that still hold.
func (m Model) render(now, wall time.Time, kept map[*model.Job]keptRow) drawn {
	if m.height == 0 {
		return drawn{lasts: forever}
	}
	var b strings.Builder
	if m.markerLines() > 0 {
		b.WriteString(common.ArrivedLine(m.c, m.arrived, m.width))
		b.WriteByte('\n')
	}
	b.WriteString(m.header)
	if len(m.jobs) == 0 {
		m.writeEmpty(&b)
		return drawn{view: b.String(), lasts: forever}
	}
	d := drawn{lasts: forever}
	end := min(m.at.Offset+m.rows(), len(m.jobs))
	d.rows = make(map[*model.Job]keptRow, end-m.at.Offset)
	for i := m.at.Offset; i < end; i++ {
		j := m.jobs[i]
		markUntil, marked := m.changeMark(j, wall)
		if marked && (d.marksUntil.IsZero() || markUntil.Before(d.marksUntil)) {
			d.marksUntil = markUntil
		}
		key := m.rowKey(i, marked)
		r, ok := kept[j]
		if !ok || !r.holds(key, now) {
			r = keptRow{key: key, from: now, until: now.Add(timeCellsLast(j, now)), view: m.row(i, now, marked)}
		}
		d.rows[j] = r
		d.lasts = min(d.lasts, r.until.Sub(now))
		b.WriteByte('\n')
		b.WriteString(r.view)
	}
	blank := strings.Repeat(" ", m.width)
	for range m.rows() - (end - m.at.Offset) {
		b.WriteByte('\n')
		b.WriteString(blank)
	}
	d.view = b.String()
	return d
}

// relayout recomputes the columns and the header line after a change of
// width or of content widths, so View does neither.
func (m *Model) relayout() {
	m.cols = layout(m.width-m.gutter(), m.idWidth, m.batchWidth)
	var b strings.Builder
	if m.gutter() > 0 {
		b.WriteString(noMarkText + noMarkText)
	}
	for i, col := range m.cols {
		if i > 0 {
			b.WriteString(gapText)
		}
		title := headers[col.kind]
		if col.kind == sortedColumn(m.sort.Key) {
			// A squeezed column cuts its name, never the arrow.
			arrow := " " + common.SortArrow(m.sort.Desc)
			title = common.Cut(title, max(col.width-2, 1)) + arrow // the arrow and its space: 2 cells
		}
		b.WriteString(common.Fit(title, col.width))
	}
	m.header = styled(m.c.Styles.TableHeader, b.String())
}

// gutter is the width of the marks' gutter: 0 while no marks are shown.
func (m *Model) gutter() int {
	if (m.marked == nil && m.changedAt == nil) || m.width < gutterMin {
		return 0
	}
	return 2 // the mark's cell and the change mark's
}

// writeEmpty writes the rows of an empty table: blank, but for the empty
// message centred on the middle line.
func (m Model) writeEmpty(b *strings.Builder) {
	blank := strings.Repeat(" ", m.width)
	msg := common.Cut(sanitize.Line(m.emptyMsg), m.width)
	left := (m.width - ansi.StringWidth(msg)) / 2
	right := m.width - left - ansi.StringWidth(msg)
	for i := range m.rows() {
		b.WriteByte('\n')
		if i != (m.rows()-1)/2 {
			b.WriteString(blank)
			continue
		}
		b.WriteString(blank[:left])
		b.WriteString(styled(m.c.Styles.Faint, msg))
		b.WriteString(blank[:right])
	}
}

// row draws row i, tinted and marked as a change when statusChanged (see
// changeMark), unless it is the cursor's, whose highlight says more. Cells are cut and padded as plain text, then styled in
// at most three runs (before the status, the status, after it), each with
// the row's base style. The status colour is laid over that base rather
// than nested inside it, because the reset at the end of nested styled text
// would cut the cursor row's highlight short.
func (m Model) row(i int, now time.Time, statusChanged bool) string {
	j := m.jobs[i]
	status, statusStyle := sanitize.Line(string(j.Status)), m.c.Styles.Status(j.Status)
	if label, ok := m.pending[j.Key()]; ok {
		status, statusStyle = sanitize.Line(label), m.c.Styles.Faint
	}

	var before, after strings.Builder
	out, statusCell := &before, ""
	if m.gutter() > 0 {
		before.WriteString(pick(m.marked != nil && m.marked(j.Key()), markText, noMarkText))
		before.WriteString(pick(statusChanged, changeMarkText, noMarkText))
	}
	for n, col := range m.cols {
		if n > 0 {
			out.WriteString(gapText)
		}
		if col.kind == colStatus {
			statusCell, out = common.Fit(status, col.width), &after
			continue
		}
		out.WriteString(common.Fit(m.cellText(j, col.kind, now), col.width))
	}

	base := m.c.Styles.Cell
	if statusChanged {
		base = m.c.Styles.Info
	}
	if i == m.at.Cursor {
		base = m.c.Styles.Selection
		if !m.focused {
			base = m.blurred
		}
	}
	return styled(base, before.String()) + styled(statusStyle.Inherit(base), statusCell) + styled(base, after.String())
}

// pick is yes when cond holds, else no.
func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// styled renders s, skipping empty runs, which would otherwise still cost
// a pair of escape sequences.
func styled(st lipgloss.Style, s string) string {
	if s == "" {
		return ""
	}
	return st.Render(s)
}

// cellText is the plain, sanitised text of one cell, before fitting.
func (m Model) cellText(j *model.Job, k colKind, now time.Time) string {
	switch k {
	case colID:
		return sanitize.Line(j.Key())
	case colType:
		return sanitize.Line(j.JobType)
	case colBatch:
		return m.batchLabel(j)
	case colTags:
		return sanitize.Line(joinTags(j.Tags))
	case colCreated:
		return created(j.Created, now)
	case colWhen:
		return when(j, now)
	}
	return ""
}

// tagsCellMax bounds the tag text built for a cell: no column is wider,
// and a job with 10,000 tags must not cost a 10,000-tag join per frame.
const tagsCellMax = 512

// joinTags lists tags comma-separated, stopping once the text is longer
// than any cell can show (the cell then ends in an ellipsis anyway).
func joinTags(tags []string) string {
	var b strings.Builder
	for i, t := range tags {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t)
		if b.Len() > tagsCellMax {
			break
		}
	}
	return b.String()
}

// created is a job's creation time in UTC, so screens read the same on every
// machine: "01-02 15:04" within the current year, the date alone before it.
func created(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	if t.Year() != now.UTC().Year() {
		return t.Format("2006-01-02")
	}
	return t.Format("01-02 15:04")
}

// timeCellsLast is how long past now the CREATED and WHEN cells of j read
// as they do at now: until the age WHEN shows rolls over, or, for the
// date CREATED shows, until the year ends.
func timeCellsLast(j *model.Job, now time.Time) time.Duration {
	d := forever
	if !j.Created.IsZero() {
		utc := now.UTC()
		d = time.Date(utc.Year()+1, time.January, 1, 0, 0, 0, 0, time.UTC).Sub(utc)
	}
	switch {
	case j.Status.Ended() && !j.Completed.IsZero():
		d = min(d, common.AgeChangesIn(now.Sub(j.Completed)))
	case !j.Status.Ended() && !j.Created.IsZero():
		d = min(d, common.AgeChangesIn(now.Sub(j.Created)))
	}
	return d
}

// moving names what a job that has not ended is doing, by status class.
var moving = map[model.Class]string{
	model.ClassUnknown:   "age",
	model.ClassQueued:    "queued",
	model.ClassRunning:   "running",
	model.ClassAttention: "waiting",
}

// when is the last column: for an ended job how long ago it ended ("3m
// ago"), for a moving one what it is doing and how old it is ("running
// 4m"). The age counts from creation: the API does not say when a job
// entered its current status.
func when(j *model.Job, now time.Time) string {
	if j.Status.Ended() {
		if j.Completed.IsZero() {
			return ""
		}
		return common.Age(now.Sub(j.Completed)) + " ago"
	}
	if j.Created.IsZero() {
		return moving[j.Status.Class()]
	}
	return moving[j.Status.Class()] + " " + common.Age(now.Sub(j.Created))
}
