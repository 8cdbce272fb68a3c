package batches

import (
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/x/ansi"

	"superdash/ui/common"
)

// The columns, in display order.
const (
	colBatch = iota
	colProgress
	colEnded
	colRate
	colETA
	colAge
	colStatuses
)

const (
	barWidth = 12
	// labelCap is the most the id column takes: a UUID whole, which only
	// ids sharing most of their length need. Past it a label is cut.
	labelCap = 36
)

// columns are the view's columns, sized to the widest id and
// "ended/total" among rows. When the width runs out, the age and rate go
// first, then the statuses; progress and ETA, the point of the view, go
// last.
func columns(rows []*batch) []common.Column {
	idWidth, endedWidth := len("BATCH"), len("ENDED")
	for _, b := range rows {
		idWidth = max(idWidth, ansi.StringWidth(b.label))
		endedWidth = max(endedWidth, len(endedText(b)))
	}
	return []common.Column{
		colBatch:    {Title: "BATCH", Width: min(idWidth, labelCap)},
		colProgress: {Title: "PROGRESS", Width: barWidth + common.PercentWidth, Drop: 6},
		colEnded:    {Title: "ENDED", Width: endedWidth, Drop: 4},
		colRate:     {Title: "RATE", Width: len("1234/min"), Drop: 2},
		colETA:      {Title: "ETA", Width: len("~99d left"), Drop: 5},
		colAge:      {Title: "AGE", Width: len("6d23h"), Drop: 1},
		colStatuses: {Title: "STATUSES", Width: 20, Drop: 3, Flex: true},
	}
}

// View draws the lines above the list, then the list's header and the
// rows on screen: exactly the size it was given, whatever the number of
// batches.
func (m Model) View() string {
	now := m.c.JobNow()
	return m.above() + m.StoreList.View(func(b *batch, r *common.Row) {
		m.row(b, r, now)
	})
}

func (m Model) row(b *batch, r *common.Row, now time.Time) {
	s := m.c.Styles
	recent := b.endedSince(now)
	for col, w := range m.Widths() {
		switch col {
		case colBatch:
			r.Cell(w, common.Plain(b.label))
		case colProgress:
			r.Cell(w, progressBar(b, s)...)
		case colEnded:
			r.Cell(w, common.Plain(endedText(b)))
		case colRate:
			r.Cell(w, common.Plain(common.Rate(recent)))
		case colETA:
			if text := common.ETA(b.moving(), recent, b.progress.Stalled(now)); text == common.Stalled {
				r.Cell(w, common.Styled(text, s.Warning))
			} else {
				r.Cell(w, common.Plain(text))
			}
		case colAge:
			if first := b.first(); !first.IsZero() {
				r.Cell(w, common.Plain(common.Age(now.Sub(first))))
			} else {
				r.Cell(w)
			}
		case colStatuses:
			// One symbol per class on every row, whatever fits: Runs
			// names the statuses only when they fit in the width, which
			// 0 never is, and a column of rows mixing both forms reads
			// as two tables.
			r.Cell(w, b.statuses.Runs(0, s)...)
		}
	}
}

func endedText(b *batch) string {
	return strconv.Itoa(b.ended()) + "/" + strconv.Itoa(b.total())
}

// progressBar is the batch's jobs as a bar stacked by outcome, in the
// outcomes' colours and glyphs, followed by the share ended (" 87%"),
// rounded down so that only a finished batch reads 100%.
func progressBar(b *batch, s common.Styles) []common.Run {
	pct := 0
	if total := b.total(); total > 0 {
		pct = b.ended() * 100 / total
	}
	return append(common.OutcomeBar(b.progress.Counts, barWidth, s), common.Plain(fmt.Sprintf(" %3d%%", pct)))
}
