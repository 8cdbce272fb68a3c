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

// columns are the view's columns, sized to the widest tag and count among
// rows. When the width runs out the statuses go first, then the share;
// the count, the point of the view, goes last.
func columns(rows []*tag) []common.Column {
	tagWidth, countWidth := len("TAG"), len("COUNT")
	for _, t := range rows {
		tagWidth = max(tagWidth, ansi.StringWidth(t.label))
		countWidth = max(countWidth, len(strconv.Itoa(t.count)))
	}
	return []common.Column{
		colTag:      {Title: "TAG", Width: min(tagWidth, tagCap)},
		colCount:    {Title: "COUNT", Width: countWidth, Drop: 3},
		colShare:    {Title: "SHARE", Width: barWidth + common.PercentWidth, Drop: 2},
		colStatuses: {Title: "STATUSES", Width: 20, Drop: 1, Flex: true},
	}
}

// View draws the header and the rows on screen: exactly the size it was
// given, whatever the number of tags.
func (m Model) View() string {
	return m.StoreList.View(m.row)
}

func (m Model) row(t *tag, r *common.Row) {
	s := m.c.Styles
	for col, w := range m.Widths() {
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
			// One symbol per class on every row, as in the batches
			// view: Runs names the statuses only when they fit in the
			// width, which 0 never is.
			r.Cell(w, t.statuses.Runs(0, s)...)
		}
	}
}
