package batches

import (
	"strings"

	"superdash/ui/common"
)

// aboveLines is how many lines the view draws above the list at a size:
// the legend of the progress bars, when the list keeps room for a few
// rows under it.
func aboveLines(width, height int) int {
	if width <= 0 || height < legendMinHeight {
		return 0
	}
	return 1
}

// legendMinHeight is the least height at which the legend shows: below
// it every line goes to the list.
const legendMinHeight = 4

// above draws the lines above the list, each exactly width cells wide.
func (m Model) above() string {
	if aboveLines(m.width, m.height) == 0 {
		return ""
	}
	var b strings.Builder
	line := common.NewRow(m.c.Styles.Cell)
	line.Cell(m.width, common.OutcomeLegend(nil, m.c.Styles)...)
	b.WriteString(line.String())
	b.WriteByte('\n')
	return b.String()
}
