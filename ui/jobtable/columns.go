package jobtable

import (
	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/sanitize"
)

// colKind names a column; the constants are in display order.
type colKind int

const (
	colID colKind = iota
	colStatus
	colType
	colBatch
	colTags
	colCreated
	colWhen
	numCols
)

var headers = [numCols]string{"ID", "STATUS", "TYPE", "BATCH", "TAGS", "CREATED", "WHEN"}

// sortedColumn is the column whose values the table is sorted by: its
// header carries the arrow. WHEN shows how long a job has been in its
// status, or since it completed, so it stands for both of those orders.
func sortedColumn(key model.SortKey) colKind {
	switch key {
	case model.SortByCompleted, model.SortByTimeInStatus:
		return colWhen
	case model.SortByStatus:
		return colStatus
	case model.SortByID:
		return colID
	case model.SortByBatch:
		return colBatch
	default:
		return colCreated
	}
}

const (
	gap = 2 // spaces between columns

	statusWidth  = 15 // POST_PROCESSING, the longest known status
	statusMin    = 6  // FAILED, EXPIRED… still readable when squeezed
	typeWidth    = 12 // COLLABORATOR, the longest known job type
	createdWidth = 11 // "01-02 15:04"
	whenWidth    = 13 // "waiting 6d23h"
	tagsMin      = 10 // below this tags are noise
	idSqueezed   = 10 // enough to tell most ids apart
	idMin        = 3  // below this an id is only an ellipsis

	// An id or batch longer than its cap is cut: a uuid-keyed job still
	// shows enough to tell it apart without starving the other columns.
	idCap    = 24
	batchCap = 16
)

// dropOrder lists the optional columns least useful first. When the width
// runs out they go whole, in this order, rather than being squeezed into
// slivers; dropping strictly in order means a column never comes back as
// the terminal narrows, so resizing does not make columns flicker.
var dropOrder = []colKind{colTags, colType, colBatch, colCreated, colWhen}

type column struct {
	kind  colKind
	width int
}

// layout picks the columns that fit width, in display order, with widths
// (plus gaps) that add up to exactly width. ID and STATUS are kept,
// squeezed if they must be (below about a dozen cells only the ID is
// left); TAGS takes whatever the others leave.
func layout(width, idWant, batchWant int) []column {
	if width <= 0 {
		return nil
	}
	// Too narrow for both in full, a long id gives way first (down to
	// idSqueezed), then the status (down to statusMin), then the id again.
	var w [numCols]int
	w[colStatus] = min(statusWidth, max(width-gap-min(idWant, idSqueezed), statusMin))
	w[colID] = min(idWant, width-gap-w[colStatus])
	if w[colID] < min(idWant, idMin) {
		return []column{{colID, width}}
	}
	used := w[colID] + gap + w[colStatus]

	want := [numCols]int{colType: typeWidth, colBatch: batchWant, colTags: tagsMin, colCreated: createdWidth, colWhen: whenWidth}
	need := used
	for _, k := range dropOrder {
		need += gap + want[k]
	}
	// This ends with need == used at worst, which fits.
	dropped := 0
	for need > width {
		need -= gap + want[dropOrder[dropped]]
		dropped++
	}
	for _, k := range dropOrder[dropped:] {
		w[k] = want[k]
	}

	// The slack goes to TAGS, the one column that can use it; without TAGS
	// it pads the last column, so every row still spans the full width.
	slack := width - need
	if w[colTags] > 0 {
		w[colTags], slack = w[colTags]+slack, 0
	}
	cols := make([]column, 0, numCols)
	for k := range numCols {
		if w[k] > 0 {
			cols = append(cols, column{k, w[k]})
		}
	}
	cols[len(cols)-1].width += slack
	return cols
}

// contentWidth is the width the widest value of field asks for among jobs,
// at least floor (the header) and at most limit. It is a full scan, but a
// cheap one: a value's width once sanitised is at most its length in bytes
// (no byte becomes more than one cell), so only values longer than the
// widest so far are measured, and the scan stops once the cap is reached.
func contentWidth(jobs []*model.Job, field func(*model.Job) string, floor, limit int) int {
	widest := floor
	for _, j := range jobs {
		if widest >= limit {
			return limit
		}
		if v := field(j); len(v) > widest {
			widest = max(widest, ansi.StringWidth(sanitize.Line(v)))
		}
	}
	return min(widest, limit)
}

func batchID(j *model.Job) string { return j.BatchID }

// batchLabel is how the BATCH column shows j's batch: by the label
// SetBatchLabels gave it (a long id's shortest unique prefix), else whole.
func (m Model) batchLabel(j *model.Job) string {
	if label, ok := m.batchLabels[j.BatchID]; ok {
		return label
	}
	return sanitize.Line(j.BatchID)
}
