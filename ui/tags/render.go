package tags

import (
	"strconv"

	"github.com/charmbracelet/x/ansi"

	"superdash/ui/common"
)

// The columns, in display order.
const (
	colTag = iota
	colCount
	colShare
	colStatuses
)

const (
	barWidth = 10
	// tagCap is the most the tag column takes, so that a 500-character
	// tag does not push the counts off the screen.
	tagCap = 32
)

// columns are the view's columns for the widest tag and count among the
// rows. When the width runs out the statuses go first, then the share;
// the count, the point of the view, goes last.
func columns(tagWidth, countWidth int) []common.Column {
	return []common.Column{
		colTag:      {Title: "TAG", Width: tagWidth},
		colCount:    {Title: "COUNT", Width: countWidth, Drop: 3},
		colShare:    {Title: "SHARE", Width: barWidth + common.PercentWidth, Drop: 2},
		colStatuses: {Title: "STATUSES", Width: 20, Drop: 1, Flex: true},
	}
}

// relayout measures the rows' tags and counts and lays the columns out
// again, so View does neither. It runs on a new size or new rows.
func (m *Model) relayout() {
	tagWidth, countWidth := len("TAG"), len("COUNT")
	for _, t := range m.list.Rows() {
		tagWidth = max(tagWidth, ansi.StringWidth(t.label))
		countWidth = max(countWidth, len(strconv.Itoa(t.count)))
	}
	cols := columns(min(tagWidth, tagCap), countWidth)
	m.widths = common.Layout(m.list.Width(), cols)
	m.header = common.Header(cols, m.widths, m.c.Styles.TableHeader)
}

// View draws the header and the rows on screen: exactly the size it was
// given, whatever the number of tags.
func (m Model) View() string {
	return m.list.View(m.header, "no tags", m.row)
}

func (m Model) row(t *tag, r *common.Row) {
	s := m.c.Styles
	for col, w := range m.widths {
		switch col {
		case colTag:
			r.Cell(w, common.Plain(t.label))
		case colCount:
			r.Cell(w, common.Plain(strconv.Itoa(t.count)))
		case colShare:
			// A job can carry several tags, so shares add up to more
			// than 100%: each is of all jobs, not of all tags.
			r.Cell(w, common.PercentBar(t.count, m.jobs, barWidth, s)...)
		case colStatuses:
			r.Cell(w, t.statuses.Runs(w, s)...)
		}
	}
}
